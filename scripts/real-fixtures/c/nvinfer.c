/* TensorRT's runtime: creating it initialises CUDA (the runtime opens the driver) and opens the
 * builder resource library (BUILDER_RESOURCE) with dlopen(), as TensorRT does when an engine is
 * built or deserialized, then creates a cuDNN handle (which opens cuDNN's sub-libraries). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
extern int cudaFixtureInitDriver(char *err, size_t len);
extern int cublasCreate(char *err, size_t len);
extern int cudnnCreate(char *err, size_t len);
int createInferRuntime_INTERNAL(char *err, size_t len) {
  if (cudaFixtureInitDriver(err, len)) return 1;
  if (!dlopen(BUILDER_RESOURCE, RTLD_NOW | RTLD_LOCAL)) {
    snprintf(err, len, "Error Code 6: API Usage Error (Unable to load library: %s)", dlerror());
    return 1;
  }
  return cublasCreate(err, len) || cudnnCreate(err, len);
}
