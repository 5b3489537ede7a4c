/* Structural pattern matching (PEP 634): class, mapping and sequence
   patterns. */
#include "stubs.h"

#include "internal/pycore_global_objects.h"

/* Append one attribute for a class pattern to `attrs`, refusing a name
   used twice. -1 with no error set when the subject lacks it (no match),
   -1 with an error set on failure. */
static int append_pattern_attr(PyObject *attrs, PyObject *subject, PyObject *type,
                               PyObject *name, PyObject *seen)
{
    if (PySet_Contains(seen, name) || PySet_Add(seen, name)) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "%s() got multiple sub-patterns for attribute %R",
                         ((PyTypeObject *)type)->tp_name, name);
        return -1;
    }
    PyObject *attr = PyObject_GetAttr(subject, name);
    if (attr == NULL) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError))
            PyErr_Clear();
        return -1;
    }
    int err = PyList_Append(attrs, attr);
    Py_DECREF(attr);
    return err;
}

/* The tuple of attributes a class pattern `type(<nargs positional>,
   <names>=...)` extracts from `subject`; NULL without an error set when
   it does not match. */
static PyObject *match_class(PyObject *subject, PyObject *type, Py_ssize_t nargs,
                             PyObject *names)
{
    if (!PyType_Check(type)) {
        PyErr_SetString(PyExc_TypeError, "called match pattern must be a type");
        return NULL;
    }
    if (PyObject_IsInstance(subject, type) <= 0)
        return NULL;
    const char *tname = ((PyTypeObject *)type)->tp_name;
    PyObject *seen = PySet_New(NULL);
    if (seen == NULL)
        return NULL;
    PyObject *attrs = PyList_New(0);
    if (attrs == NULL) {
        Py_DECREF(seen);
        return NULL;
    }
    PyObject *match_args = NULL;
    if (nargs) {
        int match_self = 0;
        match_args = PyObject_GetAttrString(type, "__match_args__");
        if (match_args != NULL) {
            if (!PyTuple_CheckExact(match_args)) {
                PyErr_Format(PyExc_TypeError, "%s.__match_args__ must be a tuple (got %s)", tname,
                             Py_TYPE(match_args)->tp_name);
                goto fail;
            }
        }
        else if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            /* Without __match_args__, builtins like int match themselves. */
            match_args = PyTuple_New(0);
            if (match_args == NULL)
                goto fail;
            match_self = PyType_HasFeature((PyTypeObject *)type, _Py_TPFLAGS_MATCH_SELF);
        }
        else {
            goto fail;
        }
        Py_ssize_t allowed = match_self ? 1 : PyTuple_GET_SIZE(match_args);
        if (allowed < nargs) {
            PyErr_Format(PyExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%zd given)",
                         tname, allowed, allowed == 1 ? "" : "s", nargs);
            goto fail;
        }
        if (match_self) {
            if (PyList_Append(attrs, subject) < 0)
                goto fail;
        }
        else {
            for (Py_ssize_t i = 0; i < nargs; i++) {
                PyObject *name = PyTuple_GET_ITEM(match_args, i);
                if (!PyUnicode_CheckExact(name)) {
                    PyErr_Format(PyExc_TypeError, "__match_args__ elements must be strings (got %s)",
                                 Py_TYPE(name)->tp_name);
                    goto fail;
                }
                if (append_pattern_attr(attrs, subject, type, name, seen) < 0)
                    goto fail;
            }
        }
        Py_CLEAR(match_args);
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        if (append_pattern_attr(attrs, subject, type, PyTuple_GET_ITEM(names, i), seen) < 0)
            goto fail;
    }
    Py_SETREF(attrs, PyList_AsTuple(attrs));
    Py_DECREF(seen);
    return attrs;
fail:
    Py_XDECREF(match_args);
    Py_DECREF(seen);
    Py_DECREF(attrs);
    return NULL;
}

/* [subject, type, names] -> [tuple of attributes, or None: no match] */
int pyaot_op_MATCH_CLASS(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *names = S(sp - 1), *type = S(sp - 2), *subject = S(sp - 3);
    PyObject *attrs = match_class(subject, type, oparg, names);
    Py_DECREF(names);
    Py_DECREF(type);
    S(sp - 1) = S(sp - 2) = NULL;
    if (attrs == NULL) {
        if (PyErr_Occurred())
            return ST_ERROR;
        attrs = Py_NewRef(Py_None);
    }
    S(sp - 3) = attrs;
    Py_DECREF(subject);
    return ST_OK;
}

int pyaot_op_MATCH_MAPPING(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    int match = (Py_TYPE(S(sp - 1))->tp_flags & Py_TPFLAGS_MAPPING) != 0;
    S(sp) = Py_NewRef(match ? Py_True : Py_False);
    return ST_OK;
}

int pyaot_op_MATCH_SEQUENCE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    int match = (Py_TYPE(S(sp - 1))->tp_flags & Py_TPFLAGS_SEQUENCE) != 0;
    S(sp) = Py_NewRef(match ? Py_True : Py_False);
    return ST_OK;
}

/* The values of `keys` in `map`, or None when one is missing. map.get(key,
   sentinel) looks each up without creating keys (defaultdict). */
static PyObject *match_keys(PyObject *map, PyObject *keys)
{
    Py_ssize_t n = PyTuple_GET_SIZE(keys);
    if (n == 0)
        return PyTuple_New(0);
    PyObject *seen = NULL, *sentinel = NULL, *values = NULL, *get = NULL;
    int is_method = _PyObject_GetMethod(map, &_Py_ID(get), &get);
    if (get == NULL)
        goto fail;
    seen = PySet_New(NULL);
    if (seen == NULL)
        goto fail;
    sentinel = _PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    if (sentinel == NULL)
        goto fail;
    values = PyTuple_New(n);
    if (values == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(keys, i);
        if (PySet_Contains(seen, key) || PySet_Add(seen, key)) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            goto fail;
        }
        PyObject *args[3] = {map, key, sentinel};
        PyObject *v = is_method ? PyObject_Vectorcall(get, args, 3, NULL)
                                : PyObject_Vectorcall(get, args + 1, 2, NULL);
        if (v == NULL)
            goto fail;
        if (v == sentinel) {
            Py_DECREF(v);
            Py_SETREF(values, Py_NewRef(Py_None));
            break;
        }
        PyTuple_SET_ITEM(values, i, v);
    }
    Py_DECREF(get);
    Py_DECREF(seen);
    Py_DECREF(sentinel);
    return values;
fail:
    Py_XDECREF(get);
    Py_XDECREF(seen);
    Py_XDECREF(sentinel);
    Py_XDECREF(values);
    return NULL;
}

/* [subject, keys] -> [subject, keys, values or None] */
int pyaot_op_MATCH_KEYS(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *values = match_keys(S(sp - 2), S(sp - 1));
    if (values == NULL)
        return ST_ERROR;
    S(sp) = values;
    return ST_OK;
}
