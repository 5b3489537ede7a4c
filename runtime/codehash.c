#include "codehash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi.h"

#define K1 0x9e3779b97f4a7c15ull
#define K2 0xff51afd7ed558ccdull

static uint64_t mix(uint64_t h, uint64_t w)
{
    h ^= w * K1;
    h = (h << 27) | (h >> 37);
    return h * K2 + 0x52dce729ull;
}

uint64_t pyaot_hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    h = mix(h, n);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = mix(h, w);
        b += 8;
        n -= 8;
    }
    uint64_t tail = 0;
    memcpy(&tail, b, n);
    h = mix(h, tail ^ ((uint64_t)n << 56));
    h ^= h >> 33;
    return h * K1;
}

static uint64_t lane(uint64_t h, const unsigned char *b)
{
    uint64_t w;
    memcpy(&w, b, 8);
    h ^= w;
    return ((h << 29) | (h >> 35)) * K1;
}

uint64_t pyaot_checksum(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h0 = K1, h1 = K2, h2 = ~K1, h3 = ~K2;
    size_t len = n;
    for (; n >= 32; b += 32, n -= 32) {
        h0 = lane(h0, b);
        h1 = lane(h1, b + 8);
        h2 = lane(h2, b + 16);
        h3 = lane(h3, b + 24);
    }
    uint64_t h = mix(mix(mix(mix(len, h0), h1), h2), h3);
    return pyaot_hash_bytes(h, b, n);
}

int pyaot_verify_artifact(const char *path, pyaot_stamp *stamp, long *size, char *why, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        snprintf(why, cap, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct stat sb;
    int rc = -1;
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        snprintf(why, cap, "not a regular file");
        goto done;
    }
    if (sb.st_size < PYAOT_TRAILER_SIZE + 64) {
        snprintf(why, cap, "truncated artifact");
        goto done;
    }
    size_t n = (size_t)sb.st_size;
    const unsigned char *p = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        snprintf(why, cap, "cannot map: %s", strerror(errno));
        goto done;
    }
    const unsigned char *t = p + n - PYAOT_TRAILER_SIZE;
    uint64_t want;
    memcpy(&want, t + 8, 8);
    if (memcmp(t, PYAOT_TRAILER_TAG_V1, 8) == 0) {
        snprintf(why, cap, "built by an older pyaot (checksum format 1); recompile it");
    }
    else if (memcmp(t, PYAOT_TRAILER_TAG, 8) != 0) {
        snprintf(why, cap, "truncated or not a pyaot artifact (no checksum trailer)");
    }
    else if (pyaot_checksum(p, n - PYAOT_TRAILER_SIZE) != want) {
        snprintf(why, cap, "corrupt artifact (checksum mismatch)");
    }
    else {
        rc = 0;
        if (stamp != NULL) {
            memcpy(stamp, t - sizeof *stamp, sizeof *stamp);
            if (memcmp(stamp->tag, PYAOT_STAMP_TAG, 8) != 0)
                memset(stamp, 0, sizeof *stamp);
        }
        if (size != NULL)
            *size = (long)n;
    }
    munmap((void *)p, n);
done:
    close(fd);
    return rc;
}

static uint64_t hash_int(uint64_t h, long v)
{
    int64_t w = v;
    return pyaot_hash_bytes(h, &w, sizeof w);
}

static uint64_t hash_pybytes(uint64_t h, PyObject *b)
{
    return pyaot_hash_bytes(h, PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
}

/* One byte per constant: which kind of object native code will find there. */
static char const_tag(PyObject *v)
{
    if (PyCode_Check(v))
        return 'c';
    if (PyTuple_CheckExact(v))
        return 't';
    if (PyUnicode_CheckExact(v))
        return 's';
    if (v == Py_None)
        return 'n';
    return 'o';
}

int pyaot_code_hash(PyCodeObject *co, uint64_t *out)
{
    PyObject *code = PyCode_GetCode(co);
    if (code == NULL)
        return -1;
    uint64_t h = hash_pybytes(0, code);
    Py_DECREF(code);
    h = hash_pybytes(h, co->co_exceptiontable);
    h = hash_pybytes(h, co->co_localspluskinds);
    long ints[] = {co->co_argcount, co->co_posonlyargcount, co->co_kwonlyargcount,
                   co->co_nlocalsplus, co->co_nlocals, co->co_nplaincellvars,
                   co->co_ncellvars, co->co_nfreevars, co->co_stacksize, co->co_flags,
                   PyTuple_GET_SIZE(co->co_consts), PyTuple_GET_SIZE(co->co_names)};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        h = hash_int(h, ints[i]);
    Py_ssize_t n = PyTuple_GET_SIZE(co->co_consts);
    char tags[64];
    for (Py_ssize_t i = 0; i < n; i += 64) {
        size_t m = 0;
        for (; m < 64 && i + (Py_ssize_t)m < n; m++)
            tags[m] = const_tag(PyTuple_GET_ITEM(co->co_consts, i + (Py_ssize_t)m));
        h = pyaot_hash_bytes(h, tags, m);
    }
    /* Numbers by value: the unboxed tier compiles int and float constants
       into the code (compiler/unbox.c), so `len(d) == 2` and `len(d) == 4`
       must not share an entry. */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyTuple_GET_ITEM(co->co_consts, i);
        if (PyFloat_CheckExact(v)) {
            double d = PyFloat_AS_DOUBLE(v);
            h = pyaot_hash_bytes(h, &d, sizeof d);
        }
        else if (PyLong_CheckExact(v)) {
            int overflow;
            long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
            if (x == -1 && PyErr_Occurred())
                return -1;
            h = hash_int(h, overflow ? overflow : (long)x);
        }
    }
    /* Names by value: native code keeps per-instruction caches keyed on
       what a name resolved to, so code objects that differ only in their
       names (os.fsencode and os.fsdecode) must never share an entry. */
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(co->co_names); i++) {
        PyObject *name = PyTuple_GET_ITEM(co->co_names, i);
        if (!PyUnicode_Check(name))
            continue;
        Py_ssize_t len = PyUnicode_GET_LENGTH(name);
        int kind = PyUnicode_KIND(name);
        h = hash_int(h, len * 8 + kind);
        h = pyaot_hash_bytes(h, PyUnicode_DATA(name), (size_t)len * (size_t)kind);
    }
    *out = h;
    return 0;
}

int pyaot_code_walk(PyObject *root, PyObject *list)
{
    if (PyList_Append(list, root) < 0)
        return -1;
    PyObject *consts = ((PyCodeObject *)root)->co_consts;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(consts); i++) {
        PyObject *v = PyTuple_GET_ITEM(consts, i);
        if (PyCode_Check(v) && pyaot_code_walk(v, list) < 0)
            return -1;
    }
    return 0;
}
