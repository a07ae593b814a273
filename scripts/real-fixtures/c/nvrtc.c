/* NVRTC: compiling a program opens its builtins library (BUILTINS, named by the CUDA
 * major.minor) with dlopen(), as libnvrtc does; without it the compile fails with NVRTC's
 * message. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
int nvrtcVersion(int *major, int *minor) {
  *major = 12;
  *minor = 3;
  return 0;
}
int nvrtcFixtureCompile(char *err, size_t len) {
  if (!dlopen(BUILTINS, RTLD_NOW | RTLD_LOCAL)) {
    snprintf(err, len, "nvrtc: error: failed to open " BUILTINS ". Make sure that " BUILTINS " is installed correctly. (%s)", dlerror());
    return 7;
  }
  return 0;
}
