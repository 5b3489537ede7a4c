/* Stage 1: .pyc and .py files -> code objects, with the target
   interpreter's own rules (it is embedded, so its marshal and its import
   machinery are the ones that will load the module). */
#include "compiler.h"

#include <marshal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>

int pyaot_python_init(void)
{
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    /* No site: a site-packages .pth could load the pyaot runtime itself. */
    config.site_import = 0;
    config.install_signal_handlers = 0;
    config.parse_argv = 0;
    PyStatus s = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(s)) {
        fprintf(stderr, "pyaot: cannot initialize the embedded Python: %s\n",
                s.err_msg ? s.err_msg : "unknown error");
        return -1;
    }
    /* Refreshing stale .pyc files is part of compiling, whatever
       PYTHONDONTWRITEBYTECODE says for running programs. */
    PySys_SetObject("dont_write_bytecode", Py_False);
    return 0;
}

void pyaot_errorf(pyaot_error *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

void pyaot_error_from_python(pyaot_error *e, const char *what)
{
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    PyObject *s = v ? PyObject_Str(v) : NULL;
    const char *msg = s ? PyUnicode_AsUTF8(s) : NULL;
    pyaot_errorf(e, "%s: %s%s%s", what, t ? ((PyTypeObject *)t)->tp_name : "error",
                 msg && *msg ? ": " : "", msg ? msg : "");
    PyErr_Clear();
    Py_XDECREF(s);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}

/* Which CPython wrote this magic number, for a helpful message. */
static const char *magic_owner(unsigned m)
{
    if (m < 3400)
        return "Python 3.9 or older";
    if (m < 3450)
        return "Python 3.10";
    if (m < 3500)
        return "another Python 3.11 build or pre-release";
    if (m < 3550)
        return "Python 3.12";
    if (m < 3600)
        return "Python 3.13";
    return "a newer Python";
}

static unsigned char *slurp(const char *path, long *len, pyaot_error *e)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        pyaot_errorf(e, "cannot open: %s", strerror(errno));
        return NULL;
    }
    unsigned char *buf = NULL;
    long n = -1;
    struct stat sb;
    if (fstat(fileno(f), &sb) < 0 || !S_ISREG(sb.st_mode)) {
        pyaot_errorf(e, "cannot read: %s", S_ISDIR(sb.st_mode) ? "Is a directory" : "not a regular file");
        fclose(f);
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc(n > 0 ? (size_t)n : 1);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
    }
    if (buf == NULL)
        pyaot_errorf(e, "cannot read: %s", ferror(f) ? strerror(errno) : "short read");
    fclose(f);
    *len = n;
    return buf;
}

PyObject *pyaot_read_pyc(const char *path, pyaot_error *e)
{
    long len;
    unsigned char *buf = slurp(path, &len, e);
    if (buf == NULL)
        return NULL;
    PyObject *code = NULL;
    if (len < 16) {
        pyaot_errorf(e, "truncated .pyc header (%ld bytes, need 16)", len);
        goto done;
    }
    unsigned long want = (unsigned long)PyImport_GetMagicNumber();
    unsigned long got = buf[0] | buf[1] << 8 | (unsigned long)buf[2] << 16 | (unsigned long)buf[3] << 24;
    if (got != want) {
        if (buf[2] == '\r' && buf[3] == '\n')
            pyaot_errorf(e, "not CPython 3.11 bytecode: magic number %lu is %s (expected %lu)",
                         got & 0xffff, magic_owner(got & 0xffff), want & 0xffff);
        else
            pyaot_errorf(e, "not a .pyc file (bad magic number)");
        goto done;
    }
    unsigned flags = buf[4] | buf[5] << 8 | (unsigned)buf[6] << 16 | (unsigned)buf[7] << 24;
    /* importlib (_classify_pyc) refuses only unknown bits; bit 0 clear is a
       timestamp .pyc whatever bit 1 says, and a sourceless .pyc is never
       checked against a source. */
    if (flags & ~3u) {
        pyaot_errorf(e, "invalid .pyc flags %#x", flags);
        goto done;
    }
    code = PyMarshal_ReadObjectFromString((const char *)buf + 16, len - 16);
    if (code == NULL) {
        pyaot_error_from_python(e, "corrupt or truncated .pyc");
        goto done;
    }
    if (!PyCode_Check(code)) {
        pyaot_errorf(e, ".pyc holds a %s, not a code object", Py_TYPE(code)->tp_name);
        Py_CLEAR(code);
    }
done:
    free(buf);
    return code;
}

int pyaot_pyc_path(const char *py, char *out, size_t cap, pyaot_error *e)
{
    PyObject *util = PyImport_ImportModule("importlib.util");
    PyObject *cache = util ? PyObject_CallMethod(util, "cache_from_source", "s", py) : NULL;
    const char *s = cache ? PyUnicode_AsUTF8(cache) : NULL;
    int rc = -1;
    if (s == NULL)
        pyaot_error_from_python(e, "cannot name the .pyc");
    else if ((size_t)snprintf(out, cap, "%s", s) >= cap)
        pyaot_errorf(e, "cannot name the .pyc: path too long");
    else
        rc = 0;
    Py_XDECREF(cache);
    Py_XDECREF(util);
    return rc;
}

PyObject *pyaot_read_source(const char *path, char *pyc_path, size_t pyc_cap, pyaot_error *e)
{
    /* SourceFileLoader.get_code validates an existing .pyc (timestamp or
       hash based), recompiles when stale and rewrites the cache: exactly
       what the import of this module will do. */
    PyObject *mod = PyImport_ImportModule("importlib.machinery");
    PyObject *loader = mod ? PyObject_CallMethod(mod, "SourceFileLoader", "ss", "__pyaot__", path)
                           : NULL;
    PyObject *code = loader ? PyObject_CallMethod(loader, "get_code", "s", "__pyaot__") : NULL;
    if (code == NULL) {
        pyaot_error_from_python(e, "cannot compile source");
    }
    else if (!PyCode_Check(code)) {
        pyaot_errorf(e, "import machinery returned no code object");
        Py_CLEAR(code);
    }
    else if (pyaot_pyc_path(path, pyc_path, pyc_cap, e) < 0) {
        Py_CLEAR(code);
    }
    Py_XDECREF(loader);
    Py_XDECREF(mod);
    return code;
}
