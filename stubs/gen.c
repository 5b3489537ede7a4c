/* Generators and coroutines natively: creating the generator object at
   RETURN_GENERATOR, suspending at YIELD_VALUE, delegating with SEND.
   A generator's frame re-enters through pyaot_enter on every resume and
   the compiled body jumps to the resume point (see compiler/lower.c). */
#include "stubs.h"

#include "internal/pycore_frame.h"

/* sys.set_coroutine_origin_tracking_depth(): (file, line, name) of up to
   `depth` frames, starting with the caller of the coroutine function. */
static PyObject *coroutine_origin(int depth, _PyInterpreterFrame *from)
{
    int n = 0;
    for (_PyInterpreterFrame *f = from; f != NULL && n < depth; f = f->previous)
        n++;
    PyObject *origin = PyTuple_New(n);
    if (origin == NULL)
        return NULL;
    _PyInterpreterFrame *f = from;
    for (int i = 0; i < n; i++, f = f->previous) {
        PyCodeObject *code = f->f_code;
        int line = PyCode_Addr2Line(code, _PyInterpreterFrame_LASTI(f) * (int)sizeof(_Py_CODEUNIT));
        PyObject *info = Py_BuildValue("OiO", code->co_filename, line, code->co_name);
        if (info == NULL) {
            Py_DECREF(origin);
            return NULL;
        }
        PyTuple_SET_ITEM(origin, i, info);
    }
    return origin;
}

/* What the interpreter does at RETURN_GENERATOR: a new generator,
   coroutine or async generator takes over this frame's contents and is
   returned to the caller, which then clears the emptied frame. */
int pyaot_op_RETURN_GENERATOR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    _PyInterpreterFrame *f = c->f;
    PyCodeObject *co = f->f_code;
    PyTypeObject *type;
    switch (co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
    case CO_GENERATOR:
        type = &PyGen_Type;
        break;
    case CO_ASYNC_GENERATOR:
        type = &PyAsyncGen_Type;
        break;
    case CO_COROUTINE:
        type = &PyCoro_Type;
        break;
    default:
        return ST_DEOPT;
    }
    PyFunctionObject *func = f->f_func;
    PyGenObject *gen = PyObject_GC_NewVar(PyGenObject, type, co->co_nlocalsplus + co->co_stacksize);
    if (gen == NULL)
        return ST_ERROR;
    gen->gi_code = (PyCodeObject *)Py_NewRef(co);
    gen->gi_weakreflist = NULL;
    gen->gi_name = Py_NewRef(func->func_name);
    gen->gi_qualname = Py_NewRef(func->func_qualname);
    gen->gi_exc_state.exc_value = NULL;
    gen->gi_exc_state.previous_item = NULL;
    gen->gi_origin_or_finalizer = NULL;
    gen->gi_hooks_inited = 0;
    gen->gi_closed = 0;
    gen->gi_running_async = 0;
    gen->gi_frame_state = FRAME_CLEARED; /* no frame until the copy below */
    _PyObject_GC_TRACK(gen);
    int depth = c->ts->coroutine_origin_tracking_depth;
    if (type == &PyCoro_Type && depth > 0) {
        gen->gi_origin_or_finalizer = coroutine_origin(depth, f->previous);
        if (gen->gi_origin_or_finalizer == NULL) {
            Py_DECREF(gen);
            return ST_ERROR;
        }
    }

    /* Move the frame (locals, empty stack) into the generator. */
    _PyInterpreterFrame *gf = (_PyInterpreterFrame *)gen->gi_iframe;
    memcpy(gf, f, (size_t)((char *)&f->localsplus[sp] - (char *)f));
    gf->stacktop = sp;
    gf->previous = NULL;
    gf->owner = FRAME_OWNED_BY_GENERATOR;
    gen->gi_frame_state = FRAME_CREATED;
    /* The caller clears this frame: leave it nothing but its own
       references to the function and code. */
    f->stacktop = 0;
    f->f_locals = NULL;
    Py_INCREF(f->f_func);
    Py_INCREF(f->f_code);
    c->result = (PyObject *)gen;
    return ST_OK;
}

HOT int pyaot_op_YIELD_VALUE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    c->result = S(sp - 1);
    _PyFrame_GetGenerator(c->f)->gi_frame_state = FRAME_SUSPENDED;
    c->f->stacktop = sp - 1;
    return ST_OK;
}

/* The end of a resume in which the generator returned or raised:
   gen_send_ex2's tail. A None returned to next() (no `arg`) is reported
   as PYGEN_ERROR with no exception, as gen_iternext expects. */
static __attribute__((noinline)) int gen_finished(PyGenObject *gen, PyObject *arg,
                                                  PyObject *result, PyObject **out)
{
    if (result != NULL) {
        if (result == Py_None && arg == NULL)
            Py_CLEAR(result);
    }
    else if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
        _PyErr_FormatFromCause(PyExc_RuntimeError, "%s",
                               PyCoro_CheckExact(gen) ? "coroutine raised StopIteration"
                                                      : "generator raised StopIteration");
    }
    Py_CLEAR(gen->gi_exc_state.exc_value);
    gen->gi_frame_state = FRAME_CLEARED;
    pyaot_frame_clear((_PyInterpreterFrame *)gen->gi_iframe);
    *out = result;
    return result != NULL ? PYGEN_RETURN : PYGEN_ERROR;
}

/* A generator or coroutine whose code is native, resumed as gen_send_ex2
   does it but entering the native code itself, without PyIter_Send,
   _PyEval_EvalFrame and the eval-frame hook. `arg` is borrowed: the value
   sent, or NULL from next(). PYAOT_NOT_NATIVE, touching nothing, for
   anything else: other types, a tracer, a running or finished generator,
   a non-None value sent to a new one (the ordinary path raises what it
   must). */
int pyaot_gen_send(pyaot_ctx *c, PyObject *recv, PyObject *arg, PyObject **out)
{
    PyTypeObject *tp = Py_TYPE(recv);
    if ((tp != &PyGen_Type && tp != &PyCoro_Type) || c->cf.use_tracing)
        return PYAOT_NOT_NATIVE;
    PyGenObject *gen = (PyGenObject *)recv;
    int state = gen->gi_frame_state;
    if (state >= FRAME_EXECUTING || (state == FRAME_CREATED && arg != NULL && arg != Py_None))
        return PYAOT_NOT_NATIVE;
    pyaot_code_rec *rec = pyaot_native_rec(gen->gi_code);
    if (rec == NULL)
        return PYAOT_NOT_NATIVE;
    PyThreadState *ts = c->ts;
    _PyInterpreterFrame *frame = (_PyInterpreterFrame *)gen->gi_iframe;
    _PyFrame_StackPush(frame, Py_NewRef(arg != NULL ? arg : Py_None));
    frame->previous = c->f;
    gen->gi_exc_state.previous_item = ts->exc_info;
    ts->exc_info = &gen->gi_exc_state;
    gen->gi_frame_state = FRAME_EXECUTING;
    PyObject *result = ((pyaot_entry_fn)rec->entry)(ts, frame, 0);
    if (gen->gi_frame_state == FRAME_EXECUTING)
        gen->gi_frame_state = FRAME_COMPLETED;
    ts->exc_info = gen->gi_exc_state.previous_item;
    gen->gi_exc_state.previous_item = NULL;
    frame->previous = NULL;
    if (result != NULL && gen->gi_frame_state == FRAME_SUSPENDED) {
        *out = result;
        return PYGEN_NEXT;
    }
    return gen_finished(gen, arg, result, out);
}

/* Tracing never reaches native code, so this is the interpreter's
   untraced path: PyIter_Send, or the native resume when it applies. */
int pyaot_op_SEND(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 1), *receiver = S(sp - 2), *retval;
    int st = pyaot_gen_send(c, receiver, v, &retval);
    if (st == PYAOT_NOT_NATIVE)
        st = PyIter_Send(receiver, v, &retval);
    Py_DECREF(v);
    if (st == PYGEN_ERROR) {
        S(sp - 1) = NULL;
        return ST_ERROR;
    }
    if (st == PYGEN_RETURN) {
        Py_DECREF(receiver);
        S(sp - 2) = retval;
        return ST_JUMP;
    }
    S(sp - 1) = retval;
    return ST_OK;
}

/* FOR_ITER over a generator with native code: 1 with *status ST_OK and
   the value pushed, ST_JUMP when exhausted (iterator popped; a returned
   value is dropped, as the interpreter drops its StopIteration), or
   ST_ERROR; 0, touching nothing, when the ordinary path must run. */
int pyaot_gen_for_iter(pyaot_ctx *c, int sp, int *status)
{
    PyObject *it = S(sp - 1), *v;
    int st = pyaot_gen_send(c, it, NULL, &v);
    if (st == PYAOT_NOT_NATIVE)
        return 0;
    if (st == PYGEN_NEXT) {
        S(sp) = v;
        *status = ST_OK;
    }
    else if (st == PYGEN_ERROR && PyErr_Occurred()) {
        *status = ST_ERROR;
    }
    else {
        Py_XDECREF(v);
        Py_DECREF(it);
        S(sp - 1) = NULL;
        *status = ST_JUMP;
    }
    return 1;
}
