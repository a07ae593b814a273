/* The backend interface of the fixture server: Triton's entry point names, simpler signatures.
 * A backend fills `err` with the reason (the loader's or the engine's own text) and returns
 * non-zero when a model cannot load or run. */
#ifndef FIXTURE_BACKEND_H
#define FIXTURE_BACKEND_H
#include <stddef.h>
int TRITONBACKEND_ModelInitialize(const char *model_dir, void **state, char *err, size_t errlen);
/* The python backend's alone: model.py from code_dir, a Python-based backend's folder (vllm). */
int TRITONBACKEND_ModelInitializeFrom(const char *code_dir, const char *model_dir, void **state, char *err, size_t errlen);
int TRITONBACKEND_ModelInstanceExecute(void *state, const float *in, float *out, size_t n, char *err, size_t errlen);
#endif
