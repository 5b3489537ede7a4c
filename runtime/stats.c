/* PYAOT_STATS=1: how many function entries ran natively, and every
   deoptimization by reason and source line, printed at exit.
   PYAOT_STATS_FILE=PATH: the same counts as one JSON line per process. */
#include "runtime.h"

#include <fcntl.h>
#include <string.h>
#include "opnames.h"
#include <unistd.h>

/* Counts keyed by (code, where, what), in C memory while the program
   runs: Python ints and tuples there would move the reference counts of
   small ints the program can read (sys.getrefcount(10) in test_array),
   show up in tracemalloc's traces at the program's current line, and in
   gc.get_objects(). Python objects are made only when reporting. */
typedef struct count_entry {
    PyObject *code; /* strong reference, NULL for an empty slot */
    int where, what;
    unsigned long long n;
} count_entry;

typedef struct count_table {
    count_entry *slots;
    size_t cap, used; /* cap a power of two, or 0 */
} count_table;

static unsigned long long n_native, n_interp, n_direct;
static count_table deopts; /* (code, offset, reason) -> count */
static count_table guards; /* (code, unit, 0) -> failures; (code, unit, 1) -> 1 once given up */
static unsigned long long n_guards;
/* code objects whose entry runs the generic body now (strong references) */
static PyObject **switched;
static size_t n_switched, cap_switched;

static const char *const reason_names[PYAOT_DEOPT_NREASONS] = {
    [PYAOT_DEOPT_EXCEPTION] = "exception",
    [PYAOT_DEOPT_UNSUPPORTED] = "unsupported-opcode",
    [PYAOT_DEOPT_EVAL_BREAKER] = "eval-breaker",
    [PYAOT_DEOPT_TRACING] = "tracing",
    [PYAOT_DEOPT_NAME_ERROR] = "unbound-name",
    [PYAOT_DEOPT_RAISE] = "raise",
    [PYAOT_DEOPT_UNPACK] = "unpack",
    [PYAOT_DEOPT_IMPORT_ERROR] = "import-error",
    [PYAOT_DEOPT_GUARD] = "guard",
};

void pyaot_stats_count(int native)
{
    if (native)
        n_native++;
    else
        n_interp++;
}

void pyaot_stats_count_direct(void)
{
    n_native++;
    n_direct++;
}

static size_t slot_of(const count_table *t, PyObject *code, int where, int what)
{
    size_t h = ((uintptr_t)code >> 4) * 0x9E3779B97F4A7C15u;
    h ^= (size_t)(unsigned)where * 0x85EBCA6Bu + (size_t)(unsigned)what;
    size_t i = h & (t->cap - 1);
    while (t->slots[i].code != NULL &&
           (t->slots[i].code != code || t->slots[i].where != where || t->slots[i].what != what))
        i = (i + 1) & (t->cap - 1);
    return i;
}

/* Half full at most; with libc's allocator, which tracemalloc does not see.
   0 when out of memory (the count is then lost). */
static int make_room(count_table *t)
{
    if (2 * (t->used + 1) <= t->cap)
        return 1;
    count_table bigger = {calloc(t->cap ? 2 * t->cap : 64, sizeof(count_entry)),
                          t->cap ? 2 * t->cap : 64, t->used};
    if (bigger.slots == NULL)
        return 0;
    for (size_t i = 0; i < t->cap; i++) {
        count_entry *e = &t->slots[i];
        if (e->code != NULL)
            bigger.slots[slot_of(&bigger, e->code, e->where, e->what)] = *e;
    }
    free(t->slots);
    *t = bigger;
    return 1;
}

/* One more occurrence of (code, where, what) in t: no Python object is
   made and no exception touched. */
static void count_in(count_table *t, void *code, int where, int what)
{
    if (!make_room(t))
        return;
    count_entry *e = &t->slots[slot_of(t, (PyObject *)code, where, what)];
    if (e->code == NULL) {
        e->code = Py_NewRef((PyObject *)code);
        e->where = where;
        e->what = what;
        t->used++;
    }
    e->n++;
}

static unsigned long long count_of(const count_table *t, PyObject *code, int where, int what)
{
    if (t->cap == 0)
        return 0;
    const count_entry *e = &t->slots[slot_of(t, code, where, what)];
    return e->code != NULL ? e->n : 0;
}

static void clear_counts(count_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        Py_XDECREF(t->slots[i].code);
    free(t->slots);
    *t = (count_table){NULL, 0, 0};
}

void pyaot_stats_record_guard(void *code, int unit, int gave_up)
{
    if (gave_up == PYAOT_GUARD_SWITCHED) {
        if (n_switched == cap_switched) {
            size_t cap = cap_switched ? 2 * cap_switched : 16;
            PyObject **more = realloc(switched, cap * sizeof *more);
            if (more == NULL)
                return;
            switched = more;
            cap_switched = cap;
        }
        switched[n_switched++] = Py_NewRef((PyObject *)code);
        return;
    }
    n_guards += !gave_up;
    count_in(&guards, code, unit, gave_up != 0);
}

/* Sites with failed guards, most failures first: a list of
   (failures, gave_up, file, line, qualname, opname), at most `limit`. */
static PyObject *guard_sites(Py_ssize_t limit, Py_ssize_t *nsites)
{
    PyObject *out = PyList_New(0);
    for (size_t i = 0; out != NULL && i < guards.cap; i++) {
        const count_entry *e = &guards.slots[i];
        if (e->code == NULL)
            continue;
        PyCodeObject *co = (PyCodeObject *)e->code;
        int unit = e->where, given_up = e->what != 0;
        /* One row per site: from the failures' entry, or the give-up alone. */
        int other = count_of(&guards, e->code, unit, !given_up) != 0;
        if (given_up && other)
            continue;
        unsigned long long failures = given_up ? 0 : e->n;
        PyObject *gave = given_up || other ? Py_True : Py_False;
        PyObject *bytes = PyCode_GetCode(co);
        int op = bytes != NULL && 2 * unit < PyBytes_GET_SIZE(bytes)
                     ? (unsigned char)PyBytes_AS_STRING(bytes)[2 * unit] : -1;
        Py_XDECREF(bytes);
        PyObject *name = op >= 0 && pyaot_opnames[op] ? PyUnicode_FromString(pyaot_opnames[op])
                                                      : PyUnicode_FromFormat("opcode %d", op);
        PyObject *row = name == NULL ? NULL
                                     : Py_BuildValue("(KOOiOO)", failures, gave, co->co_filename,
                                                     PyCode_Addr2Line(co, 2 * unit),
                                                     co->co_qualname, name);
        Py_XDECREF(name);
        if (row == NULL || PyList_Append(out, row) < 0)
            Py_CLEAR(out);
        Py_XDECREF(row);
    }
    *nsites = out != NULL ? PyList_GET_SIZE(out) : 0;
    if (out != NULL && (PyList_Sort(out) < 0 || PyList_Reverse(out) < 0))
        Py_CLEAR(out);
    if (out != NULL && PyList_GET_SIZE(out) > limit &&
        PyList_SetSlice(out, limit, PyList_GET_SIZE(out), NULL) < 0)
        Py_CLEAR(out);
    PyErr_Clear();
    return out;
}

void pyaot_stats_record_deopt(void *code, int instr_offset, int reason)
{
    count_in(&deopts, code, instr_offset, reason);
}

static int by_count(const void *a, const void *b)
{
    unsigned long long x = (*(count_entry *const *)a)->n, y = (*(count_entry *const *)b)->n;
    return (x < y) - (x > y);
}

/* Guard failures per site; a site whose cache gave up runs the generic
   operation from then on. */
static void report_guards(void)
{
    Py_ssize_t nsites;
    PyObject *rows = guard_sites(20, &nsites);
    fprintf(stderr, "pyaot: failed guards: %llu at %zd sites\n", n_guards, nsites);
    for (Py_ssize_t i = 0; rows != NULL && i < PyList_GET_SIZE(rows); i++) {
        PyObject *r = PyList_GET_ITEM(rows, i);
        fprintf(stderr, "pyaot:   %-14s %s:%ld in %s: %llu%s\n",
                PyUnicode_AsUTF8(PyTuple_GET_ITEM(r, 5)),
                PyUnicode_AsUTF8(PyTuple_GET_ITEM(r, 2)), PyLong_AsLong(PyTuple_GET_ITEM(r, 3)),
                PyUnicode_AsUTF8(PyTuple_GET_ITEM(r, 4)),
                PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(r, 0)),
                PyLong_AsLong(PyTuple_GET_ITEM(r, 1)) ? " (cache gave up: generic from then on)" : "");
    }
    if (rows != NULL && nsites > PyList_GET_SIZE(rows))
        fprintf(stderr, "pyaot:   ... %zd more sites\n", nsites - PyList_GET_SIZE(rows));
    Py_XDECREF(rows);
    PyErr_Clear();
    fprintf(stderr, "pyaot: switched to their generic body (guards failed %d times): %zu\n",
            PYAOT_SWITCH_AFTER, n_switched);
    for (size_t i = 0; i < n_switched; i++) {
        PyCodeObject *co = (PyCodeObject *)switched[i];
        fprintf(stderr, "pyaot:   %s:%d %s\n", PyUnicode_AsUTF8(co->co_filename),
                co->co_firstlineno, PyUnicode_AsUTF8(co->co_qualname));
    }
}

PyObject *pyaot_stats_report(PyObject *self, PyObject *unused)
{
    (void)self, (void)unused;
    unsigned long long total = n_native + n_interp;
    fprintf(stderr, "pyaot: native entries: %llu, interpreted entries: %llu (%.1f%% native)\n",
            n_native, n_interp, total ? 100.0 * (double)n_native / (double)total : 0.0);
    fprintf(stderr, "pyaot: direct calls (native to native, no hook): %llu\n", n_direct);
    fprintf(stderr, "pyaot: data stack chunks started by direct calls: %llu (%llu reused)\n",
            pyaot_chunks_pushed, pyaot_chunks_reused);
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
    if (pyaot_adopted_count() > 0)
        fprintf(stderr, "pyaot: code objects of frozen or early-imported modules given native code: %lu\n",
                pyaot_adopted_count());
    report_guards();
    /* the sites, most deoptimizations first */
    count_entry **items = malloc((deopts.used ? deopts.used : 1) * sizeof *items);
    size_t n = 0;
    unsigned long long sum = 0;
    for (size_t i = 0; i < deopts.cap; i++)
        if (deopts.slots[i].code != NULL) {
            sum += deopts.slots[i].n;
            if (items != NULL) /* else the total alone */
                items[n++] = &deopts.slots[i];
        }
    fprintf(stderr, "pyaot: deoptimizations: %llu\n", sum);
    if (n > 0)
        qsort(items, n, sizeof *items, by_count);
    for (size_t i = 0; i < n && i < 40; i++) {
        PyCodeObject *co = (PyCodeObject *)items[i]->code;
        int why = items[i]->what;
        int line = PyCode_Addr2Line(co, items[i]->where * 2);
        fprintf(stderr, "pyaot:   %-18s %s:%d in %s: %llu\n",
                why >= 0 && why < PYAOT_DEOPT_NREASONS ? reason_names[why] : "?",
                PyUnicode_AsUTF8(co->co_filename), line, PyUnicode_AsUTF8(co->co_qualname),
                items[i]->n);
    }
    if (n > 40)
        fprintf(stderr, "pyaot:   ... %zu more sites\n", n - 40);
    free(items);
    PyErr_Clear();
    Py_RETURN_NONE;
}

PyObject *pyaot_stats_reset(PyObject *self, PyObject *unused)
{
    (void)self, (void)unused;
    n_native = n_interp = n_direct = n_guards = 0;
    pyaot_chunks_pushed = pyaot_chunks_reused = 0;
    clear_counts(&deopts);
    clear_counts(&guards);
    for (size_t i = 0; i < n_switched; i++)
        Py_DECREF(switched[i]);
    n_switched = 0;
    pyaot_reset_calls();
    Py_RETURN_NONE;
}

/* A growing byte buffer for the JSON line; `failed` once out of memory. */
typedef struct jbuf {
    char *p;
    size_t n, cap;
    int failed;
} jbuf;

static void put(jbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n > b->cap) {
        size_t cap = (b->cap + n) * 2;
        char *p = PyMem_RawRealloc(b->p, cap);
        if (p == NULL) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void putf(jbuf *b, const char *fmt, unsigned long long v)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, fmt, v);
    put(b, tmp, (size_t)n);
}

/* A JSON string: UTF-8, with lone surrogates (undecodable bytes of file
   names under surrogateescape) written as \uXXXX escapes. */
static void put_str(jbuf *b, PyObject *s)
{
    put(b, "\"", 1);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        char u[8];
        if (c == '"' || c == '\\') {
            u[0] = '\\', u[1] = (char)c;
            put(b, u, 2);
        }
        else if (c < 0x20 || (c >= 0xd800 && c < 0xe000)) {
            putf(b, "\\u%04llx", (unsigned long long)c);
        }
        else if (c < 0x80) {
            u[0] = (char)c;
            put(b, u, 1);
        }
        else if (c < 0x800) {
            u[0] = (char)(0xc0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3f));
            put(b, u, 2);
        }
        else if (c < 0x10000) {
            u[0] = (char)(0xe0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
            u[2] = (char)(0x80 | (c & 0x3f));
            put(b, u, 3);
        }
        else {
            u[0] = (char)(0xf0 | c >> 18), u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
            u[2] = (char)(0x80 | ((c >> 6) & 0x3f)), u[3] = (char)(0x80 | (c & 0x3f));
            put(b, u, 4);
        }
    }
    put(b, "\"", 1);
}

static void put_lit(jbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* write_stats(path, argv0): one JSON line, appended with a single write()
   to a file opened O_APPEND, so lines of concurrent processes never mix. */
PyObject *pyaot_stats_write(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *path, *argv0;
    if (!PyArg_ParseTuple(args, "O&U", PyUnicode_FSConverter, &path, &argv0))
        return NULL;
    unsigned long long by_reason[PYAOT_DEOPT_NREASONS] = {0}, total = 0;
    for (size_t i = 0; i < deopts.cap; i++) {
        const count_entry *e = &deopts.slots[i];
        if (e->code == NULL)
            continue;
        total += e->n;
        if (e->what >= 0 && e->what < PYAOT_DEOPT_NREASONS)
            by_reason[e->what] += e->n;
    }
    jbuf b = {0};
    putf(&b, "{\"pid\": %llu, \"argv0\": ", (unsigned long long)getpid());
    put_str(&b, argv0);
    putf(&b, ", \"native\": %llu", n_native);
    putf(&b, ", \"interpreted\": %llu", n_interp);
    putf(&b, ", \"direct\": %llu", n_direct);
    putf(&b, ", \"chunks\": %llu", pyaot_chunks_pushed);
    putf(&b, ", \"chunks_reused\": %llu", pyaot_chunks_reused);
    putf(&b, ", \"guard_failures\": %llu, \"guard_sites\": [", n_guards);
    Py_ssize_t nsites;
    PyObject *rows = guard_sites(40, &nsites);
    for (Py_ssize_t i = 0; rows != NULL && i < PyList_GET_SIZE(rows); i++) {
        PyObject *r = PyList_GET_ITEM(rows, i);
        put_lit(&b, i ? ", {\"file\": " : "{\"file\": ");
        put_str(&b, PyTuple_GET_ITEM(r, 2));
        putf(&b, ", \"line\": %lld", (unsigned long long)PyLong_AsLongLong(PyTuple_GET_ITEM(r, 3)));
        put_lit(&b, ", \"function\": ");
        put_str(&b, PyTuple_GET_ITEM(r, 4));
        put_lit(&b, ", \"op\": ");
        put_str(&b, PyTuple_GET_ITEM(r, 5));
        putf(&b, ", \"failures\": %llu", PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(r, 0)));
        put_lit(&b, PyLong_AsLong(PyTuple_GET_ITEM(r, 1)) ? ", \"gave_up\": true}" : ", \"gave_up\": false}");
    }
    Py_XDECREF(rows);
    putf(&b, "], \"guard_site_count\": %llu, \"switched\": [", (unsigned long long)nsites);
    for (size_t i = 0; i < n_switched; i++) {
        PyCodeObject *co = (PyCodeObject *)switched[i];
        put_lit(&b, i ? ", {\"file\": " : "{\"file\": ");
        put_str(&b, co->co_filename);
        putf(&b, ", \"line\": %d, \"function\": ", co->co_firstlineno);
        put_str(&b, co->co_qualname);
        put_lit(&b, "}");
    }
    put_lit(&b, "]");
    putf(&b, ", \"deopts\": %llu, \"deopt_reasons\": {", total);
    const char *sep = "";
    for (int i = 0; i < PYAOT_DEOPT_NREASONS; i++) {
        if (by_reason[i] == 0)
            continue;
        put_lit(&b, sep);
        put_lit(&b, "\"");
        put_lit(&b, reason_names[i]);
        putf(&b, "\": %llu", by_reason[i]);
        sep = ", ";
    }
    put_lit(&b, "}, \"native_by_file\": {");
    PyObject *files = pyaot_native_by_file();
    Py_ssize_t pos = 0;
    PyObject *key, *val;
    sep = "";
    while (files != NULL && PyDict_Next(files, &pos, &key, &val)) {
        put_lit(&b, sep);
        put_str(&b, key);
        putf(&b, ": %llu", PyLong_AsUnsignedLongLong(val));
        sep = ", ";
    }
    Py_XDECREF(files);
    put_lit(&b, "}}\n");
    PyErr_Clear();
    const char *err = NULL;
    if (b.failed) {
        err = "out of memory";
    }
    else {
        int fd = open(PyBytes_AS_STRING(path), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
        ssize_t w = fd < 0 ? -1 : write(fd, b.p, b.n);
        if (w != (ssize_t)b.n)
            err = w < 0 ? strerror(errno) : "short write";
        if (fd >= 0)
            close(fd);
    }
    if (err != NULL)
        fprintf(stderr, "pyaot: warning: cannot write statistics to %s: %s\n",
                PyBytes_AS_STRING(path), err);
    PyMem_RawFree(b.p);
    Py_DECREF(path);
    Py_RETURN_NONE;
}
