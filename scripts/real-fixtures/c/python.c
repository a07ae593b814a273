/* The Python backend: embeds the image's libpython, puts <model>/1 on sys.path, imports
 * model.py and runs TritonPythonModel.initialize() and execute() (model.py uses numpy from
 * dist-packages and the stdlib). Python's own error text is the model's status. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <dlfcn.h>
#include "fixture_backend.h"

static void pyerr(char *err, size_t len) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  PyObject *s = v ? PyObject_Str(v) : NULL;
  const char *msg = s ? PyUnicode_AsUTF8(s) : "";
  snprintf(err, len, "%s: %s", t ? ((PyTypeObject *)t)->tp_name : "Error", msg ? msg : "");
  Py_XDECREF(s);
  Py_XDECREF(t);
  Py_XDECREF(v);
  Py_XDECREF(tb);
}

/* A model whose model.py is in `code_dir`: its own version folder, or a Python-based
 * backend's folder (backends/<name>/model.py, as Triton runs vllm's). */
int TRITONBACKEND_ModelInitializeFrom(const char *code_dir, const char *model_dir, void **state, char *err, size_t errlen) {
  if (!Py_IsInitialized()) {
    /* extension modules (numpy, lib-dynload) take libpython's symbols from the global scope */
    dlopen(PYLIB, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
    Py_InitializeEx(0);
  }
  PyObject *path = PySys_GetObject("path");
  PyObject *d = PyUnicode_FromString(code_dir);
  PyList_Insert(path, 0, d);
  Py_DECREF(d);
  PyObject *mod = PyImport_ImportModule("model");
  PyList_SetSlice(path, 0, 1, NULL);
  PyObject *cls = mod ? PyObject_GetAttrString(mod, "TritonPythonModel") : NULL;
  PyObject *inst = cls ? PyObject_CallNoArgs(cls) : NULL;
  PyObject *args = inst ? Py_BuildValue("{s:s}", "model_repository", model_dir) : NULL;
  PyObject *r = args ? PyObject_CallMethod(inst, "initialize", "(O)", args) : NULL;
  if (!r) {
    pyerr(err, errlen);
    return 1;
  }
  Py_DECREF(r);
  PyDict_DelItemString(PyImport_GetModuleDict(), "model"); /* each model its own model.py */
  *state = inst;
  return 0;
}

int TRITONBACKEND_ModelInitialize(const char *model_dir, void **state, char *err, size_t errlen) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/1", model_dir);
  return TRITONBACKEND_ModelInitializeFrom(dir, model_dir, state, err, errlen);
}

int TRITONBACKEND_ModelInstanceExecute(void *state, const float *in, float *out, size_t n, char *err, size_t errlen) {
  PyObject *list = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; i < n; i++) PyList_SetItem(list, (Py_ssize_t)i, PyFloat_FromDouble(in[i]));
  PyObject *r = PyObject_CallMethod((PyObject *)state, "execute", "(O)", list);
  Py_DECREF(list);
  if (!r) {
    pyerr(err, errlen);
    return 1;
  }
  for (size_t i = 0; i < n; i++) {
    PyObject *item = PySequence_GetItem(r, (Py_ssize_t)i);
    out[i] = item ? (float)PyFloat_AsDouble(item) : 0;
    Py_XDECREF(item);
  }
  Py_DECREF(r);
  return 0;
}
