/* The CUDA runtime. It has no DT_NEEDED entry on the driver: like libcudart, it opens
 * libcuda.so.1 with dlopen() when it first needs a context, and without it a caller gets
 * cudaErrorInsufficientDriver (35). There is no GPU here, so the device count is always that. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
int cudaRuntimeGetVersion(char *err, size_t len) {
  (void)err;
  (void)len;
  return 0;
}
int cudaGetDeviceCount(int *count) {
  *count = 0;
  return 35;
}
/* What a first cudaFree(0) does: load the driver and let it initialise (and load its kernels). */
int cudaFixtureInitDriver(char *err, size_t len) {
  void *h = dlopen("libcuda.so.1", RTLD_NOW | RTLD_GLOBAL);
  if (!h) {
    snprintf(err, len, "CUDA initialization failure with error: 35. %s", dlerror());
    return 35;
  }
  int (*init)(char *, size_t) = (int (*)(char *, size_t))dlsym(h, "cuFixtureInit");
  if (!init) {
    snprintf(err, len, "CUDA initialization failure with error: 35. %s", dlerror());
    return 35;
  }
  return init(err, len);
}
