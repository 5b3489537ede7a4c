/* Calls, function creation, iteration, `with` and imports. */
#include "stubs.h"

#include "internal/pycore_global_objects.h"
#include "internal/pycore_interp.h"

void pyaot_kwargs_error(PyObject *func, PyObject *kwargs);

HOT int pyaot_op_KW_NAMES(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    c->kwnames = CONST(oparg);
    return ST_OK;
}

/* PRECALL only unpacks bound methods early; CALL does the same. */
HOT int pyaot_op_PRECALL(pyaot_ctx *c, int sp, int oparg)
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
    PyObject *r;
    if (kwnames != NULL ? !pyaot_call_c_kw(callable, &S(sp - total), total, kwnames, &r)
                        : (!pyaot_call_direct(c, callable, &S(sp - total), total, &r) &&
                           !pyaot_call_builtin(c, callable, &S(sp - total), total, &r) &&
                           !pyaot_call_c(callable, &S(sp - total), total, &r))) {
        Py_ssize_t npos = total - (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
        r = PyObject_Vectorcall(callable, &S(sp - total),
                                (size_t)npos | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    }
    return pyaot_call_end(c, base, oparg, r);
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
    int st;
    if (Py_TYPE(it) == &PyGen_Type && pyaot_gen_for_iter(c, sp, &st))
        return st;
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

/* BEFORE_WITH and BEFORE_ASYNC_WITH: replace the manager by its exit
   method and push what its enter method returned. `kind` is "" or
   "asynchronous " as in the interpreter's messages. */
static int before_with(pyaot_ctx *c, int sp, PyObject *enter_name, PyObject *exit_name,
                       const char *kind)
{
    PyObject *mgr = S(sp - 1);
    PyObject *enter = _PyObject_LookupSpecial(mgr, enter_name);
    if (enter == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the %scontext manager protocol",
                         Py_TYPE(mgr)->tp_name, kind);
        return ST_ERROR;
    }
    PyObject *exit = _PyObject_LookupSpecial(mgr, exit_name);
    if (exit == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the %scontext manager protocol "
                         "(missed %U method)",
                         Py_TYPE(mgr)->tp_name, kind, exit_name);
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

int pyaot_op_BEFORE_WITH(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return before_with(c, sp, &_Py_ID(__enter__), &_Py_ID(__exit__), "");
}

int pyaot_op_BEFORE_ASYNC_WITH(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return before_with(c, sp, &_Py_ID(__aenter__), &_Py_ID(__aexit__), "asynchronous ");
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
    return pyaot_replace2(c, sp, level, fromlist, r);
}

/* IMPORT_FROM's failure: the interpreter's ImportError, with name and
   path, worded for a module still being initialized (a circular import).
   `pkgname` (owned, may be NULL) is the module's __name__. */
static void import_from_error(PyObject *from, PyObject *name, PyObject *pkgname)
{
    PyObject *pkgpath = PyModule_GetFilenameObject(from);
    PyObject *shown = pkgname;
    if (shown == NULL) {
        shown = PyUnicode_FromString("<unknown module name>");
        if (shown == NULL) {
            Py_XDECREF(pkgpath);
            return;
        }
    }
    PyObject *msg;
    if (pkgpath == NULL || !PyUnicode_Check(pkgpath)) {
        PyErr_Clear();
        msg = PyUnicode_FromFormat("cannot import name %R from %R (unknown location)", name,
                                   shown);
        PyErr_SetImportError(msg, pkgname, NULL);
    }
    else {
        PyObject *spec = PyObject_GetAttr(from, &_Py_ID(__spec__));
        const char *fmt = _PyModuleSpec_IsInitializing(spec)
                              ? "cannot import name %R from partially initialized module %R "
                                "(most likely due to a circular import) (%S)"
                              : "cannot import name %R from %R (%S)";
        Py_XDECREF(spec);
        msg = PyUnicode_FromFormat(fmt, name, shown, pkgpath);
        PyErr_SetImportError(msg, pkgname, pkgpath);
    }
    Py_XDECREF(msg);
    Py_DECREF(shown);
    Py_XDECREF(pkgpath);
}

/* The attribute, or the submodule when a circular import left it only in
   sys.modules. */
int pyaot_op_IMPORT_FROM(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *name = NAME(oparg);
    PyObject *from = S(sp - 1);
    PyObject *x;
    if (_PyObject_LookupAttr(from, name, &x) != 0) {
        if (x == NULL)
            return ST_ERROR;
        S(sp) = x;
        return ST_OK;
    }
    PyObject *pkg = PyObject_GetAttr(from, &_Py_ID(__name__));
    if (pkg != NULL && !PyUnicode_Check(pkg))
        Py_CLEAR(pkg);
    if (pkg == NULL) {
        import_from_error(from, name, NULL);
        return ST_ERROR;
    }
    PyObject *full = PyUnicode_FromFormat("%U.%U", pkg, name);
    if (full == NULL) {
        Py_DECREF(pkg);
        return ST_ERROR;
    }
    x = PyImport_GetModule(full);
    Py_DECREF(full);
    if (x == NULL) {
        if (!PyErr_Occurred())
            import_from_error(from, name, pkg);
        else
            Py_DECREF(pkg);
        return ST_ERROR;
    }
    Py_DECREF(pkg);
    S(sp) = x;
    return ST_OK;
}

/* Bind the public names of module `v` in `locals`. */
static int import_all_from(PyObject *locals, PyObject *v)
{
    PyObject *all;
    int underscores_hidden = 0;
    if (_PyObject_LookupAttr(v, &_Py_ID(__all__), &all) < 0)
        return -1;
    if (all == NULL) {
        PyObject *dict;
        if (_PyObject_LookupAttr(v, &_Py_ID(__dict__), &dict) < 0)
            return -1;
        if (dict == NULL) {
            PyErr_SetString(PyExc_ImportError,
                            "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = PyMapping_Keys(dict);
        Py_DECREF(dict);
        if (all == NULL)
            return -1;
        underscores_hidden = 1;
    }
    int err = 0;
    for (Py_ssize_t pos = 0;; pos++) {
        PyObject *name = PySequence_GetItem(all, pos);
        if (name == NULL) {
            if (PyErr_ExceptionMatches(PyExc_IndexError))
                PyErr_Clear();
            else
                err = -1;
            break;
        }
        if (!PyUnicode_Check(name)) {
            PyObject *modname = PyObject_GetAttr(v, &_Py_ID(__name__));
            if (modname != NULL) {
                if (!PyUnicode_Check(modname))
                    PyErr_Format(PyExc_TypeError, "module __name__ must be a string, not %.100s",
                                 Py_TYPE(modname)->tp_name);
                else
                    PyErr_Format(PyExc_TypeError, "%s in %U.%s must be str, not %.100s",
                                 underscores_hidden ? "Key" : "Item", modname,
                                 underscores_hidden ? "__dict__" : "__all__",
                                 Py_TYPE(name)->tp_name);
                Py_DECREF(modname);
            }
            Py_DECREF(name);
            err = -1;
            break;
        }
        if (underscores_hidden) {
            if (PyUnicode_READY(name) == -1) {
                Py_DECREF(name);
                err = -1;
                break;
            }
            if (PyUnicode_READ_CHAR(name, 0) == '_') {
                Py_DECREF(name);
                continue;
            }
        }
        PyObject *value = PyObject_GetAttr(v, name);
        if (value == NULL)
            err = -1;
        else if (PyDict_CheckExact(locals))
            err = PyDict_SetItem(locals, name, value);
        else
            err = PyObject_SetItem(locals, name, value);
        Py_DECREF(name);
        Py_XDECREF(value);
        if (err != 0)
            break;
    }
    Py_DECREF(all);
    return err;
}

/* Only frames without fast locals: there is nothing to copy between the
   locals mapping and localsplus around the import. */
int pyaot_op_IMPORT_STAR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    if (c->f->f_code->co_nlocalsplus != 0)
        return ST_DEOPT;
    PyObject *from = S(sp - 1);
    if (LOCALS() == NULL) {
        /* What the interpreter's FastToLocals does for such a frame. */
        c->f->f_locals = PyDict_New();
        if (c->f->f_locals == NULL) {
            Py_DECREF(from);
            S(sp - 1) = NULL;
            return ST_ERROR;
        }
    }
    int err = import_all_from(LOCALS(), from);
    Py_DECREF(from);
    S(sp - 1) = NULL;
    return err ? ST_ERROR : ST_OK;
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
