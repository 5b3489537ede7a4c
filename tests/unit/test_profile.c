/* profile.c: loading training-run profiles, lookups by code object, stale
   and duplicated entries, and every way a profile file can be refused. */
#include "unit.h"

#include <stdlib.h>
#include <unistd.h>

#include "../../runtime/codehash.h"

static char dir[64];
static PyObject *ns;

/* Profiles are written by Python here, with the hashes C computes. */
static const char helpers_py[] =
    "import json, sys, importlib.util, types\n"
    "SRC = '''\n"
    "def hot(n):\n"
    "    t = 0\n"
    "    for i in range(n):\n"
    "        t = t + i\n"
    "    return t\n"
    "class K:\n"
    "    def m(self):\n"
    "        return [x for x in range(3)]\n"
    "'''\n"
    "def codes(src, filename):\n"
    "    out = {}\n"
    "    def walk(co):\n"
    "        out[co.co_qualname] = co\n"
    "        for c in co.co_consts:\n"
    "            if isinstance(c, types.CodeType):\n"
    "                walk(c)\n"
    "    walk(compile(src, filename, 'exec'))\n"
    "    return out\n"
    "def entry(co, h, samples=7, ops=None, file='mod.py'):\n"
    "    n = len(co.co_code) // 2\n"
    "    return {'file': file, 'qualname': co.co_qualname, 'firstlineno': co.co_firstlineno,\n"
    "            'hash': '%016x' % h, 'nunits': n, 'samples': samples,\n"
    "            'ops': ops if ops is not None else co.co_code[0::2].hex()}\n"
    "def header(**kw):\n"
    "    d = {'format': 'pyaot-profile', 'version': 1, 'python': sys.version,\n"
    "         'magic': importlib.util.MAGIC_NUMBER.hex()}\n"
    "    d.update(kw)\n"
    "    return d\n"
    "def write(path, entries, **kw):\n"
    "    d = header()\n"
    "    d['codes'] = entries\n"
    "    d.update(kw)\n"
    "    with open(path, 'w') as f:\n"
    "        json.dump(d, f)\n"
    "def write_text(path, text):\n"
    "    with open(path, 'w') as f:\n"
    "        f.write(text)\n";

static void path_of(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static PyObject *code_of(PyObject *codes, const char *qualname)
{
    PyObject *co = PyDict_GetItemString(codes, qualname);
    if (co == NULL)
        unit_die_python(qualname);
    return co;
}

static uint64_t hash_of(PyObject *co)
{
    uint64_t h;
    if (pyaot_code_hash((PyCodeObject *)co, &h) < 0)
        unit_die_python("code hash");
    return h;
}

/* entry(code, hash, **kw): one code entry as the recorder writes it. */
static PyObject *entry(PyObject *co, PyObject *kw)
{
    PyObject *f = PyDict_GetItemString(ns, "entry");
    PyObject *args = Py_BuildValue("(OK)", co, (unsigned long long)hash_of(co));
    PyObject *r = f && args ? PyObject_Call(f, args, kw) : NULL;
    if (r == NULL)
        unit_die_python("entry");
    Py_DECREF(args);
    return r;
}

/* write(path, entries, **header) */
static void write_profile(const char *name, PyObject *entries, PyObject *header)
{
    char p[256];
    path_of(p, sizeof p, name);
    PyObject *f = PyDict_GetItemString(ns, "write");
    PyObject *args = Py_BuildValue("(sO)", p, entries);
    PyObject *r = f && args ? PyObject_Call(f, args, header) : NULL;
    if (r == NULL)
        unit_die_python("write");
    Py_DECREF(r);
    Py_DECREF(args);
}

static pyaot_profile *load(const char *name, pyaot_error *e)
{
    char p[256];
    path_of(p, sizeof p, name);
    return pyaot_profile_load(p, e);
}

static void expect_refused(const char *what, const char *name, const char *word,
                           const char *word2)
{
    pyaot_error e = {{0}};
    pyaot_profile *p = load(name, &e);
    CHECKF(p == NULL, "%s: accepted", what);
    pyaot_profile_free(p);
    CHECKF(!PyErr_Occurred(), "%s: exception left pending", what);
    PyErr_Clear();
    CHECKF(strstr(e.msg, name) != NULL, "%s: message \"%s\" does not name the file", what, e.msg);
    CHECKF(strstr(e.msg, word) != NULL, "%s: message \"%s\" lacks \"%s\"", what, e.msg, word);
    if (word2)
        CHECKF(strstr(e.msg, word2) != NULL, "%s: message \"%s\" lacks \"%s\"", what, e.msg,
               word2);
}

static PyObject *compile_codes(const char *src, const char *filename)
{
    PyObject *f = PyDict_GetItemString(ns, "codes");
    PyObject *codes = f ? PyObject_CallFunction(f, "ss", src, filename) : NULL;
    if (codes == NULL)
        unit_die_python("codes");
    return codes;
}

static void test_lookup(void)
{
    PyObject *src = PyDict_GetItemString(ns, "SRC");
    const char *text = PyUnicode_AsUTF8(src);
    PyObject *codes = compile_codes(text, "/train/checkout/mod.py");
    PyObject *hot = code_of(codes, "hot"), *m = code_of(codes, "K.m");
    PyObject *comp = code_of(codes, "K.m.<locals>.<listcomp>");

    /* hot with a specialized opcode at its BINARY_OP; K.m plain. */
    PyObject *base = PyObject_GetAttrString(hot, "co_code");
    Py_ssize_t n = PyBytes_GET_SIZE(base) / 2;
    char *hex = malloc((size_t)(2 * n + 1));
    int add_unit = -1;
    for (Py_ssize_t u = 0; u < n; u++) {
        int op = (unsigned char)PyBytes_AS_STRING(base)[2 * u];
        if (op == 122 && add_unit < 0) { /* BINARY_OP -> BINARY_OP_ADD_INT */
            add_unit = (int)u;
            op = 5;
        }
        snprintf(hex + 2 * u, 3, "%02x", op);
    }
    Py_DECREF(base);
    CHECK(add_unit > 0);
    PyObject *kw = Py_BuildValue("{s:s,s:i}", "ops", hex, "samples", 42);
    PyObject *entries = Py_BuildValue("[NN]", entry(hot, kw), entry(m, NULL));
    Py_DECREF(kw);
    write_profile("good.prof", entries, NULL);

    pyaot_error e = {{0}};
    pyaot_profile *p = load("good.prof", &e);
    CHECKF(p != NULL, "%s", e.msg);
    if (p == NULL)
        return;
    /* Compiled from another directory: only the base name counts. */
    PyObject *here = compile_codes(text, "build/mod.py");
    const pyaot_code_profile *cp = pyaot_profile_code(p, (PyCodeObject *)code_of(here, "hot"));
    CHECK(cp != NULL);
    if (cp != NULL) {
        CHECK(cp->nunits == n && cp->samples == 42);
        CHECK(cp->ops[add_unit] == 5);
        CHECK(cp->ops[0] == 151); /* RESUME */
    }
    cp = pyaot_profile_code(p, (PyCodeObject *)code_of(here, "K.m"));
    CHECK(cp != NULL && cp->samples == 7);
    CHECK(pyaot_profile_code(p, (PyCodeObject *)code_of(here, "K.m.<locals>.<listcomp>")) == NULL);
    CHECK(pyaot_profile_code(p, (PyCodeObject *)comp) == NULL);
    CHECK(pyaot_profile_code(p, (PyCodeObject *)code_of(here, "<module>")) == NULL);
    CHECK(pyaot_profile_code(NULL, (PyCodeObject *)hot) == NULL);

    /* Another file name: not this code. */
    PyObject *other = compile_codes(text, "lib/other.py");
    CHECK(pyaot_profile_code(p, (PyCodeObject *)code_of(other, "hot")) == NULL);

    /* The source changed since the training run: hot's body differs (its
       entry is stale and ignored), K.m is the same code at the same line
       (still used); code that moved to another line is not matched. */
    PyObject *edited = compile_codes("\ndef hot(n):\n    t = 1\n    for i in range(n):\n"
                                     "        t = t * i\n    return t\nclass K:\n"
                                     "    def m(self):\n        return [x for x in range(3)]\n",
                                     "mod.py");
    CHECK(pyaot_profile_code(p, (PyCodeObject *)code_of(edited, "hot")) == NULL);
    CHECK(pyaot_profile_code(p, (PyCodeObject *)code_of(edited, "K.m")) != NULL);
    PyObject *moved = compile_codes("\n\ndef hot(n):\n    return n\n", "mod.py");
    CHECK(pyaot_profile_code(p, (PyCodeObject *)code_of(moved, "hot")) == NULL);
    CHECK(!PyErr_Occurred());

    /* The id is the content's: the same file gives the same id. */
    pyaot_profile *again = load("good.prof", &e);
    CHECK(again != NULL && pyaot_profile_id(again) == pyaot_profile_id(p));
    pyaot_profile_free(again);
    write_profile("good2.prof", entries, NULL);
    char path[256];
    path_of(path, sizeof path, "good2.prof");
    FILE *f = fopen(path, "a");
    fputs("\n", f);
    fclose(f);
    again = load("good2.prof", &e);
    CHECK(again != NULL && pyaot_profile_id(again) != pyaot_profile_id(p));
    pyaot_profile_free(again);
    pyaot_profile_free(p);

    /* Entries whose ops do not cover nunits are ignored, the rest used;
       a key given twice is trusted in neither. */
    kw = Py_BuildValue("{s:s}", "ops", "9700");
    PyObject *kw2 = Py_BuildValue("{s:s}", "ops", "zz");
    /* An undecodable file name (a lone surrogate): ignored, not fatal. */
    PyObject *kw3 = Py_BuildValue("{s:N}", "file", PyUnicode_DecodeFSDefault("\xffmod.py"));
    PyObject *modcode = code_of(codes, "<module>");
    Py_DECREF(entries);
    entries = Py_BuildValue("[NNNNNN]", entry(hot, kw), entry(m, NULL), entry(m, NULL),
                            entry(comp, kw2), entry(modcode, kw3), entry(comp, kw3));
    Py_DECREF(kw);
    Py_DECREF(kw2);
    Py_DECREF(kw3);
    write_profile("partial.prof", entries, NULL);
    p = load("partial.prof", &e);
    CHECKF(p != NULL, "%s", e.msg);
    if (p != NULL) {
        CHECK(pyaot_profile_code(p, (PyCodeObject *)hot) == NULL);
        CHECK(pyaot_profile_code(p, (PyCodeObject *)m) == NULL);
        CHECK(pyaot_profile_code(p, (PyCodeObject *)comp) == NULL);
        CHECK(pyaot_profile_code(p, (PyCodeObject *)modcode) == NULL);
    }
    pyaot_profile_free(p);
    /* ... and a good entry beside it is still used. */
    kw3 = Py_BuildValue("{s:N}", "file", PyUnicode_DecodeFSDefault("\xffmod.py"));
    Py_DECREF(entries);
    entries = Py_BuildValue("[NN]", entry(comp, kw3), entry(hot, NULL));
    Py_DECREF(kw3);
    write_profile("surrogate.prof", entries, NULL);
    p = load("surrogate.prof", &e);
    CHECKF(p != NULL && pyaot_profile_code(p, (PyCodeObject *)hot) != NULL, "%s", e.msg);
    pyaot_profile_free(p);

    /* An empty profile is valid and matches nothing. */
    PyObject *none = PyList_New(0);
    write_profile("empty.prof", none, NULL);
    Py_DECREF(none);
    p = load("empty.prof", &e);
    CHECK(p != NULL && pyaot_profile_code(p, (PyCodeObject *)hot) == NULL);
    pyaot_profile_free(p);

    free(hex);
    Py_DECREF(entries);
    Py_DECREF(codes);
    Py_DECREF(here);
    Py_DECREF(other);
    Py_DECREF(edited);
    Py_DECREF(moved);
}

static void write_text(const char *name, const char *text)
{
    char p[256];
    path_of(p, sizeof p, name);
    PyObject *r = PyObject_CallFunction(PyDict_GetItemString(ns, "write_text"), "ss", p, text);
    if (r == NULL)
        unit_die_python("write_text");
    Py_DECREF(r);
}

static void test_refused(void)
{
    PyObject *codes = compile_codes("def f():\n    return 1\n", "mod.py");
    PyObject *one = Py_BuildValue("[N]", entry(code_of(codes, "f"), NULL));
    PyObject *none = PyList_New(0);

    expect_refused("missing file", "nosuch.prof", "cannot read", "No such file");
    write_text("garbage.prof", "\x7f" "ELF\x01\x02");
    expect_refused("not JSON", "garbage.prof", "not a pyaot profile", NULL);
    write_text("truncated.prof", "{\"format\": \"pyaot-profile\", \"version\": 1, \"co");
    expect_refused("truncated", "truncated.prof", "invalid JSON", NULL);
    write_text("list.prof", "[1, 2]");
    expect_refused("a JSON list", "list.prof", "not a pyaot profile", NULL);
    write_text("other.prof", "{\"format\": \"perf-data\", \"version\": 1}");
    expect_refused("another format", "other.prof", "not a pyaot profile", NULL);

    PyObject *kw = Py_BuildValue("{s:i}", "version", 2);
    write_profile("v2.prof", one, kw);
    Py_DECREF(kw);
    expect_refused("another format version", "v2.prof", "format version 2", "reads version 1");
    kw = Py_BuildValue("{s:s}", "python", "3.11.4 (main, Jun  7 2023) [GCC 11.3.0]");
    write_profile("py.prof", one, kw);
    Py_DECREF(kw);
    expect_refused("another interpreter", "py.prof", "another interpreter", "3.11.4 (main");
    kw = Py_BuildValue("{s:s}", "magic", "cb0d0d0a");
    write_profile("magic.prof", one, kw);
    Py_DECREF(kw);
    expect_refused("another magic number", "magic.prof", "magic cb0d0d0a", NULL);

    /* A code entry without its fields, or with fields of the wrong type. */
    PyObject *bad = Py_BuildValue("[{s:s}]", "file", "mod.py");
    write_profile("fields.prof", bad, NULL);
    Py_DECREF(bad);
    expect_refused("missing fields", "fields.prof", "malformed profile", "codes[0]");
    PyObject *e = entry(code_of(codes, "f"), NULL);
    PyDict_SetItemString(e, "nunits", Py_True);
    bad = Py_BuildValue("[N]", e);
    write_profile("types.prof", bad, NULL);
    Py_DECREF(bad);
    expect_refused("a bool for nunits", "types.prof", "malformed profile", NULL);
    e = entry(code_of(codes, "f"), NULL);
    PyObject *h = PyUnicode_FromString("xyz");
    PyDict_SetItemString(e, "hash", h);
    Py_DECREF(h);
    bad = Py_BuildValue("[N]", e);
    write_profile("hash.prof", bad, NULL);
    Py_DECREF(bad);
    expect_refused("a short hash", "hash.prof", "malformed profile", NULL);
    kw = Py_BuildValue("{s:O}", "codes", Py_None);
    write_profile("nocodes.prof", none, kw);
    Py_DECREF(kw);
    expect_refused("codes not a list", "nocodes.prof", "malformed profile", NULL);

    Py_DECREF(one);
    Py_DECREF(none);
    Py_DECREF(codes);
}

int main(void)
{
    unit_init();
    snprintf(dir, sizeof dir, "/tmp/pyaot-unit-profile-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    ns = unit_exec(helpers_py);
    test_lookup();
    test_refused();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    Py_DECREF(ns);
    return unit_finish();
}
