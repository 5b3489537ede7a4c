/* Names: globals, builtins, class-body names, attributes and cells. */
#include "stubs.h"

#include "internal/pycore_global_objects.h"

#define NAME_ERROR_FMT "name '%.200s' is not defined"
#define UNBOUND_LOCAL_FMT "cannot access local variable '%s' where it is not associated with a value"
#define UNBOUND_FREE_FMT \
    "cannot access free variable '%s' where it is not associated with a value in enclosing scope"

/* Raise `type` with the interpreter's message for `name`; a NameError
   also records the name, which traceback printing uses for suggestions. */
static void name_error(PyObject *type, const char *fmt, PyObject *name)
{
    const char *s = PyUnicode_AsUTF8(name);
    if (s == NULL)
        return;
    PyErr_Format(type, fmt, s);
    if (type != PyExc_NameError)
        return;
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (PyErr_GivenExceptionMatches(v, PyExc_NameError) && ((PyNameErrorObject *)v)->name == NULL)
        (void)PyObject_SetAttr(v, &_Py_ID(name), name);
    PyErr_Restore(t, v, tb);
}

/* The unbound cell or free variable at localsplus[i]. */
static void unbound_cell_error(pyaot_ctx *c, int i)
{
    if (PyErr_Occurred())
        return;
    PyCodeObject *co = c->f->f_code;
    PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, i);
    if (i < co->co_nplaincellvars + co->co_nlocals)
        name_error(PyExc_UnboundLocalError, UNBOUND_LOCAL_FMT, name);
    else
        name_error(PyExc_NameError, UNBOUND_FREE_FMT, name);
}

/* LOAD_FAST, LOAD_CLOSURE or DELETE_FAST of the unbound localsplus[i]:
   the interpreter reports even a cell variable as an unbound local here. */
__attribute__((cold, noinline)) void pyaot_unbound_local(pyaot_ctx *c, int i)
{
    name_error(PyExc_UnboundLocalError, UNBOUND_LOCAL_FMT,
               PyTuple_GET_ITEM(c->f->f_code->co_localsplusnames, i));
}

/* Look `name` up in a mapping that may not be a dict: a new reference,
   or NULL with no error set when missing. */
static PyObject *mapping_lookup(PyObject *map, PyObject *name)
{
    if (PyDict_CheckExact(map))
        return Py_XNewRef(PyDict_GetItemWithError(map, name));
    PyObject *v = PyObject_GetItem(map, name);
    if (v == NULL && PyErr_ExceptionMatches(PyExc_KeyError))
        PyErr_Clear();
    return v;
}

int pyaot_op_LOAD_GLOBAL(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *name = NAME(oparg >> 1);
    PyObject *v = mapping_lookup(GLOBALS(), name);
    if (v == NULL && !PyErr_Occurred())
        v = mapping_lookup(BUILTINS(), name);
    if (v == NULL) {
        if (!PyErr_Occurred())
            name_error(PyExc_NameError, NAME_ERROR_FMT, name);
        return ST_ERROR;
    }
    if (oparg & 1)
        S(sp++) = NULL;
    S(sp) = v;
    return ST_OK;
}

int pyaot_op_STORE_GLOBAL(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = S(sp - 1);
    int err = PyDict_SetItem(GLOBALS(), NAME(oparg), v);
    Py_DECREF(v);
    S(sp - 1) = NULL;
    return err ? ST_ERROR : ST_OK;
}

int pyaot_op_DELETE_GLOBAL(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    PyObject *name = NAME(oparg);
    if (PyDict_DelItem(GLOBALS(), name) == 0)
        return ST_OK;
    if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        name_error(PyExc_NameError, NAME_ERROR_FMT, name);
    }
    return ST_ERROR;
}

static int no_locals(PyObject *name, const char *what)
{
    PyErr_Format(PyExc_SystemError, what, name);
    return ST_ERROR;
}

int pyaot_op_LOAD_NAME(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *name = NAME(oparg);
    if (LOCALS() == NULL)
        return no_locals(name, "no locals when loading %R");
    PyObject *v = mapping_lookup(LOCALS(), name);
    if (v == NULL && !PyErr_Occurred())
        v = mapping_lookup(GLOBALS(), name);
    if (v == NULL && !PyErr_Occurred())
        v = mapping_lookup(BUILTINS(), name);
    if (v == NULL) {
        if (!PyErr_Occurred())
            name_error(PyExc_NameError, NAME_ERROR_FMT, name);
        return ST_ERROR;
    }
    S(sp) = v;
    return ST_OK;
}

int pyaot_op_STORE_NAME(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *name = NAME(oparg);
    PyObject *v = S(sp - 1);
    if (LOCALS() == NULL)
        return no_locals(name, "no locals found when storing %R");
    int err = PyDict_CheckExact(LOCALS()) ? PyDict_SetItem(LOCALS(), name, v)
                                          : PyObject_SetItem(LOCALS(), name, v);
    Py_DECREF(v);
    S(sp - 1) = NULL;
    return err ? ST_ERROR : ST_OK;
}

int pyaot_op_DELETE_NAME(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    PyObject *name = NAME(oparg);
    if (LOCALS() == NULL)
        return no_locals(name, "no locals when deleting %R");
    if (PyObject_DelItem(LOCALS(), name) == 0)
        return ST_OK;
    /* Like the interpreter: whatever failed, it is reported as a NameError. */
    PyErr_Clear();
    name_error(PyExc_NameError, NAME_ERROR_FMT, name);
    return ST_ERROR;
}

int pyaot_op_LOAD_ATTR(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *owner = S(sp - 1);
    PyObject *r = PyObject_GetAttr(owner, NAME(oparg));
    if (r == NULL)
        return ST_ERROR;
    Py_DECREF(owner);
    S(sp - 1) = r;
    return ST_OK;
}

int pyaot_op_LOAD_METHOD(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *obj = S(sp - 1);
    PyObject *meth = NULL;
    int found = _PyObject_GetMethod(obj, NAME(oparg), &meth);
    if (meth == NULL)
        return ST_ERROR;
    if (found) {
        S(sp - 1) = meth;
        S(sp) = obj;
    }
    else {
        S(sp - 1) = NULL;
        Py_DECREF(obj);
        S(sp) = meth;
    }
    return ST_OK;
}

int pyaot_op_STORE_ATTR(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = S(sp - 2), *owner = S(sp - 1);
    int err = PyObject_SetAttr(owner, NAME(oparg), v);
    Py_DECREF(v);
    Py_DECREF(owner);
    if (err) {
        S(sp - 2) = S(sp - 1) = NULL;
        return ST_ERROR;
    }
    return ST_OK;
}

int pyaot_op_DELETE_ATTR(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *owner = S(sp - 1);
    int err = PyObject_SetAttr(owner, NAME(oparg), NULL);
    Py_DECREF(owner);
    S(sp - 1) = NULL;
    return err ? ST_ERROR : ST_OK;
}

/* --- cells ------------------------------------------------------------ */

int pyaot_op_MAKE_CELL(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    PyObject *cell = PyCell_New(S(oparg));
    if (cell == NULL)
        return ST_ERROR;
    Py_XSETREF(S(oparg), cell);
    return ST_OK;
}

int pyaot_op_COPY_FREE_VARS(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    PyCodeObject *co = c->f->f_code;
    PyObject *closure = c->f->f_func->func_closure;
    int offset = co->co_nlocals + co->co_nplaincellvars;
    for (int i = 0; i < oparg; i++)
        S(offset + i) = Py_NewRef(PyTuple_GET_ITEM(closure, i));
    return ST_OK;
}

HOT int pyaot_op_LOAD_DEREF(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = PyCell_GET(S(oparg));
    if (v == NULL) {
        unbound_cell_error(c, oparg);
        return ST_ERROR;
    }
    S(sp) = Py_NewRef(v);
    return ST_OK;
}

HOT int pyaot_op_STORE_DEREF(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *cell = S(oparg);
    PyObject *old = PyCell_GET(cell);
    PyCell_SET(cell, S(sp - 1));
    Py_XDECREF(old);
    return ST_OK;
}

int pyaot_op_DELETE_DEREF(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    PyObject *cell = S(oparg);
    PyObject *old = PyCell_GET(cell);
    if (old == NULL) {
        unbound_cell_error(c, oparg);
        return ST_ERROR;
    }
    PyCell_SET(cell, NULL);
    Py_DECREF(old);
    return ST_OK;
}

int pyaot_op_LOAD_CLASSDEREF(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *name = PyTuple_GET_ITEM(c->f->f_code->co_localsplusnames, oparg);
    PyObject *v = mapping_lookup(LOCALS(), name);
    if (v == NULL) {
        if (PyErr_Occurred())
            return ST_ERROR;
        v = Py_XNewRef(PyCell_GET(S(oparg)));
        if (v == NULL) {
            unbound_cell_error(c, oparg);
            return ST_ERROR;
        }
    }
    S(sp) = v;
    return ST_OK;
}

/* --- class bodies ------------------------------------------------------ */

int pyaot_op_LOAD_BUILD_CLASS(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *bc = mapping_lookup(BUILTINS(), &_Py_ID(__build_class__));
    if (bc == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_NameError, "__build_class__ not found");
        return ST_ERROR;
    }
    S(sp) = bc;
    return ST_OK;
}

int pyaot_op_SETUP_ANNOTATIONS(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp, (void)oparg;
    PyObject *ns = LOCALS();
    if (ns == NULL) {
        PyErr_SetString(PyExc_SystemError, "no locals found when setting up annotations");
        return ST_ERROR;
    }
    PyObject *ann = mapping_lookup(ns, &_Py_ID(__annotations__));
    if (ann != NULL) {
        Py_DECREF(ann);
        return ST_OK;
    }
    if (PyErr_Occurred())
        return ST_ERROR;
    ann = PyDict_New();
    if (ann == NULL)
        return ST_ERROR;
    int err = PyDict_CheckExact(ns) ? PyDict_SetItem(ns, &_Py_ID(__annotations__), ann)
                                    : PyObject_SetItem(ns, &_Py_ID(__annotations__), ann);
    Py_DECREF(ann);
    return err ? ST_ERROR : ST_OK;
}
