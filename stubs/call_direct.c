/* Direct calls: compiled code calling a Python function that has native
   code pushes the callee's frame itself and enters the native code at
   once, skipping vectorcall, _PyEval_Vector and the eval-frame hook. The
   frame is built, linked and cleared exactly as _PyEval_Vector would, so
   tracebacks, sys._getframe, frame objects that outlive the call and
   deoptimization inside the callee all see an ordinary frame. Anything
   unusual (keywords, *args, a tracer, a full data stack chunk, a callee
   without native code yet) takes the ordinary call. A generator or
   coroutine function is called the same way: its body runs up to
   RETURN_GENERATOR, which moves the frame into the new object. */
#include "stubs.h"

#include "internal/pycore_frame.h"
#include "internal/pycore_global_objects.h"
#include "structmember.h"
#include "numbers.h"

#define NOT_DIRECT_FLAGS (CO_VARARGS | CO_VARKEYWORDS | CO_ITERABLE_COROUTINE)

/* min(a, b, ...) and max(a, b, ...) of two or more positional arguments,
   as the builtins compare them: each later argument replaces the best so
   far when it is strictly smaller (larger).
   3.11 never specializes these calls (METH_VARARGS): the path through
   tp_call counts a level of recursion. */
static PyObject *min_max(PyObject **args, int nargs, int op)
{
    PyThreadState *ts = _PyThreadState_GET();
    if (_Py_EnterRecursiveCallTstate(ts, " while calling a Python object"))
        return NULL;
    PyObject *best = args[0];
    for (int i = 1; i < nargs && best != NULL; i++) {
        int better = PyObject_RichCompareBool(args[i], best, op);
        if (better < 0)
            best = NULL;
        else if (better)
            best = args[i];
    }
    _Py_LeaveRecursiveCallTstate(ts);
    return Py_XNewRef(best);
}

/* f(x, y) for a C function the interpreter calls inside one level of
   recursion (METH_O: PRECALL_NO_KW_BUILTIN_O and _METHOD_DESCRIPTOR_O
   count it; type.__call__ too), so the limit is reached at the same
   depth. */
static PyObject *one_level(PyObject *(*f)(PyObject *, PyObject *), PyObject *x, PyObject *y)
{
    PyThreadState *ts = _PyThreadState_GET();
    if (_Py_EnterRecursiveCallTstate(ts, " while calling a Python object"))
        return NULL;
    PyObject *r = f(x, y);
    _Py_LeaveRecursiveCallTstate(ts);
    return r;
}

static PyObject *append_none(PyObject *list, PyObject *x)
{
    return PyList_Append(list, x) < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *absolute(PyObject *x, PyObject *unused)
{
    (void)unused;
    return PyNumber_Absolute(x);
}

/* int(x) of an exact int, float or str: what PyNumber_Long ends in for a
   str, which has no __trunc__. */
static PyObject *long_of(PyObject *x, PyObject *unused)
{
    (void)unused;
    return PyUnicode_CheckExact(x) ? PyLong_FromUnicodeObject(x, 10) : PyNumber_Long(x);
}

/* next(g) and next(g, default) of a generator: builtin_next around
   gen_iternext. */
static int gen_next(pyaot_ctx *c, PyObject **args, int nargs, PyObject **out)
{
    PyObject *v;
    int st = pyaot_gen_send(c, args[0], NULL, &v);
    if (st == PYAOT_NOT_NATIVE)
        return 0;
    if (st == PYGEN_NEXT) {
        *out = v;
        return 1;
    }
    if (st == PYGEN_ERROR && PyErr_Occurred()) {
        *out = NULL;
        return 1;
    }
    /* Returned: v is the value (NULL for None), which the StopIteration
       carries when there is no default. */
    if (nargs == 2)
        *out = Py_NewRef(args[1]);
    else {
        if (v != NULL)
            _PyGen_SetStopIterationValue(v);
        else
            PyErr_SetNone(PyExc_StopIteration);
        *out = NULL;
    }
    Py_XDECREF(v);
    return 1;
}

/* generator.send(v) and coroutine.send(v) as the method descriptor runs
   gen_send_ex: a return raises StopIteration with the value. */
static int gen_send_method(pyaot_ctx *c, PyObject *descr, PyObject **args, PyObject **out)
{
    PyTypeObject *tp = descr == pyaot_rt->gen_send ? &PyGen_Type : &PyCoro_Type;
    if (Py_TYPE(args[0]) != tp)
        return 0;
    PyThreadState *ts = c->ts;
    if (_Py_EnterRecursiveCallTstate(ts, " while calling a Python object")) {
        *out = NULL;
        return 1;
    }
    PyObject *v;
    int st = pyaot_gen_send(c, args[0], args[1], &v);
    _Py_LeaveRecursiveCallTstate(ts);
    if (st == PYAOT_NOT_NATIVE)
        return 0;
    if (st == PYGEN_RETURN) {
        if (v == Py_None)
            PyErr_SetNone(PyExc_StopIteration);
        else
            _PyGen_SetStopIterationValue(v);
        Py_CLEAR(v);
    }
    *out = v;
    return 1;
}

/* Builtins run as the builtins themselves would, without vectorcall and
   argument parsing, when the callable is exactly the builtin (a
   monkeypatched one is another object): len(x), isinstance(x, c),
   min/max of two or more arguments, abs(x), type(x), str(x), int(x) of
   numbers and strs, list.append(l, x),
   dict.get(d, k[, default]), str.join(s, iterable), and next(g[, default])
   and g.send(v) of a generator or coroutine with native code (resumed
   without the eval-frame hook). 1 with *out set (NULL and an exception on
   failure), 0 when not applicable. Arguments stay owned by the caller. */
int pyaot_call_builtin(pyaot_ctx *c, PyObject *callable, PyObject **args, int nargs,
                       PyObject **out)
{
    pyaot_runtime *rt = pyaot_rt;
    if (nargs == 1 && callable == rt->builtin_len) {
        Py_ssize_t n = PyObject_Size(args[0]);
        *out = n < 0 ? NULL : PyLong_FromSsize_t(n);
    }
    else if (nargs == 2 && callable == rt->builtin_isinstance) {
        int r = PyObject_IsInstance(args[0], args[1]);
        *out = r < 0 ? NULL : Py_NewRef(r ? Py_True : Py_False);
    }
    else if (nargs == 2 && callable == rt->list_append && PyList_CheckExact(args[0])) {
        /* PRECALL_NO_KW_LIST_APPEND, which counts no level, is the
           CALL_LIST_APPEND stub's (where a POP_TOP drops the result) */
        *out = one_level(append_none, args[0], args[1]);
    }
    else if (nargs == 1 && callable == (PyObject *)&PyType_Type) {
        *out = Py_NewRef((PyObject *)Py_TYPE(args[0]));
    }
    else if (nargs >= 2 && (callable == rt->builtin_min || callable == rt->builtin_max)) {
        *out = min_max(args, nargs, callable == rt->builtin_min ? Py_LT : Py_GT);
    }
    else if (nargs == 1 && callable == rt->builtin_abs) {
        *out = one_level(absolute, args[0], NULL);
    }
    else if ((nargs == 2 || nargs == 3) && callable == rt->dict_get && PyDict_CheckExact(args[0])) {
        /* METH_FASTCALL on its exact type: no level */
        PyObject *v = PyDict_GetItemWithError(args[0], args[1]);
        *out = v != NULL ? Py_NewRef(v)
               : PyErr_Occurred() ? NULL
               : Py_NewRef(nargs == 3 ? args[2] : Py_None);
    }
    else if (nargs == 2 && callable == rt->str_join && PyUnicode_Check(args[0])) {
        *out = one_level(PyUnicode_Join, args[0], args[1]);
    }
    else if (nargs == 1 && callable == (PyObject *)&PyLong_Type &&
             (PyLong_CheckExact(args[0]) || PyFloat_CheckExact(args[0]) ||
              PyUnicode_CheckExact(args[0]))) {
        /* as type.__call__ and int.__new__ do it (3.11 gives int no
           vectorcall and never specializes the call): no Python code runs
           for these, the result is an exact int, and object.__init__ does
           nothing */
        *out = one_level(long_of, args[0], NULL);
    }
    else if (nargs == 1 && callable == (PyObject *)&PyUnicode_Type) {
        /* PRECALL_NO_KW_STR_1: no level, no __init__ of a str subclass */
        *out = PyObject_Str(args[0]);
    }
    else if ((nargs == 1 || nargs == 2) && callable == rt->builtin_next) {
        return gen_next(c, args, nargs, out);
    }
    else if (nargs == 2 && (callable == rt->gen_send || callable == rt->coro_send)) {
        return gen_send_method(c, callable, args, out);
    }
    else {
        return 0;
    }
    return 1;
}

/* The C function behind `callable`, a PyCFunction or a method
   descriptor whose type `args[0]` is an instance of (then `self`, taken
   off the arguments): its method table entry, or NULL. `exact` says
   whether the interpreter's specialized calls would take it: a
   descriptor's `self` exactly its type. */
static inline HOT PyMethodDef *c_function(PyObject *callable, PyObject ***args, int *nargs,
                                          int npos, PyObject **self, int *exact)
{
    if (Py_TYPE(callable) == &PyMethodDescr_Type) {
        PyMethodDescrObject *d = (PyMethodDescrObject *)callable;
        PyObject *first = (*args)[0];
        if (npos < 1 || !PyObject_TypeCheck(first, d->d_common.d_type))
            return NULL;
        *self = first;
        *exact = Py_TYPE(first) == d->d_common.d_type;
        (*args)++;
        (*nargs)--;
        return d->d_method;
    }
    if (Py_TYPE(callable) == &PyCFunction_Type) {
        *self = PyCFunction_GET_SELF(callable);
        *exact = 1;
        return ((PyCFunctionObject *)callable)->m_ml;
    }
    return NULL;
}

#define C_FLAGS (METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD)
#define FAST_KW (METH_FASTCALL | METH_KEYWORDS)

/* A C function or a method descriptor of a built-in type called as its
   vectorcall would call it, minus the dispatch: the same argument checks
   (anything they would reject takes the ordinary call, which raises) and
   the result check. A level of recursion is counted where the
   interpreter's own call counts one in the steady state: its specialized
   forms skip it for the fast calling conventions, with the flags exactly
   that and a descriptor's `self` exactly its type
   (PRECALL_NO_KW_BUILTIN_FAST, _METHOD_DESCRIPTOR_FAST and the keyword
   forms), and count it for METH_O and METH_NOARGS and on the generic
   path. 1 with *out, 0 when not applicable. Arguments stay owned by the
   caller. */
int pyaot_call_c(PyObject *callable, PyObject **args, int nargs, PyObject **out)
{
    PyObject *self;
    int exact;
    PyMethodDef *ml = c_function(callable, &args, &nargs, nargs, &self, &exact);
    if (ml == NULL)
        return 0;
    int flags = ml->ml_flags & C_FLAGS;
    PyThreadState *ts = _PyThreadState_GET();
    PyObject *r;
    if (exact && ml->ml_flags == METH_FASTCALL) {
        r = ((_PyCFunctionFast)(void (*)(void))ml->ml_meth)(self, args, nargs);
    }
    else if (exact && ml->ml_flags == FAST_KW) {
        r = ((_PyCFunctionFastWithKeywords)(void (*)(void))ml->ml_meth)(self, args, nargs, NULL);
    }
    else {
        if (!(flags == METH_FASTCALL || flags == FAST_KW || (flags == METH_O && nargs == 1) ||
              (flags == METH_NOARGS && nargs == 0)))
            return 0;
        if (_Py_EnterRecursiveCallTstate(ts, " while calling a Python object")) {
            *out = NULL;
            return 1;
        }
        if (flags == METH_FASTCALL)
            r = ((_PyCFunctionFast)(void (*)(void))ml->ml_meth)(self, args, nargs);
        else if (flags == FAST_KW)
            r = ((_PyCFunctionFastWithKeywords)(void (*)(void))ml->ml_meth)(self, args, nargs, NULL);
        else
            r = ml->ml_meth(self, nargs == 1 ? args[0] : NULL);
        _Py_LeaveRecursiveCallTstate(ts);
    }
    /* The common case of _Py_CheckFunctionResult's checks, inline. */
    *out = r != NULL && ts->curexc_type == NULL ? r : _Py_CheckFunctionResult(ts, callable, r, NULL);
    return 1;
}

/* pyaot_call_c for a call with keywords (`kwnames` names the last of the
   `nargs` arguments) of a METH_FASTCALL | METH_KEYWORDS function: no
   level for a builtin with exactly those flags
   (PRECALL_BUILTIN_FAST_WITH_KEYWORDS), one for a method descriptor,
   which 3.11 never specializes with keywords. */
int pyaot_call_c_kw(PyObject *callable, PyObject **args, int nargs, PyObject *kwnames,
                    PyObject **out)
{
    PyObject *self;
    int exact, nkw = (int)PyTuple_GET_SIZE(kwnames);
    int descr = Py_TYPE(callable) == &PyMethodDescr_Type;
    PyMethodDef *ml = c_function(callable, &args, &nargs, nargs - nkw, &self, &exact);
    if (ml == NULL || (ml->ml_flags & C_FLAGS) != FAST_KW)
        return 0;
    int level = descr || ml->ml_flags != FAST_KW;
    PyThreadState *ts = _PyThreadState_GET();
    if (level && _Py_EnterRecursiveCallTstate(ts, " while calling a Python object")) {
        *out = NULL;
        return 1;
    }
    PyObject *r = ((_PyCFunctionFastWithKeywords)(void (*)(void))ml->ml_meth)(self, args,
                                                                              nargs - nkw, kwnames);
    if (level)
        _Py_LeaveRecursiveCallTstate(ts);
    *out = r != NULL && ts->curexc_type == NULL ? r : _Py_CheckFunctionResult(ts, callable, r, NULL);
    return 1;
}

/* A CALL site's memory of the compiled function it called last with
   exactly its positional parameters (one way of the site's cache): the
   facts that depend only on the code object, which the site owns a
   reference to from then on, so that its address names it for good. */
typedef struct direct_site {
    PyCodeObject *code;
    pyaot_code_rec *rec;
    Py_ssize_t size; /* the frame's slots */
    int nargs;       /* the site's positional count, co_argcount */
    int nlocalsplus;
} direct_site;
_Static_assert(sizeof(direct_site) <= sizeof(pyaot_cache), "a direct_site fits a cache way");

/* Push the frame of `func` (`size` slots) with the `nargs` references
   at `args`, which it takes over, defaults up to `argc` and the other
   locals unbound, and run its native entry, which clears and
   pops it. When the current data stack chunk is full the runtime
   makes another current; 0, touching nothing, when it cannot. */
static HOT int enter_direct(pyaot_ctx *c, PyFunctionObject *func, pyaot_code_rec *rec,
                            Py_ssize_t size, PyObject **args, int nargs, int argc, int nlocalsplus,
                            PyObject **out)
{
    PyThreadState *ts = c->ts;
    PyObject **base = ts->datastack_top;
    if (__builtin_expect(base != NULL && size < ts->datastack_limit - base, 1))
        ts->datastack_top = base + size;
    else if ((base = (PyObject **)pyaot_rt->push_chunk(ts, size)) == NULL)
        return 0;
    _PyInterpreterFrame *frame = (_PyInterpreterFrame *)base;
    _PyFrame_InitializeSpecials(frame, (PyFunctionObject *)Py_NewRef(func), NULL, nlocalsplus);
    PyObject **lp = frame->localsplus;
    for (int i = 0; i < nargs; i++) {
        lp[i] = args[i];
        args[i] = NULL;
    }
    if (nargs < argc) {
        PyObject *defs = func->func_defaults;
        int first = argc - (int)PyTuple_GET_SIZE(defs);
        for (int i = nargs; i < argc; i++)
            lp[i] = Py_NewRef(PyTuple_GET_ITEM(defs, i - first));
    }
    for (int i = argc; i < nlocalsplus; i++)
        lp[i] = NULL;
    if (pyaot_rt->stats_enabled)
        pyaot_rt->count_direct(rec);
    *out = ((pyaot_entry_fn)rec->entry)(ts, frame, PYAOT_DIRECT);
    return 1;
}

/* Calls `callable` with the `nargs` references at `args`, which it takes
   over (the slots are cleared) when it returns 1 with the result, or NULL
   and an exception, in *out. Returns 0, touching nothing, when the call
   is not a direct one. The callee's entry clears and pops the frame. A
   site's cache (`ds`, or NULL) learns an exact-arguments callee. */
static HOT int call_direct(pyaot_ctx *c, PyObject *callable, PyObject **args, int nargs,
                           PyObject **out, direct_site *ds)
{
    if (Py_TYPE(callable) != &PyFunction_Type || c->cf.use_tracing)
        return 0;
    PyFunctionObject *func = (PyFunctionObject *)callable;
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    int argc = co->co_argcount;
    if ((co->co_flags & NOT_DIRECT_FLAGS) || !(co->co_flags & CO_OPTIMIZED) ||
        co->co_kwonlyargcount != 0 || nargs > argc)
        return 0;
    PyObject *defs = func->func_defaults;
    if (nargs < argc && (defs == NULL || nargs < argc - (int)PyTuple_GET_SIZE(defs)))
        return 0;
    pyaot_code_rec *rec = pyaot_native_rec(co);
    if (rec == NULL)
        return 0;
    Py_ssize_t size = co->co_nlocalsplus + co->co_stacksize + (Py_ssize_t)FRAME_SPECIALS_SIZE;
    if (ds != NULL && ds->code == NULL && nargs == argc)
        *ds = (direct_site){.code = (PyCodeObject *)Py_NewRef(co), .rec = rec, .size = size,
                            .nargs = nargs, .nlocalsplus = co->co_nlocalsplus};
    return enter_direct(c, func, rec, size, args, nargs, argc, co->co_nlocalsplus, out);
}

HOT int pyaot_call_direct(pyaot_ctx *c, PyObject *callable, PyObject **args, int nargs,
                          PyObject **out)
{
    return call_direct(c, callable, args, nargs, out, NULL);
}

/* The site's cached callee again: only what may differ between calls of
   the same code is checked (a tracer, the runtime switched off). */
static HOT int call_cached(pyaot_ctx *c, const direct_site *ds, PyObject *callable,
                           PyObject **args, int nargs, PyObject **out)
{
    if (ds == NULL || Py_TYPE(callable) != &PyFunction_Type ||
        ((PyFunctionObject *)callable)->func_code != (PyObject *)ds->code ||
        nargs != ds->nargs || c->cf.use_tracing || pyaot_rt->extra_index < 0)
        return 0;
    return enter_direct(c, (PyFunctionObject *)callable, ds->rec, ds->size, args, nargs, nargs,
                        ds->nlocalsplus, out);
}

#define SIMPLE_STORES 7

/* An __init__ that only stores its arguments or constants into slots:
   `self.a = a; self.k = 0; ...` and `return None`. `code` (owned by the
   site from then on, so its address names it for good) is the code it
   was read from; store i puts argument src[i] (src >= 1) or constant
   -1 - src[i] at byte offset off[i] of the instance; the last store of
   each argument (bit i of `take`) takes the stack's reference over. */
typedef struct simple_init {
    PyCodeObject *code;
    uint16_t off[SIMPLE_STORES];
    int8_t src[SIMPLE_STORES];
    uint8_t n, take;
} simple_init;

/* What a CALL site learnt of the class it instantiated last (the cache
   way after the site's direct_site): the class, its __init__ and whether
   object.__new__ only allocates, all true while the class keeps the
   version tag it had then. Any change to the class or its bases (a new
   __init__ or __new__, __abstractmethods__) gives it a new tag, and tags
   are never reused, so a borrowed `tp` and `init` are alive while the
   tag matches. `init_site` is the direct-call cache of __init__: like any
   call site's, it keeps the first code it learnt. */
typedef struct construct_site {
    PyTypeObject *tp;
    PyObject *init;
    unsigned int version;
    int plain; /* no instance dict: object.__new__ is tp_alloc alone */
    direct_site init_site;
    simple_init simple; /* code NULL: __init__ is called */
} construct_site;
_Static_assert(sizeof(direct_site) + sizeof(construct_site) <= PYAOT_CACHE_BYTES,
               "a CALL site's direct_site and construct_site fit its cache");

/* The slot `name` of `tp` that a store on an instance sets through its
   member descriptor, as PyObject_GenericSetAttr finds it: its offset, or
   -1 when the store would do anything else. */
static int slot_offset(PyTypeObject *tp, PyObject *name)
{
    PyObject *d = _PyType_Lookup(tp, name);
    if (d == NULL || Py_TYPE(d) != &PyMemberDescr_Type)
        return -1;
    PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
    if (m->type != T_OBJECT_EX || (m->flags & READONLY) || m->offset <= 0 || m->offset > UINT16_MAX)
        return -1;
    return (int)m->offset;
}

/* Reads `init`'s bytecode for the simple_init pattern on instances of
   `tp` (no instance dict, generic setattr) made with `nargs` arguments;
   fills `si` and returns 1 when it matches. */
__attribute__((noinline, cold)) static int simple_learn(PyTypeObject *tp, PyFunctionObject *init,
                                                        int nargs, simple_init *si)
{
    PyCodeObject *co = (PyCodeObject *)init->func_code;
    if (tp->tp_dictoffset != 0 || tp->tp_setattro != PyObject_GenericSetAttr ||
        co->co_argcount != nargs + 1 || co->co_nlocalsplus != nargs + 1 ||
        co->co_kwonlyargcount != 0 || (co->co_flags & (NOT_DIRECT_FLAGS | CO_GENERATOR |
                                                       CO_COROUTINE | CO_ASYNC_GENERATOR)) ||
        PyTuple_GET_SIZE(co->co_consts) > 128)
        return 0;
    PyObject *bytes = PyCode_GetCode(co);
    if (bytes == NULL) {
        PyErr_Clear();
        return 0;
    }
    const uint8_t *b = (const uint8_t *)PyBytes_AS_STRING(bytes);
    Py_ssize_t len = PyBytes_GET_SIZE(bytes), i = 2;
    simple_init got = {.n = 0};
    int ok = len >= 6 && b[0] == RESUME && b[1] == 0;
    /* (LOAD_FAST arg | LOAD_CONST k) LOAD_FAST 0 STORE_ATTR name [caches] ... */
    while (ok && i + 6 <= len && b[i + 2] == LOAD_FAST && b[i + 3] == 0 &&
           b[i + 4] == STORE_ATTR) {
        int src = b[i] == LOAD_FAST && b[i + 1] >= 1 && b[i + 1] <= nargs ? b[i + 1]
                  : b[i] == LOAD_CONST ? -1 - (int)b[i + 1]
                  : 0;
        int off = src != 0 ? slot_offset(tp, PyTuple_GET_ITEM(co->co_names, b[i + 5])) : -1;
        if (off < 0 || got.n == SIMPLE_STORES) {
            ok = 0;
            break;
        }
        got.src[got.n] = (int8_t)src;
        got.off[got.n++] = (uint16_t)off;
        i += 6 + 2 * INLINE_CACHE_ENTRIES_STORE_ATTR;
    }
    ok = ok && i + 4 == len && b[i] == LOAD_CONST && b[i + 2] == RETURN_VALUE &&
         PyTuple_GET_ITEM(co->co_consts, b[i + 1]) == Py_None;
    Py_DECREF(bytes);
    if (!ok)
        return 0;
    /* The last store of an argument takes its reference, unless a slot is
       stored twice: the first value must outlive the stores, as the
       stack's reference makes it in the interpreter. */
    int twice = 0;
    for (int j = 0; j < got.n; j++)
        for (int k = j + 1; k < got.n; k++)
            twice |= got.off[j] == got.off[k];
    for (int j = 0; j < got.n && !twice; j++) {
        int last = got.src[j] > 0;
        for (int k = j + 1; k < got.n && last; k++)
            last = got.src[k] != got.src[j];
        got.take |= (uint8_t)(last << j);
    }
    got.code = (PyCodeObject *)Py_NewRef(co);
    Py_XDECREF(si->code);
    *si = got;
    return 1;
}

/* Runs the simple_init `si` on `obj`, with the arguments at args[1..]:
   the stores __init__ would make, in its order. The references of the
   arguments stored are taken over (their slots cleared). */
static void simple_run(const simple_init *si, PyObject *obj, PyObject **args)
{
    PyObject **consts = &PyTuple_GET_ITEM(si->code->co_consts, 0);
    for (int i = 0; i < si->n; i++) {
        int src = si->src[i];
        PyObject *v;
        if (si->take & (1u << i)) {
            v = args[src];
            args[src] = NULL;
        }
        else {
            v = Py_NewRef(src > 0 ? args[src] : consts[-1 - src]);
        }
        PyObject **at = (PyObject **)((char *)obj + si->off[i]);
        PyObject *old = *at;
        *at = v;
        Py_XDECREF(old);
    }
}

/* Whether instances of `tp` are made by object.__new__ and set up by an
   __init__ written in Python, which it returns (borrowed), learning it
   into `cs` (or NULL) when the class has a version tag. */
static PyObject *construct_learn(PyTypeObject *tp, construct_site *cs, int nargs)
{
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) || (tp->tp_flags & Py_TPFLAGS_IS_ABSTRACT) ||
        tp->tp_new != PyBaseObject_Type.tp_new)
        return NULL;
    PyObject *init = _PyType_Lookup(tp, &_Py_ID(__init__));
    if (init == NULL || Py_TYPE(init) != &PyFunction_Type)
        return NULL;
    if (cs != NULL && (tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) && tp->tp_version_tag != 0) {
        cs->tp = tp;
        cs->init = init;
        cs->version = tp->tp_version_tag;
        cs->plain = tp->tp_dictoffset == 0;
        if (!simple_learn(tp, (PyFunctionObject *)init, nargs, &cs->simple)) {
            Py_CLEAR(cs->simple.code);
            cs->simple.n = 0;
        }
    }
    return init;
}

/* The simple_init `cs` learnt, when it still describes the __init__ the
   site remembers (the class holds the same __init__, but its code may
   have been replaced; the site owns the code it read) for `nargs`
   arguments; else NULL. */
static inline HOT const simple_init *cached_simple(const construct_site *cs, int nargs)
{
    const simple_init *si = &cs->simple;
    return si->code != NULL && ((PyFunctionObject *)cs->init)->func_code == (PyObject *)si->code &&
                   si->code->co_argcount == nargs + 1
               ? si
               : NULL;
}

/* Calling a class whose instances are made by object.__new__ and set up
   by an __init__ written in Python, as type.__call__, object.__new__ and
   the __init__ slot do it, with __init__ called directly: `slot[0]` is
   the class, `slot[1..nargs]` the arguments, all owned by the stack and
   all taken over (cleared) when it returns 1 with the result, or NULL and
   an exception, in *out. 0, touching nothing, when not applicable. The
   site's `cs` (or NULL) saves the lookups on the next call. */
__attribute__((noinline)) static int construct(pyaot_ctx *c, PyObject **slot, int nargs,
                                               PyObject **out, construct_site *cs)
{
    PyTypeObject *tp = (PyTypeObject *)slot[0];
    if (c->cf.use_tracing)
        return 0;
    PyObject *init;
    int plain;
    const simple_init *simple = NULL;
    if (cs != NULL && cs->tp == tp && tp->tp_version_tag == cs->version) {
        init = cs->init;
        plain = cs->plain;
        simple = cached_simple(cs, nargs);
    }
    else {
        init = construct_learn(tp, cs, nargs);
        if (init == NULL)
            return 0;
        plain = 0;
    }
    PyThreadState *ts = c->ts;
    /* Calling any object through its type's tp_call counts one level. */
    PyObject *obj = NULL;
    int took_class = 0;
    if (!_Py_EnterRecursiveCallTstate(ts, " while calling a Python object")) {
        Py_INCREF(init);
        /* object.__new__ itself: it also sets up the instance's inline
           values or dict. With no arguments it makes the same object. */
        obj = plain ? tp->tp_alloc(tp, 0)
                    : tp->tp_new(tp, (PyObject *)&_Py_SINGLETON(tuple_empty), NULL);
        /* A simple __init__'s stores are made here, when its frame would
           not pass the recursion limit (the interpreter's second level). */
        if (obj != NULL && simple != NULL && ts->recursion_remaining > 0) {
            simple_run(simple, obj, slot);
        }
        else if (obj != NULL) {
            slot[0] = Py_NewRef(obj); /* __init__'s self; the stack's class ref is `tp` */
            took_class = 1;
            PyObject *r;
            direct_site *ids = cs != NULL ? &cs->init_site : NULL;
            if (!call_cached(c, ids, init, slot, nargs + 1, &r) &&
                !call_direct(c, init, slot, nargs + 1, &r, ids))
                r = PyObject_Vectorcall(init, slot, (size_t)(nargs + 1), NULL);
            if (r != NULL && r != Py_None) {
                PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'",
                             Py_TYPE(r)->tp_name);
                Py_CLEAR(obj);
            }
            else if (r == NULL) {
                Py_CLEAR(obj);
            }
            Py_XDECREF(r);
        }
        Py_DECREF(init);
        _Py_LeaveRecursiveCallTstate(ts);
    }
    for (int i = 0; i <= nargs; i++) /* cleared already after a direct call */
        Py_CLEAR(slot[i]);
    if (took_class)
        Py_DECREF(tp);
    *out = obj;
    return 1;
}
/* What a BINARY_OP site learnt of the class whose instances it last
   combined with one another: the Python function its dunder resolves to,
   true while the class keeps `version` (as for construct_site). */
typedef struct dunder_site {
    PyTypeObject *tp;
    PyObject *func;
    unsigned int version;
    direct_site ds;
} dunder_site;
_Static_assert(sizeof(dunder_site) <= PYAOT_CACHE_BYTES, "a dunder_site fits a site's cache");

/* The dunder and operator of each BINARY_OP oparg that a class defines
   in Python with no more than binary_op1 and the TypeError behind it
   (no in-place form, no ternary power). */
static PyObject *dunder_name(int op, const char **sym)
{
    switch (op) {
    case NB_ADD: *sym = "+"; return &_Py_ID(__add__);
    case NB_SUBTRACT: *sym = "-"; return &_Py_ID(__sub__);
    case NB_MULTIPLY: *sym = "*"; return &_Py_ID(__mul__);
    case NB_TRUE_DIVIDE: *sym = "/"; return &_Py_ID(__truediv__);
    case NB_FLOOR_DIVIDE: *sym = "//"; return &_Py_ID(__floordiv__);
    case NB_REMAINDER: *sym = "%"; return &_Py_ID(__mod__);
    case NB_MATRIX_MULTIPLY: *sym = "@"; return &_Py_ID(__matmul__);
    case NB_LSHIFT: *sym = "<<"; return &_Py_ID(__lshift__);
    case NB_RSHIFT: *sym = ">>"; return &_Py_ID(__rshift__);
    case NB_AND: *sym = "&"; return &_Py_ID(__and__);
    case NB_OR: *sym = "|"; return &_Py_ID(__or__);
    case NB_XOR: *sym = "^"; return &_Py_ID(__xor__);
    default: return NULL;
    }
}

/* `a op b` with both operands of one class whose dunder for `op` is a
   Python function, as PyNumber_Add and the class's nb_add slot do it:
   with the type the same on both sides the reflected dunder is never
   tried, so the result is the dunder's, NotImplemented becoming the
   TypeError binary_op gives. The dunder is called directly. 1 with the
   result (NULL and an exception) in *out, 0, touching nothing, when this
   is not such a case. `a` and `b` stay the caller's. */
int pyaot_binary_dunder(pyaot_ctx *c, int op, PyObject *a, PyObject *b, void *cache,
                        PyObject **out)
{
    PyTypeObject *tp = Py_TYPE(a);
    dunder_site *site = cache;
    if (site == NULL || Py_TYPE(b) != tp || !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
        c->cf.use_tracing)
        return 0;
    const char *sym;
    PyObject *name = dunder_name(op, &sym);
    if (name == NULL)
        return 0;
    PyObject *func;
    if (site->tp == tp && tp->tp_version_tag == site->version) {
        func = site->func;
    }
    else {
        /* Without sequence slots nothing follows NotImplemented but the
           TypeError (PyNumber_Add's concatenation, PyNumber_Multiply's
           repetition). */
        PySequenceMethods *sq = tp->tp_as_sequence;
        if (sq != NULL && (sq->sq_concat != NULL || sq->sq_repeat != NULL))
            return 0;
        func = _PyType_Lookup(tp, name);
        if (func == NULL || Py_TYPE(func) != &PyFunction_Type ||
            !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) || tp->tp_version_tag == 0)
            return 0;
        site->tp = tp;
        site->func = func;
        site->version = tp->tp_version_tag;
    }
    PyObject *args[2] = {Py_NewRef(a), Py_NewRef(b)};
    PyObject *r;
    Py_INCREF(func); /* the class may drop it while it runs */
    if (!call_cached(c, &site->ds, func, args, 2, &r) &&
        !call_direct(c, func, args, 2, &r, &site->ds)) {
        r = PyObject_Vectorcall(func, args, 2, NULL);
        Py_DECREF(args[0]);
        Py_DECREF(args[1]);
    }
    Py_DECREF(func);
    if (r == Py_NotImplemented) {
        Py_DECREF(r);
        PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'",
                     sym, tp->tp_name, tp->tp_name);
        r = NULL;
    }
    *out = r;
    return 1;
}

/* CALL without keywords: a direct call when it can be one, inline. */
HOT int pyaot_spec_CALL(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    direct_site *ds = cache;
    int base = sp - oparg - 2;
    if (c->kwnames == NULL) {
        /* [NULL, callable, args...] or [function, self, args...]; a bound
           method is unpacked into the latter, as PRECALL_BOUND_METHOD and
           pyaot_op_CALL do (a callback, `super().f()`), for the cache. */
        int meth = S(base) != NULL;
        if (!meth && Py_TYPE(S(base + 1)) == &PyMethod_Type) {
            PyObject *bound = S(base + 1);
            S(base) = Py_NewRef(((PyMethodObject *)bound)->im_func);
            S(base + 1) = Py_NewRef(((PyMethodObject *)bound)->im_self);
            Py_DECREF(bound);
            meth = 1;
        }
        PyObject *callable = S(base + 1 - meth);
        PyObject *r;
        PyObject **args = &S(base + 2 - meth);
        if (call_cached(c, ds, callable, args, oparg + meth, &r) ||
            call_direct(c, callable, args, oparg + meth, &r, ds)) {
            Py_DECREF(callable);
            S(base + 1) = NULL;
            S(base) = r;
            return r ? ST_OK : ST_ERROR;
        }
        if (!meth && Py_TYPE(callable) == &PyType_Type && construct(c, &S(base + 1), oparg, &r,
                                                             ds != NULL ? (construct_site *)(ds + 1) : NULL)) {
            S(base) = r;
            return r ? ST_OK : ST_ERROR;
        }
        /* A method of a built-in type (s.add(x), l.pop()): pyaot_op_CALL
           would try the direct call and the builtins first. Generators'
           send resumes without the hook there. */
        if (Py_TYPE(callable) == &PyMethodDescr_Type && callable != pyaot_rt->gen_send &&
            callable != pyaot_rt->coro_send &&
            pyaot_call_c(callable, &S(base + 2 - meth), oparg + meth, &r))
            return pyaot_call_end(c, base, oparg, r);
    }
    return pyaot_op_CALL(c, sp, oparg);
}

/* len(x), when the callable is the builtin. */
HOT int pyaot_spec_CALL_LEN(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    int base = sp - oparg - 2;
    if (oparg == 1 && S(base) == NULL && S(base + 1) == pyaot_rt->builtin_len &&
        c->kwnames == NULL) {
        Py_ssize_t n = PyObject_Size(S(base + 2));
        return pyaot_call_end(c, base, 1, n < 0 ? NULL : PyLong_FromSsize_t(n));
    }
    pyaot_guard_miss(c, 0);
    return pyaot_op_CALL(c, sp, oparg);
}

/* isinstance(x, cls), when the callable is the builtin. */
HOT int pyaot_spec_CALL_ISINSTANCE(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    int base = sp - oparg - 2;
    if (oparg == 2 && S(base) == NULL && S(base + 1) == pyaot_rt->builtin_isinstance &&
        c->kwnames == NULL) {
        int r = PyObject_IsInstance(S(base + 2), S(base + 3));
        return pyaot_call_end(c, base, 2, r < 0 ? NULL : Py_NewRef(r ? Py_True : Py_False));
    }
    pyaot_guard_miss(c, 0);
    return pyaot_op_CALL(c, sp, oparg);
}

/* l.append(x) on an exact list: LOAD_METHOD left [list.append, l, x]. */
HOT int pyaot_spec_CALL_LIST_APPEND(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    int base = sp - oparg - 2;
    if (oparg == 1 && S(base) == pyaot_rt->list_append && PyList_CheckExact(S(base + 1)) &&
        c->kwnames == NULL) {
        PyListObject *l = (PyListObject *)S(base + 1);
        Py_ssize_t n = Py_SIZE(l);
        if (l->allocated > n) {
            /* Room left: the list takes the stack's reference, as
               CPython's own PRECALL_NO_KW_LIST_APPEND does. */
            PyList_SET_ITEM(l, n, S(base + 2));
            Py_SET_SIZE(l, n + 1);
            S(base + 2) = NULL;
            Py_DECREF(S(base)); /* list.append itself: the runtime holds it */
            S(base) = Py_NewRef(Py_None);
            Py_DECREF(l);
            S(base + 1) = NULL;
            return ST_OK;
        }
        int err = PyList_Append(S(base + 1), S(base + 2));
        return pyaot_call_end(c, base, 1, err < 0 ? NULL : Py_NewRef(Py_None));
    }
    pyaot_guard_miss(c, 0);
    return pyaot_op_CALL(c, sp, oparg);
}

/* A call the training run saw go to a C function or a method descriptor
   of a built-in type (PRECALL_NO_KW_BUILTIN_*, _METHOD_DESCRIPTOR_*):
   straight to pyaot_call_c, without the generic stub's other checks. */
HOT int pyaot_spec_CALL_C(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    int base = sp - oparg - 2;
    if (c->kwnames == NULL) {
        int meth = S(base) != NULL;
        PyObject *r;
        if (pyaot_call_c(S(base + 1 - meth), &S(base + 2 - meth), oparg + meth, &r))
            return pyaot_call_end(c, base, oparg, r);
    }
    pyaot_guard_miss(c, 0);
    return pyaot_op_CALL(c, sp, oparg);
}

/* After a call whose result could rejoin the straight path as a value,
   or before a call computed inline: nonzero while the interpreter must
   see the call, for a tracer, a pending signal (checked by the callee's
   RESUME and after every call), or tracemalloc, which records where the
   callee makes its result. */
HOT int pyaot_v_after_call(pyaot_ctx *c)
{
    return c->cf.use_tracing | _Py_atomic_load_relaxed(&c->ts->interp->ceval.eval_breaker) |
           _Py_tracemalloc_config.tracing;
}

/* Whether the native entry of `code` is `entry`: a callee the site's
   direct call did not learn (another class's method of that name). */
__attribute__((noinline)) static int entry_is(PyObject *code, void *entry)
{
    pyaot_code_rec *rec = pyaot_native_rec((PyCodeObject *)code);
    return rec != NULL && rec->entry == entry;
}

/* An inlined call of a pure leaf (compiler/inline.c) may run in place
   of calling `f` (`null` is what is below it; a method call passes
   NULL) when `f` is a function whose code's native entry is `entry`, the
   leaf's, so its code is the one inlined (the code the site's
   direct-call `cache` learnt is checked first, the cheaper way, and the
   first call runs, to learn it); and
   when nothing a call would show is on (pyaot_v_after_call) and no
   RecursionError is due: `levels` are left, the leaf's frame's and the
   comparison's (leaf_levels in compiler/unbox.c). The stack's reference to `f` must not be the
   last one, so that dropping it frees nothing. */

HOT int pyaot_v_inline_ok(pyaot_ctx *c, PyObject *null, PyObject *f, void *cache, void *entry,
                          int levels)
{
    const direct_site *ds = cache;
    if (null != NULL || Py_TYPE(f) != &PyFunction_Type)
        return 0;
    /* Until the site's direct call has learnt a callee, the call runs:
       it learns one, which makes the check of most sites the cheap one. */
    PyObject *code = ((PyFunctionObject *)f)->func_code;
    if (code == (PyObject *)ds->code ? ds->rec->entry != entry
                                     : ds->code == NULL || !entry_is(code, entry))
        return 0;
    return Py_REFCNT(f) > 1 && c->ts->recursion_remaining >= levels && !pyaot_v_after_call(c);
}

/* Global `idx` of leaf function `fn` (its code checked to be the leaf's)
   when the name is in its globals, which LOAD_GLOBAL looks in first:
   borrowed, or NULL. The `cache` keeps the value with the version of the
   globals dict, which any change to the dict replaces by a new one. */
typedef struct leaf_global {
    uint64_t version;
    PyObject *v;
} leaf_global;

__attribute__((noinline)) static PyObject *leaf_global_miss(leaf_global *k, PyDictObject *g,
                                                           PyFunctionObject *f, int idx)
{
    /* Only where the lookup runs no code: an exact dict of str keys. */
    if (!PyDict_CheckExact(g) || g->ma_keys->dk_kind == DICT_KEYS_GENERAL)
        return NULL;
    PyObject *name = PyTuple_GET_ITEM(((PyCodeObject *)f->func_code)->co_names, idx >> 1);
    PyObject *v = PyDict_GetItemWithError((PyObject *)g, name);
    if (v == NULL) {
        PyErr_Clear();
        return NULL;
    }
    k->version = g->ma_version_tag;
    k->v = v;
    return v;
}

HOT PyObject *pyaot_v_leaf_global(void *cache, PyObject *fn, int idx)
{
    leaf_global *k = cache;
    PyFunctionObject *f = (PyFunctionObject *)fn;
    PyDictObject *g = (PyDictObject *)f->func_globals;
    if (k->v != NULL && g->ma_version_tag == k->version)
        return k->v;
    return leaf_global_miss(k, g, f, idx);
}

/* Whether making one more GC-tracked object would start a collection
   (_PyObject_GC_Link's test): the finalizers it runs would see the
   frames of the calls an inlined leaf does not make. */
static int gc_would_collect(PyThreadState *ts)
{
    struct _gc_runtime_state *gc = &ts->interp->gc;
    struct gc_generation *g0 = &gc->generations[0];
    return gc->enabled && g0->threshold != 0 && !gc->collecting && g0->count + 1 > g0->threshold;
}

/* `cls(v0, ..., vn-1)` at the end of an inlined leaf, made as
   `construct` makes it when the class's __init__ only stores its
   arguments into slots (simple_init): the values (doubles where bit i of
   `fmask` is set, else int64) boxed and stored, the new instance
   returned. NULL, with nothing done and no exception, whenever the call
   could do more: another kind of class or __init__, a RecursionError
   due (the leaf's frame, type.__call__ and __init__'s frame each count a
   level), a collection the allocation would start, or no memory; the
   ordinary call then runs instead. `cache` is the site's construct_site. */
__attribute__((noinline)) PyObject *pyaot_v_leaf_new(pyaot_ctx *c, void *cache, PyObject *cls,
                                                    int n, const int64_t *vals, int fmask)
{
    construct_site *cs = cache;
    PyTypeObject *tp = (PyTypeObject *)cls;
    PyThreadState *ts = c->ts;
    if (Py_TYPE(cls) != &PyType_Type || ts->recursion_remaining <= 2 || gc_would_collect(ts))
        return NULL;
    if ((cs->tp != tp || tp->tp_version_tag != cs->version) &&
        (construct_learn(tp, cs, n) == NULL || cs->tp != tp || tp->tp_version_tag != cs->version))
        return NULL;
    const simple_init *si = cached_simple(cs, n);
    if (!cs->plain || si == NULL)
        return NULL;
    PyObject *args[PYAOT_LEAF_MAX + 1] = {NULL};
    PyObject *obj = NULL;
    int i = 0;
    for (; i < n && i < PYAOT_LEAF_MAX; i++) {
        double d;
        memcpy(&d, &vals[i], sizeof d);
        args[i + 1] = (fmask >> i) & 1 ? box_double(d) : box_int(vals[i]);
        if (args[i + 1] == NULL)
            break;
    }
    if (i == n)
        obj = tp->tp_alloc(tp, 0);
    if (obj != NULL)
        simple_run(si, obj, args);
    else
        PyErr_Clear();
    for (int k = 1; k <= i; k++)
        Py_XDECREF(args[k]);
    return obj;
}

/* The stack's reference to an inlined callee, not its last one. */
HOT void pyaot_v_unref(PyObject *f)
{
    Py_SET_REFCNT(f, Py_REFCNT(f) - 1);
}

/* The ordinary call where an inlined one could not run; it teaches the
   site's cache the callee (pyaot_spec_CALL). */
__attribute__((noinline)) int pyaot_v_call(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return pyaot_spec_CALL(c, sp, oparg, cache);
}
