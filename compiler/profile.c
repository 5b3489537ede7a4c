/* A training run's profile (docs/profile-format.md): loaded once, then
   looked up once per code object the compiler lowers. The JSON is parsed by
   the embedded interpreter's json module; everything the lookups need is
   copied into C memory, so compile workers share it after fork. */
#include "compiler.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/codehash.h"

#define PROFILE_FORMAT "pyaot-profile"
#define PROFILE_VERSION 1

typedef struct entry {
    char *file, *qualname; /* file base name and co_qualname, UTF-8 */
    size_t file_len, qual_len;
    int firstlineno;
    uint64_t code_hash;    /* pyaot_code_hash of the recorded code object */
    uint64_t name_hash;    /* of (file, qualname, firstlineno): the bucket */
    int next;              /* next entry in the same bucket, or -1 */
    int dropped;           /* the key came twice: trust neither */
    pyaot_code_profile prof;
} entry;

struct pyaot_profile {
    entry *e;
    int n, cap;
    int *bucket; /* name_hash & mask -> first entry, or -1 */
    size_t mask;
    uint64_t id;
};

static uint64_t name_hash(const char *file, size_t flen, const char *qual, size_t qlen, int line)
{
    int64_t l = line;
    uint64_t h = pyaot_hash_bytes(0, file, flen);
    h = pyaot_hash_bytes(h, qual, qlen);
    return pyaot_hash_bytes(h, &l, sizeof l);
}

void pyaot_profile_free(pyaot_profile *p)
{
    if (p == NULL)
        return;
    for (int i = 0; i < p->n; i++) {
        free(p->e[i].file);
        free(p->e[i].qualname);
        free((void *)p->e[i].prof.ops);
    }
    free(p->e);
    free(p->bucket);
    free(p);
}

uint64_t pyaot_profile_id(const pyaot_profile *p)
{
    return p->id;
}

static int read_all(const char *path, char **out, size_t *len, pyaot_error *e)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        pyaot_errorf(e, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int bad = buf == NULL || ferror(f);
    fclose(f);
    if (bad) {
        pyaot_errorf(e, "%s: cannot read%s", path, buf == NULL ? ": out of memory" : "");
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The opcodes of an entry, or NULL when `ops` is not 2*nunits hex digits
   (the entry is then ignored, as the format says). */
static uint8_t *decode_ops(const char *hex, Py_ssize_t len, long nunits)
{
    if (len != 2 * (Py_ssize_t)nunits)
        return NULL;
    uint8_t *ops = malloc((size_t)nunits);
    if (ops == NULL)
        return NULL;
    for (long u = 0; u < nunits; u++) {
        int hi = hexval(hex[2 * u]), lo = hexval(hex[2 * u + 1]);
        if (hi < 0 || lo < 0) {
            free(ops);
            return NULL;
        }
        ops[u] = (uint8_t)(hi << 4 | lo);
    }
    return ops;
}

static const char *utf8(PyObject *v, Py_ssize_t *len)
{
    if (v == NULL || !PyUnicode_Check(v))
        return NULL;
    const char *s = PyUnicode_AsUTF8AndSize(v, len);
    if (s == NULL)
        PyErr_Clear();
    return s;
}

/* An int field of a JSON object, in [lo, hi]; -1 when missing or not one. */
static int int_field(PyObject *d, const char *key, long lo, long hi, long *out)
{
    PyObject *v = PyDict_GetItemString(d, key);
    if (v == NULL || !PyLong_CheckExact(v))
        return -1;
    long x = PyLong_AsLong(v);
    if (x == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    if (x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

static int grow(pyaot_profile *p)
{
    if (p->n < p->cap)
        return 0;
    int cap = p->cap ? 2 * p->cap : 256;
    entry *e = realloc(p->e, sizeof *e * (size_t)cap);
    if (e == NULL)
        return -1;
    p->e = e;
    p->cap = cap;
    return 0;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

/* Add codes[i]; 1 when it was ignored, 0 when added, -1 when malformed. */
static int add_code(pyaot_profile *p, PyObject *c)
{
    if (!PyDict_Check(c))
        return -1;
    static const char *const strings[] = {"file", "qualname", "hash", "ops"};
    for (int k = 0; k < 4; k++) {
        PyObject *v = PyDict_GetItemString(c, strings[k]);
        if (v == NULL || !PyUnicode_Check(v))
            return -1;
    }
    Py_ssize_t flen, qlen, hlen, olen;
    const char *file = utf8(PyDict_GetItemString(c, "file"), &flen);
    const char *qual = utf8(PyDict_GetItemString(c, "qualname"), &qlen);
    const char *hash = utf8(PyDict_GetItemString(c, "hash"), &hlen);
    const char *ops = utf8(PyDict_GetItemString(c, "ops"), &olen);
    /* A name UTF-8 cannot hold (a lone surrogate from an undecodable file
       name) matches no code object the compiler sees either. */
    if (file == NULL || qual == NULL)
        return 1;
    long line, nunits, samples;
    if (hash == NULL || ops == NULL || hlen != 16 ||
        int_field(c, "firstlineno", INT_MIN, INT_MAX, &line) < 0 ||
        int_field(c, "nunits", 1, INT_MAX / 2, &nunits) < 0 ||
        int_field(c, "samples", 0, LONG_MAX, &samples) < 0)
        return -1;
    uint64_t code_hash = 0;
    for (int k = 0; k < 16; k++) {
        int v = hexval(hash[k]);
        if (v < 0)
            return -1;
        code_hash = code_hash << 4 | (uint64_t)v;
    }
    uint8_t *bytes = decode_ops(ops, olen, nunits);
    if (bytes == NULL)
        return 1;
    if (grow(p) < 0) {
        free(bytes);
        return -1;
    }
    entry *e = &p->e[p->n];
    *e = (entry){.file = dup_bytes(file, (size_t)flen), .qualname = dup_bytes(qual, (size_t)qlen),
                 .file_len = (size_t)flen, .qual_len = (size_t)qlen, .firstlineno = (int)line,
                 .code_hash = code_hash,
                 .name_hash = name_hash(file, (size_t)flen, qual, (size_t)qlen, (int)line),
                 .next = -1,
                 .prof = {.ops = bytes, .nunits = (int)nunits, .samples = samples}};
    p->n++;
    if (e->file == NULL || e->qualname == NULL)
        return -1;
    return 0;
}

static int index_entries(pyaot_profile *p)
{
    size_t size = 16;
    while (size < 2 * (size_t)p->n)
        size *= 2;
    p->bucket = malloc(sizeof(int) * size);
    if (p->bucket == NULL)
        return -1;
    memset(p->bucket, 0xff, sizeof(int) * size);
    p->mask = size - 1;
    for (int i = 0; i < p->n; i++) {
        entry *e = &p->e[i];
        int *link = &p->bucket[e->name_hash & p->mask];
        for (; *link >= 0; link = &p->e[*link].next) {
            entry *o = &p->e[*link];
            /* pyaot's writers never repeat a key; a file that does says
               two things about one code object, so neither is used. */
            if (o->name_hash == e->name_hash && o->code_hash == e->code_hash &&
                o->firstlineno == e->firstlineno && o->file_len == e->file_len &&
                o->qual_len == e->qual_len && !memcmp(o->file, e->file, e->file_len) &&
                !memcmp(o->qualname, e->qualname, e->qual_len)) {
                o->dropped = 1;
                break;
            }
        }
        if (*link < 0)
            *link = i;
    }
    return 0;
}

static int magic_hex(char *out, size_t cap)
{
    long m = PyImport_GetMagicNumber();
    if (m == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    /* MAGIC_NUMBER is these four bytes little-endian. */
    unsigned long u = (unsigned long)m;
    snprintf(out, cap, "%02lx%02lx%02lx%02lx", u & 0xff, (u >> 8) & 0xff, (u >> 16) & 0xff,
             (u >> 24) & 0xff);
    return 0;
}

/* Checks the header fields; fills `e` naming the file and the mismatch. */
static int check_header(PyObject *doc, const char *path, pyaot_error *e)
{
    PyObject *fmt = PyDict_GetItemString(doc, "format");
    if (fmt == NULL || !PyUnicode_Check(fmt) || PyUnicode_CompareWithASCIIString(fmt, PROFILE_FORMAT)) {
        pyaot_errorf(e, "%s: not a pyaot profile (no \"format\": \"" PROFILE_FORMAT "\")", path);
        return -1;
    }
    long version;
    if (int_field(doc, "version", LONG_MIN, LONG_MAX, &version) < 0) {
        pyaot_errorf(e, "%s: malformed profile (no format version)", path);
        return -1;
    }
    if (version != PROFILE_VERSION) {
        pyaot_errorf(e, "%s: profile format version %ld; this pyaot reads version %d", path,
                     version, PROFILE_VERSION);
        return -1;
    }
    Py_ssize_t n;
    const char *python = utf8(PyDict_GetItemString(doc, "python"), &n);
    const char *magic = utf8(PyDict_GetItemString(doc, "magic"), &n);
    char want[16];
    if (python == NULL || magic == NULL || magic_hex(want, sizeof want) < 0) {
        pyaot_errorf(e, "%s: malformed profile (no python or magic)", path);
        return -1;
    }
    if (strcmp(python, Py_GetVersion()) != 0) {
        pyaot_errorf(e, "%s: recorded by another interpreter (%.150s); this pyaot targets %.150s",
                     path, python, Py_GetVersion());
        return -1;
    }
    if (strcmp(magic, want) != 0) {
        pyaot_errorf(e, "%s: recorded for .pyc magic %.20s; this interpreter has %s", path, magic,
                     want);
        return -1;
    }
    return 0;
}

pyaot_profile *pyaot_profile_load(const char *path, pyaot_error *e)
{
    char *text;
    size_t len;
    if (read_all(path, &text, &len, e) < 0)
        return NULL;
    pyaot_profile *p = calloc(1, sizeof *p);
    PyObject *json = NULL, *doc = NULL;
    if (p == NULL) {
        pyaot_errorf(e, "%s: out of memory", path);
        goto fail;
    }
    p->id = pyaot_hash_bytes(0, text, len);
    json = PyImport_ImportModule("json");
    PyObject *bytes = json ? PyBytes_FromStringAndSize(text, (Py_ssize_t)len) : NULL;
    if (bytes != NULL)
        doc = PyObject_CallMethod(json, "loads", "O", bytes);
    Py_XDECREF(bytes);
    if (doc == NULL) {
        pyaot_error_from_python(e, "invalid JSON");
        char why[sizeof e->msg];
        snprintf(why, sizeof why, "%s", e->msg);
        pyaot_errorf(e, "%s: not a pyaot profile (%s)", path, why);
        goto fail;
    }
    if (!PyDict_Check(doc)) {
        pyaot_errorf(e, "%s: not a pyaot profile (not a JSON object)", path);
        goto fail;
    }
    if (check_header(doc, path, e) < 0)
        goto fail;
    PyObject *codes = PyDict_GetItemString(doc, "codes");
    if (codes == NULL || !PyList_Check(codes)) {
        pyaot_errorf(e, "%s: malformed profile (no codes list)", path);
        goto fail;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(codes); i++) {
        if (add_code(p, PyList_GET_ITEM(codes, i)) < 0) {
            pyaot_errorf(e, "%s: malformed profile (codes[%zd])", path, i);
            goto fail;
        }
    }
    if (index_entries(p) < 0) {
        pyaot_errorf(e, "%s: out of memory", path);
        goto fail;
    }
    Py_DECREF(doc);
    Py_DECREF(json);
    free(text);
    return p;
fail:
    Py_XDECREF(doc);
    Py_XDECREF(json);
    free(text);
    pyaot_profile_free(p);
    return NULL;
}

const pyaot_code_profile *pyaot_profile_code(const pyaot_profile *p, PyCodeObject *co)
{
    if (p == NULL || p->n == 0)
        return NULL;
    Py_ssize_t flen, qlen;
    const char *file = utf8(co->co_filename, &flen);
    const char *qual = utf8(co->co_qualname, &qlen);
    if (file == NULL || qual == NULL)
        return NULL;
    /* The base name: the training run may have used another checkout. */
    const char *slash = memrchr(file, '/', (size_t)flen);
    if (slash != NULL) {
        flen -= slash + 1 - file;
        file = slash + 1;
    }
    uint64_t nh = name_hash(file, (size_t)flen, qual, (size_t)qlen, co->co_firstlineno);
    uint64_t code_hash = 0;
    int hashed = 0;
    for (int i = p->bucket[nh & p->mask]; i >= 0; i = p->e[i].next) {
        const entry *e = &p->e[i];
        if (e->name_hash != nh || e->firstlineno != co->co_firstlineno ||
            e->file_len != (size_t)flen || e->qual_len != (size_t)qlen ||
            memcmp(e->file, file, e->file_len) || memcmp(e->qualname, qual, e->qual_len))
            continue;
        /* Hashed only for code the profile names: most code is not in it. */
        if (!hashed) {
            if (pyaot_code_hash(co, &code_hash) < 0) {
                PyErr_Clear();
                return NULL;
            }
            hashed = 1;
        }
        /* Another hash is a stale entry (the code changed since the
           training run): never applied. */
        if (e->code_hash == code_hash)
            return e->dropped || e->prof.nunits != Py_SIZE(co) ? NULL : &e->prof;
    }
    return NULL;
}
