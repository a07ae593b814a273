/* speedups._native: a CPython extension module, as a wheel's native part is. It calls libyaml
 * (libyaml-0.so.2, Debian's libyaml-0-2 in the full image, not in min), so importing it fails
 * with the loader's "cannot open shared object file" where that package is missing. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern const char *yaml_get_version_string(void);

static PyObject *yaml_version(PyObject *self, PyObject *args) {
  (void)self;
  (void)args;
  return PyUnicode_FromString(yaml_get_version_string());
}

static PyMethodDef methods[] = {
    {"yaml_version", yaml_version, METH_NOARGS, "The version of the libyaml this module was loaded with."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
