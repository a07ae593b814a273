/* libtorch_cuda.so beside Debian's real libtorch_cpu (which has no CUDA side): linked against
 * CUDA, cuDNN, NCCL and HPC-X libraries as NGC's is (HPC-X is found only through
 * LD_LIBRARY_PATH), and called when a model loads. UCX is Debian's real one here: its entry
 * points differ from the stand-in's, so only UCC is called. */
#include <stddef.h>
extern int cublasCreate(char *err, size_t len);
extern int ncclGetVersion(char *err, size_t len);
extern int ucc_init(char *err, size_t len);
int at_init(char *err, size_t len) {
  if (cublasCreate(err, len) || ncclGetVersion(err, len) || ucc_init(err, len)) return 1;
  return 0;
}
