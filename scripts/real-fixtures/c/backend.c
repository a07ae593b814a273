/* A backend that needs CUDA-like libraries (DT_NEEDED, linked in) and runs a trivial op.
 * INIT, when given, is called at model load (e.g. TensorRT creating its runtime, which
 * creates a cuDNN handle). OP: 0 identity, 1 square. */
#include <string.h>
#include "fixture_backend.h"
#ifdef INIT
extern int INIT(char *err, size_t len);
#endif
#ifndef OP
#define OP 0
#endif
int TRITONBACKEND_ModelInitialize(const char *model_dir, void **state, char *err, size_t errlen) {
  (void)model_dir;
  *state = NULL;
#ifdef INIT
  return INIT(err, errlen);
#else
  (void)err;
  (void)errlen;
  return 0;
#endif
}
int TRITONBACKEND_ModelInstanceExecute(void *state, const float *in, float *out, size_t n, char *err, size_t errlen) {
  (void)state;
  (void)err;
  (void)errlen;
  for (size_t i = 0; i < n; i++) out[i] = OP == 1 ? in[i] * in[i] : in[i];
  return 0;
}
