/* Building containers and strings, unpacking sequences. */
#include "stubs.h"

#include "internal/pycore_global_objects.h"

/* Release `n` stack slots ending below `sp`, leaving them NULL. */
static void drop(pyaot_ctx *c, int sp, int n)
{
    for (int i = 1; i <= n; i++) {
        Py_CLEAR(S(sp - i));
    }
}

HOT int pyaot_op_BUILD_TUPLE(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *t = PyTuple_New(oparg);
    if (t == NULL)
        return ST_ERROR;
    for (int i = 0; i < oparg; i++) {
        PyTuple_SET_ITEM(t, i, S(sp - oparg + i));
        S(sp - oparg + i) = NULL;
    }
    S(sp - oparg) = t;
    return ST_OK;
}

int pyaot_op_BUILD_LIST(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *l = PyList_New(oparg);
    if (l == NULL)
        return ST_ERROR;
    for (int i = 0; i < oparg; i++) {
        PyList_SET_ITEM(l, i, S(sp - oparg + i));
        S(sp - oparg + i) = NULL;
    }
    S(sp - oparg) = l;
    return ST_OK;
}

int pyaot_op_BUILD_SET(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *s = PySet_New(NULL);
    if (s == NULL)
        return ST_ERROR;
    int err = 0;
    for (int i = 0; i < oparg && err == 0; i++)
        err = PySet_Add(s, S(sp - oparg + i));
    drop(c, sp, oparg);
    if (err) {
        Py_DECREF(s);
        return ST_ERROR;
    }
    S(sp - oparg) = s;
    return ST_OK;
}

int pyaot_op_BUILD_MAP(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *d = _PyDict_NewPresized(oparg);
    if (d == NULL)
        return ST_ERROR;
    for (int i = 0; i < oparg; i++) {
        if (PyDict_SetItem(d, S(sp - 2 * oparg + 2 * i), S(sp - 2 * oparg + 2 * i + 1)) < 0) {
            Py_DECREF(d);
            return ST_ERROR;
        }
    }
    drop(c, sp, 2 * oparg);
    S(sp - 2 * oparg) = d;
    return ST_OK;
}

int pyaot_op_BUILD_CONST_KEY_MAP(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *keys = S(sp - 1);
    if (!PyTuple_CheckExact(keys) || PyTuple_GET_SIZE(keys) != (Py_ssize_t)oparg) {
        PyErr_SetString(PyExc_SystemError, "bad BUILD_CONST_KEY_MAP keys argument");
        return ST_ERROR;
    }
    PyObject *d = _PyDict_NewPresized(oparg);
    if (d == NULL)
        return ST_ERROR;
    for (int i = 0; i < oparg; i++) {
        if (PyDict_SetItem(d, PyTuple_GET_ITEM(keys, i), S(sp - 1 - oparg + i)) < 0) {
            Py_DECREF(d);
            return ST_ERROR;
        }
    }
    drop(c, sp, oparg + 1);
    S(sp - 1 - oparg) = d;
    return ST_OK;
}

int pyaot_op_BUILD_STRING(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *s = _PyUnicode_JoinArray(&_Py_STR(empty), &S(sp - oparg), oparg);
    if (s == NULL)
        return ST_ERROR;
    drop(c, sp, oparg);
    S(sp - oparg) = s;
    return ST_OK;
}

int pyaot_op_LIST_APPEND(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = S(sp - 1);
    int err = PyList_Append(S(sp - 1 - oparg), v);
    Py_DECREF(v);
    S(sp - 1) = NULL;
    return err ? ST_ERROR : ST_OK;
}

int pyaot_op_SET_ADD(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = S(sp - 1);
    int err = PySet_Add(S(sp - 1 - oparg), v);
    Py_DECREF(v);
    S(sp - 1) = NULL;
    return err ? ST_ERROR : ST_OK;
}

int pyaot_op_MAP_ADD(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *key = S(sp - 2), *value = S(sp - 1);
    int err = PyDict_SetItem(S(sp - 2 - oparg), key, value);
    Py_DECREF(key);
    Py_DECREF(value);
    S(sp - 2) = S(sp - 1) = NULL;
    return err ? ST_ERROR : ST_OK;
}

int pyaot_op_LIST_EXTEND(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *it = S(sp - 1);
    PyObject *none = _PyList_Extend((PyListObject *)S(sp - 1 - oparg), it);
    if (none == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(it)->tp_iter == NULL &&
            !PySequence_Check(it)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s",
                         Py_TYPE(it)->tp_name);
        }
        Py_CLEAR(S(sp - 1));
        return ST_ERROR;
    }
    Py_DECREF(none);
    Py_CLEAR(S(sp - 1));
    return ST_OK;
}

int pyaot_op_SET_UPDATE(pyaot_ctx *c, int sp, int oparg)
{
    int err = _PySet_Update(S(sp - 1 - oparg), S(sp - 1));
    Py_CLEAR(S(sp - 1));
    return err < 0 ? ST_ERROR : ST_OK;
}

int pyaot_op_DICT_UPDATE(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *update = S(sp - 1);
    if (PyDict_Update(S(sp - 1 - oparg), update) < 0) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "'%.200s' object is not a mapping",
                         Py_TYPE(update)->tp_name);
        }
        Py_CLEAR(S(sp - 1));
        return ST_ERROR;
    }
    Py_CLEAR(S(sp - 1));
    return ST_OK;
}

/* The interpreter's wording for a bad ** argument of `func`. */
void pyaot_kwargs_error(PyObject *func, PyObject *kwargs)
{
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyObject *fs = _PyObject_FunctionStr(func);
        if (fs != NULL) {
            PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s", fs,
                         Py_TYPE(kwargs)->tp_name);
            Py_DECREF(fs);
        }
    }
    else if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        if (v && PyTuple_Check(v) && PyTuple_GET_SIZE(v) == 1) {
            PyObject *fs = _PyObject_FunctionStr(func);
            if (fs != NULL) {
                PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%S'",
                             fs, PyTuple_GET_ITEM(v, 0));
                Py_DECREF(fs);
            }
            Py_XDECREF(t);
            Py_XDECREF(v);
            Py_XDECREF(tb);
        }
        else {
            PyErr_Restore(t, v, tb);
        }
    }
}

int pyaot_op_DICT_MERGE(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *update = S(sp - 1);
    if (_PyDict_MergeEx(S(sp - 1 - oparg), update, 2) < 0) {
        /* The callable sits two slots below the dict being built. */
        pyaot_kwargs_error(S(sp - 1 - oparg - 2), update);
        Py_CLEAR(S(sp - 1));
        return ST_ERROR;
    }
    Py_CLEAR(S(sp - 1));
    return ST_OK;
}

int pyaot_op_LIST_TO_TUPLE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *l = S(sp - 1);
    PyObject *t = PyList_AsTuple(l);
    Py_DECREF(l);
    S(sp - 1) = t;
    return t ? ST_OK : ST_ERROR;
}

/* --- unpacking --------------------------------------------------------- */

/* Unpack `seq` into `before` items, an optional list (after >= 0) and
   `after` items, stored top-down from out[-1]. Same messages as ceval.c. */
static int unpack_iterable(PyObject *seq, int before, int after, PyObject **out)
{
    PyObject *it = PyObject_GetIter(seq);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(seq)->tp_iter == NULL &&
            !PySequence_Check(seq)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object",
                         Py_TYPE(seq)->tp_name);
        }
        return -1;
    }
    int i = 0;
    PyObject **sp = out;
    for (; i < before; i++) {
        PyObject *w = PyIter_Next(it);
        if (w == NULL) {
            if (!PyErr_Occurred()) {
                if (after == -1)
                    PyErr_Format(PyExc_ValueError,
                                 "not enough values to unpack (expected %d, got %d)", before, i);
                else
                    PyErr_Format(PyExc_ValueError,
                                 "not enough values to unpack (expected at least %d, got %d)",
                                 before + after, i);
            }
            goto fail;
        }
        *--sp = w;
    }
    if (after == -1) {
        PyObject *w = PyIter_Next(it);
        if (w == NULL) {
            if (PyErr_Occurred())
                goto fail;
            Py_DECREF(it);
            return 0;
        }
        Py_DECREF(w);
        PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %d)", before);
        goto fail;
    }
    PyObject *l = PySequence_List(it);
    if (l == NULL)
        goto fail;
    *--sp = l;
    i++;
    Py_ssize_t ll = PyList_GET_SIZE(l);
    if (ll < after) {
        PyErr_Format(PyExc_ValueError,
                     "not enough values to unpack (expected at least %d, got %zd)",
                     before + after, before + ll);
        goto fail;
    }
    for (int j = after; j > 0; j--, i++)
        *--sp = PyList_GET_ITEM(l, ll - j);
    Py_SET_SIZE(l, ll - after);
    Py_DECREF(it);
    return 0;
fail:
    for (; i > 0; i--, sp++) {
        Py_DECREF(*sp);
        *sp = NULL;
    }
    Py_XDECREF(it);
    return -1;
}

int pyaot_op_UNPACK_SEQUENCE(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *seq = S(sp - 1);
    PyObject **items = NULL;
    if (PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == oparg)
        items = &PyTuple_GET_ITEM(seq, 0);
    else if (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) == oparg)
        items = ((PyListObject *)seq)->ob_item;
    if (items != NULL) {
        for (int i = 0; i < oparg; i++)
            S(sp - 1 + oparg - 1 - i) = Py_NewRef(items[i]);
        Py_DECREF(seq);
        return ST_OK;
    }
    if (unpack_iterable(seq, oparg, -1, &S(sp - 1 + oparg)) < 0) {
        Py_DECREF(seq);
        S(sp - 1) = NULL;
        return ST_ERROR;
    }
    Py_DECREF(seq);
    return ST_OK;
}

int pyaot_op_UNPACK_EX(pyaot_ctx *c, int sp, int oparg)
{
    int total = 1 + (oparg & 0xFF) + (oparg >> 8);
    PyObject *seq = S(sp - 1);
    if (unpack_iterable(seq, oparg & 0xFF, oparg >> 8, &S(sp - 1 + total)) < 0) {
        Py_DECREF(seq);
        S(sp - 1) = NULL;
        return ST_ERROR;
    }
    Py_DECREF(seq);
    return ST_OK;
}

int pyaot_op_FORMAT_VALUE(pyaot_ctx *c, int sp, int oparg)
{
    int have_spec = (oparg & FVS_MASK) == FVS_HAVE_SPEC;
    int base = have_spec ? sp - 2 : sp - 1;
    PyObject *spec = have_spec ? S(sp - 1) : NULL;
    PyObject *v = S(base);
    PyObject *(*conv)(PyObject *) = NULL;
    switch (oparg & FVC_MASK) {
    case FVC_STR: conv = PyObject_Str; break;
    case FVC_REPR: conv = PyObject_Repr; break;
    case FVC_ASCII: conv = PyObject_ASCII; break;
    default: break;
    }
    if (conv != NULL) {
        PyObject *r = conv(v);
        Py_DECREF(v);
        S(base) = r;
        if (r == NULL)
            return ST_ERROR;
        v = r;
    }
    if (PyUnicode_CheckExact(v) && spec == NULL)
        return ST_OK;
    PyObject *r = PyObject_Format(v, spec);
    Py_DECREF(v);
    S(base) = r;
    if (spec != NULL) {
        Py_DECREF(spec);
        S(sp - 1) = NULL;
    }
    return r ? ST_OK : ST_ERROR;
}
