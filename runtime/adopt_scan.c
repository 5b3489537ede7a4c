/* adopt_candidates: which already-imported modules may have an artifact.

   At activation pyaot_boot offers every module in sys.modules for adoption.
   Almost none has an artifact, and finding that out in Python cost about
   0.7 M instructions of every start-up. This filter works out the artifact
   path as pyaot_boot does for the common shapes (frozen stdlib modules with
   a known file, source and sourceless file loaders, absolute paths) and
   drops a module only when nothing exists at that path. Whatever it is
   unsure of stays in the list: pyaot_boot._adopt remains the one place
   that decides. */
#include "runtime.h"

#include <sys/stat.h>

static int contains(PyObject *s, const char *needle)
{
    PyObject *sub = PyUnicode_FromString(needle);
    Py_ssize_t at = sub != NULL ? PyUnicode_Find(s, sub, 0, PY_SSIZE_T_MAX, 1) : -2;
    Py_XDECREF(sub);
    if (at == -2)
        PyErr_Clear();
    return at != -1;
}

/* "/a/b/name.py" -> "/a/b/__pycache__/name.<tag>" (the .pyc path less
   ".pyc"), as pyaot_boot._source_pyc spells out its common case. NULL, with
   no error set, for any other shape. */
static PyObject *pycache_base(PyObject *source, PyObject *tag)
{
    if (!PyUnicode_CheckExact(source) || PyUnicode_GET_LENGTH(source) == 0 ||
        PyUnicode_READ_CHAR(source, 0) != '/')
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(source);
    Py_ssize_t slash = PyUnicode_FindChar(source, '/', 0, n, -1);
    if (slash <= 0 || PyUnicode_READ_CHAR(source, slash - 1) == '/')
        return NULL;
    Py_ssize_t dot = PyUnicode_FindChar(source, '.', slash + 1, n, -1);
    if (dot <= slash + 1)
        return NULL;
    PyObject *head = PyUnicode_Substring(source, 0, slash);
    PyObject *name = PyUnicode_Substring(source, slash + 1, dot);
    PyObject *out = NULL;
    if (head != NULL && name != NULL)
        out = PyUnicode_FromFormat("%U/__pycache__/%U.%U", head, name, tag);
    Py_XDECREF(head);
    Py_XDECREF(name);
    if (out == NULL)
        PyErr_Clear();
    return out;
}

/* Whether a file exists where pyaot_boot.artifact_path puts the artifact
   for `base` (a .pyc path less ".pyc"): 0 no, 1 yes or cannot tell. */
static int artifact_may_exist(PyObject *base, PyObject *prefix)
{
    PyObject *path;
    if (prefix == Py_None)
        path = PyUnicode_FromFormat("%U.pyaot.so", base);
    else if (PyUnicode_READ_CHAR(base, 0) != '/' || contains(base, "//") || contains(base, "/."))
        return 1;  /* os.path.abspath could change it */
    else
        path = PyUnicode_FromFormat("%U%U.pyaot.so", prefix, base);
    PyObject *bytes = path != NULL ? PyUnicode_EncodeFSDefault(path) : NULL;
    Py_XDECREF(path);
    if (bytes == NULL) {
        PyErr_Clear();
        return 1;
    }
    struct stat sb;
    int found = stat(PyBytes_AS_STRING(bytes), &sb) == 0;
    Py_DECREF(bytes);
    return found;
}

/* The .pyc path less ".pyc" that pyaot_boot._adopt would check for this
   spec's loader; Py_None when it adopts nothing from that loader; NULL
   (no error set) when this filter cannot tell. */
static PyObject *spec_base(PyObject *spec, PyObject *const *kinds, PyObject *tag)
{
    PyObject *origin = PyObject_GetAttrString(spec, "origin");
    PyObject *loader = origin != NULL ? PyObject_GetAttrString(spec, "loader") : NULL;
    PyObject *base = NULL;
    if (origin == Py_None) {
        base = Py_NewRef(Py_None);
    }
    else if (loader == kinds[0]) {
        PyObject *state = PyObject_GetAttrString(spec, "loader_state");
        PyObject *file = state != NULL ? PyObject_GetAttrString(state, "filename") : NULL;
        base = file != NULL ? pycache_base(file, tag) : NULL;
        Py_XDECREF(file);
        Py_XDECREF(state);
    }
    else if (loader != NULL) {
        int source = PyObject_IsInstance(loader, kinds[1]);
        int sourceless = source == 0 ? PyObject_IsInstance(loader, kinds[2]) : 0;
        if (source > 0)
            base = pycache_base(origin, tag);
        else if (sourceless > 0 && PyUnicode_CheckExact(origin)) {
            PyObject *pyc = PyUnicode_FromString(".pyc");
            Py_ssize_t ends = pyc != NULL ? PyUnicode_Tailmatch(origin, pyc, 0, PY_SSIZE_T_MAX, 1) : -1;
            Py_XDECREF(pyc);
            if (ends > 0)
                base = PyUnicode_Substring(origin, 0, PyUnicode_GET_LENGTH(origin) - 4);
            else if (ends == 0)
                base = Py_NewRef(Py_None);  /* artifact_path gives None */
        }
        else if (source == 0 && sourceless == 0)
            base = Py_NewRef(Py_None);
    }
    Py_XDECREF(loader);
    Py_XDECREF(origin);
    if (base == NULL)
        PyErr_Clear();
    return base;
}

/* 0: no artifact can exist for this module; 1: one exists or may. */
static int candidate(PyObject *module, PyObject *const *kinds, PyObject *tag, PyObject *prefix)
{
    PyObject *spec = PyObject_GetAttrString(module, "__spec__");
    if (spec == NULL) {
        PyErr_Clear();
        return 1;
    }
    if (spec == Py_None) {
        Py_DECREF(spec);
        return 0;
    }
    PyObject *base = spec_base(spec, kinds, tag);
    Py_DECREF(spec);
    if (base == NULL)
        return 1;
    int keep = base != Py_None && artifact_may_exist(base, prefix);
    Py_DECREF(base);
    return keep;
}

PyObject *pyaot_adopt_candidates(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *items, *tag, *prefix, *kinds[3];
    if (!PyArg_ParseTuple(args, "O!(OOO)OO:adopt_candidates", &PyList_Type, &items,
                          &kinds[0], &kinds[1], &kinds[2], &tag, &prefix))
        return NULL;
    if (!PyUnicode_Check(tag) || (prefix != Py_None && !PyUnicode_Check(prefix)))
        return Py_NewRef(items);  /* no shape this filter knows */
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out != NULL && i < PyList_GET_SIZE(items); i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        if (PyTuple_Check(item) && PyTuple_GET_SIZE(item) == 2 &&
            !candidate(PyTuple_GET_ITEM(item, 1), kinds, tag, prefix))
            continue;
        if (PyList_Append(out, item) < 0)
            Py_CLEAR(out);
    }
    return out;
}
