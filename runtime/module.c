/* The `_pyaot` extension module: the PEP 523 eval-frame hook that runs a
   code object's native entry when it has one, and the functions the
   Python side (pyaot_boot.py) uses to attach artifacts. */
#include "runtime.h"

#include "internal/pycore_pyarena.h"
#include "internal/pycore_frame.h"
#include "internal/pycore_pystate.h"

#include "codehash.h"

typedef PyObject *(*entry_fn)(PyThreadState *, _PyInterpreterFrame *, int);

/* What co_extra points to for a code object with native code. Records
   live as long as the process, like the artifacts they point into. */
typedef struct code_rec {
    entry_fn entry;           /* these two first: the pyaot_code_rec head */
    unsigned long long calls;
    PyObject *filename;
    struct code_rec *next;
} code_rec;

static code_rec *all_recs;

/* co_extra value for "looked for an artifact, found none". */
#define CHECKED PYAOT_CHECKED

_Static_assert(offsetof(code_rec, entry) == offsetof(pyaot_code_rec, entry) &&
                   offsetof(code_rec, calls) == offsetof(pyaot_code_rec, calls),
               "code_rec starts with the pyaot_code_rec head");

static void count_direct(void *rec)
{
    pyaot_stats_count_direct();
    ((code_rec *)rec)->calls++;
}

pyaot_runtime pyaot_runtime_state = {
    .abi_version = PYAOT_FORMAT_VERSION,
    .stats_enabled = 0,
    .record_deopt = pyaot_stats_record_deopt,
    .extra_index = -1,
    .count_direct = count_direct,
    .record_guard = pyaot_stats_record_guard,
    .push_chunk = pyaot_push_chunk,
    .pop_chunk = pyaot_pop_chunk,
};

static Py_ssize_t extra_index = -1;
static int enabled;
static PyObject *module_hook; /* called with a <module> code object run outside import */
static PyObject *module_name; /* interned "<module>" */

/* Modules that never pass through the import hook (frozen ones, and those
   imported before the runtime came up): co_filename -> {code hash: entry}.
   Their live code objects pick an entry up by hash on their first call. */
static PyObject *adopted;
static unsigned long n_adopted; /* live code objects that got an entry this way */

static int ensure_extra_index(void)
{
    if (extra_index < 0) {
        extra_index = _PyEval_RequestCodeExtraIndex(NULL);
        if (extra_index < 0) {
            PyErr_Format(PyExc_RuntimeError, "no co_extra slot available");
            return -1;
        }
    }
    return 0;
}

/* _PyCode_SetExtra sizes a code object's extra array to every index
   registered so far, and code deallocation then calls every registered
   free function: a tool that registered an index after us (test_code does,
   with a ctypes callback it later frees) would be called for every code
   object we touch. Size the array only up to our own index instead. */
typedef pyaot_code_extra code_extra;

static int set_extra(PyObject *code, void *value)
{
    PyCodeObject *co = (PyCodeObject *)code;
    code_extra *x = co->co_extra;
    if (x == NULL) {
        x = PyMem_Malloc(sizeof(code_extra) + (size_t)extra_index * sizeof(void *));
        if (x == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        /* The runtime's bookkeeping, not the program's: tracemalloc would
           otherwise show it at the line that first called the code. */
        PyTraceMalloc_Untrack(0, (uintptr_t)x);
        x->ce_size = extra_index + 1;
        for (Py_ssize_t i = 0; i < x->ce_size; i++)
            x->ce_extras[i] = NULL;
        co->co_extra = x;
    }
    if (x->ce_size <= extra_index)
        return _PyCode_SetExtra(code, extra_index, value);
    x->ce_extras[extra_index] = value;
    return 0;
}

int pyaot_set_entry(PyObject *code, void *entry)
{
    if (entry == NULL)
        return set_extra(code, CHECKED);
    code_rec *r = PyMem_RawCalloc(1, sizeof *r);
    if (r == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyTraceMalloc_Untrack(0, (uintptr_t)r); /* bookkeeping, as in set_extra */
    r->entry = (entry_fn)entry;
    r->filename = Py_NewRef(((PyCodeObject *)code)->co_filename);
    r->next = all_recs;
    all_recs = r;
    return set_extra(code, r);
}

void pyaot_reset_calls(void)
{
    for (code_rec *r = all_recs; r; r = r->next)
        r->calls = 0;
}

unsigned long pyaot_adopted_count(void)
{
    return n_adopted;
}

/* Native entries per source file, for the statistics. */
PyObject *pyaot_native_by_file(void)
{
    PyObject *d = PyDict_New();
    for (code_rec *r = all_recs; d && r; r = r->next) {
        if (r->calls == 0)
            continue;
        PyObject *old = PyDict_GetItemWithError(d, r->filename);
        unsigned long long n = r->calls + (old ? PyLong_AsUnsignedLongLong(old) : 0);
        PyObject *v = PyLong_FromUnsignedLongLong(n);
        if (v == NULL || PyDict_SetItem(d, r->filename, v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(d);
            break;
        }
        Py_DECREF(v);
    }
    return d;
}

/* The entry an adopted module's artifact has for `co`, if any. Matching is
   by code hash only: frozen code says "<frozen os>" where the artifact was
   compiled from os.py, and everything else native code relies on is in the
   hash. */
static void *adopted_entry(PyCodeObject *co)
{
    PyObject *tab = PyDict_GetItemWithError(adopted, co->co_filename);
    uint64_t h;
    if (tab == NULL || pyaot_code_hash(co, &h) < 0)
        return NULL;
    PyObject *key = PyLong_FromUnsignedLongLong(h);
    PyObject *e = key ? PyDict_GetItemWithError(tab, key) : NULL;
    Py_XDECREF(key);
    return e ? PyLong_AsVoidPtr(e) : NULL;
}

/* First call of a code object that has no entry yet: remember that it
   was seen, give code of an adopted module its entry, and give
   module-level code compiled outside the import system (the main script,
   runpy) one chance to find its artifact by file name. */
static void *first_call(PyCodeObject *co)
{
    if (set_extra((PyObject *)co, CHECKED) < 0) {
        PyErr_Clear();
        return NULL;
    }
    if (adopted != NULL) {
        void *entry = adopted_entry(co);
        if (entry != NULL && pyaot_set_entry((PyObject *)co, entry) == 0) {
            n_adopted++;
            void *x = NULL;
            _PyCode_GetExtra((PyObject *)co, extra_index, &x);
            return x;
        }
        PyErr_Clear(); /* never let our bookkeeping fail the user's program */
    }
    /* Under a tracer or profiler the module runs as bytecode anyway, and
       the hook (Python code) must not show up in what they see. */
    if (module_hook == NULL || PyThreadState_Get()->cframe->use_tracing ||
        (co->co_name != module_name && PyUnicode_Compare(co->co_name, module_name) != 0))
        return CHECKED;
    PyObject *r = PyObject_CallOneArg(module_hook, (PyObject *)co);
    if (r == NULL)
        PyErr_Clear(); /* never let our bookkeeping fail the user's program */
    Py_XDECREF(r);
    void *x = NULL;
    _PyCode_GetExtra((PyObject *)co, extra_index, &x);
    return x;
}

/* Everything but a known native entry without tracing or stats: out of
   line, so that the common path needs no frame of its own. */
static __attribute__((noinline)) PyObject *hook_slow(PyThreadState *ts, _PyInterpreterFrame *f,
                                                     int throwflag, void *x)
{
    if (x == NULL && !throwflag)
        x = first_call(f->f_code);
    int native = x != NULL && x != CHECKED && !ts->cframe->use_tracing;
    if (pyaot_runtime_state.stats_enabled && !throwflag &&
        f->prev_instr == _PyCode_CODE(f->f_code) - 1) {
        pyaot_stats_count(native);
        if (native)
            ((code_rec *)x)->calls++;
    }
    if (native)
        return ((code_rec *)x)->entry(ts, f, throwflag);
    return _PyEval_EvalFrameDefault(ts, f, throwflag);
}

/* Every frame the interpreter would evaluate: its code's native entry,
   read from co_extra as _PyCode_GetExtra reads it (every call from C,
   every generator resumed by C code, passes here). */
static PyObject *eval_hook(PyThreadState *ts, _PyInterpreterFrame *f, int throwflag)
{
    const code_extra *ce = f->f_code->co_extra;
    void *x = ce != NULL && extra_index < ce->ce_size ? ce->ce_extras[extra_index] : NULL;
    if (__builtin_expect((uintptr_t)x > (uintptr_t)CHECKED && !ts->cframe->use_tracing &&
                             !pyaot_runtime_state.stats_enabled, 1))
        return ((code_rec *)x)->entry(ts, f, throwflag);
    return hook_slow(ts, f, throwflag, x);
}

/* A new reference to the builtin function `name` itself, or NULL when
   builtins.name is something else by now (a .pth file processed before
   the runtime's may have replaced it): CALL runs only the real one
   without vectorcall. */
static PyObject *real_builtin(const char *name)
{
    PyObject *f = PyDict_GetItemString(PyEval_GetBuiltins(), name);
    if (f == NULL || !PyCFunction_CheckExact(f))
        return NULL;
    PyCFunctionObject *cf = (PyCFunctionObject *)f;
    if (strcmp(cf->m_ml->ml_name, name) != 0 || cf->m_self == NULL ||
        !PyModule_CheckExact(cf->m_self))
        return NULL;
    const char *module = PyModule_GetName(cf->m_self);
    if (module == NULL) {
        PyErr_Clear();
        return NULL;
    }
    return strcmp(module, "builtins") == 0 ? Py_NewRef(f) : NULL;
}

/* The iterator type of ASCII strs (a static type the interpreter does
   not export), or NULL with an exception. */
static void *ascii_iter_type(void)
{
    PyObject *ascii = PyUnicode_FromString("a");
    PyObject *it = ascii != NULL ? PyObject_GetIter(ascii) : NULL;
    Py_XDECREF(ascii);
    if (it == NULL)
        return NULL;
    PyTypeObject *tp = Py_TYPE(it);
    Py_DECREF(it);
    return tp;
}

static PyObject *m_enable(PyObject *self, PyObject *args)
{
    (void)self;
    int stats = 0;
    PyObject *hook = Py_None;
    if (!PyArg_ParseTuple(args, "|pO", &stats, &hook))
        return NULL;
    if (Py_Version != PY_VERSION_HEX) {
        PyErr_Format(PyExc_RuntimeError,
                     "pyaot runtime was built for Python %s, this interpreter is %s",
                     PY_VERSION, Py_GetVersion());
        return NULL;
    }
    if (ensure_extra_index() < 0)
        return NULL;
    if (module_name == NULL && (module_name = PyUnicode_InternFromString("<module>")) == NULL)
        return NULL;
    pyaot_runtime *rt = &pyaot_runtime_state;
    if (rt->str_ascii_iter == NULL && (rt->str_ascii_iter = ascii_iter_type()) == NULL)
        return NULL;
    Py_XSETREF(module_hook, hook == Py_None ? NULL : Py_NewRef(hook));
    pyaot_runtime_state.stats_enabled = stats;
    _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState_Get(), eval_hook);
    static int captured; /* once: what builtins.* is at the first enable */
    if (!captured) {
        captured = 1;
        rt->builtin_len = real_builtin("len");
        rt->builtin_isinstance = real_builtin("isinstance");
        rt->builtin_min = real_builtin("min");
        rt->builtin_max = real_builtin("max");
        rt->builtin_abs = real_builtin("abs");
        /* The dicts of built-in types cannot be changed. */
        rt->list_append = Py_XNewRef(PyDict_GetItemString(PyList_Type.tp_dict, "append"));
        rt->dict_get = Py_XNewRef(PyDict_GetItemString(PyDict_Type.tp_dict, "get"));
        rt->str_join = Py_XNewRef(PyDict_GetItemString(PyUnicode_Type.tp_dict, "join"));
        rt->builtin_next = real_builtin("next");
        rt->gen_send = Py_XNewRef(PyDict_GetItemString(PyGen_Type.tp_dict, "send"));
        rt->coro_send = Py_XNewRef(PyDict_GetItemString(PyCoro_Type.tp_dict, "send"));
    }
    pyaot_runtime_state.extra_index = extra_index; /* direct calls on */
    enabled = 1;
    Py_RETURN_NONE;
}

static PyObject *m_disable(PyObject *self, PyObject *unused)
{
    (void)self, (void)unused;
    _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState_Get(), NULL);
    pyaot_runtime_state.extra_index = -1; /* native code calls through the interpreter again */
    pyaot_datastack_trim();
    enabled = 0;
    Py_RETURN_NONE;
}

/* attach(code, path) -> None when attached, else the reason (str). */
static PyObject *m_attach(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *code;
    const char *path;
    if (!PyArg_ParseTuple(args, "O!s", &PyCode_Type, &code, &path))
        return NULL;
    if (extra_index < 0)
        return PyUnicode_FromString("runtime not enabled");
    char why[600] = "";
    int r = pyaot_attach(code, path, why, sizeof why);
    if (r < 0)
        return NULL;
    if (r == 1)
        Py_RETURN_NONE;
    return PyUnicode_FromString(why);
}

/* Remember the entries pyaot_attach gave `code` (a fresh copy of a
   module's code) under the live module's file name and each code hash,
   then drop the records made for the copy: only live code objects run. */
static int harvest(PyObject *code, PyObject *file, code_rec *mark)
{
    PyObject *tab = PyDict_GetItemWithError(adopted, file);
    if (tab == NULL && !PyErr_Occurred() && (tab = PyDict_New()) != NULL) {
        if (PyDict_SetItem(adopted, file, tab) < 0)
            Py_CLEAR(tab);
        else
            Py_DECREF(tab); /* `adopted` keeps it alive */
    }
    PyObject *codes = PyList_New(0);
    int rc = tab == NULL || codes == NULL || pyaot_code_walk(code, codes) < 0 ? -1 : 0;
    for (Py_ssize_t i = 0; codes != NULL && i < PyList_GET_SIZE(codes); i++) {
        PyObject *co = PyList_GET_ITEM(codes, i);
        void *x = NULL;
        _PyCode_GetExtra(co, extra_index, &x);
        _PyCode_SetExtra(co, extra_index, NULL); /* its record is freed below */
        if (rc < 0 || x == NULL || x == CHECKED)
            continue;
        uint64_t h;
        PyObject *key = NULL, *val = NULL;
        if (pyaot_code_hash((PyCodeObject *)co, &h) < 0 ||
            (key = PyLong_FromUnsignedLongLong(h)) == NULL ||
            (val = PyLong_FromVoidPtr((void *)((code_rec *)x)->entry)) == NULL ||
            PyDict_SetItem(tab, key, val) < 0)
            rc = -1;
        Py_XDECREF(key);
        Py_XDECREF(val);
    }
    Py_XDECREF(codes);
    while (all_recs != mark) {
        code_rec *r = all_recs;
        all_recs = r->next;
        Py_DECREF(r->filename);
        PyMem_RawFree(r);
    }
    return rc;
}

/* adopt(code, path, filename) -> None when adopted, else the reason
   (str). `code` is the module's code as the import hook would see it (read
   from its .pyc), so the artifact is verified exactly as at import; live
   code objects whose co_filename is `filename` ("<frozen os>" for frozen
   ones) then take its entries by hash. */
static PyObject *m_adopt(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *code, *file;
    const char *path;
    if (!PyArg_ParseTuple(args, "O!sU", &PyCode_Type, &code, &path, &file))
        return NULL;
    if (ensure_extra_index() < 0)
        return NULL;
    if (adopted == NULL && (adopted = PyDict_New()) == NULL)
        return NULL;
    char why[600] = "";
    code_rec *mark = all_recs;
    int r = pyaot_attach(code, path, why, sizeof why);
    if (r < 0)
        return NULL;
    if (r == 0)
        return PyUnicode_FromString(why);
    if (harvest(code, file, mark) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* is_native(code) -> whether the code object has a native entry. */
static PyObject *m_is_native(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyCode_Check(arg))
        return PyErr_Format(PyExc_TypeError, "expected a code object");
    void *x = NULL;
    if (extra_index >= 0)
        _PyCode_GetExtra(arg, extra_index, &x);
    return PyBool_FromLong(x != NULL && x != CHECKED);
}

/* code_hash(code) -> the 64-bit identity the compiler gives a code object
   (training-run profiles are keyed by it). */
static PyObject *m_code_hash(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyCode_Check(arg))
        return PyErr_Format(PyExc_TypeError, "expected a code object");
    uint64_t h;
    if (pyaot_code_hash((PyCodeObject *)arg, &h) < 0)
        return NULL;
    return PyLong_FromUnsignedLongLong(h);
}

static PyObject *m_enabled(PyObject *self, PyObject *unused)
{
    (void)self, (void)unused;
    return PyBool_FromLong(enabled);
}

/* The import hook around a loader method: calls the original, then
   after(result, *args) unless the result is None or a tracer or profiler
   is active. Written in C so that the hook adds no Python frame that
   tracebacks, debuggers or coverage could see; under a tracer the module
   runs as bytecode anyway. */
static PyObject *hooked_call(PyObject *pair, PyObject *args, PyObject *kwargs)
{
    PyObject *result = PyObject_Call(PyTuple_GET_ITEM(pair, 0), args, kwargs);
    if (result == NULL || result == Py_None || PyThreadState_Get()->cframe->use_tracing)
        return result;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *after_args = PyTuple_New(n + 1);
    if (after_args == NULL) {
        PyErr_Clear();
        return result;
    }
    PyTuple_SET_ITEM(after_args, 0, Py_NewRef(result));
    for (Py_ssize_t i = 0; i < n; i++)
        PyTuple_SET_ITEM(after_args, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
    PyObject *r = PyObject_Call(PyTuple_GET_ITEM(pair, 1), after_args, NULL);
    Py_DECREF(after_args);
    if (r == NULL)
        PyErr_Clear(); /* never let our bookkeeping fail the user's program */
    Py_XDECREF(r);
    return result;
}

static PyMethodDef hooked_def = {"get_code", (PyCFunction)(void (*)(void))hooked_call,
                                 METH_VARARGS | METH_KEYWORDS, NULL};

static PyObject *m_hook_method(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *original, *after;
    int bind = 1;
    if (!PyArg_ParseTuple(args, "OO|p", &original, &after, &bind))
        return NULL;
    PyObject *pair = PyTuple_Pack(2, original, after);
    if (pair == NULL)
        return NULL;
    PyObject *fn = PyCFunction_New(&hooked_def, pair);
    Py_DECREF(pair);
    if (fn == NULL)
        return NULL;
    if (!bind)
        return fn;
    /* Binds the instance as the first argument, like a Python function. */
    PyObject *method = PyInstanceMethod_New(fn);
    Py_DECREF(fn);
    return method;
}

/* Subinterpreters have their own co_extra indexes and eval-frame hooks;
   pyaot serves the main interpreter only and leaves the others alone. */
static PyObject *m_main_interpreter(PyObject *self, PyObject *noargs)
{
    (void)self, (void)noargs;
    return PyBool_FromLong(PyInterpreterState_Get() == PyInterpreterState_Main());
}

static PyMethodDef methods[] = {
    {"hook_method", m_hook_method, METH_VARARGS,
     "hook_method(original, after, bind=True) -> a method (a plain function if not\n"
     "bind) calling original, then after(result, *args)"},
    {"main_interpreter", m_main_interpreter, METH_NOARGS,
     "whether this is the main interpreter (the only one pyaot serves)"},
    {"enable", m_enable, METH_VARARGS, "enable(stats=False, module_hook=None): install the hook"},
    {"disable", m_disable, METH_NOARGS, "remove the eval-frame hook"},
    {"attach", m_attach, METH_VARARGS, "attach(code, artifact) -> None or the reason it was refused"},
    {"adopt", m_adopt, METH_VARARGS,
     "adopt(code, artifact, filename) -> None or the reason it was refused: code\n"
     "objects from filename get the artifact's entries by hash on their first call"},
    {"adopt_candidates", pyaot_adopt_candidates, METH_VARARGS,
     "adopt_candidates(items, (frozen, source, sourceless), cache_tag, prefix) -> the\n"
     "(name, module) items whose artifact exists or may exist"},
    {"is_native", m_is_native, METH_O, "whether a code object has a native entry"},
    {"code_hash", m_code_hash, METH_O, "code_hash(code) -> the compiler's 64-bit hash of it"},
    {"enabled", m_enabled, METH_NOARGS, "whether the hook is installed"},
    {"report", pyaot_stats_report, METH_NOARGS, "print the statistics to stderr"},
    {"write_stats", pyaot_stats_write, METH_VARARGS,
     "write_stats(path, argv0): append this process's statistics to path as one JSON line"},
    {"reset_stats", pyaot_stats_reset, METH_NOARGS, "forget the counts so far (a forked child)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "_pyaot", "pyaot runtime: native code for compiled modules", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__pyaot(void)
{
    PyObject *m = PyModule_Create(&moddef);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "version", PYAOT_VERSION) < 0 ||
        PyModule_AddIntConstant(m, "format_version", PYAOT_FORMAT_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
