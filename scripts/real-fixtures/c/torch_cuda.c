/* libtorch_cuda.so: linked against CUDA, cuDNN, NCCL (and, beside Debian's real libtorch_cpu,
 * which has no CUDA side, HPC-X: found only through LD_LIBRARY_PATH) as NGC's is. AT_INIT: it
 * also holds at_init, called when a model loads (UCX is Debian's real one there: its entry points
 * differ from the stand-in's, so only UCC is called). at_cuda_lazy_init is PyTorch's lazy side:
 * NVRTC and the driver opened with dlopen() on first use (LazyNVRTC), and a NCCL communicator. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
extern int ncclFixtureCommInit(char *err, size_t len);
#ifdef AT_INIT
extern int cublasCreate(char *err, size_t len);
extern int ncclGetVersion(char *err, size_t len);
extern int ucc_init(char *err, size_t len);
int at_init(char *err, size_t len) {
  if (cublasCreate(err, len) || ncclGetVersion(err, len) || ucc_init(err, len)) return 1;
  return 0;
}
#endif
static void *lazy(const char *name, char *err, size_t len) {
  void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!h) snprintf(err, len, "Error in dlopen: %s", dlerror());
  return h;
}
int at_cuda_lazy_init(char *err, size_t len) {
  void *nvrtc = lazy("libnvrtc.so.12", err, len);
  if (!nvrtc) return 1;
  int (*compile)(char *, size_t) = (int (*)(char *, size_t))dlsym(nvrtc, "nvrtcFixtureCompile");
  if (!compile) {
    snprintf(err, len, "Error in dlsym: %s", dlerror());
    return 1;
  }
  if (compile(err, len)) return 1;
  if (!lazy("libcuda.so.1", err, len)) return 1;
  return ncclFixtureCommInit(err, len);
}
