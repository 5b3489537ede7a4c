/* Stage 4b: the unboxed tier. Within a run of instructions that falls
   through without other entries, the compiler keeps a virtual stack:
   LOAD_FAST and LOAD_CONST push borrowed references without touching
   the frame, and BINARY_OP and COMPARE_OP on numbers compute in
   registers (double or int64_t) behind type checks. A value reaches its
   frame slot ("is materialized") only where someone could look at the
   frame: before any other instruction, at a merge point, and on every
   exit from the straight path. A failed check materializes the
   instruction's inputs and deoptimizes to the interpreter at the
   instruction's start (PYAOT_DEOPT_GUARD); after PYAOT_SWITCH_AFTER such
   failures the code object's entry runs its generic body instead.
   Types come from the training run's specialized forms, from constants
   and from the results of earlier operations (docs/speculation.md). */
#include "lower.h"

#include <opcode.h>
#include <stdlib.h>
#include <string.h>

/* The helpers of stubs/unboxed.c this file calls. */
static const char *const helpers[] = {
    "pyaot_v_get",      "pyaot_v_const",       "pyaot_v_put_ref",   "pyaot_v_put_double",
    "pyaot_v_put_int",  "pyaot_v_drop",        "pyaot_v_store_local", "pyaot_v_is_double",
    "pyaot_v_double",   "pyaot_v_is_int",      "pyaot_v_int",       "pyaot_v_exact_double",
    "pyaot_v_int_do",   "pyaot_v_int_ok",      "pyaot_v_int_div_ok", "pyaot_v_int_div",
    "pyaot_v_float_do", "pyaot_v_float_ok",    "pyaot_v_cmp_int",   "pyaot_v_cmp_float",
    "pyaot_v_guard_deopt", "pyaot_op_LOAD_FAST", "pyaot_v_cmp_obj",  "pyaot_v_item",
    "pyaot_v_list_item", "pyaot_v_tuple_item", "pyaot_v_seq_is",
    "pyaot_v_list_slot",   "pyaot_v_store_item", "pyaot_v_is_math_sqrt", "pyaot_v_sqrt_ok",
    "pyaot_v_sqrt",     "pyaot_v_is_int_type", "pyaot_v_trunc_ok", "pyaot_v_trunc",
    "pyaot_v_global",   "pyaot_v_global_miss",
    "pyaot_v_set_float", "pyaot_v_set_float_at", "pyaot_v_is_len",
    "pyaot_v_len",      "pyaot_v_len_call", "pyaot_v_binary_op", "pyaot_v_release",
    "pyaot_v_bool",     "pyaot_v_exact_bool", "pyaot_v_is_none",  "pyaot_v_set_int",
    "pyaot_v_inline_ok", "pyaot_v_call",      "pyaot_v_unref",    "pyaot_v_after_call",
    "pyaot_v_sole",     "pyaot_v_attr_miss", "pyaot_v_store_slot",
    "pyaot_v_attr_values", "pyaot_v_attr_slot", "pyaot_v_leaf_attr_miss", "pyaot_v_shared",
    "pyaot_v_leaf_global", "pyaot_v_leaf_new", "pyaot_v_put_new", "pyaot_v_bool_obj",
    "pyaot_v_leaf_const",
};

/* Call helper `name` (present: pyaot_unbox_begin checked). */
static LLVMValueRef hcall(lower *L, const char *name, LLVMValueRef *args, int n)
{
    LLVMValueRef f = LLVMGetNamedFunction(L->mod, name);
    return LLVMBuildCall2(L->b, LLVMGlobalGetValueType(f), f, args, (unsigned)n, "");
}

static LLVMValueRef truth(lower *L, LLVMValueRef i32)
{
    return LLVMBuildICmp(L->b, LLVMIntNE, i32, lw_ci(L, 0), "");
}

int pyaot_unbox_begin(lower *L, body *B, PyCodeObject *co, pyaot_error *e)
{
    for (size_t k = 0; k < sizeof helpers / sizeof helpers[0]; k++)
        if (LLVMGetNamedFunction(L->mod, helpers[k]) == NULL) {
            pyaot_errorf(e, "stub %s missing from the stub bitcode", helpers[k]);
            return -1;
        }
    const pyaot_decoded *d = B->d;
    B->leader = calloc((size_t)d->n + 1, 1);
    B->vs = calloc((size_t)B->a->max_depth + 1, sizeof *B->vs);
    B->lk = calloc((size_t)co->co_nlocalsplus + 1, sizeof *B->lk);
    B->arg = calloc((size_t)co->co_nlocalsplus + 1, 1);
    if (B->leader == NULL || B->vs == NULL || B->lk == NULL || B->arg == NULL) {
        pyaot_unbox_end(B);
        pyaot_errorf(e, "out of memory");
        return -1;
    }
    B->leader[0] = 1;
    /* Arguments are bound on entry; only DELETE_FAST unbinds a local. */
    int nargs = co->co_argcount + co->co_kwonlyargcount + ((co->co_flags & CO_VARARGS) != 0) +
                ((co->co_flags & CO_VARKEYWORDS) != 0);
    for (int k = 0; k < nargs && k < co->co_nlocalsplus; k++)
        B->arg[k] = 1;
    for (int i = 0; i < d->n; i++)
        if (d->ins[i].opcode == DELETE_FAST && d->ins[i].oparg < co->co_nlocalsplus)
            B->arg[d->ins[i].oparg] = 0;
    for (int i = 0; i < d->n; i++)
        if (d->ins[i].target >= 0 && d->unit_instr[d->ins[i].target] >= 0)
            B->leader[d->unit_instr[d->ins[i].target]] = 1;
    for (int h = 0; h < d->nhandlers; h++)
        if (d->unit_instr[d->handlers[h].target] >= 0)
            B->leader[d->unit_instr[d->handlers[h].target]] = 1;
    /* A generator resumes after its suspension points (SEND's target is
       a jump target already), with everything in the frame. */
    for (int i = 0; i < d->n; i++) {
        int op = d->ins[i].opcode;
        if ((op == YIELD_VALUE || op == RETURN_GENERATOR) && d->unit_instr[d->ins[i].next] >= 0)
            B->leader[d->unit_instr[d->ins[i].next]] = 1;
    }
    B->co = co;
    B->vs_for = -1;
    B->call_done = -1;
    B->unbox = 1;
    return 0;
}

void pyaot_unbox_end(body *B)
{
    free(B->leader);
    free(B->vs);
    free(B->lk);
    free(B->arg);
    B->leader = NULL;
    B->vs = NULL;
    B->lk = NULL;
    B->arg = NULL;
}

/* ---- the virtual stack ------------------------------------------------ */

static vslot *top(body *B, int n)
{
    return &B->vs[B->vdepth - n];
}

static LLVMValueRef slot_index(lower *L, body *B, int pos)
{
    return lw_ci(L, B->nlocalsplus + pos);
}

static void push(body *B, enum vkind kind, LLVMValueRef v)
{
    B->vs[B->vdepth++] = (vslot){.kind = kind, .v = v, .local = -1};
}

/* Emit the materialization of the value at `pos`; its status (i32, 0:
   done) when boxing can fail, else NULL. The virtual stack is unchanged:
   cold paths materialize without leaving the straight path's view. */
static LLVMValueRef materialize(lower *L, body *B, int pos)
{
    vslot *s = &B->vs[pos];
    LLVMValueRef args[3] = {B->ctx, slot_index(L, B, pos), s->v};
    switch (s->kind) {
    case V_REF:
        hcall(L, "pyaot_v_put_ref", args, 3);
        return NULL;
    case V_DOUBLE:
        return hcall(L, "pyaot_v_put_double", args, 3);
    case V_INT:
        return hcall(L, "pyaot_v_put_int", args, 3);
    default:
        return NULL;
    }
}

/* Materialize stack positions [from, to); the combined status (NULL:
   cannot fail). */
static LLVMValueRef materialize_range(lower *L, body *B, int from, int to)
{
    LLVMValueRef st = NULL;
    for (int pos = from; pos < to; pos++) {
        LLVMValueRef s = materialize(L, B, pos);
        if (s != NULL)
            st = st != NULL ? LLVMBuildOr(L->b, st, s, "") : s;
    }
    return st;
}

static LLVMValueRef materialize_all(lower *L, body *B)
{
    return materialize_range(L, B, 0, B->vdepth);
}

/* Leave the straight path with status `r` at the site of instruction `j`
   (whose start state the virtual stack is), after materializing it; a
   failed boxing turns the exit into that MemoryError. */
static int exit_at(lower *L, body *B, int j, LLVMValueRef r, int reason, pyaot_error *e)
{
    LLVMValueRef st = materialize_all(L, B);
    if (st != NULL)
        r = LLVMBuildSelect(L->b, truth(L, st), lw_ci(L, -1), r, "");
    const pyaot_instr *in = &B->d->ins[j];
    const pyaot_handler *h;
    pyaot_site s = lw_site_for(B, in, in->unit, reason, &h);
    return lw_go_slow(L, B, r, s, h, e);
}

/* A boxing's status `st` (NULL: cannot fail) failed: the MemoryError
   leaves at the site of instruction `j`. */
static int raise_if(lower *L, body *B, LLVMValueRef st, int j, pyaot_error *e)
{
    if (st == NULL)
        return 0;
    LLVMBasicBlockRef cold = lw_new_bb(L, B, "box_failed");
    LLVMBasicBlockRef cont = lw_new_bb(L, B, "boxed");
    LLVMBuildCondBr(L->b, truth(L, st), cold, cont);
    LLVMPositionBuilderAtEnd(L->b, cold);
    if (exit_at(L, B, j, lw_ci(L, -1), PYAOT_DEOPT_EXCEPTION, e) < 0)
        return -1;
    LLVMPositionBuilderAtEnd(L->b, cont);
    return 0;
}

/* Materialize everything on the straight path at the start state of
   instruction `j`: from here on the frame holds the stack. */
static int flush(lower *L, body *B, int j, pyaot_error *e)
{
    LLVMValueRef st = materialize_all(L, B);
    for (int pos = 0; pos < B->vdepth; pos++)
        B->vs[pos].kind = V_FRAME; /* a failed boxing left NULL, which unwinding skips */
    return raise_if(L, B, st, j, e);
}

/* The straight path continues at instruction i + 1 with the virtual
   stack as it is, unless other paths reach it too. */
static int fall_through(lower *L, body *B, int i, pyaot_error *e)
{
    int next = i + 1;
    if (next >= B->d->n || B->blocks[next] == NULL ||
        B->d->unit_instr[B->d->ins[i].next] != next) {
        pyaot_errorf(e, "internal error: no fall-through after offset %d", 2 * B->d->ins[i].unit);
        return -1;
    }
    if (B->leader[next] && flush(L, B, next, e) < 0)
        return -1;
    pyaot_carry_record(L, B, B->d->ins[next].unit);
    LLVMBuildBr(L->b, B->blocks[next]);
    B->vs_for = next;
    return 1;
}

/* A guard of instruction `in` failed: one more towards the switch to
   the generic body, which the body now needs. */
static void count_failure(lower *L, body *B, const pyaot_instr *in)
{
    LLVMValueRef args[3] = {B->ctx, lw_ci(L, in->unit), B->fails};
    hcall(L, "pyaot_v_guard_deopt", args, 3);
    B->nguards++;
}

/* A guard failed: deoptimize at the start of instruction `i`, counting
   towards the switch to the generic body. */
static int guard_exit(lower *L, body *B, int i, LLVMBasicBlockRef *fail, pyaot_error *e)
{
    LLVMBasicBlockRef here = LLVMGetInsertBlock(L->b);
    *fail = lw_new_bb(L, B, "guard_failed");
    LLVMPositionBuilderAtEnd(L->b, *fail);
    count_failure(L, B, &B->d->ins[i]);
    int rc = exit_at(L, B, i, lw_ci(L, -2), PYAOT_DEOPT_GUARD, e);
    LLVMPositionBuilderAtEnd(L->b, here);
    return rc;
}

/* Continue on the straight path when `ok` (i1) holds. */
static void check(lower *L, body *B, LLVMValueRef ok, LLVMBasicBlockRef fail)
{
    LLVMBasicBlockRef cont = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, ok, cont, fail);
    LLVMPositionBuilderAtEnd(L->b, cont);
}

int pyaot_unbox_deopt_at(lower *L, body *B, int j, LLVMBasicBlockRef *fail, pyaot_error *e)
{
    B->vdepth = B->a->depth[j];
    for (int pos = 0; pos < B->vdepth; pos++)
        B->vs[pos] = (vslot){.kind = V_FRAME, .local = -1};
    B->keep = -1;
    return guard_exit(L, B, j, fail, e);
}

LLVMValueRef pyaot_unbox_check_local(lower *L, body *B, int k, enum vtype t, LLVMBasicBlockRef fail)
{
    LLVMValueRef args[2] = {B->ctx, lw_ci(L, k)};
    LLVMValueRef o = hcall(L, "pyaot_v_get", args, 2);
    check(L, B, LLVMBuildIsNotNull(L->b, o, ""), fail);
    if (t == T_INT) {
        check(L, B, truth(L, hcall(L, "pyaot_v_is_int", &o, 1)), fail);
        return hcall(L, "pyaot_v_int", &o, 1);
    }
    if (t == T_FLOAT) {
        LLVMValueRef is[2] = {o, lw_ci(L, 0)};
        check(L, B, truth(L, hcall(L, "pyaot_v_is_double", is, 2)), fail);
        return hcall(L, "pyaot_v_double", &o, 1);
    }
    return NULL;
}

void pyaot_unbox_check_seq(lower *L, body *B, int k, int seq, LLVMBasicBlockRef fail)
{
    LLVMValueRef args[2] = {B->ctx, lw_ci(L, k)};
    LLVMValueRef is[2] = {hcall(L, "pyaot_v_get", args, 2), lw_ci(L, seq)};
    check(L, B, truth(L, hcall(L, "pyaot_v_seq_is", is, 2)), fail);
}

/* ---- types ------------------------------------------------------------- */

static enum vtype static_type(const vslot *s)
{
    switch (s->kind) {
    case V_DOUBLE: return T_FLOAT;
    case V_INT: return T_INT;
    case V_REF: return s->type;
    default: return s->type == T_OTHER ? T_OTHER : T_ANY;
    }
}

/* Whether generic instruction `opcode` pushes what is never a number
   (`[0] * len(p)` would otherwise be guessed an int product and leave
   for the interpreter at every call). Only a hint: T_OTHER just keeps
   the operation generic. */
static int makes_no_number(int opcode)
{
    switch (opcode) {
    case BUILD_LIST: case BUILD_TUPLE: case BUILD_SET: case BUILD_MAP:
    case BUILD_CONST_KEY_MAP: case BUILD_STRING: case BUILD_SLICE: case FORMAT_VALUE:
    case MAKE_FUNCTION:
        return 1;
    default:
        return 0;
    }
}

/* What the training run saw at `in`: T_INT or T_FLOAT from a specialized
   form, T_ANY without a profile, -1 when the profile saw something else
   (or nothing): then only known types are used. */
static int profile_family(const body *B, const pyaot_instr *in)
{
    int seen = pyaot_profile_seen(B->prof, in->unit);
    if (seen < 0)
        return T_ANY;
    switch (pyaot_seen_numbers(seen)) {
    case PYAOT_SEEN_INT:
        return T_INT;
    case PYAOT_SEEN_FLOAT:
        return T_FLOAT;
    default:
        return -1;
    }
}

/* The guess for an operand of unknown type beside one of type `other`.
   An int next to a float may be converted as CPython's float methods
   do (`*ints`); next to an int, an unknown is guessed int only without a
   profile that could have said so. */
static enum vtype guess(enum vtype other, int family, int *ints)
{
    *ints = other == T_FLOAT;
    if (family == T_INT || family == T_FLOAT)
        return (enum vtype)family;
    if (other == T_FLOAT || (other == T_INT && family == T_ANY))
        return other;
    return T_ANY;
}

/* Types for both operands of `in`, or 0 when they cannot be decided. */
static int plan(const body *B, const pyaot_instr *in, const vslot *a, const vslot *b,
                enum vtype t[2], int ints[2])
{
    int family = profile_family(B, in);
    enum vtype sa = static_type(a), sb = static_type(b);
    ints[0] = ints[1] = 0;
    if (sa == T_OTHER || sb == T_OTHER)
        return 0; /* `" " * n`: no guess could hold */
    t[0] = sa != T_ANY ? sa : guess(sb, family, &ints[0]);
    t[1] = sb != T_ANY ? sb : guess(sa, family, &ints[1]);
    return t[0] != T_ANY && t[1] != T_ANY;
}

/* The straight path learnt that local `k` is an exact float or int `t`
   of value `cv`; so are its borrowed copies on the stack (a store to it
   pushes those first). */
static void learn(body *B, int k, enum vtype t, LLVMValueRef cv)
{
    B->lk[k].type = t;
    B->lk[k].cv = cv;
    for (int pos = 0; pos < B->vdepth; pos++) {
        vslot *s = &B->vs[pos];
        if (s->kind == V_REF && s->local == k) {
            s->type = t;
            s->cv = cv;
        }
    }
}

/* An int `v` as the double float arithmetic converts it to, when that
   is exact (else to `fail`). */
static LLVMValueRef to_double(lower *L, body *B, LLVMValueRef v, LLVMBasicBlockRef fail)
{
    if (!LLVMIsConstant(v))
        check(L, B, truth(L, hcall(L, "pyaot_v_exact_double", &v, 1)), fail);
    return LLVMBuildSIToFP(L->b, v, LLVMDoubleTypeInContext(L->cx), "");
}

/* Object `o` as a value of type `t` (i64 or double; with `ints`, a
   double may come from an int that converts exactly), checked to be an
   exact int (of at most two digits) or float; a failed check goes to
   `fail`. */
static LLVMValueRef unbox_object(lower *L, body *B, LLVMValueRef o, enum vtype t, int ints,
                                 LLVMBasicBlockRef fail)
{
    if (t == T_FLOAT) {
        LLVMValueRef args[2] = {o, lw_ci(L, ints)};
        check(L, B, truth(L, hcall(L, "pyaot_v_is_double", args, 2)), fail);
        return hcall(L, "pyaot_v_double", &o, 1);
    }
    check(L, B, truth(L, hcall(L, "pyaot_v_is_int", &o, 1)), fail);
    return hcall(L, "pyaot_v_int", &o, 1);
}

/* The operand `s` at stack position `pos` as a value of type `want`
   (i64 or double), checked against `t`, its planned type; a failed check
   goes to `fail`. `*obj` is set to the object a frame slot owned. When
   `exits` (`fail` leaves the straight path for good, so the check's
   result holds on the rest of it), a local's checked type is learnt. */
static LLVMValueRef operand(lower *L, body *B, int pos, enum vtype t, int ints, enum vtype want,
                            LLVMBasicBlockRef fail, int exits, LLVMValueRef *obj)
{
    vslot *s = &B->vs[pos];
    LLVMValueRef v;
    *obj = NULL;
    if (s->kind == V_DOUBLE || s->kind == V_INT)
        v = s->v;
    else if (s->kind == V_REF && (s->type == T_FLOAT || s->type == T_INT))
        v = s->cv;
    else {
        LLVMValueRef o = s->v;
        if (s->kind == V_FRAME) {
            LLVMValueRef args[2] = {B->ctx, slot_index(L, B, pos)};
            *obj = o = hcall(L, "pyaot_v_get", args, 2);
        }
        int k = exits && s->kind == V_REF ? s->local : -1;
        v = unbox_object(L, B, o, t == T_FLOAT ? T_FLOAT : T_INT, ints, fail);
        if (t == T_FLOAT) {
            if (k >= 0 && !ints) /* with `ints` it may be an int */
                learn(B, k, T_FLOAT, v);
            return v;
        }
        if (k >= 0)
            learn(B, k, T_INT, v);
    }
    return t == T_INT && want == T_FLOAT ? to_double(L, B, v, fail) : v;
}

/* Release the operands the frame owned, now that the operation is done. */
static void drop(lower *L, LLVMValueRef obj[2])
{
    for (int k = 0; k < 2; k++)
        if (obj[k] != NULL)
            hcall(L, "pyaot_v_drop", &obj[k], 1);
}

/* Ints and floats are immutable: the in-place forms compute the same. */
static int base_op(int op)
{
    return op >= NB_INPLACE_ADD ? op - NB_INPLACE_ADD : op;
}

static int int_op_supported(int op)
{
    switch (base_op(op)) {
    case NB_ADD: case NB_SUBTRACT: case NB_MULTIPLY: case NB_AND: case NB_OR: case NB_XOR:
    case NB_FLOOR_DIVIDE: case NB_REMAINDER: case NB_TRUE_DIVIDE:
        return 1;
    default:
        return 0;
    }
}

static int float_op_supported(int op)
{
    switch (base_op(op)) {
    case NB_ADD: case NB_SUBTRACT: case NB_MULTIPLY: case NB_TRUE_DIVIDE: case NB_POWER:
        return 1;
    default:
        return 0;
    }
}

/* ---- instructions ------------------------------------------------------ */

static int load_fast(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    lknown *kn = &B->lk[in->oparg];
    LLVMValueRef args[3] = {B->ctx, lw_ci(L, in->oparg)};
    if (kn->bound || B->arg[in->oparg]) {
        kn->bound = 1;
        if (kn->obj == NULL)
            kn->obj = hcall(L, "pyaot_v_get", args, 2);
        push(B, V_REF, kn->obj);
        vslot *s = top(B, 1);
        s->local = in->oparg;
        s->type = kn->type;
        s->cv = kn->cv;
        return fall_through(L, B, i, e);
    }
    LLVMValueRef p = hcall(L, "pyaot_v_get", args, 2);
    LLVMBasicBlockRef unbound = lw_new_bb(L, B, "unbound");
    LLVMBasicBlockRef cont = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, p, ""), unbound, cont);
    LLVMPositionBuilderAtEnd(L->b, unbound);
    /* The generic stub raises UnboundLocalError. */
    LLVMValueRef gargs[3] = {B->ctx, lw_ci(L, B->nlocalsplus + B->vdepth), lw_ci(L, in->oparg)};
    LLVMValueRef r = hcall(L, "pyaot_op_LOAD_FAST", gargs, 3);
    if (exit_at(L, B, i, r, PYAOT_DEOPT_NAME_ERROR, e) < 0)
        return -1;
    LLVMPositionBuilderAtEnd(L->b, cont);
    push(B, V_REF, p);
    top(B, 1)->local = in->oparg;
    kn->bound = 1;
    kn->obj = p;
    return fall_through(L, B, i, e);
}

enum vtype pyaot_unbox_const(LLVMContextRef cx, PyObject *k, LLVMValueRef *cv)
{
    if (PyFloat_CheckExact(k)) {
        if (cx != NULL)
            *cv = LLVMConstReal(LLVMDoubleTypeInContext(cx), PyFloat_AS_DOUBLE(k));
        return T_FLOAT;
    }
    if (!PyLong_CheckExact(k))
        return T_OTHER;
    int overflow;
    long long x = PyLong_AsLongLongAndOverflow(k, &overflow);
    PyErr_Clear();
    if (overflow)
        return T_OTHER;
    if (x < -PYAOT_EXACT_DOUBLE || x > PYAOT_EXACT_DOUBLE)
        return T_ANY;
    if (cx != NULL)
        *cv = LLVMConstInt(LLVMInt64TypeInContext(cx), (unsigned long long)x, 1);
    return T_INT;
}

static int load_const(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    LLVMValueRef args[2] = {B->ctx, lw_ci(L, in->oparg)};
    push(B, V_REF, hcall(L, "pyaot_v_const", args, 2));
    vslot *s = top(B, 1);
    s->type = pyaot_unbox_const(L->cx, PyTuple_GET_ITEM(B->co->co_consts, in->oparg), &s->cv);
    return fall_through(L, B, i, e);
}

/* Materialize the borrowed values below stack position `below` that code
   run by a release could invalidate: items of lists and tuples, and
   references to local `k` (-1: none). */
static void push_borrowed(lower *L, body *B, int below, int k)
{
    for (int pos = 0; pos < below; pos++) {
        vslot *s = &B->vs[pos];
        if (s->kind == V_REF && (s->item || (k >= 0 && s->local == k))) {
            materialize(L, B, pos);
            s->kind = V_FRAME;
        }
    }
}

/* A release's exit for tracing (see after_release); the straight path
   goes on where it is. */
static int traced_exit(lower *L, body *B, int i, LLVMValueRef r, pyaot_error *e)
{
    LLVMBasicBlockRef cold = lw_new_bb(L, B, "traced");
    LLVMBasicBlockRef cont = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, truth(L, r), cold, cont);
    LLVMPositionBuilderAtEnd(L->b, cold);
    if (exit_at(L, B, i, r, PYAOT_DEOPT_TRACING, e) < 0)
        return -1;
    LLVMPositionBuilderAtEnd(L->b, cont);
    return 0;
}

/* After instruction `i` released an object with status `r` (tracing
   flag included): a __del__ may have turned tracing on, and then the
   interpreter goes on from the next instruction. The released slot is
   empty now, so the instruction's site still fits an error. */
static int after_release(lower *L, body *B, int i, LLVMValueRef r, pyaot_error *e)
{
    return traced_exit(L, B, i, r, e) < 0 ? -1 : fall_through(L, B, i, e);
}

/* after_release of a store whose in-place path, if any, waits at
   `stored` with the same virtual stack. */
static int join_stored(lower *L, body *B, int i, LLVMValueRef r, LLVMBasicBlockRef stored,
                       pyaot_error *e)
{
    if (stored == NULL)
        return after_release(L, B, i, r, e);
    if (traced_exit(L, B, i, r, e) < 0)
        return -1;
    LLVMBuildBr(L->b, stored);
    LLVMPositionBuilderAtEnd(L->b, stored);
    return fall_through(L, B, i, e);
}

/* Continue on the path where `reused` (i32 of pyaot_v_set_float* or
   pyaot_v_set_int) says the number was not written in place; the block
   where it was, which join_stored joins. */
static LLVMBasicBlockRef unless_reused(lower *L, body *B, LLVMValueRef reused)
{
    LLVMBasicBlockRef box = lw_new_bb(L, B, "box");
    LLVMBasicBlockRef stored = lw_new_bb(L, B, "stored");
    LLVMBuildCondBr(L->b, truth(L, reused), stored, box);
    LLVMPositionBuilderAtEnd(L->b, box);
    return stored;
}

/* The value at `pos` of store `i` into its frame slot, boxed if it is a
   number (made at the store's line, for tracemalloc); -1 with `e`. */
static int store_value_to_frame(lower *L, body *B, int i, int pos, pyaot_error *e)
{
    if (B->vs[pos].kind == V_DOUBLE || B->vs[pos].kind == V_INT) {
        LLVMValueRef at[2] = {B->ctx, lw_ci(L, B->d->ins[i].unit)};
        lw_call(L, L->at_ty, L->at_fn, at, 2);
    }
    LLVMValueRef st = materialize(L, B, pos);
    B->vs[pos].kind = V_FRAME;
    return raise_if(L, B, st, i, e);
}

/* What local `k` holds after storing `v`: its object when one value has
   it on every path (`moved`), and a number's type and value. */
static void stored(body *B, int k, const vslot *v, LLVMValueRef moved)
{
    lknown *kn = &B->lk[k];
    *kn = (lknown){.bound = 1, .obj = moved};
    switch (v->kind) {
    case V_DOUBLE:
        kn->type = T_FLOAT;
        kn->cv = v->v;
        break;
    case V_INT:
        kn->type = T_INT;
        kn->cv = v->v;
        break;
    case V_REF:
        if (v->type == T_FLOAT || v->type == T_INT) {
            kn->type = v->type;
            kn->cv = v->cv;
        }
        break;
    default:
        break;
    }
}

static int store_fast(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    int k = in->oparg;
    /* Borrowed references to the local being replaced are pushed first,
       and those into lists and tuples, which releasing it may free. */
    push_borrowed(L, B, B->vdepth - 1, k);
    vslot v = *top(B, 1);
    LLVMValueRef moved = NULL; /* the object the local takes, when one value has it */
    if (v.kind == V_REF)
        moved = v.v;
    else if (v.kind == V_FRAME) {
        LLVMValueRef get[2] = {B->ctx, slot_index(L, B, B->vdepth - 1)};
        moved = hcall(L, "pyaot_v_get", get, 2);
    }
    /* A number may go into the local's own float or int in place:
       nothing is boxed or released, so no code runs. */
    LLVMBasicBlockRef done = NULL;
    if (v.kind == V_DOUBLE || v.kind == V_INT) {
        LLVMValueRef set[3] = {B->ctx, lw_ci(L, k), v.v};
        const char *in_place = v.kind == V_DOUBLE ? "pyaot_v_set_float" : "pyaot_v_set_int";
        done = unless_reused(L, B, hcall(L, in_place, set, 3));
    }
    if (store_value_to_frame(L, B, i, B->vdepth - 1, e) < 0)
        return -1;
    /* The release publishes the line and looks at tracing if it frees
       what may run code. */
    LLVMValueRef args[4] = {B->ctx, lw_ci(L, k), slot_index(L, B, B->vdepth - 1), lw_ci(L, in->unit)};
    LLVMValueRef r = hcall(L, "pyaot_v_store_local", args, 4);
    B->vdepth--;
    stored(B, k, &v, moved); /* before the branch onward, which records it (carry.c) */
    return join_stored(L, B, i, r, done, e);
}

/* Whether a borrowed item lies below stack position `below`: code run
   there could empty its list. */
static int items_below(const body *B, int below)
{
    for (int pos = 0; pos < below; pos++)
        if (B->vs[pos].kind == V_REF && B->vs[pos].item)
            return 1;
    return 0;
}

/* Whether the operands of a binary operation at the top of the stack
   whose type is guessed are all in the frame (and there is one). */
static int guessed_from_frame(const body *B)
{
    int any = 0;
    for (int k = 1; k <= 2; k++) {
        const vslot *s = &B->vs[B->vdepth - k];
        if (static_type(s) != T_ANY)
            continue;
        if (s->kind != V_FRAME)
            return 0;
        any = 1;
    }
    return any;
}

/* Leave after instruction `in`, whose result the frame's slot at the top
   of the virtual stack holds: what is below is materialized (a failed
   boxing raises after `in`), with `breaker` a pending signal is handled
   as after a call, and the interpreter resumes at the next instruction
   (deopt reason `reason`). */
static int resume_after(lower *L, body *B, const pyaot_instr *in, int breaker, int reason,
                        pyaot_error *e)
{
    const pyaot_handler *h;
    LLVMValueRef st = materialize_all(L, B);
    if (st != NULL) {
        LLVMBasicBlockRef cold = lw_new_bb(L, B, "box_failed");
        LLVMBasicBlockRef boxed = lw_new_bb(L, B, "boxed");
        LLVMBuildCondBr(L->b, truth(L, st), cold, boxed);
        LLVMPositionBuilderAtEnd(L->b, cold);
        pyaot_site site = lw_site_done(B, in, in->next - 1, in->next, PYAOT_DEOPT_EXCEPTION, &h);
        if (lw_go_slow(L, B, lw_ci(L, -1), site, h, e) < 0)
            return -1;
        LLVMPositionBuilderAtEnd(L->b, boxed);
    }
    if (breaker) {
        LLVMBasicBlockRef go = lw_new_bb(L, B, "resume");
        if (lw_breaker_check(L, B, in, in->next - 1, in->next, go, e) < 0)
            return -1;
        LLVMPositionBuilderAtEnd(L->b, go);
    }
    pyaot_site site = lw_site_done(B, in, in->next - 1, in->next, reason, &h);
    return lw_go_slow(L, B, lw_ci(L, -2), site, h, e); /* ST_DEOPT */
}

/* After generic instruction `in` ran on the frame, leaving its result
   at stack position `base` (the virtual stack's top now): a result of
   the straight path's kind (`kind`: an int of 64 bits or an exact
   float) rejoins it as a value, returned with the builder at the end of
   that path (after a call, only one nothing else holds); with V_FRAME
   any result rejoins, staying in the frame (the object is returned). Anything else
   leaves after `in` with the result on the stack (a failed guard), as
   does a tracer the instruction installed,
   and with `breaker` (after a call) a pending signal or tracemalloc
   tracing (the callee made the result where it must be seen made).
   NULL with `e`. */
static LLVMValueRef rejoin(lower *L, body *B, const pyaot_instr *in, int base, enum vkind kind,
                           int breaker, pyaot_error *e)
{
    B->vdepth = base + 1;
    LLVMValueRef get[2] = {B->ctx, slot_index(L, B, base)};
    LLVMValueRef res = hcall(L, "pyaot_v_get", get, 2);
    if (kind != V_FRAME) {
        LLVMValueRef is[2] = {res, lw_ci(L, 0)};
        LLVMValueRef ok = kind == V_INT ? hcall(L, "pyaot_v_is_int", is, 1)
                                        : hcall(L, "pyaot_v_is_double", is, 2);
        if (breaker) /* whatever function ran may keep its result: then its identity counts */
            ok = LLVMBuildAnd(L->b, ok, hcall(L, "pyaot_v_sole", &res, 1), "");
        LLVMBasicBlockRef other = lw_new_bb(L, B, "generic_other");
        LLVMBasicBlockRef same = lw_new_bb(L, B, "");
        LLVMBuildCondBr(L->b, truth(L, ok), same, other);
        LLVMPositionBuilderAtEnd(L->b, other);
        count_failure(L, B, in);
        if (resume_after(L, B, in, breaker, PYAOT_DEOPT_GUARD, e) < 0)
            return NULL;
        LLVMPositionBuilderAtEnd(L->b, same);
    }
    LLVMValueRef t = breaker ? hcall(L, "pyaot_v_after_call", &B->ctx, 1)
                             : lw_call(L, L->flag_ty, L->tracing_fn, &B->ctx, 1);
    LLVMBasicBlockRef resume = lw_new_bb(L, B, "generic_traced");
    LLVMBasicBlockRef back = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, truth(L, t), resume, back);
    LLVMPositionBuilderAtEnd(L->b, resume);
    if (resume_after(L, B, in, breaker, PYAOT_DEOPT_TRACING, e) < 0)
        return NULL;

    LLVMPositionBuilderAtEnd(L->b, back);
    if (kind == V_FRAME) /* an object: it stays in the frame */
        return res;
    LLVMValueRef value = hcall(L, kind == V_INT ? "pyaot_v_int" : "pyaot_v_double", &res, 1);
    hcall(L, "pyaot_v_release", get, 2);
    return value;
}

/* Before generic instruction `j` runs on the frame, in place of what
   the straight path computes: its inputs, from stack position `base`
   up, go to the frame (a failed boxing raises at instruction `i`), and
   its line is published, since the code it runs may look at the frame. */
static int inputs_to_frame(lower *L, body *B, int i, int base, int j, pyaot_error *e)
{
    LLVMValueRef st = materialize_range(L, B, base, B->vdepth);
    for (int pos = base; pos < B->vdepth; pos++)
        B->vs[pos].kind = V_FRAME;
    if (raise_if(L, B, st, i, e) < 0)
        return -1;
    LLVMValueRef at[2] = {B->ctx, lw_ci(L, B->d->ins[j].unit)};
    lw_call(L, L->at_ty, L->at_fn, at, 2);
    return 0;
}

/* Generic instruction `j` returned status `r`: its exception leaves
   there, and its result, at `base`, rejoins (see rejoin). */
static LLVMValueRef generic_done(lower *L, body *B, int j, LLVMValueRef r, int base,
                                 enum vkind kind, int breaker, pyaot_error *e)
{
    LLVMBasicBlockRef raised = lw_new_bb(L, B, "generic_raised");
    LLVMBasicBlockRef made = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, truth(L, r), raised, made);
    LLVMPositionBuilderAtEnd(L->b, raised);
    if (exit_at(L, B, j, r, PYAOT_DEOPT_EXCEPTION, e) < 0)
        return NULL;
    LLVMPositionBuilderAtEnd(L->b, made);
    return rejoin(L, B, &B->d->ins[j], base, kind, breaker, e);
}

/* BINARY_OP `i` on objects, where a check of the straight path failed:
   the operands go to the frame and the generic operation runs there.
   A result of the straight path's kind (`kind`: an int of 64 bits or an
   exact float) rejoins it as a value, returned with the builder at the
   end of that path; anything else leaves after the instruction with the
   result on the stack (a failed guard), as does a tracer the operation
   installed. Its exception leaves at the instruction. NULL with `e`. */
static LLVMValueRef binary_generic(lower *L, body *B, int i, enum vkind kind, pyaot_error *e)
{
    int base = B->vdepth - 2;
    vslot saved[2] = {B->vs[base], B->vs[base + 1]};
    LLVMValueRef value = NULL;
    if (inputs_to_frame(L, B, i, base, i, e) == 0) {
        LLVMValueRef args[3] = {B->ctx, lw_ci(L, B->nlocalsplus + B->vdepth),
                                lw_ci(L, lw_binary_oparg(B, i))};
        value = generic_done(L, B, i, hcall(L, "pyaot_v_binary_op", args, 3), base, kind, 0, e);
    }
    B->vdepth = base + 2;
    B->vs[base] = saved[0];
    B->vs[base + 1] = saved[1];
    return value;
}

/* `x op y`, both i64 (`on_ints`) or both double, with the checks that
   the result is CPython's going to `fail`; the result's kind in *kind. */
static LLVMValueRef arith(lower *L, body *B, int op, int on_ints, LLVMValueRef x, LLVMValueRef y,
                          LLVMBasicBlockRef fail, enum vkind *kind)
{
    LLVMValueRef args[4] = {lw_ci(L, op), x, y, NULL};
    LLVMValueRef r;
    if (on_ints && base_op(op) == NB_TRUE_DIVIDE) {
        check(L, B, truth(L, hcall(L, "pyaot_v_int_div_ok", &args[1], 2)), fail);
        r = hcall(L, "pyaot_v_int_div", &args[1], 2);
        *kind = V_DOUBLE;
    }
    else if (on_ints) {
        check(L, B, truth(L, hcall(L, "pyaot_v_int_ok", args, 3)), fail);
        r = hcall(L, "pyaot_v_int_do", args, 3);
        *kind = V_INT;
    }
    else {
        r = hcall(L, "pyaot_v_float_do", args, 3);
        args[3] = r;
        check(L, B, truth(L, hcall(L, "pyaot_v_float_ok", args, 4)), fail);
        *kind = V_DOUBLE;
    }
    return r;
}

static int binary_op(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    int op = in->oparg;
    enum vtype t[2];
    int ints[2];
    if (!plan(B, in, top(B, 2), top(B, 1), t, ints))
        return 0;
    int on_ints = t[0] == T_INT && t[1] == T_INT;
    if (on_ints ? !int_op_supported(op) : !float_op_supported(op))
        return 0;
    /* An unprofiled guess about a value a generic instruction made (a
       global, an attribute, a call's result: `MAXREPEAT - 1` on re's int
       subclass) computes generically in place when wrong, unless
       borrowed items below could not survive the code that runs. Other
       failures deoptimize: where the profile saw these types, or the
       guess is about a local, a path that rejoins would cost the
       straight path (n-body +3% instructions; a local read twice is
       checked twice, since the generic operation could change it). */
    int in_place = profile_family(B, in) == T_ANY && guessed_from_frame(B) &&
                   !items_below(B, B->vdepth - 2);
    LLVMBasicBlockRef fail;
    if (in_place)
        fail = lw_new_bb(L, B, "binop_generic");
    else if (guard_exit(L, B, i, &fail, e) < 0)
        return -1;
    enum vtype want = on_ints ? T_INT : T_FLOAT;
    LLVMValueRef obj[2];
    LLVMValueRef x = operand(L, B, B->vdepth - 2, t[0], ints[0], want, fail, !in_place, &obj[0]);
    LLVMValueRef y = operand(L, B, B->vdepth - 1, t[1], ints[1], want, fail, !in_place, &obj[1]);
    enum vkind kind;
    LLVMValueRef r = arith(L, B, op, on_ints, x, y, fail, &kind);
    drop(L, obj);
    if (in_place) {
        LLVMBasicBlockRef from[2] = {LLVMGetInsertBlock(L->b), NULL};
        LLVMBasicBlockRef join = lw_new_bb(L, B, "binop");
        LLVMBuildBr(L->b, join);
        LLVMPositionBuilderAtEnd(L->b, fail);
        LLVMValueRef vals[2] = {r, binary_generic(L, B, i, kind, e)};
        if (vals[1] == NULL)
            return -1;
        from[1] = LLVMGetInsertBlock(L->b);
        LLVMBuildBr(L->b, join);
        LLVMPositionBuilderAtEnd(L->b, join);
        r = LLVMBuildPhi(L->b, LLVMTypeOf(vals[0]), "");
        LLVMAddIncoming(r, vals, from, 2);
    }
    B->vdepth -= 2;
    push(B, kind, r);
    return fall_through(L, B, i, e);
}

/* COPY of a borrowed reference copies the reference; a register value
   is boxed first, so both copies are the same object. */
static int copy(lower *L, body *B, int i, pyaot_error *e)
{
    vslot s = *top(B, B->d->ins[i].oparg);
    if (s.kind != V_REF)
        return 0;
    B->vs[B->vdepth++] = s;
    return fall_through(L, B, i, e);
}

/* SWAP of values not in frame slots (whose place is their position). */
static int swap(lower *L, body *B, int i, pyaot_error *e)
{
    vslot *a = top(B, 1), *b = top(B, B->d->ins[i].oparg);
    if (a->kind == V_FRAME || b->kind == V_FRAME)
        return 0;
    vslot t = *a;
    *a = *b;
    *b = t;
    return fall_through(L, B, i, e);
}

/* Whether the value instruction `i` pushes is, within its straight run,
   used by arithmetic or an ordering: directly, or as the container of a
   subscript whose item is. Without a profile this tells a numeric item
   (`p[0] - q[0]`) from a str's, bytes' or dict's (`argv[1]`,
   `s[0] == "x"`), which the inline read would only deoptimize on. */
static int feeds_numbers(const body *B, int i)
{
    const pyaot_decoded *d = B->d;
    int above = 0; /* values pushed on top of it since */
    for (int j = i + 1; j < d->n && j <= i + 16 && !B->leader[j]; j++) {
        const pyaot_instr *in = &d->ins[j];
        int pops;
        switch (in->opcode) {
        case LOAD_FAST: case LOAD_CONST: case LOAD_GLOBAL: case LOAD_DEREF: case COPY:
            pops = 0;
            break;
        case LOAD_ATTR: case UNARY_NEGATIVE: case UNARY_POSITIVE:
            pops = 1;
            break;
        case BINARY_OP: case COMPARE_OP: case BINARY_SUBSCR:
            pops = 2;
            break;
        default:
            return 0;
        }
        if (pops > above) {
            switch (in->opcode) {
            case BINARY_OP: case UNARY_NEGATIVE: case UNARY_POSITIVE:
                return 1;
            case COMPARE_OP:
                return in->oparg != Py_EQ && in->oparg != Py_NE;
            case BINARY_SUBSCR:
                return above == 1 && feeds_numbers(B, j);
            default:
                return 0;
            }
        }
        above += pyaot_stack_effect(in->opcode, in->oparg, 0);
    }
    return 0;
}

/* Whether subscript `i` of a borrowed container is lowered inline: the
   training run saw a list or tuple indexed by an int there, or, without
   its verdict, the index is known to be an int and the item is a number
   by its use (`feeds_numbers`; a store's value is in a register). */
static int subscript_inline(body *B, int i, const vslot *seq, const vslot *sub)
{
    const pyaot_instr *in = &B->d->ins[i];
    if (seq->kind != V_REF || sub->kind == V_DOUBLE || static_type(sub) == T_FLOAT ||
        static_type(sub) == T_OTHER)
        return 0;
    switch (pyaot_profile_seen(B->prof, in->unit)) {
    case BINARY_SUBSCR_LIST_INT:
    case BINARY_SUBSCR_TUPLE_INT:
    case STORE_SUBSCR_LIST_INT:
        return 1;
    case -1:
        if (static_type(sub) != T_INT)
            return 0;
        if (in->opcode == STORE_SUBSCR)
            return top(B, 3)->kind == V_DOUBLE || top(B, 3)->kind == V_INT;
        return feeds_numbers(B, i);
    default:
        return 0;
    }
}

/* How subscript `i` of container `seq` finds its item: the helper, the
   `known` flag it takes, and what its guard proves of the container's
   local (SEQ_ANY: nothing, or no local). What the path knows of the local
   comes first, then the training run's verdict; a store takes a list. */
static const char *seq_helper(const body *B, int i, const vslot *seq, int store, int *known,
                              int *proves)
{
    int k = seq->kind == V_REF ? seq->local : -1;
    int have = k >= 0 ? B->lk[k].seq : SEQ_ANY;
    int want = store ? SEQ_LIST : have;
    if (want == SEQ_ANY) {
        int seen = pyaot_profile_seen(B->prof, B->d->ins[i].unit);
        want = seen == BINARY_SUBSCR_LIST_INT ? SEQ_LIST : seen == BINARY_SUBSCR_TUPLE_INT ? SEQ_TUPLE
                                                                                         : SEQ_ANY;
    }
    *known = want != SEQ_ANY && want == have;
    *proves = k >= 0 ? want : SEQ_ANY;
    if (store)
        return "pyaot_v_list_slot";
    return want == SEQ_LIST ? "pyaot_v_list_item" : want == SEQ_TUPLE ? "pyaot_v_tuple_item"
                                                                       : "pyaot_v_item";
}

/* The subscript at the top of the stack, [seq, sub], located (the item,
   or with `store` its slot in a list) behind a guard on the result; NULL
   with `e`. The container's local learns its type from the guard. */
static LLVMValueRef locate(lower *L, body *B, int i, int store, pyaot_error *e)
{
    LLVMBasicBlockRef fail;
    if (guard_exit(L, B, i, &fail, e) < 0)
        return NULL;
    int known, proves;
    const char *fn = seq_helper(B, i, top(B, 2), store, &known, &proves);
    LLVMValueRef obj[2] = {NULL, NULL};
    LLVMValueRef args[3] = {top(B, 2)->v, NULL, lw_ci(L, known)};
    args[1] = operand(L, B, B->vdepth - 1, T_INT, 0, T_INT, fail, 1, &obj[1]);
    LLVMValueRef r = hcall(L, fn, args, strcmp(fn, "pyaot_v_item") == 0 ? 2 : 3);
    check(L, B, LLVMBuildIsNotNull(L->b, r, ""), fail);
    drop(L, obj);
    if (proves != SEQ_ANY)
        B->lk[top(B, 2)->local].seq = proves;
    return r;
}

/* seq[sub] of a list or tuple borrows the item: nothing between here and
   its use can change the container, which its local keeps alive, except
   code run by a release (push_borrowed). Anything else deoptimizes. */
static int binary_subscr(lower *L, body *B, int i, pyaot_error *e)
{
    vslot *seq = top(B, 2);
    if (!subscript_inline(B, i, seq, top(B, 1)))
        return 0;
    LLVMValueRef item = locate(L, B, i, 0, e);
    if (item == NULL)
        return -1;
    B->vdepth -= 2;
    push(B, V_REF, item);
    top(B, 1)->item = 1;
    return fall_through(L, B, i, e);
}

/* `fast`, a cache's answer, or when it is NULL what helper `miss` finds. */
static LLVMValueRef or_miss(lower *L, body *B, LLVMValueRef fast, const char *miss,
                            LLVMValueRef *margs, int nm)
{
    LLVMBasicBlockRef from[2] = {LLVMGetInsertBlock(L->b), NULL};
    LLVMBasicBlockRef missed = lw_new_bb(L, B, "cache_miss");
    LLVMBasicBlockRef join = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, fast, ""), missed, join);
    LLVMPositionBuilderAtEnd(L->b, missed);
    LLVMValueRef vals[2] = {fast, hcall(L, miss, margs, nm)};
    from[1] = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, join);
    LLVMPositionBuilderAtEnd(L->b, join);
    LLVMValueRef v = LLVMBuildPhi(L->b, LLVMTypeOf(fast), "");
    LLVMAddIncoming(v, vals, from, 2);
    return v;
}

/* owner.name where the training run read an instance attribute from
   inline values or a slot: borrowed like a list item (nothing between
   here and its use can change the owner, which a local or a container
   keeps alive, except code run by a release: push_borrowed). The site's
   cache learns the owner's type on a miss, without running code; an
   attribute it cannot hold deoptimizes. */
/* Instance attribute `oparg` of `owner` through `cache`, borrowed: the
   first two ways inline for the shape the training run saw (`seen`),
   then the miss helper `miss` (called with `margs`), which looks in every
   way and lets the cache learn the owner's type without running code. A
   NULL result goes to `fail`. */
static LLVMValueRef read_attr(lower *L, body *B, int seen, LLVMValueRef cache, LLVMValueRef owner,
                              const char *miss, LLVMValueRef *margs, int nm, LLVMBasicBlockRef fail)
{
    LLVMValueRef v;
    if (seen == LOAD_ATTR_SLOT || seen == LOAD_ATTR_INSTANCE_VALUE) {
        LLVMValueRef args[2] = {cache, owner};
        LLVMValueRef fast = hcall(
            L, seen == LOAD_ATTR_SLOT ? "pyaot_v_attr_slot" : "pyaot_v_attr_values", args, 2);
        v = or_miss(L, B, fast, miss, margs, nm);
    }
    else
        v = hcall(L, miss, margs, nm);
    check(L, B, LLVMBuildIsNotNull(L->b, v, ""), fail);
    return v;
}

/* Whether the value instruction `i` pushes is used by an instruction
   this tier lowers on borrowed operands: the next one, or the one after
   a LOAD_FAST or LOAD_CONST (`K * i`). */
static int used_unboxed(const pyaot_decoded *d, int i)
{
    for (int j = i + 1; j < d->n && j <= i + 2; j++) {
        switch (d->ins[j].opcode) {
        case BINARY_OP: case COMPARE_OP: case BINARY_SUBSCR: case LOAD_ATTR:
            return 1;
        case LOAD_FAST: case LOAD_CONST:
            continue;
        default:
            return 0;
        }
    }
    return 0;
}

/* A global (not a callable: oparg bit 0 clear) borrowed from its dict,
   as LOAD_ATTR borrows from its owner: the site's cache proves it
   current, and an item of the virtual stack reaches the frame before
   any code can rebind it. A miss looks it up when that runs no code;
   otherwise (and for NameError) the interpreter does it. Only where a
   lowered instruction uses it, and not where the training run saw the
   site fail to specialize (a global that keeps changing). */
static int load_global(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    int seen = pyaot_profile_seen(B->prof, in->unit);
    if ((in->oparg & 1) || !used_unboxed(B->d, i) ||
        (seen != -1 && seen != LOAD_GLOBAL_MODULE && seen != LOAD_GLOBAL_BUILTIN))
        return 0;
    LLVMBasicBlockRef fail;
    if (guard_exit(L, B, i, &fail, e) < 0)
        return -1;
    LLVMValueRef cache = lw_new_cache(L, B);
    LLVMValueRef args[3] = {B->ctx, cache, lw_ci(L, in->oparg)};
    LLVMValueRef v = or_miss(L, B, hcall(L, "pyaot_v_global", args, 2), "pyaot_v_global_miss", args, 3);
    check(L, B, LLVMBuildIsNotNull(L->b, v, ""), fail);
    push(B, V_REF, v);
    top(B, 1)->item = 1;
    return fall_through(L, B, i, e);
}

static int load_attr(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    vslot *owner = top(B, 1);
    int seen = pyaot_profile_seen(B->prof, in->unit);
    if (owner->kind != V_REF || owner->type != T_ANY ||
        (seen != LOAD_ATTR_SLOT && seen != LOAD_ATTR_INSTANCE_VALUE))
        return 0;
    LLVMBasicBlockRef fail;
    if (guard_exit(L, B, i, &fail, e) < 0)
        return -1;
    LLVMValueRef cache = lw_new_cache(L, B);
    LLVMValueRef margs[4] = {B->ctx, cache, owner->v, lw_ci(L, in->oparg)};
    LLVMValueRef v = read_attr(L, B, seen, cache, owner->v, "pyaot_v_attr_miss", margs, 4, fail);
    B->vdepth -= 1;
    push(B, V_REF, v);
    top(B, 1)->item = 1;
    return fall_through(L, B, i, e);
}

/* owner.name = v where the training run stored an instance attribute
   into inline values or a slot: v is boxed into the frame first, then
   stored in place through the site's cache (which learns the owner's
   type on a miss, without running code) and the old value released as
   STORE_FAST releases a local. A miss the cache cannot learn
   deoptimizes. The owner, borrowed, needs no reference. */
static int store_attr(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    int seen = pyaot_profile_seen(B->prof, in->unit);
    vslot owner = *top(B, 1);
    if (owner.kind != V_REF || owner.type != T_ANY ||
        (seen != STORE_ATTR_SLOT && seen != STORE_ATTR_INSTANCE_VALUE))
        return 0;
    int vpos = B->vdepth - 2;
    push_borrowed(L, B, vpos, -1);
    if (store_value_to_frame(L, B, i, vpos, e) < 0)
        return -1;
    LLVMBasicBlockRef fail;
    if (guard_exit(L, B, i, &fail, e) < 0)
        return -1;
    LLVMValueRef args[4] = {B->ctx, lw_new_cache(L, B), owner.v, lw_ci(L, in->oparg)};
    LLVMValueRef slot = hcall(L, "pyaot_v_store_slot", args, 4);
    check(L, B, LLVMBuildIsNotNull(L->b, slot, ""), fail);
    LLVMValueRef sargs[4] = {B->ctx, slot, slot_index(L, B, vpos), lw_ci(L, in->unit)};
    LLVMValueRef r = hcall(L, "pyaot_v_store_item", sargs, 4);
    B->vdepth -= 2;
    return after_release(L, B, i, r, e);
}

/* seq[sub] = v into a list, which takes v boxed; releasing the old item
   may run code, as after STORE_FAST. The list must be kept alive by a
   local or a constant: one borrowed from another container could be
   freed by that code while CPython's stack still holds it. */
static int store_subscr(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    vslot *seq = top(B, 2);
    if (seq->item || !subscript_inline(B, i, seq, top(B, 1)))
        return 0;
    int vpos = B->vdepth - 3;
    push_borrowed(L, B, vpos, -1);
    /* A double may go into the old item's float in place (as STORE_FAST),
       found before anything is boxed. */
    LLVMValueRef slot = NULL;
    LLVMBasicBlockRef stored = NULL;
    if (B->vs[vpos].kind == V_DOUBLE) {
        if ((slot = locate(L, B, i, 1, e)) == NULL)
            return -1;
        LLVMValueRef set[2] = {slot, B->vs[vpos].v};
        stored = unless_reused(L, B, hcall(L, "pyaot_v_set_float_at", set, 2));
    }
    if (store_value_to_frame(L, B, i, vpos, e) < 0)
        return -1;
    if (slot == NULL && (slot = locate(L, B, i, 1, e)) == NULL)
        return -1;
    LLVMValueRef sargs[4] = {B->ctx, slot, slot_index(L, B, vpos), lw_ci(L, in->unit)};
    LLVMValueRef r = hcall(L, "pyaot_v_store_item", sargs, 4);
    B->vdepth -= 3;
    return join_stored(L, B, i, r, stored, e);
}

/* Whether PRECALL `i` and the CALL after it call, with one argument, a
   builtin loaded under the name `name`, which the training run, if it
   got here, saw as `seen` (or did not specialize); its callable and
   NULL must be in the frame: [NULL, f, x]. */
static int one_arg_call(body *B, int i, const char *name, int seen)
{
    const pyaot_decoded *d = B->d;
    const pyaot_instr *in = &d->ins[i];
    if (in->oparg != 1 || i + 1 >= d->n || d->ins[i + 1].opcode != CALL ||
        d->ins[i + 1].oparg != 1 || in->next != d->ins[i + 1].start)
        return 0;
    int p = pyaot_profile_seen(B->prof, in->unit);
    if (p != -1 && p != PRECALL && p != PRECALL_ADAPTIVE && p != seen)
        return 0;
    pyaot_callee ce = lw_callee_of(B, i + 1);
    const char *n = ce.global != NULL ? ce.global : ce.method;
    return n != NULL && strcmp(n, name) == 0 && top(B, 3)->kind == V_FRAME &&
           top(B, 2)->kind == V_FRAME;
}

/* Check that [NULL, f, x] calls the builtin helper `is_fn` recognizes;
   f, which the frame owns, is returned for dropping. */
static LLVMValueRef check_callee(lower *L, body *B, const char *is_fn, LLVMBasicBlockRef fail)
{
    LLVMValueRef get[2] = {B->ctx, slot_index(L, B, B->vdepth - 3)};
    check(L, B, LLVMBuildIsNull(L->b, hcall(L, "pyaot_v_get", get, 2), ""), fail);
    get[1] = slot_index(L, B, B->vdepth - 2);
    LLVMValueRef f = hcall(L, "pyaot_v_get", get, 2);
    check(L, B, truth(L, hcall(L, is_fn, &f, 1)), fail);
    return f;
}

/* The call's result `r` of kind `kind` replaces [NULL, f, args...] at
   stack position `base`. */
static int call_done(lower *L, body *B, int i, int base, enum vkind kind, LLVMValueRef r,
                     pyaot_error *e)
{
    B->vdepth = base;
    push(B, kind, r);
    B->call_done = i + 1;
    return fall_through(L, B, i, e);
}

/* A builtin of one number computed in a register: [NULL, f, x] where f
   passes `is_fn` and x, taken as type `t` (`ints`: an int may come for a
   float), passes `ok_fn` (given the context, for the recursion limit);
   `fn` computes the result, of kind `kind`. Anything else deoptimizes and
   the interpreter calls it. The callable is a builtin or type, which stays
   referenced elsewhere. */
static int number_call(lower *L, body *B, int i, enum vtype t, int ints, const char *is_fn,
                       const char *ok_fn, const char *fn, enum vkind kind, pyaot_error *e)
{
    LLVMBasicBlockRef fail;
    if (guard_exit(L, B, i, &fail, e) < 0)
        return -1;
    LLVMValueRef obj[2] = {check_callee(L, B, is_fn, fail), NULL};
    LLVMValueRef x = operand(L, B, B->vdepth - 1, t, ints, T_FLOAT, fail, 1, &obj[1]);
    LLVMValueRef ok[2] = {B->ctx, x};
    check(L, B, truth(L, hcall(L, ok_fn, ok, 2)), fail);
    LLVMValueRef r = hcall(L, fn, &x, 1);
    drop(L, obj);
    return call_done(L, B, i, B->vdepth - 3, kind, r, e);
}

/* math.sqrt on a number, computed in a register; its sign and the
   recursion limit are checked. */
static int call_sqrt(lower *L, body *B, int i, pyaot_error *e)
{
    if (!one_arg_call(B, i, "sqrt", PRECALL_NO_KW_BUILTIN_O) || static_type(top(B, 1)) == T_OTHER)
        return 0;
    enum vtype t = static_type(top(B, 1)) == T_INT ? T_INT : T_FLOAT;
    return number_call(L, B, i, t, 1, "pyaot_v_is_math_sqrt", "pyaot_v_sqrt_ok", "pyaot_v_sqrt",
                       V_DOUBLE, e);
}

/* int(x) of a float, truncated in a register. A NaN, an infinity, a
   value past 64 bits and the recursion limit (int is called through
   type.__call__, which counts a level) leave for the interpreter. An int
   argument is not taken: int(n) is n itself, an identity a register
   would lose. */
static int call_int(lower *L, body *B, int i, pyaot_error *e)
{
    if (!one_arg_call(B, i, "int", PRECALL_ADAPTIVE) || static_type(top(B, 1)) != T_FLOAT)
        return 0;
    return number_call(L, B, i, T_FLOAT, 0, "pyaot_v_is_int_type", "pyaot_v_trunc_ok",
                       "pyaot_v_trunc", V_INT, e);
}

/* len(x) of a borrowed value, as an int in a register (`while i <
   len(a)` compares it unboxed). Containers whose length runs no code
   (pyaot_v_len) are read inline; anything else (a `__len__` written in
   Python, a C type's own length) is called as the builtin would, on a
   path that rejoins with the length, since len's result is always an
   int: its exception leaves at the CALL, and tracing or a pending signal
   after it resumes the interpreter after the CALL. Borrowed items below
   would not survive code that empties their list: not then. */
static int call_len(lower *L, body *B, int i, pyaot_error *e)
{
    if (!one_arg_call(B, i, "len", PRECALL_NO_KW_LEN) || top(B, 1)->kind != V_REF ||
        items_below(B, B->vdepth - 3))
        return 0;
    LLVMBasicBlockRef fail;
    if (guard_exit(L, B, i, &fail, e) < 0)
        return -1;
    LLVMValueRef obj[2] = {check_callee(L, B, "pyaot_v_is_len", fail), NULL};
    LLVMValueRef x = top(B, 1)->v;
    LLVMValueRef zero = LLVMConstInt(LLVMInt64TypeInContext(L->cx), 0, 0);
    LLVMValueRef n_fast = hcall(L, "pyaot_v_len", &x, 1);
    LLVMBasicBlockRef fast = lw_new_bb(L, B, "len_inline");
    LLVMBasicBlockRef code = lw_new_bb(L, B, "len_call");
    LLVMBasicBlockRef join = lw_new_bb(L, B, "len");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSGE, n_fast, zero, ""), fast, code);
    LLVMPositionBuilderAtEnd(L->b, fast);
    drop(L, obj); /* the builtin stays referenced by the runtime */
    LLVMBuildBr(L->b, join);

    LLVMPositionBuilderAtEnd(L->b, code);
    const pyaot_instr *call = &B->d->ins[i + 1];
    LLVMValueRef at[2] = {B->ctx, lw_ci(L, call->unit)};
    lw_call(L, L->at_ty, L->at_fn, at, 2); /* the code it runs may look at this frame */
    LLVMValueRef n_code = hcall(L, "pyaot_v_len_call", &x, 1);
    LLVMBasicBlockRef raised = lw_new_bb(L, B, "len_raised");
    LLVMBasicBlockRef done = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSLT, n_code, zero, ""), raised, done);
    LLVMPositionBuilderAtEnd(L->b, raised);
    if (exit_at(L, B, i + 1, lw_ci(L, -1), PYAOT_DEOPT_EXCEPTION, e) < 0)
        return -1;
    LLVMPositionBuilderAtEnd(L->b, done);
    LLVMValueRef t = lw_call(L, L->flag_ty, L->tracing_fn, &B->ctx, 1);
    LLVMValueRef br = lw_call(L, L->flag_ty, L->breaker_fn, &B->ctx, 1);
    LLVMValueRef any = LLVMBuildICmp(L->b, LLVMIntNE, LLVMBuildOr(L->b, t, br, ""), lw_ci(L, 0), "");
    LLVMBasicBlockRef resume = lw_new_bb(L, B, "len_resume");
    LLVMBasicBlockRef code_done = lw_new_bb(L, B, "");
    LLVMBuildCondBr(L->b, any, resume, code_done);
    LLVMPositionBuilderAtEnd(L->b, code_done);
    drop(L, obj);
    LLVMBuildBr(L->b, join);
    /* Tracing or a pending signal: the result replaces the NULL below the
       callable (a failed boxing is the CALL's MemoryError, from the state
       before it), the frame takes the stack, the signal is handled as
       after any call, and the interpreter resumes after the CALL. */
    LLVMPositionBuilderAtEnd(L->b, resume);
    int base = B->vdepth - 3;
    LLVMValueRef put[3] = {B->ctx, slot_index(L, B, base), n_code};
    if (raise_if(L, B, hcall(L, "pyaot_v_put_int", put, 3), i + 1, e) < 0)
        return -1;
    drop(L, obj);
    /* Exits read no kinds of the virtual stack, so only its depth is
       changed for them: [..., n], the NULL's position now holding n. */
    B->vdepth = base + 1;
    int rc = resume_after(L, B, call, 1, PYAOT_DEOPT_TRACING, e);
    B->vdepth = base + 3;
    if (rc < 0)
        return -1;

    LLVMPositionBuilderAtEnd(L->b, join);
    LLVMValueRef n = LLVMBuildPhi(L->b, LLVMInt64TypeInContext(L->cx), "");
    LLVMValueRef vals[2] = {n_fast, n_code};
    LLVMBasicBlockRef from[2] = {fast, code_done};
    LLVMAddIncoming(n, vals, from, 2);
    return call_done(L, B, i, B->vdepth - 3, V_INT, n, e);
}

/* ---- inlined calls of pure leaves (inline.c) ---------------------------- */

/* What a leaf's value is: a number (its type and value), an argument
   whose attributes the leaf reads (the object), such an attribute
   (borrowed from its owner; its type is decided where it is used), the
   NULL and the class LOAD_GLOBAL pushes for `C(...)` (borrowed), the
   instance that call made (a new reference), and in a predicate a bool
   in a register (i1) or an object kept as it is (a constant, borrowed). */
enum { IV_NUM = 0, IV_OBJ, IV_ATTR, IV_NULL, IV_CLS, IV_NEW, IV_BOOL, IV_PTR };

typedef struct ival {
    enum vtype t; /* T_INT (i64) or T_FLOAT (double); T_ANY: not known */
    LLVMValueRef v;
    int arg;      /* the argument a LOAD_FAST pushed, else -1 */
    int made;     /* computed by the leaf: a new object in CPython too */
    int what;     /* IV_NUM, IV_OBJ, ... */
} ival;

/* An argument of unknown type beside a number of type `t` is guessed
   one of that type, as unbox.c guesses without a profile. */
static void guess_arg(ival *args, ival *loc, ival *x, enum vtype t)
{
    if (x->t == T_ANY && x->arg >= 0 && t != T_ANY)
        x->t = loc[x->arg].t = args[x->arg].t = t;
}

/* An attribute `x` the leaf reads, used as a number of type `t`: its
   value, checked to be an exact float or int (of at most two digits) when
   `fail` is set. 0 when no type is known. */
static int attr_number(lower *L, body *B, ival *x, enum vtype t, LLVMBasicBlockRef fail)
{
    if (x->what != IV_ATTR)
        return 1;
    if (t != T_INT && t != T_FLOAT)
        return 0;
    LLVMValueRef o = x->v;
    *x = (ival){t, NULL, -1, 0, IV_NUM};
    if (fail != NULL)
        x->v = unbox_object(L, B, o, t, 0, fail);
    return 1;
}

/* `cls(vals...)` where a leaf returns it: the instance, made by
   pyaot_v_leaf_new from the numbers in registers; NULL goes to `fail`. */
static LLVMValueRef leaf_new(lower *L, body *B, LLVMValueRef cls, const ival *vals, int n,
                             LLVMBasicBlockRef fail)
{
    LLVMTypeRef i64 = LLVMInt64TypeInContext(L->cx);
    LLVMTypeRef arr_ty = LLVMArrayType(i64, PYAOT_LEAF_MAX);
    LLVMBasicBlockRef here = LLVMGetInsertBlock(L->b);
    /* In the entry block: a fixed stack slot (an alloca on the path would
       grow the stack each time it runs, in a loop). */
    LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(LLVMGetBasicBlockParent(here));
    LLVMValueRef first = LLVMGetFirstInstruction(entry);
    if (first != NULL)
        LLVMPositionBuilderBefore(L->b, first);
    else
        LLVMPositionBuilderAtEnd(L->b, entry);
    LLVMValueRef arr = LLVMBuildAlloca(L->b, arr_ty, "leaf_args");
    LLVMPositionBuilderAtEnd(L->b, here);
    int fmask = 0;
    for (int k = 0; k < n; k++) {
        LLVMValueRef idx[2] = {lw_ci(L, 0), lw_ci(L, k)};
        LLVMValueRef at = LLVMBuildGEP2(L->b, arr_ty, arr, idx, 2, "");
        LLVMValueRef v = vals[k].v;
        if (vals[k].t == T_FLOAT) {
            fmask |= 1 << k;
            v = LLVMBuildBitCast(L->b, v, i64, "");
        }
        LLVMBuildStore(L->b, v, at);
    }
    LLVMValueRef args[6] = {B->ctx, lw_new_cache(L, B), cls, lw_ci(L, n), arr, lw_ci(L, fmask)};
    LLVMValueRef r = hcall(L, "pyaot_v_leaf_new", args, 6);
    check(L, B, LLVMBuildIsNotNull(L->b, r, ""), fail);
    return r;
}

/* The operands `x` and `y` of a leaf's BINARY_OP or COMPARE_OP `in` as
   numbers: an attribute takes the type the training run saw there, else
   the other operand's; with `guess`, an argument of unknown type the
   other's. 0 when either stays unknown (or is no number). */
static int leaf_numbers(lower *L, body *B, const pyaot_leaf *lf, const pyaot_instr *in, ival *args,
                        ival *loc, ival *x, ival *y, LLVMBasicBlockRef fail, int guess)
{
    if ((x->what != IV_NUM && x->what != IV_ATTR) || (y->what != IV_NUM && y->what != IV_ATTR))
        return 0;
    if (x->what == IV_ATTR || y->what == IV_ATTR) {
        int seen = pyaot_seen_numbers(lf->prof != NULL ? pyaot_profile_seen(lf->prof, in->unit) : 0);
        enum vtype t = seen == PYAOT_SEEN_INT ? T_INT : seen == PYAOT_SEEN_FLOAT ? T_FLOAT : T_ANY;
        if (!attr_number(L, B, x, t != T_ANY ? t : y->t, fail) ||
            !attr_number(L, B, y, t != T_ANY ? t : x->t, fail))
            return 0;
    }
    if (guess) {
        guess_arg(args, loc, x, y->t);
        guess_arg(args, loc, y, x->t);
    }
    return x->t != T_ANY && y->t != T_ANY;
}

/* The paths of a predicate leaf (lf->branches) being walked: how many
   returned, and when emitting, the object each returned (borrowed) and
   the block it left from for `join`, where they meet. */
#define LEAF_PATHS 8

typedef struct leaf_paths {
    int n;
    LLVMBasicBlockRef join;
    LLVMValueRef vals[LEAF_PATHS];
    LLVMBasicBlockRef from[LEAF_PATHS];
} leaf_paths;

/* A predicate's value as an object, borrowed: a bool in a register
   becomes True or False; NULL for a number (which the real call would
   box anew) and, without `fail`, a non-NULL placeholder. */
static LLVMValueRef leaf_object(lower *L, const ival *x, LLVMBasicBlockRef fail)
{
    if (x->what == IV_NUM || x->what == IV_NULL || x->what == IV_CLS || x->what == IV_NEW)
        return NULL;
    if (fail == NULL)
        return LLVMConstPointerNull(L->ptr);
    if (x->what != IV_BOOL)
        return x->v;
    LLVMValueRef b = LLVMBuildZExt(L->b, x->v, L->i32, "");
    return hcall(L, "pyaot_v_bool_obj", &b, 1);
}

/* A predicate's truth test of `x` (i1), where it runs no code: a bool,
   a number in a register, an object pyaot_v_bool knows (anything else
   goes to `fail`). NULL when it cannot be; without `fail`, a non-NULL
   placeholder. */
static LLVMValueRef leaf_truth(lower *L, body *B, const ival *x, LLVMBasicBlockRef fail)
{
    if (x->what == IV_NUM && x->t == T_ANY)
        return NULL;
    if (fail == NULL)
        return LLVMConstInt(LLVMInt1TypeInContext(L->cx), 1, 0);
    if (x->what == IV_BOOL)
        return x->v;
    if (x->what == IV_NUM && x->t == T_INT)
        return LLVMBuildICmp(L->b, LLVMIntNE, x->v, LLVMConstInt(LLVMTypeOf(x->v), 0, 0), "");
    if (x->what == IV_NUM) /* NaN is true */
        return LLVMBuildFCmp(L->b, LLVMRealUNE, x->v, LLVMConstReal(LLVMTypeOf(x->v), 0.0), "");
    LLVMValueRef o = leaf_object(L, x, fail);
    if (o == NULL)
        return NULL;
    LLVMValueRef r = hcall(L, "pyaot_v_bool", &o, 1);
    check(L, B, LLVMBuildICmp(L->b, LLVMIntSGE, r, lw_ci(L, 0), ""), fail);
    return truth(L, r);
}

static ival walk_from(lower *L, body *B, const pyaot_leaf *lf, ival *args, LLVMBasicBlockRef fail,
                      int guess, LLVMValueRef fn, int k0, const ival *st0, int sp0,
                      const ival *loc0, leaf_paths *paths);

/* A predicate's conditional jump at `k` to `target`: both ways walked,
   each with its own stack (`st`, `sp` as after the jump's pop; the
   value `kept` stays on the taken way), the taken way when `taken`
   (i1) holds. */
static ival walk_fork(lower *L, body *B, const pyaot_leaf *lf, ival *args, LLVMBasicBlockRef fail,
                      int guess, LLVMValueRef fn, int k, int target, LLVMValueRef taken,
                      ival *st, int sp, const ival *kept, const ival *loc, leaf_paths *paths)
{
    ival none = {T_ANY, NULL, -1};
    LLVMBasicBlockRef yes = NULL, no = NULL;
    if (fail != NULL) {
        yes = lw_new_bb(L, B, "leaf_taken");
        no = lw_new_bb(L, B, "leaf_next");
        LLVMBuildCondBr(L->b, taken, yes, no);
        LLVMPositionBuilderAtEnd(L->b, no);
    }
    ival r = walk_from(L, B, lf, args, fail, guess, fn, k + 1, st, sp, loc, paths);
    if (r.t == T_ANY)
        return none;
    if (kept != NULL)
        st[sp++] = *kept;
    if (fail != NULL)
        LLVMPositionBuilderAtEnd(L->b, yes);
    return walk_from(L, B, lf, args, fail, guess, fn, target, st, sp, loc, paths);
}

/* Leaf `lf`'s body run on its arguments `args`: the type of its result
   and, when `fail` is set, its value, computed on the straight path with
   every check going to `fail` (`fn`, the callee, names the attributes it
   reads). T_ANY when it cannot be computed with these types. Without
   `fail` nothing is emitted: the walk only decides, and with `guess` it
   types the arguments `args` leaves unknown from the numbers beside
   them. An attribute takes the type the training run saw at the
   operation it is an operand of, else the other operand's. A predicate
   (lf->branches) returns an object (what == IV_PTR, T_OTHER): each of
   its paths is walked to its return, and they meet in a phi. */
static ival leaf_walk(lower *L, body *B, const pyaot_leaf *lf, ival *args, LLVMBasicBlockRef fail,
                      int guess, LLVMValueRef fn)
{
    ival st[PYAOT_LEAF_MAX] = {{0}}, loc[PYAOT_LEAF_MAX] = {{0}};
    memcpy(loc, args, sizeof *args * (size_t)lf->co->co_argcount);
    if (!lf->branches)
        return walk_from(L, B, lf, args, fail, guess, fn, 0, st, 0, loc, NULL);
    leaf_paths paths = {0};
    if (fail != NULL)
        paths.join = lw_new_bb(L, B, "leaf_join");
    ival r = walk_from(L, B, lf, args, fail, guess, fn, 0, st, 0, loc, &paths);
    if (r.t == T_ANY || fail == NULL)
        return r;
    LLVMPositionBuilderAtEnd(L->b, paths.join);
    r.v = LLVMBuildPhi(L->b, L->ptr, "");
    LLVMAddIncoming(r.v, paths.vals, paths.from, (unsigned)paths.n);
    return r;
}

/* leaf_walk from instruction `k0` with the stack `st0` (`sp0` deep) and
   locals `loc0` (copied: each path of a predicate has its own). */
static ival walk_from(lower *L, body *B, const pyaot_leaf *lf, ival *args, LLVMBasicBlockRef fail,
                      int guess, LLVMValueRef fn, int k0, const ival *st0, int sp0,
                      const ival *loc0, leaf_paths *paths)
{
    ival st[PYAOT_LEAF_MAX], loc[PYAOT_LEAF_MAX], none = {T_ANY, NULL, -1};
    memcpy(st, st0, sizeof *st * (size_t)sp0);
    memcpy(loc, loc0, sizeof loc);
    int sp = sp0;
    for (int k = k0; k < lf->d.n; k++) {
        const pyaot_instr *in = &lf->d.ins[k];
        switch (in->opcode) {
        case LOAD_FAST:
            st[sp] = loc[in->oparg];
            st[sp++].arg = in->oparg < lf->co->co_argcount ? in->oparg : -1;
            break;
        case STORE_FAST:
            loc[in->oparg] = st[--sp];
            break;
        case LOAD_CONST: /* a number, or in a predicate any constant, kept as it is */
            st[sp] = (ival){.arg = -1};
            st[sp].t = pyaot_unbox_const(L->cx, PyTuple_GET_ITEM(lf->co->co_consts, in->oparg),
                                         &st[sp].v);
            if (st[sp].t != T_INT && st[sp].t != T_FLOAT) {
                st[sp] = (ival){T_OTHER, NULL, -1, 0, IV_PTR};
                if (fail != NULL) {
                    LLVMValueRef cargs[2] = {fn, lw_ci(L, in->oparg)};
                    st[sp].v = hcall(L, "pyaot_v_leaf_const", cargs, 2);
                }
            }
            sp++;
            break;
        case LOAD_ATTR: { /* of an argument: the leaf was checked */
            if (st[sp - 1].what != IV_OBJ)
                return none;
            ival r = {T_ANY, NULL, -1, 0, IV_ATTR};
            if (fail != NULL) {
                int seen = lf->prof != NULL ? pyaot_profile_seen(lf->prof, in->unit) : 0;
                LLVMValueRef cache = lw_new_cache(L, B);
                LLVMValueRef margs[5] = {B->ctx, cache, st[sp - 1].v, fn, lw_ci(L, in->oparg)};
                r.v = read_attr(L, B, seen, cache, st[sp - 1].v, "pyaot_v_leaf_attr_miss", margs,
                                5, fail);
            }
            st[sp - 1] = r;
            break;
        }
        case LOAD_GLOBAL: /* the class of `return C(...)`, or a predicate's value */
            if (in->oparg & 1) {
                st[sp++] = (ival){T_OTHER, NULL, -1, 0, IV_NULL};
                st[sp] = (ival){T_OTHER, NULL, -1, 0, IV_CLS};
            }
            else { /* read as an attribute is: its type is decided where it is used */
                st[sp] = (ival){T_ANY, NULL, -1, 0, IV_ATTR};
            }
            if (fail != NULL) {
                LLVMValueRef gargs[3] = {lw_new_cache(L, B), fn, lw_ci(L, in->oparg)};
                st[sp].v = hcall(L, "pyaot_v_leaf_global", gargs, 3);
                check(L, B, LLVMBuildIsNotNull(L->b, st[sp].v, ""), fail);
            }
            sp++;
            break;
        case CALL: {
            int n = in->oparg;
            sp -= n + 2;
            if (st[sp].what != IV_NULL || st[sp + 1].what != IV_CLS)
                return none;
            /* Numbers the leaf computed: a new object in CPython too. */
            for (int k = 0; k < n; k++)
                if (st[sp + 2 + k].what != IV_NUM || !st[sp + 2 + k].made)
                    return none;
            ival r = {T_OTHER, NULL, -1, 1, IV_NEW};
            if (fail != NULL)
                r.v = leaf_new(L, B, st[sp + 1].v, &st[sp + 2], n, fail);
            st[sp++] = r;
            break;
        }
        case BINARY_OP: {
            ival y = st[--sp], x = st[--sp];
            if (!leaf_numbers(L, B, lf, in, args, loc, &x, &y, fail, guess))
                return none;
            int on_ints = x.t == T_INT && y.t == T_INT;
            if (on_ints ? !int_op_supported(in->oparg) : !float_op_supported(in->oparg))
                return none;
            ival r = {on_ints && base_op(in->oparg) != NB_TRUE_DIVIDE ? T_INT : T_FLOAT, NULL, -1, 1};
            if (fail != NULL) {
                if (!on_ints && x.t == T_INT)
                    x.v = to_double(L, B, x.v, fail);
                if (!on_ints && y.t == T_INT)
                    y.v = to_double(L, B, y.v, fail);
                enum vkind kind;
                r.v = arith(L, B, in->oparg, on_ints, x.v, y.v, fail, &kind);
            }
            st[sp++] = r;
            break;
        }
        case COMPARE_OP: { /* of numbers, in a predicate: a bool in a register */
            ival y = st[--sp], x = st[--sp];
            if (in->oparg > Py_GE || !leaf_numbers(L, B, lf, in, args, loc, &x, &y, fail, guess))
                return none;
            int on_ints = x.t == T_INT && y.t == T_INT;
            LLVMValueRef c = NULL;
            if (fail != NULL) {
                if (!on_ints && x.t == T_INT)
                    x.v = to_double(L, B, x.v, fail);
                if (!on_ints && y.t == T_INT)
                    y.v = to_double(L, B, y.v, fail);
                LLVMValueRef cargs[3] = {lw_ci(L, in->oparg), x.v, y.v};
                c = truth(L, hcall(L, on_ints ? "pyaot_v_cmp_int" : "pyaot_v_cmp_float", cargs, 3));
            }
            st[sp++] = (ival){T_OTHER, c, -1, 0, IV_BOOL};
            break;
        }
        case RETURN_VALUE: {
            if (paths == NULL) /* An argument or a constant returned as it is keeps its
                                  identity, which a value in a register would not. */
                return st[sp - 1].made ? st[sp - 1] : none;
            LLVMValueRef o = leaf_object(L, &st[sp - 1], fail);
            if (o == NULL || paths->n == LEAF_PATHS)
                return none;
            if (fail != NULL) {
                paths->vals[paths->n] = o;
                paths->from[paths->n] = LLVMGetInsertBlock(L->b);
                LLVMBuildBr(L->b, paths->join);
            }
            paths->n++;
            return (ival){T_OTHER, NULL, -1, 0, IV_PTR};
        }
        case UNARY_NOT: {
            LLVMValueRef c = leaf_truth(L, B, &st[sp - 1], fail);
            if (c == NULL)
                return none;
            st[sp - 1] = (ival){T_OTHER, fail != NULL ? LLVMBuildNot(L->b, c, "") : NULL, -1, 0,
                                IV_BOOL};
            break;
        }
        case IS_OP: {
            ival y = st[--sp], x = st[--sp];
            LLVMValueRef a = leaf_object(L, &x, fail), b = leaf_object(L, &y, fail);
            if (a == NULL || b == NULL)
                return none; /* a number in a register has no identity */
            st[sp++] = (ival){T_OTHER,
                              fail != NULL ? LLVMBuildICmp(L->b, in->oparg ? LLVMIntNE : LLVMIntEQ,
                                                           a, b, "")
                                           : NULL,
                              -1, 0, IV_BOOL};
            break;
        }
        case POP_JUMP_FORWARD_IF_NONE: case POP_JUMP_FORWARD_IF_NOT_NONE: {
            LLVMValueRef o = leaf_object(L, &st[--sp], fail), c = NULL;
            if (o == NULL)
                return none;
            if (fail != NULL) {
                c = truth(L, hcall(L, "pyaot_v_is_none", &o, 1));
                if (in->opcode == POP_JUMP_FORWARD_IF_NOT_NONE)
                    c = LLVMBuildNot(L->b, c, "");
            }
            return walk_fork(L, B, lf, args, fail, guess, fn, k, pyaot_leaf_target(&lf->d, k), c,
                             st, sp, NULL, loc, paths);
        }
        case POP_JUMP_FORWARD_IF_FALSE: case POP_JUMP_FORWARD_IF_TRUE:
        case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: {
            ival x = st[--sp];
            LLVMValueRef c = leaf_truth(L, B, &x, fail);
            if (c == NULL)
                return none;
            int on_true = in->opcode == POP_JUMP_FORWARD_IF_TRUE || in->opcode == JUMP_IF_TRUE_OR_POP;
            if (fail != NULL && !on_true)
                c = LLVMBuildNot(L->b, c, "");
            int keep = in->opcode == JUMP_IF_FALSE_OR_POP || in->opcode == JUMP_IF_TRUE_OR_POP;
            return walk_fork(L, B, lf, args, fail, guess, fn, k, pyaot_leaf_target(&lf->d, k), c,
                             st, sp, keep ? &x : NULL, loc, paths);
        }
        case JUMP_FORWARD:
            k = pyaot_leaf_target(&lf->d, k) - 1;
            break;
        default: /* RESUME, NOP, PRECALL: a pure leaf has nothing else */
            break;
        }
    }
    return none;
}

/* The ordinary call in place of an inlined one that could not run: the
   call's inputs at `base` go to the frame and PRECALL `i` with its CALL
   runs (a direct call through the site's `cache`). A result of `kind`
   rejoins the straight path as a value, returned with the builder at the
   end of that path; any other result, a tracer or a pending signal
   leaves after the CALL with the result on the stack, and an exception
   at the CALL. NULL with `e`. */
static LLVMValueRef call_ordinary(lower *L, body *B, int i, int base, LLVMValueRef cache,
                                  enum vkind kind, pyaot_error *e)
{
    if (inputs_to_frame(L, B, i, base, i + 1, e) < 0)
        return NULL;
    LLVMValueRef args[4] = {B->ctx, lw_ci(L, B->nlocalsplus + B->vdepth),
                            lw_ci(L, B->d->ins[i].oparg), cache};
    return generic_done(L, B, i + 1, hcall(L, "pyaot_v_call", args, 4), base, kind, 1, e);
}

/* Argument types for inlining leaf `lf` at a call whose arguments start
   at stack position `first`: what the caller knows, else what the
   training run saw in the leaf, else (no profile of the leaf) a guess;
   an argument whose attributes the leaf reads, or that it never loads,
   is an object. With them, the leaf's result (`res`). 0 when it cannot
   be inlined so. */
static int plan_leaf(lower *L, body *B, pyaot_leaf *lf, int first, int nargs, ival *args,
                     ival *res)
{
    if (lf->co->co_argcount != nargs)
        return 0;
    memset(args, 0, sizeof *args * PYAOT_LEAF_MAX);
    for (int k = 0; k < nargs; k++) {
        const vslot *s = &B->vs[first + k];
        enum vtype t = static_type(s);
        if (lf->owner[k] || !lf->used[k]) {
            if ((lf->owner[k] && t != T_ANY) || (s->kind != V_FRAME && s->kind != V_REF))
                return 0;
            args[k] = (ival){T_OTHER, NULL, -1, 0, IV_OBJ};
            continue;
        }
        if (t == T_OTHER)
            return 0;
        args[k].t = t != T_ANY ? t : lf->arg[k];
    }
    if (!lf->profiled)
        (void)leaf_walk(L, B, lf, args, NULL, 1, NULL);
    *res = leaf_walk(L, B, lf, args, NULL, 0, NULL);
    for (int k = 0; k < nargs; k++)
        if (args[k].t == T_ANY)
            return 0;
    return res->t != T_ANY;
}

/* The levels of recursion a call of leaf `lf` needs in the interpreter:
   its frame's, and one more while a comparison in it goes through
   PyObject_RichCompare (always, unless 3.11 specialized it, which
   depends on its operands: counted for any comparison). Inlined, the
   call is made for real when fewer are left, and fails where CPython's
   does. */
static int leaf_levels(const pyaot_leaf *lf)
{
    for (int k = 0; k < lf->d.n; k++)
        if (lf->d.ins[k].opcode == COMPARE_OP)
            return 2;
    return 1;
}

/* PRECALL `i` and its CALL, `f(a, b, ...)` or `obj.f(a, b, ...)` of a
   pure leaf `f` of this module: the leaf's arithmetic runs on the
   straight path, behind checks that `f` is still that function (its
   code's native entry is the leaf's) and that nothing would see the
   difference from a call (pyaot_v_inline_ok), and of the arguments'
   types (from the caller's knowledge, or what the training run saw in
   the leaf). An argument whose attributes the leaf reads (or that it
   never loads) is an object the caller does not hold the last reference
   to (so that dropping it frees nothing). A constructor leaf's instance
   and a predicate's object are the call's result, in the frame. A method
   that several class bodies define is tried as each of them in turn,
   when each returns an object in the frame and takes only objects. A
   failed check makes the ordinary call instead, which computes the same
   from the start. */
static int call_inline(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_decoded *d = B->d;
    const pyaot_instr *in = &d->ins[i];
    int n = in->oparg;
    if (L->leaves == NULL || i + 1 >= d->n || d->ins[i + 1].opcode != CALL ||
        d->ins[i + 1].oparg != n || in->next != d->ins[i + 1].start ||
        (i > 0 && d->ins[i - 1].opcode == KW_NAMES) || n + 2 > B->vdepth)
        return 0;
    pyaot_callee ce = lw_callee_of(B, i + 1);
    pyaot_leaf *cand[PYAOT_LEAF_CANDIDATES];
    int nc = 0;
    if (ce.global != NULL)
        nc = (cand[0] = pyaot_leaf_named(L->leaves, ce.global)) != NULL;
    else if (ce.method != NULL)
        nc = pyaot_leaf_methods(L->leaves, ce.method, cand);
    int base = B->vdepth - n - 2;
    /* Every definition of the name or none: a class left out (its method
       no leaf, one of more than PYAOT_LEAF_CANDIDATES, or not chained
       below) would pay the failed checks and the out-of-line call on
       each call (constraints' `c.execute()` without a profile: 289.7 M
       against 303.9 M instructions). */
    if (nc == 0 || nc < cand[0]->defs || B->vs[base].kind != V_FRAME ||
        B->vs[base + 1].kind != V_FRAME || items_below(B, base))
        return 0;
    int method = cand[0]->method;
    /* [NULL, f, args...] or, after LOAD_METHOD, [f, self, args...] */
    int first = method ? base + 1 : base + 2;
    int nargs = n + method;
    ival args[PYAOT_LEAF_CANDIDATES][PYAOT_LEAF_MAX], res[PYAOT_LEAF_CANDIDATES];
    int kept = 0;
    for (int c = 0; c < nc; c++) {
        if (!plan_leaf(L, B, cand[c], first, nargs, args[kept], &res[kept]))
            continue;
        int objects = res[kept].what == IV_NEW || res[kept].what == IV_PTR;
        for (int k = 0; k < nargs; k++)
            objects &= args[kept][k].what == IV_OBJ;
        if (nc == 1 || objects)
            cand[kept++] = cand[c];
    }
    if (kept < nc)
        return 0;
    enum vkind kind = res[0].what == IV_NEW || res[0].what == IV_PTR ? V_FRAME
                      : res[0].t == T_INT                             ? V_INT
                                                                      : V_DOUBLE;

    LLVMValueRef cache = lw_new_cache(L, B);
    LLVMBasicBlockRef slow = lw_new_bb(L, B, "call_not_inline");
    LLVMBasicBlockRef join = lw_new_bb(L, B, "inlined");
    LLVMValueRef get[2] = {B->ctx, slot_index(L, B, base)};
    LLVMValueRef null = LLVMConstPointerNull(L->ptr);
    if (!method) {
        null = hcall(L, "pyaot_v_get", get, 2);
        get[1] = slot_index(L, B, base + 1);
    }
    LLVMValueRef f = hcall(L, "pyaot_v_get", get, 2), fast = NULL;
    if (method) /* LOAD_METHOD found no method: [NULL, callable] */
        check(L, B, LLVMBuildIsNotNull(L->b, f, ""), slow);
    LLVMBasicBlockRef fast_end = NULL;
    for (int c = 0; c < kept; c++) {
        pyaot_leaf *lf = cand[c];
        ival *a = args[c];
        if (lf->entry == NULL) {
            char name[64];
            snprintf(name, sizeof name, "pyaot_entryref_%d", lf->index);
            lf->entry = LLVMAddGlobal(L->mod, L->i8, name);
        }
        LLVMBasicBlockRef other = c + 1 < kept ? lw_new_bb(L, B, "inline_other") : slow;
        LLVMValueRef okargs[6] = {B->ctx, null, f, cache, lf->entry, lw_ci(L, leaf_levels(lf))};
        check(L, B, truth(L, hcall(L, "pyaot_v_inline_ok", okargs, 6)), other);
        LLVMValueRef obj[PYAOT_LEAF_MAX];
        for (int k = 0; k < nargs; k++) {
            const vslot *s = &B->vs[first + k];
            if (a[k].what != IV_OBJ) {
                a[k].v = operand(L, B, first + k, a[k].t, 0, a[k].t, slow, 0, &obj[k]);
                continue;
            }
            obj[k] = NULL;
            a[k].v = s->v;
            if (s->kind == V_FRAME) {
                get[1] = slot_index(L, B, first + k);
                obj[k] = a[k].v = hcall(L, "pyaot_v_get", get, 2);
                check(L, B, truth(L, hcall(L, "pyaot_v_shared", &obj[k], 1)), slow);
            }
        }
        fast = leaf_walk(L, B, lf, a, slow, 0, f).v;
        if (res[c].what == IV_PTR) { /* a predicate's object, borrowed from what is dropped below */
            LLVMValueRef put[3] = {B->ctx, slot_index(L, B, base), fast};
            hcall(L, "pyaot_v_put_ref", put, 3);
        }
        hcall(L, "pyaot_v_unref", &f, 1);
        for (int k = 0; k < nargs; k++)
            if (obj[k] != NULL)
                hcall(L, a[k].what == IV_OBJ ? "pyaot_v_unref" : "pyaot_v_drop", &obj[k], 1);
        if (res[c].what == IV_NEW) { /* the instance goes where the call's result would */
            LLVMValueRef put[3] = {B->ctx, slot_index(L, B, base), fast};
            hcall(L, "pyaot_v_put_new", put, 3);
        }
        fast_end = LLVMGetInsertBlock(L->b);
        LLVMBuildBr(L->b, join);
        if (c + 1 < kept)
            LLVMPositionBuilderAtEnd(L->b, other);
    }

    LLVMPositionBuilderAtEnd(L->b, slow);
    LLVMValueRef vals[2] = {fast, call_ordinary(L, B, i, base, cache, kind, e)};
    if (vals[1] == NULL)
        return -1;
    LLVMBasicBlockRef from[2] = {fast_end, LLVMGetInsertBlock(L->b)};
    LLVMBuildBr(L->b, join);

    LLVMPositionBuilderAtEnd(L->b, join);
    if (kind == V_FRAME)
        return call_done(L, B, i, base, kind, NULL, e);
    LLVMValueRef r = LLVMBuildPhi(L->b, LLVMTypeOf(fast), "");
    LLVMAddIncoming(r, vals, from, 2);
    return call_done(L, B, i, base, kind, r, e);
}


/* End the straight path at conditional jump `jump`, taken when `cond`
   (i1: the value is true, or is None) holds for IF_TRUE and IF_NONE,
   when it does not for IF_FALSE and IF_NOT_NONE. Everything below is in
   the frame, as its targets expect. */
static int branch(lower *L, body *B, const pyaot_instr *jump, LLVMValueRef cond, pyaot_error *e)
{
    int op = jump->opcode;
    int when = op == POP_JUMP_FORWARD_IF_TRUE || op == POP_JUMP_BACKWARD_IF_TRUE ||
               op == POP_JUMP_FORWARD_IF_NONE || op == POP_JUMP_BACKWARD_IF_NONE;
    LLVMBasicBlockRef taken = lw_jump_taken(L, B, jump, e);
    if (taken == NULL)
        return -1;
    LLVMBasicBlockRef next = lw_block_at(B, jump->next);
    pyaot_carry_record(L, B, jump->next);
    if (!pyaot_is_backward_jump(op)) /* else the breaker check's block records it */
        pyaot_carry_record(L, B, jump->target);
    LLVMBuildCondBr(L->b, cond, when ? taken : next, when ? next : taken);
    return 0;
}

/* COMPARE_OP followed by a conditional jump on its result: numbers
   compare and branch without making the bool. Anything else takes the
   generic COMPARE_OP (and then the jump) from a materialized stack: a
   comparison leaves no value behind, so no deoptimization is needed. */
static int compare_jump(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_decoded *d = B->d;
    const pyaot_instr *in = &d->ins[i];
    if (i + 1 >= d->n || !lw_is_bool_jump(d->ins[i + 1].opcode) || in->next != d->ins[i + 1].start)
        return 0;
    const pyaot_instr *jump = &d->ins[i + 1];
    for (int pos = 0; pos < B->vdepth - 2; pos++)
        if (B->vs[pos].kind != V_FRAME)
            return 0; /* the branches' targets expect a boxed stack */
    enum vtype t[2];
    int ints[2];
    int typed = plan(B, in, top(B, 2), top(B, 1), t, ints);
    for (int k = 1; !typed && k <= 2; k++)
        if (top(B, k)->kind == V_DOUBLE || top(B, k)->kind == V_INT)
            return 0; /* no object to compare: a register value beside an unknown */
    LLVMValueRef cond, obj[2];
    LLVMBasicBlockRef slow = lw_new_bb(L, B, "compare");
    if (typed) {
        int on_ints = t[0] == T_INT && t[1] == T_INT;
        enum vtype want = on_ints ? T_INT : T_FLOAT;
        LLVMValueRef x = operand(L, B, B->vdepth - 2, t[0], ints[0], want, slow, 0, &obj[0]);
        LLVMValueRef y = operand(L, B, B->vdepth - 1, t[1], ints[1], want, slow, 0, &obj[1]);
        LLVMValueRef args[3] = {lw_ci(L, in->oparg), x, y};
        cond = truth(L, hcall(L, on_ints ? "pyaot_v_cmp_int" : "pyaot_v_cmp_float", args, 3));
    }
    else {
        /* Two objects of unknown type: ints and floats compare inline. */
        LLVMValueRef args[3] = {lw_ci(L, in->oparg)};
        for (int k = 0; k < 2; k++) {
            vslot *s = top(B, 2 - k);
            LLVMValueRef get[2] = {B->ctx, slot_index(L, B, B->vdepth - 2 + k)};
            obj[k] = s->kind == V_FRAME ? hcall(L, "pyaot_v_get", get, 2) : NULL;
            args[1 + k] = s->kind == V_FRAME ? obj[k] : s->v;
        }
        LLVMValueRef r = hcall(L, "pyaot_v_cmp_obj", args, 3);
        check(L, B, LLVMBuildICmp(L->b, LLVMIntSGE, r, lw_ci(L, 0), ""), slow);
        cond = truth(L, r);
    }
    drop(L, obj);
    if (branch(L, B, jump, cond, e) < 0)
        return -1;
    /* The generic instruction follows at `slow`, from the state before it. */
    LLVMPositionBuilderAtEnd(L->b, slow);
    return 0;
}

/* A conditional jump on the value at the top of the stack branches at
   once when its test runs no code: a number in a register, a borrowed
   reference tested for None or for truth where pyaot_v_bool knows it
   (exact bools, ints, strs, lists...), and a bool in the frame
   (releasing it frees nothing). Anything else takes the generic jump,
   whose truth test may call __bool__ or __len__, or free the value. */
static int cond_jump(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_instr *in = &B->d->ins[i];
    for (int pos = 0; pos < B->vdepth - 1; pos++)
        if (B->vs[pos].kind != V_FRAME)
            return 0; /* the targets expect a boxed stack */
    int on_none = !lw_is_bool_jump(in->opcode);
    vslot *s = top(B, 1);
    LLVMValueRef cond; /* i1: the value is true (is None) */
    LLVMBasicBlockRef slow = NULL;
    if (s->kind == V_INT)
        cond = on_none ? LLVMConstInt(LLVMInt1TypeInContext(L->cx), 0, 0)
                       : LLVMBuildICmp(L->b, LLVMIntNE, s->v, LLVMConstInt(LLVMTypeOf(s->v), 0, 0), "");
    else if (s->kind == V_DOUBLE) /* NaN is true: unordered or not equal */
        cond = on_none ? LLVMConstInt(LLVMInt1TypeInContext(L->cx), 0, 0)
                       : LLVMBuildFCmp(L->b, LLVMRealUNE, s->v, LLVMConstReal(LLVMTypeOf(s->v), 0.0), "");
    else if (on_none) {
        if (s->kind != V_REF)
            return 0; /* releasing it may run __del__ */
        cond = truth(L, hcall(L, "pyaot_v_is_none", &s->v, 1));
    }
    else {
        int prev = i > 0 && !B->leader[i] ? B->d->ins[i - 1].opcode : -1;
        if (s->kind == V_FRAME && prev != CONTAINS_OP && prev != IS_OP && prev != COMPARE_OP)
            return 0; /* a bool is unlikely: the generic jump at once */
        LLVMValueRef get[2] = {B->ctx, slot_index(L, B, B->vdepth - 1)};
        LLVMValueRef obj = s->kind == V_REF ? s->v : hcall(L, "pyaot_v_get", get, 2);
        /* In the frame only a bool: releasing anything else may free it. */
        LLVMValueRef t = hcall(L, s->kind == V_REF ? "pyaot_v_bool" : "pyaot_v_exact_bool", &obj, 1);
        slow = lw_new_bb(L, B, "truth");
        check(L, B, LLVMBuildICmp(L->b, LLVMIntSGE, t, lw_ci(L, 0), ""), slow);
        if (s->kind == V_FRAME)
            hcall(L, "pyaot_v_release", get, 2);
        cond = truth(L, t);
    }
    if (branch(L, B, in, cond, e) < 0)
        return -1;
    if (slow == NULL)
        return 1;
    /* The generic jump follows at `slow`, from the state before it. */
    LLVMPositionBuilderAtEnd(L->b, slow);
    return 0;
}

/* How many slots at the top of the stack the generic stub of
   instruction `i` reads and writes (its inputs, then its outputs from
   the same base), when it touches nothing else and falls through to an
   instruction only it reaches; -1 otherwise. */
static int generic_window(const body *B, int i)
{
    const pyaot_decoded *d = B->d;
    const pyaot_instr *in = &d->ins[i];
    if (i + 1 >= d->n || B->leader[i + 1] || B->blocks[i + 1] == NULL ||
        d->unit_instr[in->next] != i + 1)
        return -1;
    switch (in->opcode) {
    case LOAD_GLOBAL: case LOAD_DEREF:
        return 0;
    case LOAD_ATTR: case LOAD_METHOD: case UNARY_NEGATIVE: case UNARY_POSITIVE:
    case UNARY_INVERT: case UNARY_NOT: case UNPACK_SEQUENCE:
        return 1;
    case BINARY_OP: case BINARY_SUBSCR: case STORE_ATTR:
        return 2;
    case STORE_SUBSCR:
        return 3;
    case BUILD_TUPLE: case BUILD_LIST:
        return in->oparg;
    case PRECALL: case CALL:
        return in->oparg + 2;
    default:
        return -1;
    }
}

/* Before generic instruction `i`: its inputs go to the frame. Values
   below stay virtual when the instruction's window allows (B->keep:
   its exits materialize them), except borrowed items, which code it
   runs could free; otherwise everything goes to the frame. */
static int flush_for_generic(lower *L, body *B, int i, pyaot_error *e)
{
    int w = generic_window(B, i);
    int windowed = w >= 0 && w <= B->vdepth;
    int keep = windowed ? B->vdepth - w : 0;
    int any = 0;
    for (int pos = 0; pos < keep; pos++)
        any |= B->vs[pos].kind != V_FRAME;
    if (!any) {
        if (flush(L, B, i, e) < 0)
            return -1;
        if (windowed)
            B->keep = keep;  /* all in the frame; what is known of them carries over */
        return 0;
    }
    push_borrowed(L, B, keep, -1);
    LLVMValueRef st = materialize_range(L, B, keep, B->vdepth);
    for (int pos = keep; pos < B->vdepth; pos++)
        B->vs[pos].kind = V_FRAME;
    if (raise_if(L, B, st, i, e) < 0)
        return -1;
    B->keep = keep;
    return 0;
}

int pyaot_unbox_instr(lower *L, body *B, int i, pyaot_error *e)
{
    if (B->vs_for != i) {
        B->vdepth = B->a->depth[i];
        for (int pos = 0; pos < B->vdepth; pos++)
            B->vs[pos] = (vslot){.kind = V_FRAME, .local = -1};
        /* Reached only from the instruction before, which pushed it. */
        if (i > 0 && !B->leader[i] && B->vdepth > 0 && makes_no_number(B->d->ins[i - 1].opcode))
            B->vs[B->vdepth - 1].type = T_OTHER;
    }
    B->vs_for = -1;
    if (B->leader[i]) /* other paths come here: only what they all know holds */
        pyaot_carry_enter(L, B, i);
    int rc = 0;
    switch (B->d->ins[i].opcode) {
    case DELETE_FAST: B->lk[B->d->ins[i].oparg] = (lknown){0}; break;
    case LOAD_FAST: rc = load_fast(L, B, i, e); break;
    case LOAD_CONST: rc = load_const(L, B, i, e); break;
    case STORE_FAST: rc = store_fast(L, B, i, e); break;
    case BINARY_OP: rc = binary_op(L, B, i, e); break;
    case COMPARE_OP: rc = compare_jump(L, B, i, e); break;
    case COPY: rc = copy(L, B, i, e); break;
    case SWAP: rc = swap(L, B, i, e); break;
    case BINARY_SUBSCR: rc = binary_subscr(L, B, i, e); break;
    case LOAD_ATTR: rc = load_attr(L, B, i, e); break;
    case LOAD_GLOBAL: rc = load_global(L, B, i, e); break;
    case STORE_ATTR: rc = store_attr(L, B, i, e); break;
    case STORE_SUBSCR: rc = store_subscr(L, B, i, e); break;
    case PRECALL:
        rc = call_sqrt(L, B, i, e);
        if (rc == 0)
            rc = call_int(L, B, i, e);
        if (rc == 0)
            rc = call_len(L, B, i, e);
        if (rc == 0)
            rc = call_inline(L, B, i, e);
        break;
    case CALL: rc = B->call_done == i ? fall_through(L, B, i, e) : 0; break;
    case POP_JUMP_FORWARD_IF_TRUE: case POP_JUMP_BACKWARD_IF_TRUE:
    case POP_JUMP_FORWARD_IF_FALSE: case POP_JUMP_BACKWARD_IF_FALSE:
    case POP_JUMP_FORWARD_IF_NONE: case POP_JUMP_BACKWARD_IF_NONE:
    case POP_JUMP_FORWARD_IF_NOT_NONE: case POP_JUMP_BACKWARD_IF_NOT_NONE:
        rc = cond_jump(L, B, i, e);
        break;
    default: break;
    }
    if (rc == 0 && flush_for_generic(L, B, i, e) < 0)
        return -1;
    return rc;
}

void pyaot_unbox_after(body *B, int i)
{
    if (B->keep < 0)
        return;
    int depth = B->a->depth[i + 1];
    for (int pos = B->keep; pos < depth; pos++)
        B->vs[pos] = (vslot){.kind = V_FRAME, .local = -1};
    if (depth > B->keep && makes_no_number(B->d->ins[i].opcode))
        B->vs[depth - 1].type = T_OTHER;
    B->vdepth = depth;
    B->vs_for = i + 1;
    B->keep = -1;
}

LLVMValueRef pyaot_unbox_exit(lower *L, body *B, LLVMValueRef r)
{
    LLVMValueRef st = materialize_range(L, B, 0, B->keep);
    return st != NULL ? LLVMBuildSelect(L->b, truth(L, st), lw_ci(L, -1), r, "") : r;
}
