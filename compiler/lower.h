/* What lower.c (instructions -> IR) shares with unbox.c (the unboxed
   tier's instructions): the module-wide and per-body lowering state and
   the few builders both use. Private to those two files. */
#ifndef PYAOT_LOWER_H
#define PYAOT_LOWER_H

#include "compiler.h"

#include <llvm-c/Core.h>

#include "../runtime/abi.h"

/* pyaot_site is all int32_t fields, emitted as an LLVM struct of i32. */
#define SITE_FIELDS ((int)(sizeof(pyaot_site) / sizeof(int32_t)))
_Static_assert(sizeof(pyaot_site) == SITE_FIELDS * sizeof(int32_t), "pyaot_site has padding");

typedef struct pyaot_leaves pyaot_leaves;

typedef struct lower {
    LLVMModuleRef mod;
    LLVMContextRef cx;
    LLVMBuilderRef b;
    LLVMTypeRef i8, i32, ptr, op_ty, spec_ty, at_ty, flag_ty, deopt_ty, ret_ty, slow_ty, res_ty, site_ty;
    LLVMValueRef at_fn, tracing_fn, breaker_fn, handle_fn, slow_fn, deopt_fn, return_fn,
        result_fn, key_fn, interp_fn, handler_mark;
    const pyaot_options *o;
    pyaot_leaves *leaves;      /* functions whose calls may be inlined (inline.c) */
} lower;

/* Where a value of the unboxed tier's virtual stack is (unbox.c). */
enum vkind {
    V_FRAME = 0, /* in its frame slot, owned there: the generic tier's only kind */
    V_REF,       /* borrowed from a local or a constant, not pushed yet */
    V_DOUBLE,    /* a float's value in a register, not boxed yet */
    V_INT        /* an int's value (any int64_t) in a register, not boxed yet */
};

/* What the compiler knows of a value's type. */
/* T_OTHER: a constant that is no number arithmetic could unbox (a str,
   a tuple, None, a bool, an int beyond 64 bits). */
enum vtype { T_ANY = 0, T_FLOAT, T_INT, T_OTHER };

typedef struct vslot {
    enum vkind kind;
    LLVMValueRef v;    /* V_REF: the object; V_DOUBLE/V_INT: the value */
    int local;         /* V_REF of a local: its index, else -1 */
    int item;          /* V_REF borrowed from a list, tuple or instance: anything that
                          may run code must materialize it first */
    enum vtype type;   /* V_REF of a constant: its type (value in `cv`) */
    LLVMValueRef cv;   /* constant's value as double (T_FLOAT) or i64 (T_INT) */
} vslot;

/* What the straight path knows of a local (unbox.c): only this code's
   STORE_FAST and DELETE_FAST change a frame's locals while it runs (a
   tracer's writes through f_locals happen after an exit), so what was
   stored or checked holds until the next leader. */
typedef struct lknown {
    int bound;          /* holds a value: no UnboundLocalError check */
    LLVMValueRef obj;   /* the object, when one value on the path holds it */
    enum vtype type;    /* T_FLOAT / T_INT: an exact float / int, value in `cv` */
    LLVMValueRef cv;
    int seq;            /* SEQ_LIST / SEQ_TUPLE: proved an exact list / tuple */
} lknown;

/* What a guard proved of a local's container; a list or a tuple keeps
   its type for life (neither allows a __class__ assignment). */
enum { SEQ_ANY = 0, SEQ_LIST, SEQ_TUPLE };

typedef struct pyaot_carry pyaot_carry;

typedef struct body {
    LLVMValueRef fn, ctx;
    LLVMBasicBlockRef *blocks; /* per instruction, NULL when unreachable */
    const pyaot_decoded *d;
    const pyaot_analysis *a;
    int nlocalsplus;
    LLVMValueRef site_ph;      /* placeholder for the site table until it is complete */
    pyaot_site *sites;
    int nsites, capsites;
    const pyaot_code_profile *prof; /* the training run's view of this code, or NULL */
    LLVMValueRef cache_ph;     /* placeholder for the inline caches, once one is used */
    int ncaches;
    /* The unboxed tier (unbox.c), when `unbox` is set. */
    int unbox;
    PyCodeObject *co;
    unsigned char *leader;     /* per instruction: reached other than by falling through */
    vslot *vs;                 /* the virtual stack, valid at instruction `vs_for` */
    lknown *lk;                /* per local, on the straight path */
    unsigned char *arg;        /* per local: an argument never deleted, always bound */
    int vdepth, vs_for;
    int call_done;             /* a CALL its PRECALL lowered already, else -1 */
    int keep;                  /* a generic instruction runs above this many virtual
                                  values, which its exits materialize, else -1 */
    int nguards;               /* guards emitted: the body needs a generic twin */
    LLVMValueRef fails;        /* i32 counter of failed guards (the entry reads it) */
    pyaot_carry *carry;        /* knowledge carried into leaders (carry.c), or NULL */
    int cur;                   /* the instruction being lowered */
} body;

LLVMValueRef lw_ci(lower *L, int v);
LLVMBasicBlockRef lw_new_bb(lower *L, body *B, const char *name);
LLVMBasicBlockRef lw_block_at(body *B, int unit);
int lw_sp_at(body *B, int unit);
LLVMValueRef lw_call(lower *L, LLVMTypeRef ty, LLVMValueRef fn, LLVMValueRef *args, int n);
/* The site of instruction `in` for errors caught by the handler covering
   `handler_unit` (-1: none). */
pyaot_site lw_site_for(body *B, const pyaot_instr *in, int handler_unit, int reason,
                       const pyaot_handler **h);
/* The same once `in` is done: its stack is the one at `next_unit`, where
   the interpreter resumes. */
pyaot_site lw_site_done(body *B, const pyaot_instr *in, int handler_unit, int next_unit,
                        int reason, const pyaot_handler **h);
/* Leave the straight path with status `r` at site `s`. */
int lw_go_slow(lower *L, body *B, LLVMValueRef r, pyaot_site s, const pyaot_handler *h,
               pyaot_error *e);
LLVMValueRef lw_status_with_tracing(lower *L, body *B, LLVMValueRef r);
int lw_breaker_check(lower *L, body *B, const pyaot_instr *in, int handler_unit, int next_unit,
                     LLVMBasicBlockRef cont, pyaot_error *e);
/* Where a conditional jump `in` goes when taken: its target, through the
   eval breaker check when it jumps backward. NULL with `e`. */
LLVMBasicBlockRef lw_jump_taken(lower *L, body *B, const pyaot_instr *in, pyaot_error *e);
/* The global or method named where CALL instruction `i`'s callable was
   loaded (a guess for speculation). */
pyaot_callee lw_callee_of(body *B, int i);
/* POP_JUMP_{FORWARD,BACKWARD}_IF_{TRUE,FALSE}: a jump on a value's truth. */
int lw_is_bool_jump(int op);
/* BINARY_OP `i`'s oparg for its stubs, with PYAOT_BINARY_STORES(k) when
   it may extend local k's str in place (see lower.c). */
int lw_binary_oparg(const body *B, int i);
/* A fresh zeroed inline cache of PYAOT_CACHE_BYTES for the body. */
LLVMValueRef lw_new_cache(lower *L, body *B);

/* ---- unbox.c ---- */

/* Per-body set-up (leaders, virtual stack); -1 with `e` on failure. */
int pyaot_unbox_begin(lower *L, body *B, PyCodeObject *co, pyaot_error *e);
void pyaot_unbox_end(body *B);
/* Lower instruction `i` in the unboxed tier: 1 when done, 0 when the
   generic lowering must follow (its inputs, and unless B->keep says
   otherwise every virtual value, are in the frame by then), -1 with `e`.
   The builder is at the instruction's block. */
int pyaot_unbox_instr(lower *L, body *B, int i, pyaot_error *e);
/* After the generic lowering of instruction `i`: the virtual values it
   kept stay virtual at the next instruction. */
void pyaot_unbox_after(body *B, int i);
/* An exit of that generic lowering with status `r`: the kept values go
   to the frame first; the status, turned into an error if boxing failed. */
LLVMValueRef pyaot_unbox_exit(lower *L, body *B, LLVMValueRef r);

/* ---- unbox.c, for carry.c ---- */

/* A block deoptimizing at the start of leader `j` (everything in the
   frame) as a failed guard; the builder stays where it is. */
int pyaot_unbox_deopt_at(lower *L, body *B, int j, LLVMBasicBlockRef *fail, pyaot_error *e);
/* Check that local `k` is bound and, for T_INT / T_FLOAT, an exact int
   of at most two digits / an exact float, going to `fail` otherwise;
   its value (i64 or double), NULL for T_ANY. */
LLVMValueRef pyaot_unbox_check_local(lower *L, body *B, int k, enum vtype t, LLVMBasicBlockRef fail);
/* Check that local `k` holds an exact list (SEQ_LIST) or tuple (SEQ_TUPLE),
   else go to `fail`. */
void pyaot_unbox_check_seq(lower *L, body *B, int k, int seq, LLVMBasicBlockRef fail);

/* What the unboxed tier makes of constant `k`: T_FLOAT, T_INT (an exact
   int within 2^53), T_ANY (an int beyond that, within 64 bits) or
   T_OTHER (no number arithmetic could unbox); with `cx`, a number's
   value as an LLVM constant in *cv. */
enum vtype pyaot_unbox_const(LLVMContextRef cx, PyObject *k, LLVMValueRef *cv);

/* ---- inline.c ---- */

/* A function or method of this module whose calls the unboxed tier may
   compute inline: a pure leaf (inline.c). */
typedef struct pyaot_leaf {
    const char *name;           /* the global the module body binds it to, or the method name */
    int method;                 /* defined in a class body: called as obj.name(...) */
    int defs;                   /* a method: the class bodies defining the name, leaves or not */
    int index;                  /* its code object's index (pyaot_entry_<index>) */
    PyCodeObject *co;
    pyaot_decoded d;
    enum vtype arg[PYAOT_LEAF_MAX]; /* per argument: what the training run saw */
    unsigned char owner[PYAOT_LEAF_MAX]; /* per argument: an object whose attributes it reads */
    unsigned char used[PYAOT_LEAF_MAX];  /* per local: loaded by the body */
    int branches;               /* a predicate: forward jumps, tests and comparisons */
    int profiled;               /* the training run saw it */
    const pyaot_code_profile *prof; /* what the training run saw, or NULL */
    LLVMValueRef entry;         /* placeholder for its native entry, once a call uses it */
} pyaot_leaf;

/* The pure leaves the module body of `codes` defines; NULL when none
   can be found. */
pyaot_leaves *pyaot_leaves_find(PyObject *codes, const pyaot_options *o);
pyaot_leaf *pyaot_leaf_named(pyaot_leaves *t, const char *name);
/* The method leaves called `name` (at most PYAOT_LEAF_CANDIDATES, the
   class bodies of the module that define one), into `out`; their count. */
#define PYAOT_LEAF_CANDIDATES 3
int pyaot_leaf_methods(pyaot_leaves *t, const char *name, pyaot_leaf **out);
/* After lowering: each used placeholder becomes the leaf's native entry
   (`entries`, by index), or NULL when it stays interpreted. */
void pyaot_leaves_resolve(pyaot_leaves *t, LLVMValueRef *entries, LLVMTypeRef ptr);
void pyaot_leaves_free(pyaot_leaves *t);
/* The index of the instruction a forward jump at `i` goes to, or -1. */
int pyaot_leaf_target(const pyaot_decoded *d, int i);

/* ---- carry.c ---- */

/* The carrier for one code object's lowerings (recording ones, then the
   kept one), or NULL when its unboxed body is lowered once. */
pyaot_carry *pyaot_carry_new(PyCodeObject *co, int ninstr);
void pyaot_carry_free(pyaot_carry *c);
/* Whether the recording lowerings are done: the next one is kept. */
int pyaot_carry_planned(const pyaot_carry *c);
/* The builder's block is about to branch to the instruction at code
   unit `unit`: remember what it knows, if that is a leader. */
void pyaot_carry_record(lower *L, body *B, int unit);
/* At the start of leader `j`'s (empty) block: what it knows. */
void pyaot_carry_enter(lower *L, body *B, int j);
/* After a recording lowering: each leader's plan, for the next one. */
int pyaot_carry_plan(body *B, pyaot_error *e);
/* After the kept lowering: the phis' incoming values, through checked
   entries where a path does not know a fact. */
int pyaot_carry_finish(lower *L, body *B, pyaot_error *e);

#endif
