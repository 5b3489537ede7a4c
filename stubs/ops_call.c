/* Calls, function creation, iteration, `with` and imports. */
#include "stubs.h"

#include "internal/pycore_global_objects.h"
#include "internal/pycore_interp.h"

void pyaot_kwargs_error(PyObject *func, PyObject *kwargs);

int pyaot_op_KW_NAMES(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    c->kwnames = CONST(oparg);
    return ST_OK;
}

/* PRECALL only unpacks bound methods early; CALL does the same. */
int pyaot_op_PRECALL(pyaot_ctx *c, int sp, int oparg)
{
    (void)c, (void)sp, (void)oparg;
    return ST_OK;
}

/* Stack: [NULL | method, callable | self, args..., kwargs values...]. */
int pyaot_op_CALL(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *kwnames = c->kwnames;
    c->kwnames = NULL;
    int base = sp - oparg - 2;
    int is_meth = S(base) != NULL;
    PyObject *fn = S(base + 1);
    if (!is_meth && Py_TYPE(fn) == &PyMethod_Type) {
        S(base) = Py_NewRef(((PyMethodObject *)fn)->im_func);
        S(base + 1) = Py_NewRef(((PyMethodObject *)fn)->im_self);
        Py_DECREF(fn);
        is_meth = 1;
    }
    int total = oparg + is_meth;
    PyObject *callable = S(sp - total - 1);
    Py_ssize_t npos = total - (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
    PyObject *r = PyObject_Vectorcall(callable, &S(sp - total),
                                      (size_t)npos | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    for (int i = base; i < sp; i++) {
        Py_XDECREF(S(i));
        S(i) = NULL;
    }
    S(base) = r;
    return r ? ST_OK : ST_ERROR;
}

int pyaot_op_CALL_FUNCTION_EX(pyaot_ctx *c, int sp, int oparg)
{
    int top = sp;
    PyObject *kwargs = NULL;
    if (oparg & 1) {
        kwargs = S(--top);
        if (!PyDict_CheckExact(kwargs)) {
            PyObject *d = PyDict_New();
            if (d == NULL)
                return ST_ERROR;
            if (_PyDict_MergeEx(d, kwargs, 2) < 0) {
                Py_DECREF(d);
                pyaot_kwargs_error(S(top - 2), kwargs);
                return ST_ERROR;
            }
            Py_SETREF(S(top), d);
            kwargs = d;
        }
    }
    PyObject *args = S(top - 1);
    PyObject *func = S(top - 2);
    if (!PyTuple_CheckExact(args)) {
        if (Py_TYPE(args)->tp_iter == NULL && !PySequence_Check(args)) {
            PyErr_Clear();
            PyObject *fs = _PyObject_FunctionStr(func);
            if (fs != NULL) {
                PyErr_Format(PyExc_TypeError, "%U argument after * must be an iterable, not %.200s",
                             fs, Py_TYPE(args)->tp_name);
                Py_DECREF(fs);
            }
            return ST_ERROR;
        }
        PyObject *t = PySequence_Tuple(args);
        if (t == NULL)
            return ST_ERROR;
        Py_SETREF(S(top - 1), t);
        args = t;
    }
    PyObject *r = PyObject_Call(func, args, kwargs);
    for (int i = top - 3; i < sp; i++) {
        Py_XDECREF(S(i));
        S(i) = NULL;
    }
    S(top - 3) = r;
    return r ? ST_OK : ST_ERROR;
}

int pyaot_op_MAKE_FUNCTION(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *code = S(sp - 1);
    PyFunctionObject *fn = (PyFunctionObject *)PyFunction_New(code, GLOBALS());
    Py_DECREF(code);
    S(sp - 1) = NULL;
    if (fn == NULL)
        return ST_ERROR;
    int i = sp - 2;
    if (oparg & 0x08) {
        fn->func_closure = S(i);
        S(i--) = NULL;
    }
    if (oparg & 0x04) {
        fn->func_annotations = S(i);
        S(i--) = NULL;
    }
    if (oparg & 0x02) {
        fn->func_kwdefaults = S(i);
        S(i--) = NULL;
    }
    if (oparg & 0x01) {
        fn->func_defaults = S(i);
        S(i--) = NULL;
    }
    S(i + 1) = (PyObject *)fn;
    return ST_OK;
}

/* --- iteration ----------------------------------------------------------- */

int pyaot_op_GET_ITER(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 1);
    PyObject *it = PyObject_GetIter(v);
    Py_DECREF(v);
    S(sp - 1) = it;
    return it ? ST_OK : ST_ERROR;
}

/* ST_JUMP when exhausted (iterator popped), ST_OK with the next value pushed. */
HOT int pyaot_op_FOR_ITER(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *it = S(sp - 1);
    PyObject *next = (*Py_TYPE(it)->tp_iternext)(it);
    if (next != NULL) {
        S(sp) = next;
        return ST_OK;
    }
    if (PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_StopIteration))
            return ST_ERROR;
        PyErr_Clear();
    }
    Py_DECREF(it);
    S(sp - 1) = NULL;
    return ST_JUMP;
}

int pyaot_op_BEFORE_WITH(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *mgr = S(sp - 1);
    PyObject *enter = _PyObject_LookupSpecial(mgr, &_Py_ID(__enter__));
    if (enter == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the context manager protocol",
                         Py_TYPE(mgr)->tp_name);
        return ST_ERROR;
    }
    PyObject *exit = _PyObject_LookupSpecial(mgr, &_Py_ID(__exit__));
    if (exit == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the context manager protocol "
                         "(missed __exit__ method)",
                         Py_TYPE(mgr)->tp_name);
        Py_DECREF(enter);
        return ST_ERROR;
    }
    S(sp - 1) = exit;
    Py_DECREF(mgr);
    PyObject *r = _PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    if (r == NULL)
        return ST_ERROR;
    S(sp) = r;
    return ST_OK;
}

/* --- imports --------------------------------------------------------------- */

int pyaot_op_IMPORT_NAME(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *name = NAME(oparg);
    PyObject *level = S(sp - 2), *fromlist = S(sp - 1);
    PyObject *r = NULL;
    PyObject *imp = PyDict_GetItemWithError(BUILTINS(), &_Py_ID(__import__));
    PyObject *locals = LOCALS() ? LOCALS() : Py_None;
    if (imp == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ImportError, "__import__ not found");
    }
    else if (imp == c->ts->interp->import_func) {
        int ilevel = _PyLong_AsInt(level);
        if (!(ilevel == -1 && PyErr_Occurred()))
            r = PyImport_ImportModuleLevelObject(name, GLOBALS(), locals, fromlist, ilevel);
    }
    else {
        PyObject *args[5] = {name, GLOBALS(), locals, fromlist, level};
        Py_INCREF(imp);
        r = PyObject_Vectorcall(imp, args, 5, NULL);
        Py_DECREF(imp);
    }
    Py_DECREF(level);
    Py_DECREF(fromlist);
    S(sp - 2) = r;
    S(sp - 1) = NULL;
    return r ? ST_OK : ST_ERROR;
}

/* The attribute, or the submodule when a circular import left it only in
   sys.modules; anything else goes to the interpreter, which words the
   ImportError. */
int pyaot_op_IMPORT_FROM(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *name = NAME(oparg);
    PyObject *from = S(sp - 1);
    PyObject *x;
    int found = _PyObject_LookupAttr(from, name, &x);
    if (found < 0)
        return ST_ERROR;
    if (found == 0) {
        PyObject *pkg = PyObject_GetAttr(from, &_Py_ID(__name__));
        if (pkg == NULL || !PyUnicode_Check(pkg)) {
            Py_XDECREF(pkg);
            PyErr_Clear();
            return ST_DEOPT;
        }
        PyObject *full = PyUnicode_FromFormat("%U.%U", pkg, name);
        Py_DECREF(pkg);
        if (full == NULL)
            return ST_ERROR;
        x = PyImport_GetModule(full);
        Py_DECREF(full);
        if (x == NULL)
            return PyErr_Occurred() ? ST_ERROR : ST_DEOPT;
    }
    S(sp) = x;
    return ST_OK;
}

int pyaot_op_PRINT_EXPR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 1);
    PyObject *hook = PySys_GetObject("displayhook");
    if (hook == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "lost sys.displayhook");
        return ST_ERROR;
    }
    PyObject *r = PyObject_CallOneArg(hook, v);
    Py_DECREF(v);
    S(sp - 1) = NULL;
    if (r == NULL)
        return ST_ERROR;
    Py_DECREF(r);
    return ST_OK;
}
