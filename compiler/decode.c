/* Stage 2: raw 3.11 bytecode -> instructions (EXTENDED_ARG folded, inline
   cache entries skipped, jump targets resolved) and the exception table. */
#include "compiler.h"

#include <opcode.h>
#include <stdlib.h>
#include <string.h>

extern const uint8_t pyaot_cache_entries[256];

int pyaot_is_jump(int op)
{
    switch (op) {
    case FOR_ITER:
    case JUMP_FORWARD:
    case JUMP_BACKWARD:
    case JUMP_BACKWARD_NO_INTERRUPT:
    case JUMP_IF_FALSE_OR_POP:
    case JUMP_IF_TRUE_OR_POP:
    case POP_JUMP_FORWARD_IF_FALSE:
    case POP_JUMP_FORWARD_IF_TRUE:
    case POP_JUMP_FORWARD_IF_NONE:
    case POP_JUMP_FORWARD_IF_NOT_NONE:
    case POP_JUMP_BACKWARD_IF_FALSE:
    case POP_JUMP_BACKWARD_IF_TRUE:
    case POP_JUMP_BACKWARD_IF_NONE:
    case POP_JUMP_BACKWARD_IF_NOT_NONE:
    case SEND:
        return 1;
    }
    return 0;
}

int pyaot_is_backward_jump(int op)
{
    return op == JUMP_BACKWARD || op == JUMP_BACKWARD_NO_INTERRUPT ||
           op == POP_JUMP_BACKWARD_IF_FALSE || op == POP_JUMP_BACKWARD_IF_TRUE ||
           op == POP_JUMP_BACKWARD_IF_NONE || op == POP_JUMP_BACKWARD_IF_NOT_NONE;
}

/* Exception table entries are varints of 6-bit groups, most significant
   first; bit 6 continues a number, bit 7 marks the first byte of an entry. */
static int read_varint(const uint8_t *p, int len, int *pos, int *out)
{
    int v = 0, b;
    do {
        if (*pos >= len || v > (1 << 24))
            return -1;
        b = p[(*pos)++];
        v = (v << 6) | (b & 63);
    } while (b & 64);
    *out = v;
    return 0;
}

static int decode_exctable(const uint8_t *t, int len, int nunits, pyaot_decoded *d, pyaot_error *e)
{
    int cap = 8, pos = 0;
    d->handlers = malloc(sizeof(pyaot_handler) * (size_t)cap);
    if (d->handlers == NULL)
        goto oom;
    while (pos < len) {
        if (!(t[pos] & 128)) {
            pyaot_errorf(e, "exception table: entry expected at byte %d", pos);
            return -1;
        }
        int start, size, target, dl;
        if (read_varint(t, len, &pos, &start) || read_varint(t, len, &pos, &size) ||
            read_varint(t, len, &pos, &target) || read_varint(t, len, &pos, &dl)) {
            pyaot_errorf(e, "exception table truncated");
            return -1;
        }
        if (start > nunits || size > nunits - start || target >= nunits) {
            pyaot_errorf(e, "exception table entry outside the code");
            return -1;
        }
        if (d->nhandlers == cap) {
            cap *= 2;
            pyaot_handler *h = realloc(d->handlers, sizeof(pyaot_handler) * (size_t)cap);
            if (h == NULL)
                goto oom;
            d->handlers = h;
        }
        d->handlers[d->nhandlers++] =
            (pyaot_handler){.start = start, .end = start + size, .target = target,
                            .depth = dl >> 1, .lasti = dl & 1};
    }
    return 0;
oom:
    pyaot_errorf(e, "out of memory");
    return -1;
}

int pyaot_decode(const uint8_t *code, int nbytes, const uint8_t *exctable, int exclen,
                 pyaot_decoded *d, pyaot_error *e)
{
    memset(d, 0, sizeof *d);
    if (nbytes % 2 != 0) {
        pyaot_errorf(e, "bytecode has an odd length");
        return -1;
    }
    int nunits = nbytes / 2;
    d->nunits = nunits;
    d->ins = malloc(sizeof(pyaot_instr) * (size_t)(nunits + 1));
    d->unit_instr = malloc(sizeof(int) * (size_t)(nunits + 1));
    if (d->ins == NULL || d->unit_instr == NULL) {
        pyaot_errorf(e, "out of memory");
        goto fail;
    }
    for (int i = 0; i <= nunits; i++)
        d->unit_instr[i] = -1;
    int u = 0;
    while (u < nunits) {
        int start = u, oparg = 0, op;
        for (;;) {
            op = code[2 * u];
            if (u - start >= 3 && op == EXTENDED_ARG) {
                pyaot_errorf(e, "more than three EXTENDED_ARG prefixes at offset %d", 2 * start);
                goto fail;
            }
            oparg = (int)(((unsigned)oparg << 8) | code[2 * u + 1]);
            if (op != EXTENDED_ARG)
                break;
            if (++u >= nunits) {
                pyaot_errorf(e, "EXTENDED_ARG at the end of the code");
                goto fail;
            }
        }
        if (op == CACHE) {
            pyaot_errorf(e, "stray CACHE entry at offset %d", 2 * u);
            goto fail;
        }
        int next = u + 1 + pyaot_cache_entries[op];
        if (next > nunits) {
            pyaot_errorf(e, "inline cache of %s runs past the end", pyaot_opname(op));
            goto fail;
        }
        int target = -1;
        if (pyaot_is_jump(op)) {
            long t = pyaot_is_backward_jump(op) ? (long)u + 1 - oparg : (long)u + 1 + oparg;
            if (t < 0 || t >= nunits) {
                pyaot_errorf(e, "jump target %ld of %s outside the code", 2 * t,
                             pyaot_opname(op));
                goto fail;
            }
            target = (int)t;
        }
        int idx = d->n++;
        d->ins[idx] = (pyaot_instr){.start = start, .unit = u, .next = next, .opcode = op,
                                    .oparg = oparg, .target = target};
        for (int k = start; k < next; k++)
            d->unit_instr[k] = idx;
        u = next;
    }
    for (int i = 0; i < d->n; i++) {
        int t = d->ins[i].target;
        if (t >= 0 && (d->unit_instr[t] < 0 || d->ins[d->unit_instr[t]].start != t)) {
            pyaot_errorf(e, "jump into the middle of an instruction at offset %d", 2 * t);
            goto fail;
        }
    }
    if (decode_exctable(exctable, exclen, nunits, d, e) < 0)
        goto fail;
    return 0;
fail:
    pyaot_decoded_free(d);
    return -1;
}

int pyaot_decode_code(PyCodeObject *co, pyaot_decoded *d, pyaot_error *e)
{
    PyObject *code = PyCode_GetCode(co);
    if (code == NULL) {
        pyaot_error_from_python(e, "cannot read bytecode");
        return -1;
    }
    int r = pyaot_decode((const uint8_t *)PyBytes_AS_STRING(code), (int)PyBytes_GET_SIZE(code),
                         (const uint8_t *)PyBytes_AS_STRING(co->co_exceptiontable),
                         (int)PyBytes_GET_SIZE(co->co_exceptiontable), d, e);
    Py_DECREF(code);
    return r;
}

void pyaot_decoded_free(pyaot_decoded *d)
{
    free(d->ins);
    free(d->unit_instr);
    free(d->handlers);
    memset(d, 0, sizeof *d);
}

/* The interpreter's lookup: entries in table order, stopping at the first
   that starts after `unit`. */
const pyaot_handler *pyaot_handler_at(const pyaot_decoded *d, int unit)
{
    for (int i = 0; i < d->nhandlers; i++) {
        const pyaot_handler *h = &d->handlers[i];
        if (h->start > unit)
            break;
        if (unit < h->end)
            return h;
    }
    return NULL;
}
