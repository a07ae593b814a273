/* The ONNX Runtime backend: a session from <model>/1/model.onnx and one run. With REAL_ORT it
 * uses ONNX Runtime's C API (Debian's libonnxruntime, bundled in the backend folder with
 * RUNPATH $ORIGIN, as NVIDIA bundles it); otherwise the era's stand-in. */
#include <stdio.h>
#include <string.h>
#include "fixture_backend.h"
#ifdef REAL_ORT
#include <onnxruntime_c_api.h>
static const OrtApi *api;
static OrtEnv *env;
static int failed(OrtStatus *s, char *err, size_t len) {
  if (!s) return 0;
  snprintf(err, len, "onnx runtime error %d: %s", (int)api->GetErrorCode(s), api->GetErrorMessage(s));
  api->ReleaseStatus(s);
  return 1;
}
int TRITONBACKEND_ModelInitialize(const char *model_dir, void **state, char *err, size_t errlen) {
  char path[4096];
  OrtSessionOptions *opts;
  OrtSession *session;
  snprintf(path, sizeof path, "%s/1/model.onnx", model_dir);
  api = OrtGetApiBase()->GetApi(ORT_API_VERSION);
  if (!env && failed(api->CreateEnv(ORT_LOGGING_LEVEL_WARNING, "triton", &env), err, errlen)) return 1;
  if (failed(api->CreateSessionOptions(&opts), err, errlen)) return 1;
  api->SetIntraOpNumThreads(opts, 1);
  if (failed(api->CreateSession(env, path, opts, &session), err, errlen)) return 1;
  api->ReleaseSessionOptions(opts);
  *state = session;
  return 0;
}
int TRITONBACKEND_ModelInstanceExecute(void *state, const float *in, float *out, size_t n, char *err, size_t errlen) {
  OrtMemoryInfo *mem;
  OrtValue *x = NULL, *y = NULL;
  int64_t shape[1] = {(int64_t)n};
  const char *in_names[1] = {"x"}, *out_names[1] = {"y"};
  float *data;
  if (failed(api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &mem), err, errlen)) return 1;
  if (failed(api->CreateTensorWithDataAsOrtValue(mem, (void *)in, n * sizeof(float), shape, 1, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &x), err, errlen)) return 1;
  if (failed(api->Run((OrtSession *)state, NULL, in_names, (const OrtValue *const *)&x, 1, out_names, 1, &y), err, errlen)) return 1;
  if (failed(api->GetTensorMutableData(y, (void **)&data), err, errlen)) return 1;
  memcpy(out, data, n * sizeof(float));
  api->ReleaseValue(x);
  api->ReleaseValue(y);
  api->ReleaseMemoryInfo(mem);
  return 0;
}
#else
extern int OrtFixtureCreateSession(const char *path, void **session, char *err, size_t len);
extern void OrtFixtureRun(void *session, const float *in, float *out, size_t n);
int TRITONBACKEND_ModelInitialize(const char *model_dir, void **state, char *err, size_t errlen) {
  char path[4096];
  snprintf(path, sizeof path, "%s/1/model.onnx", model_dir);
  return OrtFixtureCreateSession(path, state, err, errlen);
}
int TRITONBACKEND_ModelInstanceExecute(void *state, const float *in, float *out, size_t n, char *err, size_t errlen) {
  (void)err;
  (void)errlen;
  OrtFixtureRun(state, in, out, n);
  return 0;
}
#endif
