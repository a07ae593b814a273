/* A CUDA-like library (cuBLAS, cuSPARSE, HPC-X, ...): one entry point SYM that, when CALL
 * is given, calls into the library it needs (so its DT_NEEDED entry is really used). The file
 * is padded with incompressible data to NGC's relative size when the image is made. */
#include <stddef.h>
#ifdef CALL
extern int CALL(char *err, size_t len);
#endif
int SYM(char *err, size_t len) {
#ifdef CALL
  return CALL(err, len);
#else
  (void)err;
  (void)len;
  return 0;
#endif
}
