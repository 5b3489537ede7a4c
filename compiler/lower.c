/* Stage 4: instructions -> LLVM IR. Each instruction becomes a block that
   publishes the instruction pointer when someone could observe it, calls
   the opcode's stub and branches on its status. Everything off the
   straight path (errors, deoptimization, tracing switched on) goes
   through one cold call with a constant "site" describing the
   instruction; an exception caught by a handler of the same frame comes
   back from it and continues natively at the handler. Generator bodies
   start with a switch over their resume points. Stub bodies are linked
   in and inlined later. */
#include "lower.h"

#include <opcode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/codehash.h"

static LLVMValueRef get_fn(lower *L, const char *name, LLVMTypeRef ty, pyaot_error *e)
{
    LLVMValueRef f = LLVMGetNamedFunction(L->mod, name);
    if (f == NULL) {
        pyaot_errorf(e, "stub %s missing from the stub bitcode", name);
        return NULL;
    }
    if (LLVMGlobalGetValueType(f) != ty) {
        pyaot_errorf(e, "stub %s has an unexpected signature", name);
        return NULL;
    }
    return f;
}

/* Generated functions take the stubs' target attributes: the inliner only
   inlines a callee whose CPU features the caller has too. */
static void copy_target_attrs(lower *L, LLVMValueRef fn)
{
    static const char *const keys[] = {"target-cpu", "target-features", "tune-cpu"};
    LLVMValueRef model = LLVMGetNamedFunction(L->mod, "pyaot_enter");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        LLVMAttributeRef a = LLVMGetStringAttributeAtIndex(model, LLVMAttributeFunctionIndex,
                                                           keys[i], (unsigned)strlen(keys[i]));
        if (a != NULL)
            LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, a);
    }
}

LLVMValueRef lw_ci(lower *L, int v)
{
    return LLVMConstInt(L->i32, (unsigned long long)(long long)v, 1);
}

LLVMBasicBlockRef lw_new_bb(lower *L, body *B, const char *name)
{
    return LLVMAppendBasicBlockInContext(L->cx, B->fn, name);
}

LLVMBasicBlockRef lw_block_at(body *B, int unit)
{
    return B->blocks[B->d->unit_instr[unit]];
}

int lw_sp_at(body *B, int unit)
{
    return B->nlocalsplus + B->a->depth[B->d->unit_instr[unit]];
}

LLVMValueRef lw_call(lower *L, LLVMTypeRef ty, LLVMValueRef fn, LLVMValueRef *args, int n)
{
    return LLVMBuildCall2(L->b, ty, fn, args, (unsigned)n, "");
}

/* A site for an instruction whose errors are caught by the handler
   covering code unit `handler_unit` (-1: none). */
pyaot_site lw_site_for(body *B, const pyaot_instr *in, int handler_unit, int reason,
                           const pyaot_handler **h)
{
    int sp = lw_sp_at(B, in->start);
    pyaot_site s = {.unit = in->unit, .start = in->start, .sp = sp, .reason = reason,
                    .next = in->next, .next_sp = sp, .target = in->target, .target_sp = sp,
                    .level = -1, .lasti = 0, .handler = -1};
    const pyaot_decoded *d = B->d;
    if (in->next < d->nunits && d->unit_instr[in->next] >= 0 &&
        B->a->depth[d->unit_instr[in->next]] >= 0)
        s.next_sp = lw_sp_at(B, in->next);
    if (in->target >= 0 && B->a->depth[d->unit_instr[in->target]] >= 0)
        s.target_sp = lw_sp_at(B, in->target);
    *h = handler_unit >= 0 ? pyaot_handler_at(d, handler_unit) : NULL;
    if (*h != NULL) {
        s.level = B->nlocalsplus + (*h)->depth;
        s.lasti = (*h)->lasti;
        s.handler = (*h)->target;
    }
    return s;
}

pyaot_site lw_site_done(body *B, const pyaot_instr *in, int handler_unit, int next_unit,
                        int reason, const pyaot_handler **h)
{
    pyaot_site s = lw_site_for(B, in, handler_unit, reason, h);
    s.start = s.next = next_unit;
    s.sp = s.next_sp = lw_sp_at(B, next_unit);
    return s;
}

/* Leave the straight path through pyaot_slow with status `r`: either the
   frame's result comes back (return it), or handler `h` of this frame is
   ready and execution continues there. */
int lw_go_slow(lower *L, body *B, LLVMValueRef r, pyaot_site s, const pyaot_handler *h,
                   pyaot_error *e)
{
    if (B->nsites == B->capsites) {
        B->capsites = B->capsites ? 2 * B->capsites : 64;
        pyaot_site *n = realloc(B->sites, sizeof *n * (size_t)B->capsites);
        if (n == NULL) {
            pyaot_errorf(e, "out of memory");
            return -1;
        }
        B->sites = n;
    }
    int idx = B->nsites;
    B->sites[B->nsites++] = s;
    LLVMValueRef off = LLVMConstInt(LLVMInt64TypeInContext(L->cx),
                                    (unsigned long long)idx * sizeof(pyaot_site), 0);
    LLVMValueRef sptr = LLVMConstGEP2(L->i8, B->site_ph, &off, 1);
    if (B->keep >= 0)
        r = pyaot_unbox_exit(L, B, r);
    LLVMValueRef args[3] = {B->ctx, r, sptr};
    LLVMValueRef x = lw_call(L, L->slow_ty, L->slow_fn, args, 3);
    if (h == NULL) {
        LLVMBuildRet(L->b, x);
        return 0;
    }
    LLVMBasicBlockRef hb = lw_block_at(B, h->target);
    if (hb == NULL) {
        pyaot_errorf(e, "internal error: handler at offset %d not analyzed", 2 * h->target);
        return -1;
    }
    LLVMBasicBlockRef rb = lw_new_bb(L, B, "ret");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, x, L->handler_mark, ""), hb, rb);
    LLVMPositionBuilderAtEnd(L->b, rb);
    LLVMBuildRet(L->b, x);
    return 0;
}

/* Status of a stub merged with the tracing flag (bit 4), so that one
   compare decides whether the straight path continues; error statuses are
   negative and keep that bit set already. */
LLVMValueRef lw_status_with_tracing(lower *L, body *B, LLVMValueRef r)
{
    LLVMValueRef t = lw_call(L, L->flag_ty, L->tracing_fn, &B->ctx, 1);
    LLVMValueRef on = LLVMBuildZExt(L->b, LLVMBuildICmp(L->b, LLVMIntNE, t, lw_ci(L, 0), ""), L->i32, "");
    return LLVMBuildOr(L->b, r, LLVMBuildShl(L->b, on, lw_ci(L, 4), ""), "");
}

/* The eval breaker check of RESUME and backward jumps, handled natively;
   continues at `cont` (the instruction to run next). */
int lw_breaker_check(lower *L, body *B, const pyaot_instr *in, int handler_unit, int next_unit,
                         LLVMBasicBlockRef cont, pyaot_error *e)
{
    LLVMValueRef flag = lw_call(L, L->flag_ty, L->breaker_fn, &B->ctx, 1);
    LLVMBasicBlockRef hb = lw_new_bb(L, B, "breaker");
    pyaot_carry_record(L, B, next_unit);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, flag, lw_ci(L, 0), ""), hb, cont);
    LLVMPositionBuilderAtEnd(L->b, hb);
    LLVMValueRef pcargs[2] = {B->ctx, lw_ci(L, in->unit)};
    lw_call(L, L->at_ty, L->at_fn, pcargs, 2);
    LLVMValueRef r = lw_status_with_tracing(L, B, lw_call(L, L->flag_ty, L->handle_fn, &B->ctx, 1));
    LLVMBasicBlockRef slow = lw_new_bb(L, B, "slow");
    pyaot_carry_record(L, B, next_unit);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, r, lw_ci(L, 0), ""), cont, slow);
    LLVMPositionBuilderAtEnd(L->b, slow);
    const pyaot_handler *h;
    pyaot_site s = lw_site_done(B, in, handler_unit, next_unit, PYAOT_DEOPT_EVAL_BREAKER, &h);
    return lw_go_slow(L, B, r, s, h, e);
}

LLVMBasicBlockRef lw_jump_taken(lower *L, body *B, const pyaot_instr *in, pyaot_error *e)
{
    LLVMBasicBlockRef taken = lw_block_at(B, in->target);
    if (!pyaot_is_backward_jump(in->opcode))
        return taken;
    /* The interpreter checks the breaker after a backward jump. */
    LLVMBasicBlockRef here = LLVMGetInsertBlock(L->b);
    LLVMBasicBlockRef tb = lw_new_bb(L, B, "taken");
    LLVMPositionBuilderAtEnd(L->b, tb);
    int rc = lw_breaker_check(L, B, in, in->target - 1, in->target, taken, e);
    LLVMPositionBuilderAtEnd(L->b, here);
    return rc < 0 ? NULL : tb;
}

/* The name of co_names[i] (NULL if it is not a plain str). */
static const char *name_at(body *B, int i)
{
    PyObject *names = B->co->co_names;
    if (i < 0 || i >= PyTuple_GET_SIZE(names) || !PyUnicode_Check(PyTuple_GET_ITEM(names, i)))
        return NULL;
    const char *s = PyUnicode_AsUTF8(PyTuple_GET_ITEM(names, i));
    if (s == NULL)
        PyErr_Clear();
    return s;
}

/* The global or method whose load pushed the callable of CALL
   instruction `i`: walking back from the CALL, the first instruction
   that starts no higher than the callable's slot pushed it (the ones
   between push the arguments). Only a guess for speculation: stubs
   check the object. A long walk gives up. */
pyaot_callee lw_callee_of(body *B, int i)
{
    pyaot_callee ce = {NULL, NULL, i + 1 < B->d->n && B->d->ins[i + 1].opcode == POP_TOP};
    int base = B->a->depth[i] - B->d->ins[i].oparg - 2; /* [NULL | method, callable | self, ...] */
    for (int j = i - 1; j >= 0 && j >= i - 64; j--) {
        int dj = B->a->depth[j];
        if (dj < 0)
            break;
        if (dj > base + 1)
            continue;
        const pyaot_instr *p = &B->d->ins[j];
        if (p->opcode == LOAD_GLOBAL && (p->oparg & 1) && dj == base)
            ce.global = name_at(B, p->oparg >> 1);
        else if (p->opcode == LOAD_METHOD && dj == base + 1)
            ce.method = name_at(B, p->oparg);
        break;
    }
    return ce;
}

/* The speculative stub for `in` and a pointer to a fresh inline cache for
   it, or NULL to call the generic stub. */
static LLVMValueRef spec_fn(lower *L, body *B, const pyaot_instr *in, LLVMValueRef *cache,
                            int *traces)
{
    pyaot_callee ce = {NULL, NULL, 0};
    if (in->opcode == CALL)
        ce = lw_callee_of(B, (int)(in - B->d->ins));
    const char *spec = pyaot_speculate(in, B->prof, &ce);
    if (spec == NULL)
        return NULL;
    char name[96];
    snprintf(name, sizeof name, "pyaot_spec_%s", spec);
    LLVMValueRef f = LLVMGetNamedFunction(L->mod, name);
    if (f == NULL || LLVMGlobalGetValueType(f) != L->spec_ty)
        return NULL;
    *traces = pyaot_spec_traces(spec);
    if (!pyaot_spec_cached(spec)) {
        *cache = LLVMConstPointerNull(L->ptr);
        return f;
    }
    *cache = lw_new_cache(L, B);
    return f;
}

LLVMValueRef lw_new_cache(lower *L, body *B)
{
    if (B->cache_ph == NULL) {
        char name[64];
        snprintf(name, sizeof name, "pyaot_caches_ph_%p", (void *)B);
        B->cache_ph = LLVMAddGlobal(L->mod, L->i8, name);
    }
    LLVMValueRef off = LLVMConstInt(LLVMInt64TypeInContext(L->cx),
                                    (unsigned long long)B->ncaches++ * PYAOT_CACHE_BYTES, 0);
    return LLVMConstGEP2(L->i8, B->cache_ph, &off, 1);
}

/* The body's caches: zeroed, writable data of the artifact. */
static void finish_caches(lower *L, body *B, int index)
{
    if (B->cache_ph == NULL)
        return;
    char name[64];
    snprintf(name, sizeof name, "pyaot_caches_%d", index);
    LLVMTypeRef ty = LLVMArrayType2(L->i8, (uint64_t)B->ncaches * PYAOT_CACHE_BYTES);
    LLVMValueRef g = LLVMAddGlobal(L->mod, ty, name);
    LLVMSetInitializer(g, LLVMConstNull(ty));
    LLVMSetLinkage(g, LLVMInternalLinkage);
    LLVMSetAlignment(g, 16);
    LLVMReplaceAllUsesWith(B->cache_ph, g);
    LLVMDeleteGlobal(B->cache_ph);
    B->cache_ph = NULL;
}

static LLVMValueRef stub_fn(lower *L, const pyaot_opinfo *info)
{
    char name[64];
    snprintf(name, sizeof name, "pyaot_op_%s", info->stub);
    LLVMValueRef f = LLVMGetNamedFunction(L->mod, name);
    return f != NULL && LLVMGlobalGetValueType(f) == L->op_ty ? f : NULL;
}

int lw_is_bool_jump(int op)
{
    return op == POP_JUMP_FORWARD_IF_FALSE || op == POP_JUMP_BACKWARD_IF_FALSE ||
           op == POP_JUMP_FORWARD_IF_TRUE || op == POP_JUMP_BACKWARD_IF_TRUE;
}

/* `+` or `+=` directly followed by STORE_FAST k (no EXTENDED_ARG, as
   3.11 looks at the next code unit) may append to k's str in place. Not
   when a value the unboxed tier keeps virtual borrows k's object: it
   holds no reference, so the string could change under it. */
int lw_binary_oparg(const body *B, int i)
{
    const pyaot_decoded *d = B->d;
    const pyaot_instr *in = &d->ins[i];
    if ((in->oparg != NB_ADD && in->oparg != NB_INPLACE_ADD) || i + 1 >= d->n)
        return in->oparg;
    const pyaot_instr *st = &d->ins[i + 1];
    if (st->opcode != STORE_FAST || st->start != in->next || st->unit != st->start)
        return in->oparg;
    for (int pos = 0; B->vs != NULL && pos < B->vdepth; pos++)
        if (B->vs[pos].kind == V_REF && B->vs[pos].local == st->oparg)
            return in->oparg;
    return in->oparg | PYAOT_BINARY_STORES(st->oparg);
}

/* Whether COMPARE_OP `i` is one 3.11 may specialize: directly followed by
   a POP_JUMP_*_IF_TRUE/FALSE without an EXTENDED_ARG prefix (the
   interpreter looks at the next code unit's opcode). */
static int compare_then_jump(const pyaot_decoded *d, int i)
{
    if (i + 1 >= d->n)
        return 0;
    const pyaot_instr *j = &d->ins[i + 1];
    return j->start == d->ins[i].next && j->unit == j->start && lw_is_bool_jump(j->opcode);
}

static int lower_generic(lower *L, body *B, int i, pyaot_error *e)
{
    const pyaot_decoded *d = B->d;
    const pyaot_instr *in = &d->ins[i];
    const pyaot_opinfo *info = pyaot_opinfo_get(in->opcode);
    int sp = B->nlocalsplus + B->a->depth[i];
    enum pyaot_kind kind = info->kind;

    LLVMValueRef fn = NULL;
    if (info->stub != NULL && kind != K_UNSUPPORTED) {
        fn = stub_fn(L, info);
        if (fn == NULL) {
            if (L->o->verbose > 1)
                fprintf(stderr, "pyaot: no stub for %s yet: deoptimizes\n", info->name);
            kind = K_UNSUPPORTED;
        }
    }
    if (kind == K_UNSUPPORTED) {
        if (B->keep >= 0) /* the window ops have stubs: only a broken build gets here */
            (void)pyaot_unbox_exit(L, B, lw_ci(L, 0));
        LLVMValueRef args[4] = {B->ctx, lw_ci(L, in->start), lw_ci(L, sp), lw_ci(L, PYAOT_DEOPT_UNSUPPORTED)};
        LLVMBuildRet(L->b, lw_call(L, L->deopt_ty, L->deopt_fn, args, 4));
        return 0;
    }
    if (kind == K_PLAIN || kind == K_COND_JUMP || kind == K_FOR_ITER || kind == K_RAISE ||
        kind == K_SUSPEND) {
        /* Observable: callees, tracebacks and warnings read the line. */
        LLVMValueRef args[2] = {B->ctx, lw_ci(L, in->unit)};
        lw_call(L, L->at_ty, L->at_fn, args, 2);
    }

    switch (kind) {
    case K_JUMP:
        pyaot_carry_record(L, B, in->target);
        LLVMBuildBr(L->b, lw_block_at(B, in->target));
        return 0;
    case K_JUMP_BACKWARD:
        return lw_breaker_check(L, B, in, in->target - 1, in->target, lw_block_at(B, in->target), e);
    case K_RESUME:
        if (in->oparg >= 2) {
            pyaot_carry_record(L, B, in->next);
            LLVMBuildBr(L->b, lw_block_at(B, in->next));
            return 0;
        }
        return lw_breaker_check(L, B, in, in->unit, in->next, lw_block_at(B, in->next), e);
    case K_RETURN: {
        /* A frame object outliving the call reports this line. */
        LLVMValueRef pc[2] = {B->ctx, lw_ci(L, in->unit)};
        lw_call(L, L->at_ty, L->at_fn, pc, 2);
        LLVMValueRef args[2] = {B->ctx, lw_ci(L, sp)};
        LLVMBuildRet(L->b, lw_call(L, L->ret_ty, L->return_fn, args, 2));
        return 0;
    }
    default:
        break;
    }

    LLVMValueRef cache = NULL;
    int traces = 0; /* the stub's status says whether a tracer is on */
    LLVMValueRef sfn = spec_fn(L, B, in, &cache, &traces);
    int oparg = in->oparg;
    if (sfn != NULL && in->opcode == COMPARE_OP && !compare_then_jump(d, i))
        oparg |= PYAOT_CMP_ALONE;
    if (in->opcode == BINARY_OP)
        oparg = lw_binary_oparg(B, i);
    LLVMValueRef args[4] = {B->ctx, lw_ci(L, sp), lw_ci(L, oparg), cache};
    LLVMValueRef r = sfn != NULL ? lw_call(L, L->spec_ty, sfn, args, 4) : lw_call(L, L->op_ty, fn, args, 3);
    if (kind == K_NOFAIL) {
        pyaot_carry_record(L, B, in->next);
        LLVMBuildBr(L->b, lw_block_at(B, in->next));
        return 0;
    }
    const pyaot_handler *h;
    pyaot_site s = lw_site_for(B, in, in->unit, info->deopt_reason, &h);
    LLVMBasicBlockRef slow = lw_new_bb(L, B, "slow");
    switch (kind) {
    case K_RAISE:
        LLVMBuildBr(L->b, slow);
        break;
    case K_PURE:
        pyaot_carry_record(L, B, in->next);
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, r, lw_ci(L, 0), ""),
                        lw_block_at(B, in->next), slow);
        break;
    case K_SUSPEND: {
        LLVMBasicBlockRef done = lw_new_bb(L, B, "suspend");
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, r, lw_ci(L, 0), ""), done, slow);
        LLVMPositionBuilderAtEnd(L->b, done);
        LLVMBuildRet(L->b, lw_call(L, L->res_ty, L->result_fn, &B->ctx, 1));
        break;
    }
    case K_PLAIN: {
        if (!traces)
            r = lw_status_with_tracing(L, B, r);
        LLVMBasicBlockRef next = lw_block_at(B, in->next);
        if (in->opcode == CALL || in->opcode == CALL_FUNCTION_EX) {
            /* The interpreter checks the breaker after a call returns (a
               signal raised by the callee, _thread.interrupt_main()); an
               error there is raised at the call's last cache unit. */
            LLVMBasicBlockRef cb = lw_new_bb(L, B, "called");
            LLVMBasicBlockRef here = LLVMGetInsertBlock(L->b);
            LLVMPositionBuilderAtEnd(L->b, cb);
            if (lw_breaker_check(L, B, in, in->next - 1, in->next, next, e) < 0)
                return -1;
            LLVMPositionBuilderAtEnd(L->b, here);
            next = cb;
        }
        else
            pyaot_carry_record(L, B, in->next);
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, r, lw_ci(L, 0), ""), next, slow);
        break;
    }
    default: { /* K_COND_JUMP, K_FOR_ITER */
        if (!traces)
            r = lw_status_with_tracing(L, B, r);
        LLVMBasicBlockRef taken = lw_jump_taken(L, B, in, e);
        if (taken == NULL)
            return -1;
        pyaot_carry_record(L, B, in->next);
        if (!pyaot_is_backward_jump(in->opcode)) /* else the breaker check's block records it */
            pyaot_carry_record(L, B, in->target);
        LLVMValueRef sw = LLVMBuildSwitch(L->b, r, slow, 2);
        LLVMAddCase(sw, lw_ci(L, 0), lw_block_at(B, in->next));
        LLVMAddCase(sw, lw_ci(L, 1), taken);
        break;
    }
    }
    LLVMPositionBuilderAtEnd(L->b, slow);
    return lw_go_slow(L, B, r, s, h, e);
}

static int lower_instr(lower *L, body *B, int i, pyaot_error *e)
{
    LLVMPositionBuilderAtEnd(L->b, B->blocks[i]);
    B->cur = i;
    if (!B->unbox)
        return lower_generic(L, B, i, e);
    int done = pyaot_unbox_instr(L, B, i, e);
    if (done != 0)
        return done < 0 ? -1 : 0;
    int rc = lower_generic(L, B, i, e);
    pyaot_unbox_after(B, i);
    return rc;
}

/* Generator bodies: the entry switches over the key pyaot_enter computed
   (2 * position + throwflag). A fresh frame starts at the top; a resume
   continues after its suspension point; a throw raises there. */
static int resume_case(lower *L, body *B, LLVMValueRef sw, int at_unit, int cont_unit,
                       int *seen, pyaot_error *e)
{
    if (seen[at_unit])
        return 0;
    seen[at_unit] = 1;
    LLVMBasicBlockRef cont = lw_block_at(B, cont_unit);
    if (cont == NULL)
        return 0;
    LLVMAddCase(sw, lw_ci(L, 2 * at_unit), cont);
    LLVMBasicBlockRef tb = lw_new_bb(L, B, "throw");
    LLVMAddCase(sw, lw_ci(L, 2 * at_unit + 1), tb);
    LLVMPositionBuilderAtEnd(L->b, tb);
    /* The interpreter raises the thrown exception at the suspension
       point, with the sent value pushed. */
    pyaot_instr at = {.start = at_unit, .unit = at_unit, .next = cont_unit, .target = -1,
                      .opcode = NOP};
    const pyaot_handler *h;
    pyaot_site s = lw_site_for(B, &at, at_unit, PYAOT_DEOPT_EXCEPTION, &h);
    s.sp = lw_sp_at(B, cont_unit);
    return lw_go_slow(L, B, lw_ci(L, -1), s, h, e);
}

static int emit_resume_switch(lower *L, body *B, pyaot_error *e)
{
    LLVMValueRef key = lw_call(L, L->flag_ty, L->key_fn, &B->ctx, 1);
    LLVMBasicBlockRef other = lw_new_bb(L, B, "unknown_resume");
    LLVMValueRef sw = LLVMBuildSwitch(L->b, key, other, 8);
    LLVMAddCase(sw, lw_ci(L, -2), B->blocks[0]);
    int *seen = calloc((size_t)B->d->nunits + 1, sizeof *seen);
    if (seen == NULL) {
        pyaot_errorf(e, "out of memory");
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < B->d->n && rc == 0; i++) {
        const pyaot_instr *in = &B->d->ins[i];
        if (B->a->depth[i] < 0)
            continue;
        if (in->opcode == YIELD_VALUE || in->opcode == RETURN_GENERATOR)
            rc = resume_case(L, B, sw, in->unit, in->next, seen, e);
        else if (in->opcode == SEND && in->target > 0)
            /* gen.throw() into a failing `yield from` resumes after the loop. */
            rc = resume_case(L, B, sw, in->target - 1, in->target, seen, e);
    }
    free(seen);
    LLVMPositionBuilderAtEnd(L->b, other);
    LLVMBuildRet(L->b, lw_call(L, L->res_ty, L->interp_fn, &B->ctx, 1));
    return rc;
}

static int is_generator(PyCodeObject *co)
{
    return (co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) != 0;
}

/* The body function of one code object; NULL with `e` when it cannot be
   compiled (then the code object simply runs in the interpreter). With
   `fails` (an i32 global), the unboxed tier lowers what it can and
   `*nguards` says how many guards it emitted, and `carry` (or NULL)
   records what its leaders are entered with, or applies that. */
static LLVMValueRef lower_body(lower *L, PyCodeObject *co, int index,
                               const pyaot_code_profile *prof, LLVMValueRef fails, int *nguards,
                               pyaot_carry *carry, pyaot_error *e)
{
    pyaot_decoded d;
    pyaot_analysis a;
    if (pyaot_decode_code(co, &d, e) < 0)
        return NULL;
    if (pyaot_analyze(&d, &a, e) < 0) {
        pyaot_decoded_free(&d);
        return NULL;
    }
    LLVMValueRef result = NULL;
    body B = {.d = &d, .a = &a, .nlocalsplus = co->co_nlocalsplus, .prof = prof, .co = co,
              .keep = -1, .carry = fails != NULL ? carry : NULL};
    if (a.max_depth > co->co_stacksize) {
        pyaot_errorf(e, "stack depth %d exceeds co_stacksize %d", a.max_depth, co->co_stacksize);
        goto done;
    }
    char name[64];
    snprintf(name, sizeof name, fails != NULL ? "pyaot_body_%d" : "pyaot_body_g%d", index);
    LLVMTypeRef body_ty = LLVMFunctionType(L->ptr, &L->ptr, 1, 0);
    B.fn = LLVMAddFunction(L->mod, name, body_ty);
    LLVMSetLinkage(B.fn, LLVMInternalLinkage);
    /* Never inlined into its entry: the context it reads is filled there,
       and emit.c marks those reads invariant. */
    LLVMAddAttributeAtIndex(B.fn, LLVMAttributeFunctionIndex,
                            LLVMCreateEnumAttribute(L->cx, LLVMGetEnumAttributeKindForName("noinline", 8), 0));
    copy_target_attrs(L, B.fn);
    B.ctx = LLVMGetParam(B.fn, 0);
    snprintf(name, sizeof name, "pyaot_sites_ph_%d", index);
    B.site_ph = LLVMAddGlobal(L->mod, L->i8, name);
    B.blocks = calloc((size_t)d.n + 1, sizeof *B.blocks);
    if (B.blocks == NULL) {
        pyaot_errorf(e, "out of memory");
        goto fail;
    }
    LLVMBasicBlockRef entry = lw_new_bb(L, &B, "entry");
    for (int i = 0; i < d.n; i++)
        if (a.depth[i] >= 0)
            B.blocks[i] = lw_new_bb(L, &B, "");
    B.fails = fails;
    /* A generator's resumes enter mid-body, at leaders of the unboxed
       tier (everything in the frame), so either body may take a resume. */
    if (fails != NULL && pyaot_unbox_begin(L, &B, co, e) < 0)
        goto fail;
    LLVMPositionBuilderAtEnd(L->b, entry);
    if (!is_generator(co))
        LLVMBuildBr(L->b, B.blocks[0]);
    else if (emit_resume_switch(L, &B, e) < 0)
        goto fail;
    for (int i = 0; i < d.n; i++)
        if (a.depth[i] >= 0 && lower_instr(L, &B, i, e) < 0)
            goto fail;
    if (B.carry != NULL &&
        (pyaot_carry_planned(B.carry) ? pyaot_carry_finish(L, &B, e) : pyaot_carry_plan(&B, e)) < 0)
        goto fail;

    /* The site table, now complete, replaces its placeholder. */
    LLVMValueRef *vals = malloc(sizeof(LLVMValueRef) * (size_t)(B.nsites + 1));
    if (vals == NULL) {
        pyaot_errorf(e, "out of memory");
        goto fail;
    }
    for (int i = 0; i < B.nsites; i++) {
        const pyaot_site *s = &B.sites[i];
        LLVMValueRef f[SITE_FIELDS] = {
            lw_ci(L, s->unit),   lw_ci(L, s->start),     lw_ci(L, s->sp),    lw_ci(L, s->reason),
            lw_ci(L, s->next),   lw_ci(L, s->next_sp),   lw_ci(L, s->target), lw_ci(L, s->target_sp),
            lw_ci(L, s->level),  lw_ci(L, s->lasti),     lw_ci(L, s->handler)};
        vals[i] = LLVMConstNamedStruct(L->site_ty, f, SITE_FIELDS);
    }
    LLVMTypeRef arr = LLVMArrayType2(L->site_ty, (uint64_t)B.nsites);
    snprintf(name, sizeof name, "pyaot_sites_%d", index);
    LLVMValueRef table = LLVMAddGlobal(L->mod, arr, name);
    LLVMSetInitializer(table, LLVMConstArray2(L->site_ty, vals, (uint64_t)B.nsites));
    LLVMSetGlobalConstant(table, 1);
    LLVMSetLinkage(table, LLVMPrivateLinkage);
    free(vals);
    LLVMReplaceAllUsesWith(B.site_ph, table);
    LLVMDeleteGlobal(B.site_ph);
    B.site_ph = NULL;
    finish_caches(L, &B, index);
    result = B.fn;
    goto done;
fail:
    if (B.fn != NULL)
        LLVMDeleteFunction(B.fn);
    if (B.site_ph != NULL)
        LLVMDeleteGlobal(B.site_ph);
    if (B.cache_ph != NULL)
        LLVMDeleteGlobal(B.cache_ph);
done:
    if (nguards != NULL)
        *nguards = B.nguards;
    pyaot_unbox_end(&B);
    free(B.blocks);
    free(B.sites);
    pyaot_analysis_free(&a);
    pyaot_decoded_free(&d);
    return result;
}

/* The native entry of code object `index`. With a generic twin, the
   unboxed body runs until its guards have failed PYAOT_SWITCH_AFTER
   times (`fails`), the generic one after that. The entry only chooses:
   from the eval-frame hook (mode 0 or 1) it goes on to pyaot_enter, and a
   direct call (PYAOT_DIRECT) to pyaot_direct_N, where pyaot_entry is
   inlined with the code's local count. Both are tail calls, so the hook's
   way (every call from C code, every generator resumed by it) saves the
   direct way's frame setup (17 instructions a call). */
static LLVMValueRef make_entry(lower *L, LLVMValueRef bodyfn, LLVMValueRef generic,
                               LLVMValueRef fails, int index, int nlocalsplus)
{
    char name[64];
    LLVMTypeRef params[3] = {L->ptr, L->ptr, L->i32};
    LLVMTypeRef ty = LLVMFunctionType(L->ptr, params, 3, 0);
    LLVMTypeRef dty = LLVMFunctionType(L->ptr, (LLVMTypeRef[]){L->ptr, L->ptr, L->ptr}, 3, 0);
    snprintf(name, sizeof name, "pyaot_direct_%d", index);
    LLVMValueRef direct = LLVMAddFunction(L->mod, name, dty);
    LLVMSetLinkage(direct, LLVMInternalLinkage);
    copy_target_attrs(L, direct);
    LLVMAddAttributeAtIndex(direct, LLVMAttributeFunctionIndex,
                            LLVMCreateEnumAttribute(L->cx, LLVMGetEnumAttributeKindForName("noinline", 8), 0));
    snprintf(name, sizeof name, "pyaot_entry_%d", index);
    LLVMValueRef fn = LLVMAddFunction(L->mod, name, ty);
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    copy_target_attrs(L, fn);

    /* pyaot_direct_N(ts, f, body): the direct call's whole entry. */
    LLVMPositionBuilderAtEnd(L->b, LLVMAppendBasicBlockInContext(L->cx, direct, "entry"));
    LLVMValueRef enter = LLVMGetNamedFunction(L->mod, "pyaot_entry");
    LLVMTypeRef ety =
        LLVMFunctionType(L->ptr, (LLVMTypeRef[]){L->ptr, L->ptr, L->i32, L->ptr, L->i32}, 5, 0);
    LLVMValueRef dargs[5] = {LLVMGetParam(direct, 0), LLVMGetParam(direct, 1), lw_ci(L, PYAOT_DIRECT),
                             LLVMGetParam(direct, 2), lw_ci(L, nlocalsplus)};
    LLVMValueRef r = LLVMBuildCall2(L->b, ety, enter, dargs, 5, "");
    LLVMSetTailCall(r, 1);
    LLVMBuildRet(L->b, r);

    LLVMPositionBuilderAtEnd(L->b, LLVMAppendBasicBlockInContext(L->cx, fn, "entry"));
    if (generic != NULL) {
        LLVMValueRef n = LLVMBuildLoad2(L->b, L->i32, fails, "");
        LLVMValueRef ok = LLVMBuildICmp(L->b, LLVMIntSLT, n, lw_ci(L, PYAOT_SWITCH_AFTER), "");
        bodyfn = LLVMBuildSelect(L->b, ok, bodyfn, generic, "");
    }
    LLVMBasicBlockRef hooked = LLVMAppendBasicBlockInContext(L->cx, fn, "hooked");
    LLVMBasicBlockRef called = LLVMAppendBasicBlockInContext(L->cx, fn, "direct");
    LLVMValueRef mode = LLVMGetParam(fn, 2);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, mode, lw_ci(L, PYAOT_DIRECT), ""), called,
                    hooked);
    LLVMPositionBuilderAtEnd(L->b, hooked);
    LLVMValueRef penter = LLVMGetNamedFunction(L->mod, "pyaot_enter");
    LLVMTypeRef pty = LLVMFunctionType(L->ptr, (LLVMTypeRef[]){L->ptr, L->ptr, L->i32, L->ptr}, 4, 0);
    LLVMValueRef hargs[4] = {LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), mode, bodyfn};
    r = LLVMBuildCall2(L->b, pty, penter, hargs, 4, "");
    LLVMSetTailCall(r, 1);
    LLVMBuildRet(L->b, r);
    LLVMPositionBuilderAtEnd(L->b, called);
    LLVMValueRef cargs[3] = {LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), bodyfn};
    r = LLVMBuildCall2(L->b, dty, direct, cargs, 3, "");
    LLVMSetTailCall(r, 1);
    LLVMBuildRet(L->b, r);
    return fn;
}

/* Delete a body lowered only to learn from, and its tables. */
static void discard_body(lower *L, LLVMValueRef fn, int index)
{
    LLVMDeleteFunction(fn);
    const char *tables[2] = {"pyaot_sites_%d", "pyaot_caches_%d"};
    for (int t = 0; t < 2; t++) {
        char name[64];
        snprintf(name, sizeof name, tables[t], index);
        LLVMValueRef g = LLVMGetNamedGlobal(L->mod, name);
        if (g != NULL)
            LLVMDeleteGlobal(g);
    }
}

/* Calls to hot stubs stay calls in code that is likely cold: inlined,
   they are most of a module's code and of its compile time. That is the
   generic body, which runs only after its code object's guards failed
   too often, unless the training run saw the code (polymorphic code
   that switches, such as an int product past 64 bits, stays fast). Code
   a given profile lacks is compiled as without one: a training run that
   missed it is no proof that it is cold, and with every stub call out of
   line such code ran 22% more instructions than with no profile at all,
   more than stock's (web: 158.5 M against 129.6 M and stock's 140.5 M). */
static void calls_out_of_line(lower *L, LLVMValueRef fn)
{
    LLVMAttributeRef never =
        LLVMCreateEnumAttribute(L->cx, LLVMGetEnumAttributeKindForName("noinline", 8), 0);
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in))
            if (LLVMIsACallInst(in))
                LLVMAddCallSiteAttribute(in, LLVMAttributeFunctionIndex, never);
}

/* Both bodies of code object `index`: the unboxed one, and the generic
   twin when the former has guards. NULL with `e` when it stays
   interpreted. */
static LLVMValueRef lower_code(lower *L, PyCodeObject *co, int index,
                               const pyaot_code_profile *prof, pyaot_error *e)
{
    char name[64];
    snprintf(name, sizeof name, "pyaot_fails_%d", index);
    LLVMValueRef fails = LLVMAddGlobal(L->mod, L->i32, name);
    LLVMSetInitializer(fails, lw_ci(L, 0));
    LLVMSetLinkage(fails, LLVMInternalLinkage);
    int nguards = 0;
    /* Recording lowerings learn what leaders are entered with; discarded. */
    pyaot_carry *carry = pyaot_carry_new(co, (int)Py_SIZE(co));
    LLVMValueRef bodyfn = NULL;
    while (carry != NULL && !pyaot_carry_planned(carry)) {
        bodyfn = lower_body(L, co, index, prof, fails, NULL, carry, e);
        if (bodyfn == NULL)
            break;
        discard_body(L, bodyfn, index);
    }
    bodyfn = carry == NULL || pyaot_carry_planned(carry)
                 ? lower_body(L, co, index, prof, fails, &nguards, carry, e) : NULL;
    pyaot_carry_free(carry);
    LLVMValueRef generic = NULL;
    if (bodyfn != NULL && nguards > 0) {
        generic = lower_body(L, co, index, prof, NULL, NULL, NULL, e);
        if (generic == NULL) {
            LLVMDeleteFunction(bodyfn);
            bodyfn = NULL;
        }
        else if (prof == NULL)
            calls_out_of_line(L, generic);
    }
    LLVMValueRef entry =
        bodyfn != NULL ? make_entry(L, bodyfn, generic, fails, index, co->co_nlocalsplus) : NULL;
    if (LLVMGetFirstUse(fails) == NULL)
        LLVMDeleteGlobal(fails);
    return entry;
}

static LLVMValueRef cstring(lower *L, const char *s, const char *name)
{
    LLVMValueRef init = LLVMConstStringInContext(L->cx, s, (unsigned)strlen(s), 0);
    LLVMValueRef g = LLVMAddGlobal(L->mod, LLVMTypeOf(init), name);
    LLVMSetInitializer(g, init);
    LLVMSetGlobalConstant(g, 1);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    return g;
}

static void emit_descriptor(lower *L, LLVMValueRef *entries, uint64_t *hashes, int n,
                            const pyaot_options *o)
{
    LLVMTypeRef i64 = LLVMInt64TypeInContext(L->cx);
    LLVMTypeRef ent_ty = LLVMStructTypeInContext(L->cx, (LLVMTypeRef[]){i64, L->ptr}, 2, 0);
    LLVMValueRef *vals = malloc(sizeof(LLVMValueRef) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        LLVMValueRef f[2] = {LLVMConstInt(i64, hashes[i], 0),
                             entries[i] ? entries[i] : LLVMConstPointerNull(L->ptr)};
        vals[i] = LLVMConstNamedStruct(ent_ty, f, 2);
    }
    LLVMTypeRef arr_ty = LLVMArrayType2(ent_ty, (uint64_t)n);
    LLVMValueRef table = LLVMAddGlobal(L->mod, arr_ty, "pyaot_codes");
    LLVMSetInitializer(table, LLVMConstArray2(ent_ty, vals, (uint64_t)n));
    LLVMSetGlobalConstant(table, 1);
    LLVMSetLinkage(table, LLVMPrivateLinkage);
    free(vals);

    char flags[32];
    snprintf(flags, sizeof flags, "-O%d", o->opt_level);
    LLVMTypeRef fields[11] = {L->i32, L->i32, L->i32, L->i32, L->ptr, L->ptr,
                              L->ptr, L->i32, L->i32, L->ptr, L->ptr};
    LLVMTypeRef desc_ty = LLVMStructTypeInContext(L->cx, fields, 11, 0);
    LLVMValueRef rt = LLVMGetNamedGlobal(L->mod, "pyaot_rt");
    LLVMValueRef init[11] = {
        lw_ci(L, (int)PYAOT_DESC_MAGIC),
        lw_ci(L, PYAOT_FORMAT_VERSION),
        lw_ci(L, PY_VERSION_HEX),
        lw_ci(L, (int)PyImport_GetMagicNumber()),
        cstring(L, Py_GetVersion(), "pyaot_py_build"),
        cstring(L, "pyaot " PYAOT_VERSION, "pyaot_compiler"),
        cstring(L, flags, "pyaot_flags"),
        lw_ci(L, n),
        lw_ci(L, 0),
        table,
        rt,
    };
    LLVMValueRef desc = LLVMAddGlobal(L->mod, desc_ty, PYAOT_DESC_SYMBOL);
    LLVMSetInitializer(desc, LLVMConstNamedStruct(desc_ty, init, 11));
    LLVMSetGlobalConstant(desc, 1);
}

/* Only stubs marked hot (always_inline) are inlined into the bodies; the
   others stay one call each. Inlining every stub made the generated code
   several times larger and its compile time with it, for little gain in
   the generic tier: those stubs do their real work in libpython. */
static void limit_inlining(lower *L)
{
    unsigned always = LLVMGetEnumAttributeKindForName("alwaysinline", 12);
    unsigned never = LLVMGetEnumAttributeKindForName("noinline", 8);
    for (LLVMValueRef f = LLVMGetFirstFunction(L->mod); f; f = LLVMGetNextFunction(f)) {
        size_t len;
        const char *name = LLVMGetValueName2(f, &len);
        if (LLVMIsDeclaration(f) ||
            (strncmp(name, "pyaot_op_", 9) != 0 && strcmp(name, "pyaot_deopt_at") != 0))
            continue;
        if (LLVMGetEnumAttributeAtIndex(f, LLVMAttributeFunctionIndex, always) == NULL)
            LLVMAddAttributeAtIndex(f, LLVMAttributeFunctionIndex,
                                    LLVMCreateEnumAttribute(L->cx, never, 0));
    }
}

int pyaot_lower_module(LLVMModuleRef mod, PyObject *codes, const pyaot_options *o,
                       pyaot_module_stats *st, pyaot_error *e)
{
    lower L = {.mod = mod, .cx = LLVMGetModuleContext(mod), .o = o};
    L.b = LLVMCreateBuilderInContext(L.cx);
    L.i8 = LLVMInt8TypeInContext(L.cx);
    L.i32 = LLVMInt32TypeInContext(L.cx);
    L.ptr = LLVMPointerTypeInContext(L.cx, 0);
    L.op_ty = LLVMFunctionType(L.i32, (LLVMTypeRef[]){L.ptr, L.i32, L.i32}, 3, 0);
    L.spec_ty = LLVMFunctionType(L.i32, (LLVMTypeRef[]){L.ptr, L.i32, L.i32, L.ptr}, 4, 0);
    L.at_ty = LLVMFunctionType(LLVMVoidTypeInContext(L.cx), (LLVMTypeRef[]){L.ptr, L.i32}, 2, 0);
    L.flag_ty = LLVMFunctionType(L.i32, &L.ptr, 1, 0);
    L.res_ty = LLVMFunctionType(L.ptr, &L.ptr, 1, 0);
    L.slow_ty = LLVMFunctionType(L.ptr, (LLVMTypeRef[]){L.ptr, L.i32, L.ptr}, 3, 0);
    L.ret_ty = LLVMFunctionType(L.ptr, (LLVMTypeRef[]){L.ptr, L.i32}, 2, 0);
    L.deopt_ty = LLVMFunctionType(L.ptr, (LLVMTypeRef[]){L.ptr, L.i32, L.i32, L.i32}, 4, 0);
    LLVMTypeRef sf[SITE_FIELDS];
    for (int i = 0; i < SITE_FIELDS; i++)
        sf[i] = L.i32;
    L.site_ty = LLVMStructTypeInContext(L.cx, sf, SITE_FIELDS, 0);
    int rc = -1;
    Py_ssize_t n = PyList_GET_SIZE(codes);
    LLVMValueRef *entries = calloc((size_t)n + 1, sizeof *entries);
    uint64_t *hashes = calloc((size_t)n + 1, sizeof *hashes);
    if (entries == NULL || hashes == NULL) {
        pyaot_errorf(e, "out of memory");
        goto done;
    }
    if (!(L.at_fn = get_fn(&L, "pyaot_at", L.at_ty, e)) ||
        !(L.tracing_fn = get_fn(&L, "pyaot_tracing", L.flag_ty, e)) ||
        !(L.breaker_fn = get_fn(&L, "pyaot_eval_breaker", L.flag_ty, e)) ||
        !(L.handle_fn = get_fn(&L, "pyaot_handle_breaker", L.flag_ty, e)) ||
        !(L.slow_fn = get_fn(&L, "pyaot_slow", L.slow_ty, e)) ||
        !(L.deopt_fn = get_fn(&L, "pyaot_deopt_at", L.deopt_ty, e)) ||
        !(L.return_fn = get_fn(&L, "pyaot_return", L.ret_ty, e)) ||
        !(L.result_fn = get_fn(&L, "pyaot_result", L.res_ty, e)) ||
        !(L.key_fn = get_fn(&L, "pyaot_resume_key", L.flag_ty, e)) ||
        !(L.interp_fn = get_fn(&L, "pyaot_resume_interp", L.res_ty, e)) ||
        !(L.handler_mark = LLVMGetNamedGlobal(mod, "pyaot_handler_marker")) ||
        !LLVMGetNamedFunction(mod, "pyaot_enter") || !LLVMGetNamedFunction(mod, "pyaot_entry") || !LLVMGetNamedGlobal(mod, "pyaot_rt")) {
        if (!e->msg[0])
            pyaot_errorf(e, "stub bitcode lacks the frame interface");
        goto done;
    }
    limit_inlining(&L);
    L.leaves = pyaot_leaves_find(codes, o);
    st->ncode = (int)n;
    st->nnative = 0;
    int profiled = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (pyaot_code_hash((PyCodeObject *)PyList_GET_ITEM(codes, i), &hashes[i]) < 0) {
            pyaot_error_from_python(e, "cannot hash code object");
            goto done;
        }
    }
    /* Import runs the module body and class bodies (no CO_OPTIMIZED) once;
       functions run when called. Emitting the former first keeps the code
       an import touches together, so fewer artifact pages become resident. */
    for (int pass = 0; pass < 2; pass++) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(codes, i);
            if (!(co->co_flags & CO_OPTIMIZED) != (pass == 0))
                continue;
            pyaot_error why = {{0}};
            const pyaot_code_profile *prof = o->profile ? pyaot_profile_code(o->profile, co) : NULL;
            profiled += prof != NULL;
            entries[i] = lower_code(&L, co, (int)i, prof, &why);
            if (entries[i] == NULL) {
                if (o->verbose)
                    fprintf(stderr, "pyaot: %s (line %d) stays interpreted: %s\n",
                            PyUnicode_AsUTF8(co->co_qualname), co->co_firstlineno, why.msg);
                continue;
            }
            st->nnative++;
        }
    }
    if (o->profile != NULL && o->verbose) {
        PyObject *file = ((PyCodeObject *)PyList_GET_ITEM(codes, 0))->co_filename;
        fprintf(stderr, "pyaot: %s: the profile covers %d of %zd code objects\n",
                PyUnicode_AsUTF8(file), profiled, n);
    }
    pyaot_leaves_resolve(L.leaves, entries, L.ptr);
    emit_descriptor(&L, entries, hashes, (int)n, o);
    rc = 0;
done:
    pyaot_leaves_free(L.leaves);
    free(entries);
    free(hashes);
    LLVMDisposeBuilder(L.b);
    return rc;
}
