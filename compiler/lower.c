/* Stage 4: instructions -> LLVM IR. Each instruction becomes a block that
   records the instruction pointer, calls the opcode's stub and branches on
   its result; failures leave through two shared exits, one raising into
   the interpreter's exception handling and one resuming the interpreter
   before an instruction. Stub bodies are linked in and inlined later. */
#include "compiler.h"

#include <llvm-c/Core.h>
#include <opcode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/abi.h"
#include "../runtime/codehash.h"

typedef struct lower {
    LLVMModuleRef mod;
    LLVMContextRef cx;
    LLVMBuilderRef b;
    LLVMTypeRef i32, ptr, op_ty, at_ty, exit_ty, ret_ty, flag_ty, deopt_ty;
    LLVMValueRef at_fn, tracing_fn, breaker_fn, raise_fn, deopt_fn, return_fn;
} lower;

typedef struct body {
    LLVMValueRef fn, ctx;
    LLVMBasicBlockRef *blocks; /* per instruction, NULL when unreachable */
    int nlocalsplus;
} body;

static LLVMValueRef need_fn(lower *L, const char *name, LLVMTypeRef ty, pyaot_error *e)
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

static LLVMValueRef ci(lower *L, int v)
{
    return LLVMConstInt(L->i32, (unsigned long long)(long long)v, 1);
}

/* Exits are emitted per site, each ending in its own return: one shared
   exit block with a phi per site makes SimplifyCFG quadratic in the
   number of sites. */
static void go_raise(lower *L, body *B, int pc, int sp)
{
    LLVMValueRef args[3] = {B->ctx, ci(L, pc), ci(L, sp)};
    LLVMBuildRet(L->b, LLVMBuildCall2(L->b, L->exit_ty, L->raise_fn, args, 3, ""));
}

static void go_deopt(lower *L, body *B, int pc, int sp, int reason)
{
    LLVMValueRef args[4] = {B->ctx, ci(L, pc), ci(L, sp), ci(L, reason)};
    LLVMBuildRet(L->b, LLVMBuildCall2(L->b, L->deopt_ty, L->deopt_fn, args, 4, ""));
}

/* Branch to the block of the instruction starting at `unit`. */
static void jump_to(lower *L, body *B, const pyaot_decoded *d, int unit)
{
    LLVMBuildBr(L->b, B->blocks[d->unit_instr[unit]]);
}

/* A new block in the body, for a conditional edge. */
static LLVMBasicBlockRef new_bb(lower *L, body *B, const char *name)
{
    return LLVMAppendBasicBlockInContext(L->cx, B->fn, name);
}

static LLVMValueRef call_stub(lower *L, body *B, LLVMValueRef fn, int sp, int oparg)
{
    LLVMValueRef args[3] = {B->ctx, ci(L, sp), ci(L, oparg)};
    return LLVMBuildCall2(L->b, L->op_ty, fn, args, 3, "");
}

/* Emit the breaker check for a backward edge: deoptimize at `pc` (the
   instruction the interpreter should resume at) when it is set. */
static void breaker_then(lower *L, body *B, int pc, int sp, LLVMBasicBlockRef cont)
{
    LLVMValueRef flag = LLVMBuildCall2(L->b, L->flag_ty, L->breaker_fn, &B->ctx, 1, "");
    LLVMBasicBlockRef dbb = new_bb(L, B, "breaker");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, flag, ci(L, 0), ""), dbb, cont);
    LLVMPositionBuilderAtEnd(L->b, dbb);
    go_deopt(L, B, pc, sp, PYAOT_DEOPT_EVAL_BREAKER);
}

static int lower_instr(lower *L, body *B, const pyaot_decoded *d, const pyaot_analysis *a, int i,
                       pyaot_error *e)
{
    const pyaot_instr *in = &d->ins[i];
    const pyaot_opinfo *info = pyaot_opinfo_get(in->opcode);
    int sp = B->nlocalsplus + a->depth[i];
    LLVMPositionBuilderAtEnd(L->b, B->blocks[i]);

    if (info->kind == K_UNSUPPORTED || info->kind == K_RAISE) {
        go_deopt(L, B, in->start, sp, info->kind == K_RAISE ? info->deopt_reason
                                                             : PYAOT_DEOPT_UNSUPPORTED);
            return 0;
    }
    if (info->kind != K_PURE && info->kind != K_JUMP) {
        /* Observable instruction: publish the position, and leave for the
           interpreter if a tracer or profiler has been installed meanwhile. */
        LLVMValueRef args[2] = {B->ctx, ci(L, in->unit)};
        LLVMBuildCall2(L->b, L->at_ty, L->at_fn, args, 2, "");
        LLVMValueRef tr = LLVMBuildCall2(L->b, L->flag_ty, L->tracing_fn, &B->ctx, 1, "");
        LLVMBasicBlockRef go = new_bb(L, B, "go"), tbb = new_bb(L, B, "traced");
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, tr, ci(L, 0), ""), tbb, go);
        LLVMPositionBuilderAtEnd(L->b, tbb);
        go_deopt(L, B, in->start, sp, PYAOT_DEOPT_TRACING);
            LLVMPositionBuilderAtEnd(L->b, go);
    }

    switch (info->kind) {
    case K_JUMP:
        jump_to(L, B, d, in->target);
        return 0;
    case K_JUMP_BACKWARD: {
        LLVMBasicBlockRef cont = new_bb(L, B, "back");
        breaker_then(L, B, in->start, sp, cont);
        LLVMPositionBuilderAtEnd(L->b, cont);
        jump_to(L, B, d, in->target);
        return 0;
    }
    case K_RESUME: {
        LLVMBasicBlockRef cont = new_bb(L, B, "resumed");
        breaker_then(L, B, in->start, sp, cont);
        LLVMPositionBuilderAtEnd(L->b, cont);
        jump_to(L, B, d, in->next);
        return 0;
    }
    case K_RETURN: {
        LLVMValueRef args[2] = {B->ctx, ci(L, sp)};
        LLVMBuildRet(L->b, LLVMBuildCall2(L->b, L->ret_ty, L->return_fn, args, 2, ""));
        return 0;
    }
    default:
        break;
    }

    char name[64];
    snprintf(name, sizeof name, "pyaot_op_%s", info->stub);
    LLVMValueRef fn = need_fn(L, name, L->op_ty, e);
    if (fn == NULL)
        return -1;
    LLVMValueRef r = call_stub(L, B, fn, sp, in->oparg);
    LLVMBasicBlockRef fail = new_bb(L, B, "fail");
    LLVMBasicBlockRef next_bb = NULL;
    if (!pyaot_is_terminal(in->opcode))
        next_bb = B->blocks[d->unit_instr[in->next]];

    if (info->kind == K_COND_JUMP || info->kind == K_FOR_ITER) {
        LLVMBasicBlockRef taken = B->blocks[d->unit_instr[in->target]];
        if (pyaot_is_backward_jump(in->opcode)) {
            /* The interpreter checks the breaker after a backward jump;
               resume it at the target when something is pending. */
            LLVMBasicBlockRef tb = new_bb(L, B, "taken"), cont = new_bb(L, B, "back");
            LLVMPositionBuilderAtEnd(L->b, tb);
            int tsp = B->nlocalsplus + a->depth[d->unit_instr[in->target]];
            breaker_then(L, B, in->target, tsp, cont);
            LLVMPositionBuilderAtEnd(L->b, cont);
            LLVMBuildBr(L->b, taken);
            taken = tb;
            LLVMPositionBuilderAtEnd(L->b, LLVMGetInstructionParent(r));
        }
        LLVMValueRef sw = LLVMBuildSwitch(L->b, r, fail, 2);
        LLVMAddCase(sw, ci(L, 0), next_bb);
        LLVMAddCase(sw, ci(L, 1), taken);
    }
    else {
        LLVMValueRef sw = LLVMBuildSwitch(L->b, r, fail, 1);
        LLVMAddCase(sw, ci(L, 0), next_bb);
    }

    /* fail: ST_DEOPT resumes the interpreter before this instruction,
       anything else is an exception raised by it. */
    LLVMPositionBuilderAtEnd(L->b, fail);
    LLVMBasicBlockRef dbb = new_bb(L, B, "deopt"), rbb = new_bb(L, B, "raise");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, r, ci(L, -2), ""), dbb, rbb);
    LLVMPositionBuilderAtEnd(L->b, dbb);
    go_deopt(L, B, in->start, sp, info->deopt_reason);
    LLVMPositionBuilderAtEnd(L->b, rbb);
    go_raise(L, B, in->unit, sp);
    return 0;
}

/* The body function of one code object; NULL with `e` when it cannot be
   compiled (then the code object simply runs in the interpreter). */
static LLVMValueRef lower_body(lower *L, PyCodeObject *co, int index, pyaot_error *e)
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
    body B = {0};
    B.nlocalsplus = co->co_nlocalsplus;
    if (a.max_depth > co->co_stacksize) {
        pyaot_errorf(e, "stack depth %d exceeds co_stacksize %d", a.max_depth, co->co_stacksize);
        goto done;
    }
    char name[64];
    snprintf(name, sizeof name, "pyaot_body_%d", index);
    LLVMTypeRef body_ty = LLVMFunctionType(L->ptr, &L->ptr, 1, 0);
    B.fn = LLVMAddFunction(L->mod, name, body_ty);
    LLVMSetLinkage(B.fn, LLVMInternalLinkage);
    copy_target_attrs(L, B.fn);
    B.ctx = LLVMGetParam(B.fn, 0);
    B.blocks = calloc((size_t)d.n + 1, sizeof *B.blocks);
    if (B.blocks == NULL) {
        pyaot_errorf(e, "out of memory");
        goto done;
    }
    LLVMBasicBlockRef entry = new_bb(L, &B, "entry");
    for (int i = 0; i < d.n; i++)
        if (a.depth[i] >= 0)
            B.blocks[i] = new_bb(L, &B, "");
    LLVMPositionBuilderAtEnd(L->b, entry);
    LLVMBuildBr(L->b, B.blocks[0]);
    for (int i = 0; i < d.n; i++) {
        if (a.depth[i] >= 0 && lower_instr(L, &B, &d, &a, i, e) < 0) {
            LLVMDeleteFunction(B.fn);
            goto done;
        }
    }
    result = B.fn;
done:
    free(B.blocks);
    pyaot_analysis_free(&a);
    pyaot_decoded_free(&d);
    return result;
}

/* Generators and coroutines start in the interpreter (RETURN_GENERATOR)
   and resume through it; the generic tier leaves them there for now. */
static int eligible(PyCodeObject *co)
{
    return !(co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR |
                             CO_ITERABLE_COROUTINE));
}

static LLVMValueRef make_entry(lower *L, LLVMValueRef bodyfn, int index)
{
    char name[64];
    snprintf(name, sizeof name, "pyaot_entry_%d", index);
    LLVMTypeRef params[3] = {L->ptr, L->ptr, L->i32};
    LLVMTypeRef ty = LLVMFunctionType(L->ptr, params, 3, 0);
    LLVMValueRef fn = LLVMAddFunction(L->mod, name, ty);
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    copy_target_attrs(L, fn);
    LLVMPositionBuilderAtEnd(L->b, LLVMAppendBasicBlockInContext(L->cx, fn, "entry"));
    LLVMValueRef enter = LLVMGetNamedFunction(L->mod, "pyaot_enter");
    LLVMTypeRef ety = LLVMFunctionType(L->ptr, (LLVMTypeRef[]){L->ptr, L->ptr, L->i32, L->ptr}, 4, 0);
    LLVMValueRef args[4] = {LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), LLVMGetParam(fn, 2), bodyfn};
    LLVMValueRef r = LLVMBuildCall2(L->b, ety, enter, args, 4, "");
    LLVMSetTailCall(r, 1);
    LLVMBuildRet(L->b, r);
    return fn;
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
        ci(L, (int)PYAOT_DESC_MAGIC),
        ci(L, PYAOT_FORMAT_VERSION),
        ci(L, PY_VERSION_HEX),
        ci(L, (int)PyImport_GetMagicNumber()),
        cstring(L, Py_GetVersion(), "pyaot_py_build"),
        cstring(L, "pyaot " PYAOT_VERSION, "pyaot_compiler"),
        cstring(L, flags, "pyaot_flags"),
        ci(L, n),
        ci(L, 0),
        table,
        rt,
    };
    LLVMValueRef desc = LLVMAddGlobal(L->mod, desc_ty, PYAOT_DESC_SYMBOL);
    LLVMSetInitializer(desc, LLVMConstNamedStruct(desc_ty, init, 11));
    LLVMSetGlobalConstant(desc, 1);
}

int pyaot_lower_module(LLVMModuleRef mod, PyObject *codes, const pyaot_options *o,
                       pyaot_module_stats *st, pyaot_error *e)
{
    lower L = {.mod = mod, .cx = LLVMGetModuleContext(mod)};
    L.b = LLVMCreateBuilderInContext(L.cx);
    L.i32 = LLVMInt32TypeInContext(L.cx);
    L.ptr = LLVMPointerTypeInContext(L.cx, 0);
    L.op_ty = LLVMFunctionType(L.i32, (LLVMTypeRef[]){L.ptr, L.i32, L.i32}, 3, 0);
    L.at_ty = LLVMFunctionType(LLVMVoidTypeInContext(L.cx), (LLVMTypeRef[]){L.ptr, L.i32}, 2, 0);
    L.flag_ty = LLVMFunctionType(L.i32, &L.ptr, 1, 0);
    L.exit_ty = LLVMFunctionType(L.ptr, (LLVMTypeRef[]){L.ptr, L.i32, L.i32}, 3, 0);
    L.ret_ty = LLVMFunctionType(L.ptr, (LLVMTypeRef[]){L.ptr, L.i32}, 2, 0);
    L.deopt_ty = LLVMFunctionType(L.ptr, (LLVMTypeRef[]){L.ptr, L.i32, L.i32, L.i32}, 4, 0);
    int rc = -1;
    Py_ssize_t n = PyList_GET_SIZE(codes);
    LLVMValueRef *entries = calloc((size_t)n + 1, sizeof *entries);
    uint64_t *hashes = calloc((size_t)n + 1, sizeof *hashes);
    if (entries == NULL || hashes == NULL) {
        pyaot_errorf(e, "out of memory");
        goto done;
    }
    if (!(L.at_fn = need_fn(&L, "pyaot_at", L.at_ty, e)) ||
        !(L.tracing_fn = need_fn(&L, "pyaot_tracing", L.flag_ty, e)) ||
        !(L.breaker_fn = need_fn(&L, "pyaot_eval_breaker", L.flag_ty, e)) ||
        !(L.raise_fn = need_fn(&L, "pyaot_raise_at", L.exit_ty, e)) ||
        !(L.deopt_fn = need_fn(&L, "pyaot_deopt_at", L.deopt_ty, e)) ||
        !(L.return_fn = need_fn(&L, "pyaot_return", L.ret_ty, e)) ||
        !LLVMGetNamedFunction(mod, "pyaot_enter") || !LLVMGetNamedGlobal(mod, "pyaot_rt")) {
        if (!e->msg[0])
            pyaot_errorf(e, "stub bitcode lacks the frame interface");
        goto done;
    }
    st->ncode = (int)n;
    st->nnative = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(codes, i);
        if (pyaot_code_hash(co, &hashes[i]) < 0) {
            pyaot_error_from_python(e, "cannot hash code object");
            goto done;
        }
        if (!eligible(co))
            continue;
        pyaot_error why = {{0}};
        LLVMValueRef bodyfn = lower_body(&L, co, (int)i, &why);
        if (bodyfn == NULL) {
            if (o->verbose)
                fprintf(stderr, "pyaot: %s (line %d) stays interpreted: %s\n",
                        PyUnicode_AsUTF8(co->co_qualname), co->co_firstlineno, why.msg);
            continue;
        }
        entries[i] = make_entry(&L, bodyfn, (int)i);
        st->nnative++;
    }
    emit_descriptor(&L, entries, hashes, (int)n, o);
    rc = 0;
done:
    free(entries);
    free(hashes);
    LLVMDisposeBuilder(L.b);
    return rc;
}
