/* Stand-in for libonnxruntime where the era has none (bookworm): reads the model file and
 * computes its one graph (y = x + x) with OpenMP, so it needs libgomp.so.1 as ONNX Runtime
 * does. */
#include <stdio.h>
#include <stdlib.h>
int OrtFixtureCreateSession(const char *path, void **session, char *err, size_t len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, len, "Load model from %s failed:Load model %s failed. File doesn't exist", path, path);
    return 1;
  }
  fclose(f);
  *session = (void *)1;
  return 0;
}
void OrtFixtureRun(void *session, const float *in, float *out, size_t n) {
  (void)session;
#pragma omp parallel for
  for (size_t i = 0; i < n; i++) out[i] = in[i] + in[i];
}
