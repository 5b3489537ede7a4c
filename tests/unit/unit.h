/* A tiny harness shared by the C unit tests: checks that count and report
   file:line, an embedded interpreter, and helpers to run Python snippets. */
#ifndef PYAOT_UNIT_H
#define PYAOT_UNIT_H

#include "../../compiler/compiler.h"

#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

/* CHECK(cond): count it; on failure print where and what. */
#define CHECK(cond) CHECKF(cond, "%s", "")
/* CHECKF(cond, fmt, ...): same, with context printed after the expression. */
#define CHECKF(cond, ...)                                                                  \
    do {                                                                                   \
        if (cond) {                                                                        \
            unit_passed++;                                                                 \
        }                                                                                  \
        else {                                                                             \
            unit_failed++;                                                                 \
            fprintf(stderr, "%s:%d: FAILED: %s: ", __FILE__, __LINE__, #cond);             \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
        }                                                                                  \
    } while (0)
/* The error text contains `word`. */
#define CHECK_MSG(err, word)                                                               \
    CHECKF(strstr((err).msg, (word)) != NULL, "message \"%s\" lacks \"%s\"", (err).msg, (word))

static inline void unit_init(void)
{
    if (pyaot_python_init() < 0)
        exit(2);
}

/* Print the summary line; the exit status for main. */
static inline int unit_finish(void)
{
    printf("%d passed, %d failed\n", unit_passed, unit_failed);
    fflush(stdout);
    if (Py_FinalizeEx() < 0)
        return 1;
    return unit_failed ? 1 : 0;
}

/* A fatal problem in the test itself (not in the code under test). */
static inline void unit_die_python(const char *what)
{
    fprintf(stderr, "test setup failed: %s\n", what);
    PyErr_Print();
    unit_failed++;
    printf("%d passed, %d failed\n", unit_passed, unit_failed);
    exit(1);
}

/* Exec `src` in a fresh module namespace; returns the namespace dict. */
static inline PyObject *unit_exec(const char *src)
{
    PyObject *ns = PyDict_New();
    if (ns == NULL || PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins()) < 0)
        unit_die_python("namespace");
    PyObject *r = PyRun_String(src, Py_file_input, ns, ns);
    if (r == NULL)
        unit_die_python(src);
    Py_DECREF(r);
    return ns;
}

/* ns[name](*args); new reference, dies on error. */
static inline PyObject *unit_call(PyObject *ns, const char *name, PyObject *args)
{
    PyObject *f = PyDict_GetItemString(ns, name);
    PyObject *r = f ? PyObject_CallObject(f, args) : NULL;
    if (r == NULL)
        unit_die_python(name);
    return r;
}

static inline long unit_long(PyObject *seq, Py_ssize_t i)
{
    PyObject *o = PySequence_GetItem(seq, i);
    long v = o ? PyLong_AsLong(o) : -1;
    if (o == NULL || (v == -1 && PyErr_Occurred()))
        unit_die_python("expected an int");
    Py_DECREF(o);
    return v;
}

/* Python helper shared by the decoder and analysis tests: a corpus of real
   code objects (every nested code object included), compiled here by the
   embedded interpreter. corpus() returns [(label, code), ...]. */
static const char unit_corpus_py[] =
    "import types\n"
    "SOURCES = {}\n"
    "SOURCES['loops'] = '''\n"
    "def loops(n, xs):\n"
    "    total = 0\n"
    "    for i in range(n):\n"
    "        if i % 3 == 0:\n"
    "            continue\n"
    "        for x in xs:\n"
    "            if x is None:\n"
    "                break\n"
    "            total += x * i\n"
    "        else:\n"
    "            total -= 1\n"
    "    while total > 100 and n:\n"
    "        total //= 2\n"
    "        if total == 7: break\n"
    "    return total if total else n or -1\n"
    "'''\n"
    "SOURCES['tryexc'] = '''\n"
    "def tryexc(f, g):\n"
    "    try:\n"
    "        r = f()\n"
    "    except (ValueError, KeyError) as e:\n"
    "        r = str(e)\n"
    "    except Exception:\n"
    "        raise\n"
    "    else:\n"
    "        r = r + 1\n"
    "    finally:\n"
    "        g()\n"
    "    try:\n"
    "        return r\n"
    "    finally:\n"
    "        g()\n"
    "'''\n"
    "SOURCES['withs'] = '''\n"
    "def withs(path, lock):\n"
    "    with lock:\n"
    "        with open(path) as f, open(path) as g:\n"
    "            data = f.read() + g.read()\n"
    "    try:\n"
    "        x = int(data)\n"
    "    except ValueError:\n"
    "        x = 0\n"
    "    return x\n"
    "'''\n"
    "SOURCES['comps'] = '''\n"
    "def comps(xs, ys):\n"
    "    a = [x * y for x in xs for y in ys if x != y]\n"
    "    b = {x: [y for y in ys] for x in xs}\n"
    "    c = {x for x in a if x}\n"
    "    d = sum(x for x in c)\n"
    "    e = (lambda q, *r, k=1, **kw: (q, r, k, kw))(1, *xs, k=2, **b and {'z': 3})\n"
    "    f = f'{d!r:>10} {a[1:-1]} {xs[::2]}'\n"
    "    g, *h = xs\n"
    "    return a, b, c, d, e, f, g, h\n"
    "'''\n"
    "SOURCES['gens'] = '''\n"
    "def gens(it):\n"
    "    def inner():\n"
    "        nonlocal it\n"
    "        yield from it\n"
    "        it = None\n"
    "    x = yield 1\n"
    "    yield from inner()\n"
    "    return x\n"
    "async def coro(aw, ait):\n"
    "    r = await aw\n"
    "    async for v in ait:\n"
    "        r += v\n"
    "    async with aw as c:\n"
    "        pass\n"
    "    return r\n"
    "class K(object):\n"
    "    attr: int = 3\n"
    "    def m(self, *a, **k):\n"
    "        return super().m(*a, **k)\n"
    "'''\n"
    "SOURCES['match'] = '''\n"
    "def matching(v):\n"
    "    match v:\n"
    "        case [1, *rest]:\n"
    "            return rest\n"
    "        case {'k': x, **kw}:\n"
    "            return x, kw\n"
    "        case int(real=r) | float(real=r) if r > 0:\n"
    "            return r\n"
    "        case _:\n"
    "            return None\n"
    "def star(f):\n"
    "    eg = None\n"
    "    try:\n"
    "        f()\n"
    "    except* ValueError as e:\n"
    "        eg = e\n"
    "    del f\n"
    "    assert star, 'msg'\n"
    "'''\n"
    "# > 300 locals: LOAD_FAST/STORE_FAST need EXTENDED_ARG.\n"
    "SOURCES['manylocals'] = 'def manylocals(a):\\n' + ''.join(\n"
    "    f'    v{i} = a + {i}\\n' for i in range(320)) + '    return ' + ' + '.join(\n"
    "    f'v{i}' for i in range(0, 320, 7)) + '\\n'\n"
    "# A long if/elif chain inside a loop: forward and backward jumps over\n"
    "# more than 255 code units need EXTENDED_ARG.\n"
    "SOURCES['longjumps'] = 'def longjumps(x, n):\\n    r = 0\\n    while n:\\n' + \\\n"
    "    '        n -= 1\\n        if x == 0:\\n            r += 1\\n' + ''.join(\n"
    "    f'        elif x == {i}:\\n            r += g(x, {i})\\n' for i in range(1, 160)) + \\\n"
    "    '        else:\\n            r -= 1\\n    return r\\n'\n"
    "def walk(co, out, label):\n"
    "    out.append((label + ':' + co.co_qualname, co))\n"
    "    for c in co.co_consts:\n"
    "        if isinstance(c, types.CodeType):\n"
    "            walk(c, out, label)\n"
    "def corpus():\n"
    "    out = []\n"
    "    for k, src in SOURCES.items():\n"
    "        walk(compile(src, k + '.py', 'exec'), out, k)\n"
    "    return out\n";

#endif
