/* read.c: .pyc files of every kind, broken ones, and .py sources. */
#include "unit.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static PyObject *ns;

static const char helpers_py[] =
    "import importlib.util, marshal, os, py_compile, random\n"
    "MODES = {'timestamp': py_compile.PycInvalidationMode.TIMESTAMP,\n"
    "         'checked': py_compile.PycInvalidationMode.CHECKED_HASH,\n"
    "         'unchecked': py_compile.PycInvalidationMode.UNCHECKED_HASH}\n"
    "def pycompile(src, cfile, mode):\n"
    "    return py_compile.compile(src, cfile=cfile, doraise=True, invalidation_mode=MODES[mode])\n"
    "def write(path, data):\n"
    "    with open(path, 'wb') as f:\n"
    "        f.write(data)\n"
    "def read(path):\n"
    "    with open(path, 'rb') as f:\n"
    "        return f.read()\n"
    "def header(flags=0, magic=None):\n"
    "    return (magic or importlib.util.MAGIC_NUMBER) + flags.to_bytes(4, 'little') + bytes(8)\n"
    "def magic(n):\n"
    "    return n.to_bytes(2, 'little') + b'\\r\\n'\n"
    "def garbage(seed, n):\n"
    "    return random.Random(seed).randbytes(n)\n"
    "def garbage_body(seed):\n"
    "    # No top-level container: marshal would allocate its claimed size\n"
    "    # up front (up to 2**31 slots), which only makes the test slow.\n"
    "    b = bytearray(garbage(seed, 100))\n"
    "    if chr(b[0] & 0x7f) in '()[]{}<>c':\n"
    "        b[0] = ord('i')\n"
    "    return bytes(b)\n"
    "def flags_of(path):\n"
    "    return int.from_bytes(read(path)[4:8], 'little')\n"
    "def marshalled(obj):\n"
    "    return marshal.dumps(obj)\n";

static void path_of(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

/* ns[fn](args...) built with Py_BuildValue's format. */
static PyObject *call(const char *fn, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    PyObject *args = Py_VaBuildValue(fmt, ap);
    va_end(ap);
    if (args == NULL)
        unit_die_python(fn);
    if (!PyTuple_Check(args)) {
        PyObject *t = PyTuple_Pack(1, args);
        Py_DECREF(args);
        args = t;
    }
    PyObject *r = unit_call(ns, fn, args);
    Py_DECREF(args);
    return r;
}

static void write_text(const char *name, const char *text)
{
    char p[256];
    path_of(p, sizeof p, name);
    FILE *f = fopen(p, "w");
    if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", p);
        exit(2);
    }
}

/* Write ns-computed bytes: the concatenation of the given bytes objects. */
static void write_bytes(const char *name, PyObject *a, PyObject *b)
{
    char p[256];
    path_of(p, sizeof p, name);
    PyObject *data = b ? PyNumber_Add(a, b) : (Py_INCREF(a), a);
    if (data == NULL)
        unit_die_python("concat");
    Py_DECREF(call("write", "(sO)", p, data));
    Py_DECREF(data);
    Py_DECREF(a);
    Py_XDECREF(b);
}

/* A failing read: NULL, no pending exception, a message with `word`. */
static void expect_pyc_error(const char *what, const char *name, const char *word,
                             const char *word2)
{
    char p[256];
    path_of(p, sizeof p, name);
    pyaot_error e = {{0}};
    PyObject *co = pyaot_read_pyc(p, &e);
    CHECKF(co == NULL, "%s: accepted", what);
    Py_XDECREF(co);
    CHECKF(!PyErr_Occurred(), "%s: exception left pending", what);
    PyErr_Clear();
    CHECKF(strstr(e.msg, word) != NULL, "%s: message \"%s\" lacks \"%s\"", what, e.msg, word);
    if (word2)
        CHECKF(strstr(e.msg, word2) != NULL, "%s: message \"%s\" lacks \"%s\"", what, e.msg,
               word2);
}

/* pyaot_read_source must refuse `name` with `word` in its message. */
static void expect_source_error(const char *name, const char *word)
{
    char p[256], pyc[512];
    path_of(p, sizeof p, name);
    pyaot_error e = {{0}};
    PyObject *co = pyaot_read_source(p, pyc, sizeof pyc, &e);
    CHECKF(co == NULL, "%s: accepted", name);
    Py_XDECREF(co);
    CHECKF(!PyErr_Occurred(), "%s: exception left pending", name);
    PyErr_Clear();
    CHECK_MSG(e, word);
}

static const char mod_src[] = "import sys\n"
                              "X = [i * i for i in range(10)]\n"
                              "def f(a, b=2):\n"
                              "    try:\n"
                              "        return a / b\n"
                              "    except ZeroDivisionError:\n"
                              "        return None\n"
                              "class C:\n"
                              "    def m(self):\n"
                              "        return f(len(X))\n";

static void test_valid(void)
{
    char py[256], pyc[512], other[256];
    pyaot_error e = {{0}};
    write_text("mod.py", mod_src);
    path_of(py, sizeof py, "mod.py");

    /* From source: the code object, and the .pyc that import writes. */
    PyObject *src_code = pyaot_read_source(py, pyc, sizeof pyc, &e);
    CHECKF(src_code != NULL && PyCode_Check(src_code), "read_source: %s", e.msg);
    if (src_code == NULL)
        unit_die_python("no code from source");
    CHECKF(strstr(pyc, "__pycache__/mod.") != NULL && access(pyc, R_OK) == 0,
           "no .pyc written at \"%s\"", pyc);
    PyObject *fl = call("flags_of", "(s)", pyc);
    CHECKF(PyLong_AsLong(fl) == 0, "import wrote flags %ld", PyLong_AsLong(fl));
    Py_DECREF(fl);

    /* That .pyc holds an equal code object. */
    PyObject *pyc_code = pyaot_read_pyc(pyc, &e);
    CHECKF(pyc_code != NULL && PyCode_Check(pyc_code), "read_pyc: %s", e.msg);
    CHECK(pyc_code && PyObject_RichCompareBool(src_code, pyc_code, Py_EQ) == 1);
    Py_XDECREF(pyc_code);

    /* Reading the source again uses the fresh .pyc: same code. */
    PyObject *again = pyaot_read_source(py, pyc, sizeof pyc, &e);
    CHECKF(again && PyObject_RichCompareBool(src_code, again, Py_EQ) == 1, "%s", e.msg);
    Py_XDECREF(again);

    /* py_compile in each invalidation mode. */
    static const struct {
        const char *mode, *file;
        long flags;
    } modes[] = {{"timestamp", "ts.pyc", 0}, {"checked", "checked.pyc", 3},
                 {"unchecked", "unchecked.pyc", 1}};
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        path_of(other, sizeof other, modes[i].file);
        Py_DECREF(call("pycompile", "(sss)", py, other, modes[i].mode));
        fl = call("flags_of", "(s)", other);
        CHECKF(PyLong_AsLong(fl) == modes[i].flags, "%s: flags %ld", modes[i].mode,
               PyLong_AsLong(fl));
        Py_DECREF(fl);
        e.msg[0] = 0;
        PyObject *co = pyaot_read_pyc(other, &e);
        CHECKF(co != NULL && PyCode_Check(co), "%s: %s", modes[i].mode, e.msg);
        CHECKF(co && PyObject_RichCompareBool(src_code, co, Py_EQ) == 1, "%s: code differs",
               modes[i].mode);
        Py_XDECREF(co);
    }
    Py_DECREF(src_code);
}

/* pyaot_read_source follows import's rules for existing .pyc files. */
static void test_source_refresh(void)
{
    char py[256], pyc[512];
    pyaot_error e = {{0}};
    PyObject *xv;

    /* Timestamp .pyc, then the source changes (size and mtime): recompiled. */
    write_text("ref.py", "X = 1\n");
    path_of(py, sizeof py, "ref.py");
    PyObject *c1 = pyaot_read_source(py, pyc, sizeof pyc, &e);
    CHECKF(c1 != NULL, "%s", e.msg);
    write_text("ref.py", "X = 22222\n");
    struct stat sb;
    stat(py, &sb);
    struct timespec ts[2] = {{sb.st_mtime + 10, 0}, {sb.st_mtime + 10, 0}};
    utimensat(AT_FDCWD, py, ts, 0);
    PyObject *c2 = pyaot_read_source(py, pyc, sizeof pyc, &e);
    CHECKF(c2 != NULL, "%s", e.msg);
    xv = c2 ? PyTuple_GetItem(((PyCodeObject *)c2)->co_consts, 0) : NULL;
    CHECKF(xv && PyLong_Check(xv) && PyLong_AsLong(xv) == 22222, "stale timestamp .pyc used");
    PyObject *c3 = pyaot_read_pyc(pyc, &e);
    CHECKF(c2 && c3 && PyObject_RichCompareBool(c2, c3, Py_EQ) == 1, ".pyc not rewritten: %s",
           e.msg);
    Py_XDECREF(c1);
    Py_XDECREF(c2);
    Py_XDECREF(c3);
    PyErr_Clear();

    /* Checked hash .pyc of old source: recompiled, still hash based. */
    write_text("h.py", "Y = 1\n");
    path_of(py, sizeof py, "h.py");
    Py_DECREF(call("pycompile", "(sOs)", py, Py_None, "checked")); /* cfile None: __pycache__ */
    write_text("h.py", "Y = 333\n");
    c1 = pyaot_read_source(py, pyc, sizeof pyc, &e);
    xv = c1 ? PyTuple_GetItem(((PyCodeObject *)c1)->co_consts, 0) : NULL;
    CHECKF(xv && PyLong_AsLong(xv) == 333, "stale checked-hash .pyc used: %s", e.msg);
    PyObject *fl = call("flags_of", "(s)", pyc);
    CHECKF(PyLong_AsLong(fl) == 3, "rewritten .pyc has flags %ld", PyLong_AsLong(fl));
    Py_DECREF(fl);
    Py_XDECREF(c1);

    /* Unchecked hash .pyc: import trusts it, so the compiler must too. */
    write_text("u.py", "Z = 1\n");
    path_of(py, sizeof py, "u.py");
    Py_DECREF(call("pycompile", "(sOs)", py, Py_None, "unchecked"));
    write_text("u.py", "Z = 4444\n");
    c1 = pyaot_read_source(py, pyc, sizeof pyc, &e);
    xv = c1 ? PyTuple_GetItem(((PyCodeObject *)c1)->co_consts, 0) : NULL;
    CHECKF(xv && PyLong_AsLong(xv) == 1, "unchecked-hash .pyc not used: %s", e.msg);
    Py_XDECREF(c1);
    PyErr_Clear();
}

static void test_errors(void)
{
    char p[256];
    pyaot_error e = {{0}};

    expect_pyc_error("missing file", "nope.pyc", "cannot open", "No such file");
    path_of(p, sizeof p, "adir.pyc");
    mkdir(p, 0700);
    /* A directory named like a .pyc: say so (not "short read"). */
    expect_pyc_error("directory", "adir.pyc", "irectory", NULL);

    write_bytes("empty.pyc", PyBytes_FromString(""), NULL);
    expect_pyc_error("empty file", "empty.pyc", "truncated", "0 bytes");

    PyObject *h = call("header", "()");
    write_bytes("short.pyc", PySequence_GetSlice(h, 0, 10), NULL);
    expect_pyc_error("10-byte header", "short.pyc", "truncated", "header");
    write_bytes("short3.pyc", PySequence_GetSlice(h, 0, 3), NULL);
    expect_pyc_error("3-byte file", "short3.pyc", "truncated", "header");
    write_bytes("header.pyc", (Py_INCREF(h), h), NULL);
    expect_pyc_error("header only", "header.pyc", "truncated", NULL);

    /* A real .pyc cut in its marshal data. */
    PyObject *code = Py_CompileString(mod_src, "m.py", Py_file_input);
    PyObject *body = call("marshalled", "(O)", code);
    Py_ssize_t n = PyBytes_GET_SIZE(body);
    write_bytes("cut.pyc", (Py_INCREF(h), h), PySequence_GetSlice(body, 0, n / 2));
    expect_pyc_error("truncated marshal data", "cut.pyc", "truncated", NULL);
    write_bytes("cut1.pyc", (Py_INCREF(h), h), PySequence_GetSlice(body, 0, n - 1));
    expect_pyc_error("marshal data one byte short", "cut1.pyc", "truncated", NULL);
    /* ... and intact, as a control. */
    write_bytes("whole.pyc", (Py_INCREF(h), h), (Py_INCREF(body), body));
    path_of(p, sizeof p, "whole.pyc");
    PyObject *co = pyaot_read_pyc(p, &e);
    CHECKF(co && PyObject_RichCompareBool(co, code, Py_EQ) == 1, "%s", e.msg);
    Py_XDECREF(co);

    /* Other Python versions. */
    PyObject *m310 = call("magic", "(i)", 3439);
    write_bytes("py310.pyc", call("header", "(iO)", 0, m310), (Py_INCREF(body), body));
    expect_pyc_error("3.10 magic", "py310.pyc", "Python 3.10", "3439");
    PyObject *m312 = call("magic", "(i)", 3531);
    write_bytes("py312.pyc", call("header", "(iO)", 0, m312), (Py_INCREF(body), body));
    expect_pyc_error("3.12 magic", "py312.pyc", "Python 3.12", "3531");
    Py_DECREF(m310);
    Py_DECREF(m312);

    /* Garbage: as a whole file, and after a valid header. */
    write_bytes("garbage.pyc", call("garbage", "(ii)", 1, 200), NULL);
    expect_pyc_error("random garbage", "garbage.pyc", "magic", NULL);
    int failed_ok = 0;
    for (int seed = 0; seed < 50; seed++) {
        write_bytes("gbody.pyc", (Py_INCREF(h), h), call("garbage_body", "(i)", seed));
        path_of(p, sizeof p, "gbody.pyc");
        e.msg[0] = 0;
        co = pyaot_read_pyc(p, &e);
        failed_ok += co == NULL && e.msg[0] != 0 && !PyErr_Occurred();
        Py_XDECREF(co);
        PyErr_Clear();
    }
    CHECKF(failed_ok == 50, "%d of 50 garbage bodies rejected cleanly", failed_ok);

    /* Flags: only 0, 1 (unchecked hash) and 3 (checked hash) exist. */
    write_bytes("flags4.pyc", call("header", "(i)", 4), (Py_INCREF(body), body));
    expect_pyc_error("flags 4", "flags4.pyc", "flags", NULL);
    write_bytes("flagsh.pyc", call("header", "(k)", 0x80000001UL), (Py_INCREF(body), body));
    expect_pyc_error("flags 0x80000001", "flagsh.pyc", "flags", NULL);

    /* Not a code object. */
    write_bytes("int.pyc", (Py_INCREF(h), h), call("marshalled", "(i)", 42));
    expect_pyc_error("marshalled int", "int.pyc", "not a code object", "int");
    write_bytes("tuple.pyc", (Py_INCREF(h), h), call("marshalled", "((O))", code));
    expect_pyc_error("marshalled tuple of code", "tuple.pyc", "not a code object", "tuple");

    /* Sources. */
    write_text("bad.py", "def f(:\n    pass\n");
    expect_source_error("bad.py", "SyntaxError");
    expect_source_error("missing.py", "No such file");

    Py_DECREF(code);
    Py_DECREF(body);
    Py_DECREF(h);
}

int main(void)
{
    unit_init();
    snprintf(dir, sizeof dir, "/tmp/pyaot-unit-read-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    ns = unit_exec(helpers_py);
    test_valid();
    test_source_refresh();
    test_errors();
    Py_DECREF(ns);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return unit_finish();
}
