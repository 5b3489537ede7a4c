/* What every stub sees: the native frame context and the result codes the
   generated code dispatches on. Stubs are compiled to bitcode with clang
   and inlined into each artifact, so everything here may be inlined. */
#ifndef PYAOT_STUBS_H
#define PYAOT_STUBS_H

#define Py_BUILD_CORE_MODULE 1
#include <Python.h>
#include "internal/pycore_pyarena.h"
#include "internal/pycore_frame.h"
#include "internal/pycore_code.h"
#include "internal/pycore_ceval.h"
#include "internal/pycore_pystate.h"
#include "internal/pycore_object.h"
#include "internal/pycore_pymem.h"
#include "internal/pycore_atomic.h"
#include <opcode.h>
#include "internal/pycore_call.h"
#include "internal/pycore_pyerrors.h"

#include "../runtime/abi.h"

/* Small, hot stubs are always inlined into the generated code. */
#define HOT __attribute__((always_inline))

/* Result codes of an opcode stub. */
#define ST_OK 0
#define ST_JUMP 1       /* conditional jump taken */
#define ST_ERROR (-1)   /* exception set; inputs on the stack are owned or NULL */
#define ST_DEOPT (-2)   /* nothing done: let the interpreter run this instruction */
/* Added by the generated code to ST_OK/ST_JUMP when a tracer turned on
   during the instruction (see status_with_tracing in compiler/lower.c). */
#define ST_TRACING 16
#define ST_UNWIND (-3)  /* exception set; unwind without adding a traceback entry
                           (ceval's `goto exception_unwind`: re-raise, RERAISE) */

/* One native activation. Lives on the C stack of the entry. */
typedef struct pyaot_ctx {
    PyThreadState *ts;
    _PyInterpreterFrame *f;
    PyObject **lp;          /* f->localsplus */
    _Py_CODEUNIT *first;    /* _PyCode_CODE(f->f_code) */
    PyObject **consts;      /* f->f_code->co_consts' items */
    PyObject *kwnames;      /* set by KW_NAMES, consumed by CALL */
    PyObject *result;       /* what the body returns after RETURN_GENERATOR / YIELD_VALUE */
    _PyCFrame cf;
    int resume;             /* entry key: 2 * (prev_instr - first) + throwflag */
    int entry_top;          /* f->stacktop on entry */
    int throwflag;          /* mode of the pending deoptimization */
    int reason;
} pyaot_ctx;

typedef PyObject *(*pyaot_body)(pyaot_ctx *);

/* One way of an instruction's cache in the artifact's writable data
   (spec_*.c), zero until the instruction first runs; each instruction
   has four. */
typedef struct pyaot_cache {
    uint64_t v1, v2;  /* the versions that keep `value` true */
    PyObject *value;  /* borrowed: alive while the versions hold */
    intptr_t aux;     /* shape and index */
} pyaot_cache;
_Static_assert(4 * sizeof(pyaot_cache) == PYAOT_CACHE_BYTES, "abi.h states the cache size");

/* Generic stubs the speculative ones fall back to. */
int pyaot_op_LOAD_GLOBAL(pyaot_ctx *c, int sp, int oparg);
int pyaot_op_STORE_ATTR(pyaot_ctx *c, int sp, int oparg);
int pyaot_op_BINARY_OP(pyaot_ctx *c, int sp, int oparg);
int pyaot_op_BINARY_SUBSCR(pyaot_ctx *c, int sp, int oparg);
int pyaot_op_STORE_SUBSCR(pyaot_ctx *c, int sp, int oparg);
int pyaot_op_FOR_ITER(pyaot_ctx *c, int sp, int oparg);
int pyaot_op_CALL(pyaot_ctx *c, int sp, int oparg);
int pyaot_op_UNPACK_SEQUENCE(pyaot_ctx *c, int sp, int oparg);

/* The per-artifact runtime slot (see abi.h). */
extern pyaot_runtime *pyaot_rt;

/* Pops a direct call's frame: the first frame of a chunk takes the chunk
   with it (runtime/datastack.c), as _PyThreadState_PopFrame does. */
static inline HOT void pyaot_pop_frame(PyThreadState *ts, _PyInterpreterFrame *f)
{
    if (__builtin_expect((PyObject **)f == &ts->datastack_chunk->data[0], 0))
        pyaot_rt->pop_chunk(ts);
    else
        ts->datastack_top = (PyObject **)f;
}

#define S(i) (c->lp[(i)])
#define NAME(i) PyTuple_GET_ITEM(c->f->f_code->co_names, (i))
#define CONST(i) (c->consts[(i)])
#define GLOBALS() (c->f->f_globals)
#define BUILTINS() (c->f->f_builtins)
#define LOCALS() (c->f->f_locals)

/* Status `r` with ST_TRACING added when a tracer is on: stubs that
   report tracing themselves (pyaot_spec_traces) after code may have run.
   Adding it twice is harmless. */
static inline HOT int pyaot_traced(pyaot_ctx *c, int r)
{
    return c->cf.use_tracing ? r | ST_TRACING : r;
}

/* Py_DECREF that says whether it freed `o`, which may have run code. */
static inline HOT int pyaot_release(PyObject *o)
{
    if (--o->ob_refcnt != 0)
        return 0;
    _Py_Dealloc(o);
    return 1;
}

/* The end of every instruction that replaces two inputs by one result:
   releases the inputs the stack owned and stores the result, or NULL
   after an error. */
static inline HOT int pyaot_replace2(pyaot_ctx *c, int sp, PyObject *a, PyObject *b, PyObject *r)
{
    Py_DECREF(a);
    Py_DECREF(b);
    S(sp - 2) = r;
    S(sp - 1) = NULL;
    return r ? ST_OK : ST_ERROR;
}

/* pyaot_replace2 for stubs that report tracing themselves: only a
   release that frees may run code. */
static inline HOT int pyaot_replace2_traced(pyaot_ctx *c, int sp, PyObject *a, PyObject *b,
                                            PyObject *r)
{
    int freed = pyaot_release(a);
    freed |= pyaot_release(b);
    S(sp - 2) = r;
    S(sp - 1) = NULL;
    int st = r ? ST_OK : ST_ERROR;
    return freed ? pyaot_traced(c, st) : st;
}

/* The end of STORE_SUBSCR once the value's reference is used up:
   releases the container and key the stack owned, and empties the three
   input slots after an error (`err` nonzero). */
static inline HOT int pyaot_store_end(pyaot_ctx *c, int sp, PyObject *container, PyObject *sub,
                                      int err)
{
    Py_DECREF(container);
    Py_DECREF(sub);
    if (err) {
        S(sp - 3) = S(sp - 2) = S(sp - 1) = NULL;
        return ST_ERROR;
    }
    return ST_OK;
}

/* The end of a CALL: the NULL or method, the callable or self and the
   `nargs` arguments at `base` are released (slots a direct call took
   over are NULL already); `r` (or NULL after an error) takes the first
   slot. */
static inline HOT int pyaot_call_end(pyaot_ctx *c, int base, int nargs, PyObject *r)
{
    for (int i = 0; i < nargs + 2; i++) {
        Py_XDECREF(S(base + i));
        S(base + i) = NULL;
    }
    S(base) = r;
    return r ? ST_OK : ST_ERROR;
}

/* Interface called by generated code (see compiler/lower.c). */
PyObject *pyaot_enter(PyThreadState *ts, _PyInterpreterFrame *f, int throwflag, pyaot_body body);
PyObject *pyaot_entry(PyThreadState *ts, _PyInterpreterFrame *f, int mode, pyaot_body body,
                      int nlocals);
PyObject *pyaot_finish_in_interpreter(pyaot_ctx *c);
void pyaot_frame_clear(_PyInterpreterFrame *frame);
void pyaot_at(pyaot_ctx *c, int pc);
PyObject *pyaot_deopt_at(pyaot_ctx *c, int pc, int sp, int reason);
/* Everything off the straight path of an instruction: `r` is the stub's
   status (ST_OK/ST_JUMP when tracing turned on). Returns the body's
   result, or PYAOT_HANDLER when an exception handler of this frame is
   ready to run natively. */
PyObject *pyaot_slow(pyaot_ctx *c, int r, const pyaot_site *s);
extern char pyaot_handler_marker;
void pyaot_trace_exception(pyaot_ctx *c);
void pyaot_trace_unwind(pyaot_ctx *c);
#define PYAOT_HANDLER ((PyObject *)&pyaot_handler_marker)
int pyaot_tracing(pyaot_ctx *c);
/* The eval breaker is set: handle signals, pending calls and GIL requests
   natively. ST_OK, ST_ERROR (exception set) or ST_DEOPT. */
int pyaot_handle_breaker(pyaot_ctx *c);
/* BINARY_OP's operation `op` (an NB_* oparg) on borrowed operands. */
PyObject *pyaot_number_op(int op, PyObject *a, PyObject *b);
/* BINARY_OP's in-place str append (ops_basic.c): 1 with *status when it
   applied, 0 to take the operation as usual. */
int pyaot_str_append(pyaot_ctx *c, int sp, int oparg, int *status);
int pyaot_binary_dunder(pyaot_ctx *c, int op, PyObject *a, PyObject *b, void *cache,
                        PyObject **out);
/* A call of a compiled Python function made without vectorcall or the
   hook (call_direct.c): 1 with the result in *out, 0 when not applicable. */
int pyaot_call_direct(pyaot_ctx *c, PyObject *callable, PyObject **args, int nargs,
                      PyObject **out);
/* A speculative stub's guess failed at the current instruction (its
   cache gave up for good when `gave_up`): counted when stats are on. */
void pyaot_guard_failed(pyaot_ctx *c, int gave_up);
static inline HOT void pyaot_guard_miss(pyaot_ctx *c, int gave_up)
{
    if (__builtin_expect(pyaot_rt->stats_enabled, 0))
        pyaot_guard_failed(c, gave_up);
}
/* The native entry of `co` when it has one and direct calls are on
   (the runtime is enabled), else NULL. */
typedef PyObject *(*pyaot_entry_fn)(PyThreadState *, _PyInterpreterFrame *, int);
static inline HOT pyaot_code_rec *pyaot_native_rec(PyCodeObject *co)
{
    intptr_t idx = pyaot_rt->extra_index;
    pyaot_code_extra *x = co->co_extra;
    if (x == NULL || idx < 0 || x->ce_size <= idx)
        return NULL;
    void *rec = x->ce_extras[idx];
    return rec == NULL || rec == PYAOT_CHECKED ? NULL : rec;
}
/* Resumes a generator or coroutine that has native code (gen.c):
   PYGEN_NEXT/RETURN with *out, PYGEN_ERROR, or PYAOT_NOT_NATIVE. */
#define PYAOT_NOT_NATIVE (-2)
int pyaot_gen_send(pyaot_ctx *c, PyObject *recv, PyObject *arg, PyObject **out);
int pyaot_gen_for_iter(pyaot_ctx *c, int sp, int *status);
int pyaot_call_c(PyObject *callable, PyObject **args, int nargs, PyObject **out);
int pyaot_call_c_kw(PyObject *callable, PyObject **args, int nargs, PyObject *kwnames,
                    PyObject **out);
int pyaot_call_builtin(pyaot_ctx *c, PyObject *callable, PyObject **args, int nargs, PyObject **out);

#endif
