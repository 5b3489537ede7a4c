/* decode.c: real code objects against dis, and hostile byte arrays. */
#include "unit.h"

#include <opcode.h>
#include <stdint.h>

static const char dis_py[] =
    "import dis\n"
    "EXT = dis.opmap['EXTENDED_ARG']\n"
    "def expected(code):\n"
    "    '''(start, offset, opcode, arg, target) per instruction, EXTENDED_ARG\n"
    "    folded into the instruction it prefixes; offsets in bytes.'''\n"
    "    out, ext = [], None\n"
    "    for ins in dis.get_instructions(code):\n"
    "        if ins.opcode == EXT:\n"
    "            if ext is None:\n"
    "                ext = ins.offset\n"
    "            continue\n"
    "        start = ins.offset if ext is None else ext\n"
    "        ext = None\n"
    "        target = ins.argval if ins.opcode in dis.hasjrel else -1\n"
    "        out.append((start, ins.offset, ins.opcode, 0 if ins.arg is None else ins.arg, target))\n"
    "    return out\n"
    "def handlers(code):\n"
    "    return [(e.start, e.end, e.target, e.depth, int(e.lasti))\n"
    "            for e in dis._parse_exception_table(code)]\n"
    "def n_extended(code):\n"
    "    return sum(i.opcode == EXT for i in dis.get_instructions(code))\n";

/* One real code object: every decoded instruction and handler against dis. */
static void check_code(PyObject *ns, const char *label, PyObject *code, long *n_ext)
{
    PyCodeObject *co = (PyCodeObject *)code;
    pyaot_decoded d;
    pyaot_error e = {{0}};
    int rc = pyaot_decode_code(co, &d, &e);
    CHECKF(rc == 0, "%s: %s", label, e.msg);
    if (rc != 0)
        return;
    PyObject *args = PyTuple_Pack(1, code);
    PyObject *exp = unit_call(ns, "expected", args);
    PyObject *hexp = unit_call(ns, "handlers", args);
    PyObject *next = unit_call(ns, "n_extended", args);
    *n_ext += PyLong_AsLong(next);
    Py_DECREF(next);
    Py_DECREF(args);

    PyObject *raw = PyCode_GetCode(co);
    CHECKF(d.nunits * 2 == PyBytes_GET_SIZE(raw), "%s: nunits %d", label, d.nunits);
    Py_DECREF(raw);

    Py_ssize_t n = PyList_GET_SIZE(exp);
    CHECKF(d.n == n, "%s: %d instructions decoded, dis has %zd", label, d.n, n);
    int bad = -1;
    for (int i = 0; i < d.n && i < n && bad < 0; i++) {
        PyObject *t = PyList_GET_ITEM(exp, i);
        const pyaot_instr *in = &d.ins[i];
        if (in->start * 2 != unit_long(t, 0) || in->unit * 2 != unit_long(t, 1) ||
            in->opcode != unit_long(t, 2) || in->oparg != unit_long(t, 3) ||
            (in->target < 0 ? -1 : in->target * 2) != unit_long(t, 4)) {
            bad = i;
            fprintf(stderr, "%s #%d: decoded start=%d offset=%d op=%s arg=%d target=%d; "
                    "dis start=%ld offset=%ld op=%ld arg=%ld target=%ld\n", label, i,
                    in->start * 2, in->unit * 2, pyaot_opname(in->opcode), in->oparg,
                    in->target < 0 ? -1 : in->target * 2, unit_long(t, 0), unit_long(t, 1),
                    unit_long(t, 2), unit_long(t, 3), unit_long(t, 4));
        }
    }
    CHECKF(bad < 0, "%s: instruction %d differs from dis", label, bad);

    /* Instructions tile the code: next is the following start, and
       unit_instr maps every unit of [start, next) back to it. */
    bad = -1;
    for (int i = 0; i < d.n && bad < 0; i++) {
        const pyaot_instr *in = &d.ins[i];
        int want_next = i + 1 < d.n ? d.ins[i + 1].start : d.nunits;
        if (in->next != want_next || in->start > in->unit || in->unit >= in->next)
            bad = i;
        for (int u = in->start; u < in->next && u < d.nunits && bad < 0; u++)
            if (d.unit_instr[u] != i)
                bad = i;
    }
    CHECKF(bad < 0 && (d.n == 0 || d.ins[0].start == 0), "%s: tiling broken at %d", label,
           bad);

    Py_ssize_t nh = PyList_GET_SIZE(hexp);
    CHECKF(d.nhandlers == nh, "%s: %d handlers decoded, dis has %zd", label, d.nhandlers, nh);
    bad = -1;
    for (int i = 0; i < d.nhandlers && i < nh && bad < 0; i++) {
        PyObject *t = PyList_GET_ITEM(hexp, i);
        const pyaot_handler *h = &d.handlers[i];
        if (h->start * 2 != unit_long(t, 0) || h->end * 2 != unit_long(t, 1) ||
            h->target * 2 != unit_long(t, 2) || h->depth != unit_long(t, 3) ||
            h->lasti != unit_long(t, 4)) {
            bad = i;
            fprintf(stderr, "%s handler %d: decoded %d-%d -> %d depth %d lasti %d; dis %ld-%ld "
                    "-> %ld depth %ld lasti %ld\n", label, i, h->start * 2, h->end * 2,
                    h->target * 2, h->depth, h->lasti, unit_long(t, 0), unit_long(t, 1),
                    unit_long(t, 2), unit_long(t, 3), unit_long(t, 4));
        }
    }
    CHECKF(bad < 0, "%s: handler %d differs from dis", label, bad);
    Py_DECREF(exp);
    Py_DECREF(hexp);
    pyaot_decoded_free(&d);
}

static void test_real_code(void)
{
    PyObject *cns = unit_exec(unit_corpus_py);
    PyObject *ns = unit_exec(dis_py);
    PyObject *corpus = unit_call(cns, "corpus", NULL);
    long n_ext_total = 0, n_ext_locals = 0, n_ext_jumps = 0, nhandlers = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(corpus); i++) {
        PyObject *item = PyList_GET_ITEM(corpus, i);
        const char *label = PyUnicode_AsUTF8(PyTuple_GET_ITEM(item, 0));
        PyObject *code = PyTuple_GET_ITEM(item, 1);
        long n_ext = 0;
        check_code(ns, label, code, &n_ext);
        n_ext_total += n_ext;
        if (strcmp(label, "manylocals:manylocals") == 0)
            n_ext_locals = n_ext;
        if (strcmp(label, "longjumps:longjumps") == 0)
            n_ext_jumps = n_ext;
        nhandlers += PyBytes_GET_SIZE(((PyCodeObject *)code)->co_exceptiontable) > 0;
    }
    /* The corpus really exercises what it is meant to. */
    CHECKF(PyList_GET_SIZE(corpus) >= 15, "only %zd code objects", PyList_GET_SIZE(corpus));
    CHECKF(n_ext_locals > 0, "manylocals has no EXTENDED_ARG");
    CHECKF(n_ext_jumps > 0, "longjumps has no EXTENDED_ARG");
    CHECK(nhandlers >= 4);
    Py_DECREF(corpus);
    Py_DECREF(ns);
    Py_DECREF(cns);
}

/* ---- hostile inputs ---- */

#define I(op, arg) (uint8_t)(op), (uint8_t)(arg)

static int hostile(const char *what, const uint8_t *code, int nbytes, const uint8_t *exc,
                   int exclen, const char *word)
{
    pyaot_decoded d;
    pyaot_error e = {{0}};
    memset(&d, 0x5a, sizeof d);
    int rc = pyaot_decode(code, nbytes, exc, exclen, &d, &e);
    CHECKF(rc == -1, "%s: accepted (%d instructions, %d handlers)", what, d.n, d.nhandlers);
    if (rc == -1) {
        CHECKF(e.msg[0] != 0, "%s: no message", what);
        if (word)
            CHECKF(strstr(e.msg, word) != NULL, "%s: message \"%s\" lacks \"%s\"", what, e.msg,
                   word);
        /* Freed and zeroed on failure: freeing again is harmless. */
        CHECKF(d.ins == NULL && d.unit_instr == NULL && d.handlers == NULL, "%s: not reset",
               what);
    }
    else {
        pyaot_decoded_free(&d);
    }
    return rc;
}

/* Heap copies so ASan sees any read past the end. */
static int hostile_heap(const char *what, const uint8_t *code, int nbytes, const uint8_t *exc,
                        int exclen, const char *word)
{
    uint8_t *c = malloc(nbytes ? (size_t)nbytes : 1), *x = malloc(exclen ? (size_t)exclen : 1);
    memcpy(c, code, (size_t)nbytes);
    memcpy(x, exc, (size_t)exclen);
    int rc = hostile(what, c, nbytes, x, exclen, word);
    free(c);
    free(x);
    return rc;
}

#define HOSTILE(what, code, exc, word)                                                       \
    hostile_heap(what, code, (int)sizeof(code), exc, (int)sizeof(exc), word)

static void test_hostile(void)
{
    static const uint8_t ret[] = {I(RESUME, 0), I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    static const uint8_t noexc[1] = {0};
    pyaot_decoded d;
    pyaot_error e = {{0}};

    /* The baseline is accepted. */
    CHECKF(pyaot_decode(ret, sizeof ret, noexc, 0, &d, &e) == 0, "%s", e.msg);
    CHECK(d.n == 3 && d.nhandlers == 0);
    pyaot_decoded_free(&d);

    hostile_heap("odd length", ret, (int)sizeof ret - 1, noexc, 0, "odd");

    static const uint8_t ext_end[] = {I(RESUME, 0), I(EXTENDED_ARG, 1)};
    hostile_heap("EXTENDED_ARG at the end", ext_end, sizeof ext_end, noexc, 0, "EXTENDED_ARG");
    static const uint8_t ext_only[] = {I(EXTENDED_ARG, 1), I(EXTENDED_ARG, 1)};
    hostile_heap("only EXTENDED_ARG", ext_only, sizeof ext_only, noexc, 0, "EXTENDED_ARG");

    static const uint8_t jfwd[] = {I(RESUME, 0), I(JUMP_FORWARD, 5), I(LOAD_CONST, 0),
                                   I(RETURN_VALUE, 0)};
    hostile_heap("forward jump out of range", jfwd, sizeof jfwd, noexc, 0, "outside");
    static const uint8_t jend[] = {I(RESUME, 0), I(JUMP_FORWARD, 2), I(LOAD_CONST, 0),
                                   I(RETURN_VALUE, 0)};
    hostile_heap("jump to the end of the code", jend, sizeof jend, noexc, 0, "outside");
    static const uint8_t jback[] = {I(RESUME, 0), I(LOAD_CONST, 0),
                                    I(POP_JUMP_BACKWARD_IF_TRUE, 4), I(RETURN_VALUE, 0)};
    hostile_heap("backward jump before the start", jback, sizeof jback, noexc, 0, "outside");
    static const uint8_t jbig[] = {I(RESUME, 0), I(EXTENDED_ARG, 0xff), I(EXTENDED_ARG, 0xff),
                                   I(FOR_ITER, 0xff), I(RETURN_VALUE, 0)};
    hostile_heap("jump with a 24-bit oparg", jbig, sizeof jbig, noexc, 0, "outside");
    /* Four prefixes: an oparg of 2^31 - 1, then one of 2^32 - 1. */
    static const uint8_t jhuge[] = {I(EXTENDED_ARG, 0x7f), I(EXTENDED_ARG, 0xff),
                                    I(EXTENDED_ARG, 0xff), I(JUMP_FORWARD, 0xff),
                                    I(RETURN_VALUE, 0)};
    hostile_heap("jump with a 31-bit oparg", jhuge, sizeof jhuge, noexc, 0, "outside");
    static const uint8_t jhuge2[] = {I(EXTENDED_ARG, 0xff), I(EXTENDED_ARG, 0xff),
                                     I(EXTENDED_ARG, 0xff), I(JUMP_BACKWARD, 0xff),
                                     I(RETURN_VALUE, 0)};
    hostile_heap("backward jump with a 32-bit oparg", jhuge2, sizeof jhuge2, noexc, 0, NULL);

    /* BINARY_OP at unit 3 has one cache unit, unit 4: the jump lands in it. */
    static const uint8_t jcache[] = {I(LOAD_CONST, 0), I(LOAD_CONST, 0),
                                     I(POP_JUMP_FORWARD_IF_TRUE, 1), I(BINARY_OP, 0),
                                     I(CACHE, 0), I(RETURN_VALUE, 0)};
    hostile_heap("jump into an inline cache", jcache, sizeof jcache, noexc, 0, "middle");
    /* Unit 3 is the opcode of an instruction that starts at its prefix, unit 2. */
    static const uint8_t jext[] = {I(LOAD_CONST, 0), I(POP_JUMP_FORWARD_IF_TRUE, 1),
                                   I(EXTENDED_ARG, 0), I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    hostile_heap("jump past an EXTENDED_ARG prefix", jext, sizeof jext, noexc, 0, "middle");

    static const uint8_t cache0[] = {I(CACHE, 0), I(LOAD_CONST, 0), I(RETURN_VALUE, 0)};
    hostile_heap("stray CACHE first", cache0, sizeof cache0, noexc, 0, "CACHE");
    static const uint8_t cache1[] = {I(LOAD_CONST, 0), I(CACHE, 0), I(RETURN_VALUE, 0)};
    hostile_heap("stray CACHE", cache1, sizeof cache1, noexc, 0, "CACHE");
    static const uint8_t cachex[] = {I(LOAD_CONST, 0), I(EXTENDED_ARG, 1), I(CACHE, 0),
                                     I(RETURN_VALUE, 0)};
    hostile_heap("CACHE after EXTENDED_ARG", cachex, sizeof cachex, noexc, 0, "CACHE");
    static const uint8_t shortcache[] = {I(RESUME, 0), I(LOAD_GLOBAL, 0), I(CACHE, 0)};
    hostile_heap("inline cache past the end", shortcache, sizeof shortcache, noexc, 0, "cache");

    /* Exception tables (start, size, target, depth<<1|lasti), in units. */
    static const uint8_t exc_ok[] = {0x80 | 1, 1, 2, 0};
    CHECKF(pyaot_decode(ret, sizeof ret, exc_ok, sizeof exc_ok, &d, &e) == 0, "%s", e.msg);
    CHECK(d.nhandlers == 1 && d.handlers[0].start == 1 && d.handlers[0].end == 2 &&
          d.handlers[0].target == 2);
    pyaot_decoded_free(&d);
    static const uint8_t exc_trunc3[] = {0x80 | 1, 1, 2};
    HOSTILE("exception table without depth", ret, exc_trunc3, "truncated");
    static const uint8_t exc_trunc1[] = {0x80 | 1};
    HOSTILE("exception table with a start only", ret, exc_trunc1, "truncated");
    static const uint8_t exc_cont[] = {0x80 | 1, 1, 2, 0x40 | 1};
    HOSTILE("exception table ending in a continued varint", ret, exc_cont, "truncated");
    static const uint8_t exc_second[] = {0x80 | 1, 1, 2, 0, 0x80 | 0, 1};
    HOSTILE("exception table with a truncated second entry", ret, exc_second, "truncated");
    static const uint8_t exc_nostart[] = {1, 1, 2, 0};
    HOSTILE("exception table entry without its start bit", ret, exc_nostart, "entry");
    static const uint8_t exc_out[] = {0x80 | 1, 5, 2, 0};
    HOSTILE("exception table range past the end", ret, exc_out, "outside");
    static const uint8_t exc_tgt[] = {0x80 | 1, 1, 3, 0};
    HOSTILE("exception handler past the end", ret, exc_tgt, "outside");
    static const uint8_t exc_long[] = {0x80 | 0x40 | 1, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0,
                                       1, 2, 0};
    HOSTILE("exception table varint too long", ret, exc_long, NULL);
    /* start = size = 2^30 + 63: start + size does not fit an int. */
    static const uint8_t exc_ovf[] = {0x80 | 0x40 | 1, 0x40, 0x40, 0x40, 0x40, 63,
                                      0x40 | 1, 0x40, 0x40, 0x40, 0x40, 63, 0, 0};
    HOSTILE("exception table start + size overflowing", ret, exc_ovf, "outside");
}

/* ---- random inputs: never crash, and what is accepted is consistent ---- */

static uint32_t rng = 12345;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void test_random(void)
{
    static const uint8_t common[] = {
        NOP, POP_TOP, LOAD_CONST, LOAD_FAST, STORE_FAST, RETURN_VALUE, JUMP_FORWARD,
        JUMP_BACKWARD, POP_JUMP_FORWARD_IF_TRUE, POP_JUMP_BACKWARD_IF_FALSE, FOR_ITER,
        EXTENDED_ARG, CACHE, BINARY_OP, LOAD_GLOBAL, CALL, PRECALL, BUILD_TUPLE, SEND,
        JUMP_IF_TRUE_OR_POP, RESUME, COPY, SWAP, PUSH_EXC_INFO, RERAISE};
    int accepted = 0, analyzed = 0, bad_decode = 0, bad_analysis = 0, no_msg = 0;
    for (int iter = 0; iter < 30000; iter++) {
        int nunits = (int)(rnd() % 24);
        int nbytes = 2 * nunits + (rnd() % 16 == 0);
        int exclen = rnd() % 4 == 0 ? (int)(rnd() % 10) : 0;
        uint8_t *code = malloc((size_t)nbytes + 1), *exc = malloc((size_t)exclen + 1);
        for (int i = 0; i < nbytes; i++) {
            if (i % 2 == 0)
                code[i] = rnd() % 4 ? common[rnd() % sizeof common] : (uint8_t)rnd();
            else
                code[i] = (uint8_t)(rnd() % 4 ? rnd() % 4 : rnd());
        }
        for (int i = 0; i < exclen; i++)
            exc[i] = (uint8_t)(i == 0 ? 0x80 | (rnd() % 8) : rnd() % 8 ? rnd() % 8 : rnd());
        pyaot_decoded d;
        pyaot_error e = {{0}};
        if (pyaot_decode(code, nbytes, exc, exclen, &d, &e) == 0) {
            accepted++;
            for (int i = 0; i < d.n; i++) {
                const pyaot_instr *in = &d.ins[i];
                int want_next = i + 1 < d.n ? d.ins[i + 1].start : d.nunits;
                if (in->next != want_next || in->opcode == CACHE || in->opcode == EXTENDED_ARG ||
                    (in->target >= 0 && (in->target >= d.nunits ||
                                         d.ins[d.unit_instr[in->target]].start != in->target)))
                    bad_decode++;
            }
            for (int i = 0; i < d.nhandlers; i++)
                if (d.handlers[i].start < 0 || d.handlers[i].end > d.nunits ||
                    d.handlers[i].start > d.handlers[i].end || d.handlers[i].target < 0 ||
                    d.handlers[i].target >= d.nunits)
                    bad_decode++;
            pyaot_analysis a;
            if (pyaot_analyze(&d, &a, &e) == 0) {
                analyzed++;
                int max = 0;
                for (int i = 0; i < d.n; i++) {
                    if (a.depth[i] < -1)
                        bad_analysis++;
                    if (a.depth[i] > max)
                        max = a.depth[i];
                }
                if (max != a.max_depth || (d.n > 0 && a.depth[0] != 0))
                    bad_analysis++;
                pyaot_analysis_free(&a);
            }
            else if (e.msg[0] == 0) {
                no_msg++;
            }
            pyaot_decoded_free(&d);
        }
        else if (e.msg[0] == 0) {
            no_msg++;
        }
        free(code);
        free(exc);
    }
    CHECKF(bad_decode == 0, "%d inconsistent decodings of random input", bad_decode);
    CHECKF(bad_analysis == 0, "%d inconsistent analyses of random input", bad_analysis);
    CHECKF(no_msg == 0, "%d random inputs rejected without a message", no_msg);
    CHECKF(accepted > 100 && analyzed > 50, "random inputs too hostile: %d decoded, %d analyzed",
           accepted, analyzed);
}

int main(void)
{
    unit_init();
    test_real_code();
    test_hostile();
    test_random();
    return unit_finish();
}
