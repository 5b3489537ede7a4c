/* Stage 3: which instructions native code can reach, and the value-stack
   depth on entry to each. Exception handlers are reached natively from
   every instruction that can raise inside their range. */
#include "compiler.h"

#include <opcode.h>
#include <stdlib.h>

int pyaot_stack_effect(int opcode, int oparg, int jump)
{
    /* The compiler's own model pops the arguments at PRECALL; at run time
       they stay on the stack until CALL. */
    if (opcode == PRECALL)
        return 0;
    if (opcode == CALL)
        return -oparg - 1;
    /* Natively RETURN_GENERATOR ends the first call; the generator's first
       resume continues after it with the sent value pushed. */
    if (opcode == RETURN_GENERATOR)
        return 1;
    return PyCompile_OpcodeStackEffectWithJump(opcode, oparg, jump);
}

static int set_depth(pyaot_analysis *a, const pyaot_decoded *d, int unit, long depth, int *work,
                     int *nwork, pyaot_error *e)
{
    int idx = d->unit_instr[unit];
    if (idx < 0 || d->ins[idx].start != unit) {
        pyaot_errorf(e, "control reaches offset %d, not an instruction", 2 * unit);
        return -1;
    }
    if (depth < 0) {
        pyaot_errorf(e, "stack underflow at offset %d", 2 * unit);
        return -1;
    }
    if (depth > (1 << 20)) {
        pyaot_errorf(e, "stack depth %ld at offset %d is beyond any real code", depth, 2 * unit);
        return -1;
    }
    if (a->depth[idx] == -1) {
        a->depth[idx] = (int)depth;
        if (depth > a->max_depth)
            a->max_depth = (int)depth;
        work[(*nwork)++] = idx;
    }
    else if (a->depth[idx] != depth) {
        pyaot_errorf(e, "inconsistent stack depth at offset %d (%d and %ld)", 2 * unit,
                     a->depth[idx], depth);
        return -1;
    }
    return 0;
}

/* Instructions that can raise into a handler of this frame: everything
   but plain jumps and the few stubs that cannot fail. */
static int can_raise(const pyaot_instr *in)
{
    enum pyaot_kind k = pyaot_opinfo_get(in->opcode)->kind;
    return k != K_UNSUPPORTED && k != K_NOFAIL && k != K_JUMP && k != K_RETURN;
}

/* The handler edge from code unit `unit`, if a handler covers it. */
static int handler_edge(pyaot_analysis *a, const pyaot_decoded *d, int unit, int *work, int *nwork,
                        pyaot_error *e)
{
    const pyaot_handler *h = pyaot_handler_at(d, unit);
    if (h == NULL)
        return 0;
    return set_depth(a, d, h->target, (long)h->depth + h->lasti + 1, work, nwork, e);
}

int pyaot_analyze(const pyaot_decoded *d, pyaot_analysis *a, pyaot_error *e)
{
    a->max_depth = 0;
    a->depth = malloc(sizeof(int) * (size_t)(d->n + 1));
    int *work = malloc(sizeof(int) * (size_t)(d->n + 1));
    if (a->depth == NULL || work == NULL) {
        free(work);
        pyaot_analysis_free(a);
        pyaot_errorf(e, "out of memory");
        return -1;
    }
    for (int i = 0; i < d->n; i++)
        a->depth[i] = -1;
    int nwork = 0;
    if (d->n > 0 && set_depth(a, d, 0, 0, work, &nwork, e) < 0)
        goto fail;
    while (nwork > 0) {
        int i = work[--nwork];
        const pyaot_instr *in = &d->ins[i];
        int depth = a->depth[i];
        if (can_raise(in) && handler_edge(a, d, in->unit, work, &nwork, e) < 0)
            goto fail;
        /* The eval breaker after a backward jump, and a throw into a
           generator suspended in `yield from`, raise at the unit before
           the target. */
        /* ... and after a call, at the call's last cache unit. */
        if ((in->opcode == CALL || in->opcode == CALL_FUNCTION_EX) &&
            handler_edge(a, d, in->next - 1, work, &nwork, e) < 0)
            goto fail;
        if (in->target > 0 && (pyaot_is_backward_jump(in->opcode) || in->opcode == SEND) &&
            in->opcode != JUMP_BACKWARD_NO_INTERRUPT &&
            handler_edge(a, d, in->target - 1, work, &nwork, e) < 0)
            goto fail;
        if (in->target >= 0 && pyaot_opinfo_get(in->opcode)->kind != K_UNSUPPORTED) {
            int eff = pyaot_stack_effect(in->opcode, in->oparg, 1);
            if (eff == PY_INVALID_STACK_EFFECT) {
                pyaot_errorf(e, "unknown opcode %d at offset %d", in->opcode, 2 * in->unit);
                goto fail;
            }
            if (set_depth(a, d, in->target, (long)depth + eff, work, &nwork, e) < 0)
                goto fail;
        }
        if (pyaot_is_terminal(in->opcode))
            continue;
        int eff = pyaot_stack_effect(in->opcode, in->oparg, 0);
        if (eff == PY_INVALID_STACK_EFFECT) {
            pyaot_errorf(e, "unknown opcode %d at offset %d", in->opcode, 2 * in->unit);
            goto fail;
        }
        if (in->next >= d->nunits) {
            pyaot_errorf(e, "control runs off the end of the code");
            goto fail;
        }
        if (set_depth(a, d, in->next, (long)depth + eff, work, &nwork, e) < 0)
            goto fail;
    }
    free(work);
    return 0;
fail:
    free(work);
    pyaot_analysis_free(a);
    return -1;
}

void pyaot_analysis_free(pyaot_analysis *a)
{
    free(a->depth);
    a->depth = NULL;
}
