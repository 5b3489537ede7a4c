/* analyze.c: stack depths of real code against an independent model in
   Python, and hand-made bytecode it must reject. */
#include "unit.h"

#include <opcode.h>

/* The run-time stack model, written from dis alone: PRECALL leaves the
   arguments on the stack and CALL pops them; RETURN_GENERATOR leaves the
   first sent value; every instruction inside a protected range can enter
   its handler; unsupported opcodes end a path (the interpreter takes over). */
static const char model_py[] =
    "import dis\n"
    "EXT = dis.opmap['EXTENDED_ARG']\n"
    "PRECALL, CALL = dis.opmap['PRECALL'], dis.opmap['CALL']\n"
    "RETGEN = dis.opmap['RETURN_GENERATOR']\n"
    "TERMINAL = {dis.opmap[n] for n in ('RETURN_VALUE', 'RAISE_VARARGS', 'RERAISE',\n"
    "            'JUMP_FORWARD', 'JUMP_BACKWARD', 'JUMP_BACKWARD_NO_INTERRUPT')}\n"
    "def effect(op, arg, jump):\n"
    "    if op == PRECALL:\n"
    "        return 0\n"
    "    if op == CALL:\n"
    "        return -(arg + 1)\n"
    "    if op == RETGEN:\n"
    "        return 1\n"
    "    return dis.stack_effect(op, arg, jump=jump)\n"
    "def depths(code, unsupported):\n"
    "    ins, ext = [], None\n"
    "    for i in dis.get_instructions(code):\n"
    "        if i.opcode == EXT:\n"
    "            ext = i.offset if ext is None else ext\n"
    "            continue\n"
    "        target = i.argval if i.opcode in dis.hasjrel else None\n"
    "        ins.append((i.offset if ext is None else ext, i.opcode, i.arg, target))\n"
    "        ext = None\n"
    "    index = {start: k for k, (start, _, _, _) in enumerate(ins)}\n"
    "    table = dis._parse_exception_table(code)\n"
    "    def handler(k):\n"
    "        for h in table:\n"
    "            if h.start <= ins[k][0] < h.end:\n"
    "                return h\n"
    "    depth = [-1] * len(ins)\n"
    "    work = []\n"
    "    def reach(k, d):\n"
    "        if d < 0:\n"
    "            raise ValueError(f'underflow at {ins[k][0]}')\n"
    "        if depth[k] < 0:\n"
    "            depth[k] = d\n"
    "            work.append(k)\n"
    "        elif depth[k] != d:\n"
    "            raise ValueError(f'inconsistent depth at {ins[k][0]}')\n"
    "    if ins:\n"
    "        reach(0, 0)\n"
    "    while work:\n"
    "        k = work.pop()\n"
    "        _, op, arg, target = ins[k]\n"
    "        if op in unsupported:\n"
    "            continue\n"
    "        h = handler(k)\n"
    "        if h is not None:\n"
    "            reach(index[h.target], h.depth + h.lasti + 1)\n"
    "        if target is not None:\n"
    "            reach(index[target], depth[k] + effect(op, arg, True))\n"
    "        if op not in TERMINAL:\n"
    "            reach(k + 1, depth[k] + effect(op, arg, False))\n"
    "    return depth\n";

static PyObject *unsupported_set(void)
{
    PyObject *s = PySet_New(NULL);
    for (int op = 0; op < 256; op++) {
        if (pyaot_opinfo_get(op)->kind != K_UNSUPPORTED)
            continue;
        PyObject *o = PyLong_FromLong(op);
        PySet_Add(s, o);
        Py_DECREF(o);
    }
    return s;
}

/* Every opcode of 3.11 (dis.opmap, less the two that are not real
   instructions) has a native lowering. */
static void test_every_opcode_lowered(void)
{
    PyObject *ns = unit_exec("import dis\n"
                             "def ops():\n"
                             "    skip = {'CACHE', 'EXTENDED_ARG'}\n"
                             "    return [v for k, v in dis.opmap.items() if k not in skip]\n");
    PyObject *ops = unit_call(ns, "ops", NULL);
    CHECKF(PyList_GET_SIZE(ops) > 100, "only %zd opcodes in dis.opmap", PyList_GET_SIZE(ops));
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(ops); i++) {
        int op = (int)unit_long(ops, i);
        CHECKF(pyaot_opinfo_get(op)->kind != K_UNSUPPORTED, "%s is not lowered natively",
               pyaot_opname(op));
    }
    Py_DECREF(ops);
    Py_DECREF(ns);
}

static void test_real_code(void)
{
    PyObject *cns = unit_exec(unit_corpus_py);
    PyObject *ns = unit_exec(model_py);
    PyObject *corpus = unit_call(cns, "corpus", NULL);
    PyObject *unsup = unsupported_set();
    int handler_codes = 0;
    for (Py_ssize_t c = 0; c < PyList_GET_SIZE(corpus); c++) {
        PyObject *item = PyList_GET_ITEM(corpus, c);
        const char *label = PyUnicode_AsUTF8(PyTuple_GET_ITEM(item, 0));
        PyCodeObject *co = (PyCodeObject *)PyTuple_GET_ITEM(item, 1);
        pyaot_decoded d;
        pyaot_analysis a;
        pyaot_error e = {{0}};
        if (pyaot_decode_code(co, &d, &e) < 0) {
            CHECKF(0, "%s: decode: %s", label, e.msg);
            continue;
        }
        int rc = pyaot_analyze(&d, &a, &e);
        CHECKF(rc == 0, "%s: analyze: %s", label, e.msg);
        if (rc < 0) {
            pyaot_decoded_free(&d);
            continue;
        }
        PyObject *args = PyTuple_Pack(2, (PyObject *)co, unsup);
        PyObject *want = unit_call(ns, "depths", args);
        Py_DECREF(args);
        CHECKF(PyList_GET_SIZE(want) == d.n, "%s: %zd vs %d instructions", label,
               PyList_GET_SIZE(want), d.n);
        int bad = -1, reached = 0, max = 0;
        for (int i = 0; i < d.n && i < PyList_GET_SIZE(want); i++) {
            long w = unit_long(want, i);
            reached += w >= 0;
            if (w > max)
                max = (int)w;
            if (a.depth[i] != w && bad < 0) {
                bad = i;
                fprintf(stderr, "%s: %s at offset %d: depth %d, model %ld\n", label,
                        pyaot_opname(d.ins[i].opcode), 2 * d.ins[i].unit, a.depth[i], w);
            }
        }
        CHECKF(bad < 0, "%s: depth of instruction %d differs", label, bad);
        CHECKF(reached > 0, "%s: nothing reachable", label);
        CHECKF(a.max_depth == max, "%s: max_depth %d, model %d", label, a.max_depth, max);
        CHECKF(a.max_depth <= co->co_stacksize, "%s: max_depth %d > co_stacksize %d", label,
               a.max_depth, co->co_stacksize);
        /* Handlers are entered natively. */
        int handler_reached = 0;
        for (int h = 0; h < d.nhandlers; h++)
            handler_reached += a.depth[d.unit_instr[d.handlers[h].target]] != -1;
        if (d.nhandlers > 0 && (strncmp(label, "tryexc:", 7) == 0 ||
                                strncmp(label, "withs:", 6) == 0) && handler_reached > 0)
            handler_codes++;
        Py_DECREF(want);
        pyaot_analysis_free(&a);
        pyaot_decoded_free(&d);
    }
    CHECKF(handler_codes == 2, "expected handlers in tryexc and withs, got %d", handler_codes);
    Py_DECREF(unsup);
    Py_DECREF(corpus);
    Py_DECREF(ns);
    Py_DECREF(cns);
}

/* ---- hand-made bytecode ---- */

#define I(op, arg) (uint8_t)(op), (uint8_t)(arg)

/* Decode and analyze; returns analyze's result and leaves `a` for a 0. */
static int analyze_bytes(const char *what, const uint8_t *code, int nbytes, pyaot_decoded *d,
                         pyaot_analysis *a, pyaot_error *e)
{
    e->msg[0] = 0;
    if (pyaot_decode(code, nbytes, NULL, 0, d, e) < 0) {
        CHECKF(0, "%s: decode: %s", what, e->msg);
        return -2;
    }
    return pyaot_analyze(d, a, e);
}

static void expect_reject(const char *what, const uint8_t *code, int nbytes, const char *word)
{
    pyaot_decoded d;
    pyaot_analysis a = {0};
    pyaot_error e;
    int rc = analyze_bytes(what, code, nbytes, &d, &a, &e);
    if (rc == -2)
        return;
    CHECKF(rc == -1, "%s: accepted (max_depth %d)", what, a.max_depth);
    if (rc == 0)
        pyaot_analysis_free(&a);
    else
        CHECKF(strstr(e.msg, word) != NULL && a.depth == NULL, "%s: message \"%s\" lacks \"%s\"",
               what, e.msg, word);
    pyaot_decoded_free(&d);
}

static void expect_depths(const char *what, const uint8_t *code, int nbytes, const int *want,
                          int n, int max_depth)
{
    pyaot_decoded d;
    pyaot_analysis a;
    pyaot_error e;
    int rc = analyze_bytes(what, code, nbytes, &d, &a, &e);
    if (rc == -2)
        return;
    CHECKF(rc == 0, "%s: %s", what, e.msg);
    if (rc == 0) {
        int same = d.n == n;
        for (int i = 0; same && i < n; i++)
            if (a.depth[i] != want[i]) {
                same = 0;
                fprintf(stderr, "%s: instruction %d depth %d, want %d\n", what, i, a.depth[i],
                        want[i]);
            }
        CHECKF(same, "%s: depths differ", what);
        CHECKF(a.max_depth == max_depth, "%s: max_depth %d", what, a.max_depth);
        pyaot_analysis_free(&a);
    }
    pyaot_decoded_free(&d);
}

static void test_hand_made(void)
{
    /* Fall-through and jump reach unit 5 with depths 2 and 0. */
    static const uint8_t join[] = {I(RESUME, 0), I(LOAD_CONST, 0),
                                   I(POP_JUMP_FORWARD_IF_FALSE, 2), I(LOAD_CONST, 0),
                                   I(LOAD_CONST, 0), I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    expect_reject("depths disagree at a join", join, sizeof join, "inconsistent");
    /* A loop that grows the stack on every iteration. */
    static const uint8_t grow[] = {I(RESUME, 0), I(LOAD_CONST, 0), I(LOAD_CONST, 0),
                                   I(JUMP_BACKWARD, 2)};
    expect_reject("loop growing the stack", grow, sizeof grow, "inconsistent");
    /* Same join, reached through JUMP_IF_TRUE_OR_POP (keeps or pops). */
    static const uint8_t orpop[] = {I(RESUME, 0), I(LOAD_CONST, 0), I(JUMP_IF_TRUE_OR_POP, 1),
                                    I(NOP, 0), I(RETURN_VALUE, 0)};
    expect_reject("JUMP_IF_TRUE_OR_POP join", orpop, sizeof orpop, "inconsistent");
    static const uint8_t under[] = {I(RESUME, 0), I(POP_TOP, 0), I(LOAD_CONST, 0),
                                    I(RETURN_VALUE, 0)};
    expect_reject("stack underflow", under, sizeof under, "underflow");
    static const uint8_t callunder[] = {I(RESUME, 0), I(LOAD_CONST, 0), I(PRECALL, 3),
                                        I(CACHE, 0), I(CALL, 3), I(CACHE, 0), I(CACHE, 0),
                                        I(CACHE, 0), I(CACHE, 0), I(RETURN_VALUE, 0)};
    expect_reject("CALL popping more than the stack holds", callunder, sizeof callunder,
                  "underflow");
    /* Two UNPACK_SEQUENCE of 2^31 - 1 items: the depth does not fit an int. */
    static const uint8_t huge[] = {I(RESUME, 0),           I(LOAD_CONST, 0),
                                   I(EXTENDED_ARG, 0x7f),  I(EXTENDED_ARG, 0xff),
                                   I(EXTENDED_ARG, 0xff),  I(UNPACK_SEQUENCE, 0xff),
                                   I(CACHE, 0),            I(EXTENDED_ARG, 0x7f),
                                   I(EXTENDED_ARG, 0xff),  I(EXTENDED_ARG, 0xff),
                                   I(UNPACK_SEQUENCE, 0xff), I(CACHE, 0),
                                   I(RETURN_VALUE, 0)};
    expect_reject("stack depth overflowing an int", huge, sizeof huge, "");
    static const uint8_t offend[] = {I(RESUME, 0), I(LOAD_CONST, 0), I(NOP, 0)};
    expect_reject("control running off the end", offend, sizeof offend, "end");
    static const uint8_t badop[] = {I(RESUME, 0), I(LOAD_CONST, 0), I(POP_JUMP_FORWARD_IF_TRUE, 1),
                                    I(RETURN_VALUE, 0), I(255, 0), I(RETURN_VALUE, 0)};
    /* 255 is no opcode: unsupported, so it just ends the path. */
    static const int badop_d[] = {0, 0, 1, 0, 0, -1};
    expect_depths("unknown opcode ends a path", badop, sizeof badop, badop_d, 6, 1);

    /* Accepted: a loop with a consistent back edge, a diamond, dead code. */
    static const uint8_t loop[] = {I(RESUME, 0),
                                   I(LOAD_FAST, 0),
                                   I(GET_ITER, 0),
                                   I(FOR_ITER, 3),          /* exit -> unit 7 */
                                   I(STORE_FAST, 1),
                                   I(NOP, 0),
                                   I(JUMP_BACKWARD, 4),     /* -> unit 3 */
                                   I(LOAD_CONST, 0),
                                   I(RETURN_VALUE, 0),
                                   I(LOAD_CONST, 0),        /* dead */
                                   I(RETURN_VALUE, 0)};
    static const int loop_d[] = {0, 0, 1, 1, 2, 1, 1, 0, 1, -1, -1};
    expect_depths("for loop", loop, sizeof loop, loop_d, 11, 2);
    static const uint8_t diamond[] = {I(RESUME, 0), I(LOAD_CONST, 0),
                                      I(POP_JUMP_FORWARD_IF_TRUE, 2), I(LOAD_CONST, 1),
                                      I(JUMP_FORWARD, 1), I(LOAD_CONST, 2), I(RETURN_VALUE, 0)};
    static const int diamond_d[] = {0, 0, 1, 0, 1, 0, 1};
    expect_depths("if/else diamond", diamond, sizeof diamond, diamond_d, 7, 1);
    /* PRECALL keeps the arguments; CALL pops them and the callable pair. */
    static const uint8_t call[] = {I(RESUME, 0),   I(PUSH_NULL, 0), I(LOAD_CONST, 0),
                                   I(LOAD_CONST, 1), I(LOAD_CONST, 2), I(PRECALL, 2),
                                   I(CACHE, 0),    I(CALL, 2),      I(CACHE, 0),
                                   I(CACHE, 0),    I(CACHE, 0),     I(CACHE, 0),
                                   I(RETURN_VALUE, 0)};
    static const int call_d[] = {0, 0, 1, 2, 3, 4, 4, 1};
    expect_depths("call", call, sizeof call, call_d, 8, 4);

    CHECK(pyaot_stack_effect(PRECALL, 3, 0) == 0);
    CHECK(pyaot_stack_effect(CALL, 3, 0) == -4);
    CHECK(pyaot_stack_effect(LOAD_GLOBAL, 1, 0) == 2);

    /* Empty code: nothing to analyze, no failure. */
    pyaot_decoded d;
    pyaot_analysis a;
    pyaot_error e;
    static const uint8_t none[1] = {0};
    CHECK(pyaot_decode(none, 0, NULL, 0, &d, &e) == 0 && d.n == 0);
    CHECK(pyaot_analyze(&d, &a, &e) == 0 && a.max_depth == 0);
    pyaot_analysis_free(&a);
    pyaot_decoded_free(&d);
}

int main(void)
{
    unit_init();
    test_every_opcode_lowered();
    test_real_code();
    test_hand_made();
    return unit_finish();
}
