/* PYAOT_STATS=1: how many function entries ran natively, and every
   deoptimization by reason and source line, printed at exit. */
#include "runtime.h"

static unsigned long long n_native, n_interp;
static PyObject *deopts; /* (code, offset, reason) -> count */

static const char *const reason_names[PYAOT_DEOPT_NREASONS] = {
    [PYAOT_DEOPT_EXCEPTION] = "exception",
    [PYAOT_DEOPT_UNSUPPORTED] = "unsupported-opcode",
    [PYAOT_DEOPT_EVAL_BREAKER] = "eval-breaker",
    [PYAOT_DEOPT_TRACING] = "tracing",
    [PYAOT_DEOPT_NAME_ERROR] = "unbound-name",
    [PYAOT_DEOPT_RAISE] = "raise",
    [PYAOT_DEOPT_UNPACK] = "unpack",
    [PYAOT_DEOPT_IMPORT_ERROR] = "import-error",
};

void pyaot_stats_count(int native)
{
    if (native)
        n_native++;
    else
        n_interp++;
}

void pyaot_stats_record_deopt(void *code, int instr_offset, int reason)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb); /* an exception may be on its way to the interpreter */
    if (deopts == NULL)
        deopts = PyDict_New();
    PyObject *key = deopts ? Py_BuildValue("(Oii)", (PyObject *)code, instr_offset, reason) : NULL;
    if (key != NULL) {
        PyObject *old = PyDict_GetItemWithError(deopts, key);
        PyObject *nv = PyLong_FromLong(old ? PyLong_AsLong(old) + 1 : 1);
        if (nv != NULL)
            PyDict_SetItem(deopts, key, nv);
        Py_XDECREF(nv);
        Py_DECREF(key);
    }
    PyErr_Clear();
    PyErr_Restore(t, v, tb);
}

static int by_count(const void *a, const void *b)
{
    long x = PyLong_AsLong(PyTuple_GET_ITEM(*(PyObject *const *)a, 1));
    long y = PyLong_AsLong(PyTuple_GET_ITEM(*(PyObject *const *)b, 1));
    return (x < y) - (x > y);
}

PyObject *pyaot_stats_report(PyObject *self, PyObject *unused)
{
    (void)self, (void)unused;
    unsigned long long total = n_native + n_interp;
    fprintf(stderr, "pyaot: native entries: %llu, interpreted entries: %llu (%.1f%% native)\n",
            n_native, n_interp, total ? 100.0 * (double)n_native / (double)total : 0.0);
    PyObject *files = pyaot_native_by_file();
    PyObject *fitems = files ? PyDict_Items(files) : NULL;
    if (fitems != NULL && PyList_Sort(fitems) == 0) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(fitems); i++) {
            PyObject *it = PyList_GET_ITEM(fitems, i);
            fprintf(stderr, "pyaot: native entries in %s: %llu\n",
                    PyUnicode_AsUTF8(PyTuple_GET_ITEM(it, 0)),
                    PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(it, 1)));
        }
    }
    Py_XDECREF(fitems);
    Py_XDECREF(files);
    PyErr_Clear();
    PyObject *items = deopts ? PyDict_Items(deopts) : NULL;
    if (items == NULL) {
        PyErr_Clear();
        fprintf(stderr, "pyaot: deoptimizations: 0\n");
        Py_RETURN_NONE;
    }
    Py_ssize_t n = PyList_GET_SIZE(items);
    long sum = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        sum += PyLong_AsLong(PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1));
    fprintf(stderr, "pyaot: deoptimizations: %ld\n", sum);
    qsort(PySequence_Fast_ITEMS(items), (size_t)n, sizeof(PyObject *), by_count);
    for (Py_ssize_t i = 0; i < n && i < 40; i++) {
        PyObject *it = PyList_GET_ITEM(items, i);
        PyObject *key = PyTuple_GET_ITEM(it, 0);
        PyCodeObject *co = (PyCodeObject *)PyTuple_GET_ITEM(key, 0);
        int off = (int)PyLong_AsLong(PyTuple_GET_ITEM(key, 1));
        int why = (int)PyLong_AsLong(PyTuple_GET_ITEM(key, 2));
        int line = PyCode_Addr2Line(co, off * 2);
        fprintf(stderr, "pyaot:   %-18s %s:%d in %s: %ld\n",
                why >= 0 && why < PYAOT_DEOPT_NREASONS ? reason_names[why] : "?",
                PyUnicode_AsUTF8(co->co_filename), line, PyUnicode_AsUTF8(co->co_qualname),
                PyLong_AsLong(PyTuple_GET_ITEM(it, 1)));
    }
    if (n > 40)
        fprintf(stderr, "pyaot:   ... %zd more sites\n", n - 40);
    Py_DECREF(items);
    PyErr_Clear();
    Py_RETURN_NONE;
}
