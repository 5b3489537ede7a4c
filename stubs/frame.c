/* Native frame entry, exit and deoptimization: the bookkeeping that
   _PyEval_EvalFrameDefault does on entry and return, done the same way so
   that the interpreter can take the frame over at any instruction. */
#include "stubs.h"

#include <pthread.h>

pyaot_runtime *pyaot_rt;

/* Returned by a body instead of a result: "finish this frame in the
   interpreter", with the mode in ctx->throwflag. */
static char deopt_marker;
#define DEOPT_MARK ((PyObject *)&deopt_marker)

/* With the eval-frame hook every Python call nests on the C stack, and a
   large sys.setrecursionlimit() would let deep recursion overflow it.
   Refuse to enter below this floor; computed once per thread. */
static __thread uintptr_t stack_floor;

static uintptr_t compute_stack_floor(void)
{
    pthread_attr_t attr;
    void *lo;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 1;
    int err = pthread_attr_getstack(&attr, &lo, &size);
    pthread_attr_destroy(&attr);
    if (err != 0)
        return 1;
    size_t margin = size / 8;
    if (margin > (size_t)256 * 1024)
        margin = (size_t)256 * 1024;
    return (uintptr_t)lo + margin;
}

/* Reading the thread-local floor costs a call into the dynamic linker
   from an artifact, on every entry; the runtime keeps the floor of the
   last thread that entered, which under the GIL is nearly always this one. */
static int c_stack_exhausted(PyThreadState *ts)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    pyaot_runtime *rt = pyaot_rt;
    if (__builtin_expect(rt->floor_ts != ts || rt->floor_thread != ts->thread_id, 0)) {
        if (stack_floor == 0)
            stack_floor = compute_stack_floor();
        rt->floor_ts = ts;
        rt->floor_thread = ts->thread_id;
        rt->floor = stack_floor;
    }
    return here < rt->floor;
}

#define GEN_FLAGS (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)

static void clear_and_pop(PyThreadState *ts, _PyInterpreterFrame *frame);
static HOT void frame_clear_n(_PyInterpreterFrame *frame, int nlocals);

/* Runs `body` on frame `f`, which the caller linked into nothing yet:
   the interpreter's entry bookkeeping around it, and the interpreter
   itself when the body deoptimizes. The frame is left for the caller to
   clear, unless `pop` (a direct call's frame): then it is cleared and
   popped here. */
static HOT PyObject *run(PyThreadState *ts, _PyInterpreterFrame *f, int throwflag, int pos,
                         pyaot_body body, int pop, int nlocals)
{
    pyaot_ctx c;
    _PyCFrame *prev = ts->cframe;
    c.cf.use_tracing = prev->use_tracing;
    c.cf.previous = prev;
    ts->cframe = &c.cf;
    f->is_entry = true;
    f->previous = prev->current_frame;
    c.cf.current_frame = f;
    if (_Py_EnterRecursiveCallTstate(ts, "")) {
        /* Mirrors the interpreter's accounting for a refused entry. */
        ts->recursion_remaining--;
        _Py_LeaveRecursiveCallTstate(ts);
        ts->cframe = prev;
        prev->use_tracing = c.cf.use_tracing;
        if (pop)
            clear_and_pop(ts, f);
        return NULL;
    }
    c.ts = ts;
    c.f = f;
    c.lp = f->localsplus;
    c.first = _PyCode_CODE(f->f_code);
    c.consts = _PyTuple_ITEMS(f->f_code->co_consts);
    c.kwnames = NULL;
    c.result = NULL;
    c.resume = 2 * pos + (throwflag != 0);
    c.throwflag = 0;
    c.reason = 0;
    /* As in the interpreter, a running frame's stack is not published:
       the collector traverses a running generator's frame up to
       stacktop, and native code pops without clearing slots. Every exit
       sets it again. */
    c.entry_top = f->stacktop;
    f->stacktop = -1;

    PyObject *r = body(&c);

    ts->cframe = prev;
    prev->use_tracing = c.cf.use_tracing;
    if (__builtin_expect(r == DEOPT_MARK, 0)) {
        _Py_LeaveRecursiveCallTstate(ts);
        r = pyaot_finish_in_interpreter(&c);
        if (pop)
            clear_and_pop(ts, f);
        return r;
    }
    /* Cleared one level deeper than the caller, as
       _PyEvalFrameClearAndPop does: that level is still entered. */
    if (pop)
        frame_clear_n(f, nlocals);
    _Py_LeaveRecursiveCallTstate(ts);
    if (pop)
        pyaot_pop_frame(ts, f);
    return r;
}

/* The body gave up: the interpreter redoes the entry bookkeeping undone
   above and runs the frame from where the body left it. */
__attribute__((noinline)) PyObject *pyaot_finish_in_interpreter(pyaot_ctx *c)
{
    _PyInterpreterFrame *f = c->f;
    if (pyaot_rt != NULL && pyaot_rt->stats_enabled)
        pyaot_rt->record_deopt(f->f_code, (int)(f->prev_instr - c->first) + !c->throwflag,
                               c->reason);
    return _PyEval_EvalFrameDefault(c->ts, f, c->throwflag);
}

PyObject *pyaot_enter(PyThreadState *ts, _PyInterpreterFrame *f, int throwflag, pyaot_body body)
{
    PyCodeObject *co = f->f_code;
    int pos = (int)(f->prev_instr - _PyCode_CODE(co));
    /* Only generator frames resume; traced frames belong to the interpreter. */
    if (ts->cframe->use_tracing || (!(co->co_flags & GEN_FLAGS) && (throwflag || pos != -1)))
        return _PyEval_EvalFrameDefault(ts, f, throwflag);
    if (c_stack_exhausted(ts)) {
        if (throwflag)
            return _PyEval_EvalFrameDefault(ts, f, throwflag);
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    return run(ts, f, throwflag, pos, body, 0, 0);
}

/* frame.c's take_ownership: a frame object still referenced after the
   frame ends gets its own copy of the frame and a link to the caller's. */
static void keep_frame_object(PyFrameObject *fo, _PyInterpreterFrame *frame)
{
    Py_ssize_t size = (char *)&frame->localsplus[frame->stacktop] - (char *)frame;
    _PyInterpreterFrame *copy = (_PyInterpreterFrame *)fo->_f_frame_data;
    memcpy(copy, frame, (size_t)size);
    fo->f_frame = copy;
    copy->owner = FRAME_OWNED_BY_FRAME_OBJECT;
    if (_PyFrame_IsIncomplete(copy)) /* dead anyway: as if its RESUME ran */
        copy->prev_instr = _PyCode_CODE(copy->f_code) + copy->f_code->_co_firsttraceable;
    _PyInterpreterFrame *prev = copy->previous;
    while (prev != NULL && _PyFrame_IsIncomplete(prev))
        prev = prev->previous;
    if (prev != NULL) {
        /* The caller is the current frame again: PyEval_GetFrame makes
           (or finds) its frame object. */
        PyFrameObject *back = prev == PyThreadState_Get()->cframe->current_frame
                                  ? PyEval_GetFrame()
                                  : prev->frame_obj;
        if (back != NULL) /* NULL only when out of memory, as in CPython */
            fo->f_back = (PyFrameObject *)Py_NewRef(back);
        copy->previous = NULL;
    }
    if (!_PyObject_GC_IS_TRACKED((PyObject *)fo))
        _PyObject_GC_TRACK((PyObject *)fo);
}

/* The frame has a frame object: 1 when the object outlives the frame and
   took the frame's contents over (see keep_frame_object). */
static __attribute__((noinline)) int release_frame_object(_PyInterpreterFrame *frame)
{
    PyFrameObject *fo = frame->frame_obj;
    frame->frame_obj = NULL;
    int kept = Py_REFCNT(fo) > 1;
    if (kept)
        keep_frame_object(fo, frame);
    Py_DECREF(fo);
    return kept;
}

/* _PyFrame_Clear, which the interpreter does not export, for a frame
   that usually holds just its `nlocals` locals (a constant where it is
   inlined into an entry: the loop unrolls). */
static HOT void frame_clear_n(_PyInterpreterFrame *frame, int nlocals)
{
    if (frame->frame_obj != NULL && release_frame_object(frame))
        return;
    int top = frame->stacktop;
    if (top == nlocals)
        for (int i = 0; i < nlocals; i++)
            Py_XDECREF(frame->localsplus[i]);
    else
        for (int i = 0; i < top; i++)
            Py_XDECREF(frame->localsplus[i]);
    Py_XDECREF(frame->f_locals);
    Py_DECREF(frame->f_func);
    Py_DECREF(frame->f_code);
}

HOT void pyaot_frame_clear(_PyInterpreterFrame *frame)
{
    frame_clear_n(frame, frame->stacktop);
}

/* _PyEvalFrameClearAndPop for a frame pushed in the current chunk. */
static HOT void clear_and_pop(PyThreadState *ts, _PyInterpreterFrame *frame)
{
    ts->recursion_remaining--;
    pyaot_frame_clear(frame);
    ts->recursion_remaining++;
    pyaot_pop_frame(ts, frame);
}

/* Every native entry: mode 0 or 1 comes from the eval-frame hook (the
   throwflag); PYAOT_DIRECT from a direct call (call_direct.c), with a
   fresh frame of a plain function that this entry also clears and pops,
   tracing off (the caller checked). `nlocals` is the code's co_nlocalsplus. */
HOT PyObject *pyaot_entry(PyThreadState *ts, _PyInterpreterFrame *f, int mode, pyaot_body body,
                         int nlocals)
{
    if (mode != PYAOT_DIRECT)
        return pyaot_enter(ts, f, mode, body);
    if (__builtin_expect(!c_stack_exhausted(ts), 1))
        return run(ts, f, 0, -1, body, 1, nlocals);
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
    clear_and_pop(ts, f);
    return NULL;
}

/* Where callees, tracebacks and warnings look for the current line. */
HOT void pyaot_at(pyaot_ctx *c, int pc)
{
    c->f->prev_instr = c->first + pc;
}

HOT int pyaot_tracing(pyaot_ctx *c)
{
    return c->cf.use_tracing;
}

HOT int pyaot_eval_breaker(pyaot_ctx *c)
{
    return _Py_atomic_load_relaxed(&c->ts->interp->ceval.eval_breaker);
}

/* Resume in the interpreter at the instruction that starts at `pc`
   (its EXTENDED_ARG prefix included), with `sp` stack slots live. */
PyObject *pyaot_deopt_at(pyaot_ctx *c, int pc, int sp, int reason)
{
    c->f->prev_instr = c->first + pc - 1;
    c->f->stacktop = sp;
    c->throwflag = 0;
    c->reason = reason;
    return DEOPT_MARK;
}

/* RETURN_VALUE: the caller clears the frame, so leave the stack empty. */
PyObject *pyaot_return(pyaot_ctx *c, int sp)
{
    PyObject *v = c->lp[sp - 1];
    c->f->stacktop = sp - 1;
    return v;
}

/* A generator resumed at a point the compiled code does not know (it was
   suspended by the interpreter after a deoptimization): the interpreter
   continues it from where it stands. */
PyObject *pyaot_resume_interp(pyaot_ctx *c)
{
    c->throwflag = c->resume & 1;
    c->reason = PYAOT_DEOPT_UNSUPPORTED;
    c->f->stacktop = c->entry_top;
    return DEOPT_MARK;
}

char pyaot_handler_marker;

/* The interpreter's error path, done natively: traceback entry, then
   unwinding to this frame's handler (the compiler found it in the
   exception table) or out of the frame. */
static PyObject *unwind(pyaot_ctx *c, int r, const pyaot_site *s)
{
    PyThreadState *ts = c->ts;
    _PyInterpreterFrame *f = c->f;
    /* A callee may have installed a tracer: it sees this frame's events. */
    int traced = c->cf.use_tracing != 0;
    if (r == ST_ERROR) {
        f->prev_instr = c->first + s->unit;
        if (!_PyErr_Occurred(ts))
            _PyErr_SetString(ts, PyExc_SystemError, "error return without exception set");
        if (!_PyFrame_IsIncomplete(f)) {
            PyFrameObject *fo = PyEval_GetFrame();
            if (fo != NULL)
                PyTraceBack_Here(fo);
            else if (!_PyErr_Occurred(ts))
                PyErr_NoMemory();
        }
        if (ts->c_tracefunc != NULL)
            pyaot_trace_exception(c);
    }
    int base = s->level >= 0 ? s->level : f->f_code->co_nlocalsplus;
    for (int i = s->sp - 1; i >= base; i--)
        Py_CLEAR(c->lp[i]);
    if (s->level < 0) {
        f->stacktop = base;
        if (traced)
            pyaot_trace_unwind(c);
        return NULL;
    }
    if (s->lasti) {
        PyObject *lasti;
        while ((lasti = PyLong_FromLong((long)(f->prev_instr - c->first))) == NULL)
            ; /* as the interpreter does: retry with the new error pending */
        c->lp[base++] = lasti;
    }
    PyObject *type, *val, *tb;
    _PyErr_Fetch(ts, &type, &val, &tb);
    _PyErr_NormalizeException(ts, &type, &val, &tb);
    PyException_SetTraceback(val, tb != NULL ? tb : Py_None);
    Py_XDECREF(tb);
    Py_XDECREF(type);
    c->lp[base] = val;
    if (traced) {
        /* The handler runs in the interpreter, which reports its lines. */
        f->prev_instr = c->first + s->handler - 1;
        f->stacktop = base + 1;
        c->throwflag = 0;
        c->reason = PYAOT_DEOPT_TRACING;
        return DEOPT_MARK;
    }
    return PYAOT_HANDLER;
}

__attribute__((noinline, cold)) PyObject *pyaot_slow(pyaot_ctx *c, int r, const pyaot_site *s)
{
    switch (r) {
    case ST_DEOPT:
        return pyaot_deopt_at(c, s->start, s->sp, s->reason);
    case ST_OK | ST_TRACING:
        return pyaot_deopt_at(c, s->next, s->next_sp, PYAOT_DEOPT_TRACING);
    case ST_JUMP | ST_TRACING:
        return pyaot_deopt_at(c, s->target, s->target_sp, PYAOT_DEOPT_TRACING);
    default:
        return unwind(c, r, s);
    }
}

/* YIELD_VALUE and RETURN_GENERATOR leave their result here. */
HOT PyObject *pyaot_result(pyaot_ctx *c)
{
    return c->result;
}

HOT int pyaot_resume_key(pyaot_ctx *c)
{
    return c->resume;
}
