/* The PyTorch backend: loads TorchScript-like work through libtorch (bundled in the backend
 * folder, found through RUNPATH $ORIGIN). With REAL_TORCH it runs the op through Debian's
 * libtorch_cpu (its C shim, the ABI AOTInductor's generated code calls), and libtorch_cuda.so
 * (torch_cuda.c) is the CUDA side; otherwise torch.c stands in for libtorch_cpu. Loading a model
 * runs libtorch_cuda's lazy initialisation too (NVRTC, the driver, a NCCL communicator). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "fixture_backend.h"
extern int at_init(char *err, size_t len);
extern int at_cuda_lazy_init(char *err, size_t len);
#ifdef REAL_TORCH
#include <stdint.h>
typedef struct AtenTensorOpaque *AtenTensorHandle;
extern int32_t aoti_torch_device_type_cpu(void);
extern int32_t aoti_torch_dtype_float32(void);
extern int32_t aoti_torch_create_tensor_from_blob(void *data, int64_t ndim, const int64_t *sizes, const int64_t *strides,
                                                  int64_t offset, int32_t dtype, int32_t device_type, int32_t device_index,
                                                  AtenTensorHandle *ret);
extern int32_t aoti_torch_cpu_mul_Scalar(AtenTensorHandle self, double other, AtenTensorHandle *ret);
extern int32_t aoti_torch_get_data_ptr(AtenTensorHandle tensor, void **ret);
extern int32_t aoti_torch_delete_tensor_object(AtenTensorHandle tensor);
#else
extern void at_mul(const float *in, float *out, size_t n, float k);
#endif
int TRITONBACKEND_ModelInitialize(const char *model_dir, void **state, char *err, size_t errlen) {
  char path[4096];
  struct stat st;
  *state = NULL;
  snprintf(path, sizeof path, "%s/1/model.pt", model_dir);
  if (stat(path, &st) != 0) {
    snprintf(err, errlen, "unable to find '%s' for model instance", path);
    return 1;
  }
  return at_init(err, errlen) || at_cuda_lazy_init(err, errlen);
}
int TRITONBACKEND_ModelInstanceExecute(void *state, const float *in, float *out, size_t n, char *err, size_t errlen) {
  (void)state;
#ifdef REAL_TORCH
  /* y = x * 2: a tensor over the request's buffer, one ATen op, the result copied out */
  int64_t sizes[1] = {(int64_t)n}, strides[1] = {1};
  AtenTensorHandle x = NULL, y = NULL;
  void *data = NULL;
  int rc = aoti_torch_create_tensor_from_blob((void *)in, 1, sizes, strides, 0, aoti_torch_dtype_float32(),
                                              aoti_torch_device_type_cpu(), 0, &x);
  if (!rc) rc = aoti_torch_cpu_mul_Scalar(x, 2.0, &y);
  if (!rc) rc = aoti_torch_get_data_ptr(y, &data);
  if (!rc) memcpy(out, data, n * sizeof(float));
  if (y) aoti_torch_delete_tensor_object(y);
  if (x) aoti_torch_delete_tensor_object(x);
  if (rc) snprintf(err, errlen, "libtorch: the mul op failed (AOTITorchError %d)", rc);
  return rc;
#else
  (void)err;
  (void)errlen;
  at_mul(in, out, n, 2.0f);
  return 0;
#endif
}
