/* The CUDA driver (NGC's forward-compatibility copy). Its kernels here ship as PTX, so loading
 * them opens the driver's JIT compilers with dlopen(), found beside it through the loader's
 * search; without them the load fails with CUDA_ERROR_JIT_COMPILER_NOT_FOUND (221). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
int cuInit(unsigned flags) {
  (void)flags;
  return 0;
}
int cuFixtureInit(char *err, size_t len) {
  static const char *jit[] = {"libnvidia-ptxjitcompiler.so.1", "libnvidia-nvvm.so.4", NULL};
  for (int i = 0; jit[i]; i++) {
    if (!dlopen(jit[i], RTLD_NOW | RTLD_LOCAL)) {
      snprintf(err, len, "CUDA_ERROR_JIT_COMPILER_NOT_FOUND: PTX JIT compiler library not found (%s)", dlerror());
      return 221;
    }
  }
  return 0;
}
