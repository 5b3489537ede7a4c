/* The eval breaker, handled inside native code the way the interpreter
   handles it at RESUME and backward jumps: signals and pending calls,
   a requested GIL hand-over, then an asynchronous exception. The
   interpreter's own handler is not exported; each step has a public
   equivalent except the async-exception bookkeeping, redone here. */
#include "stubs.h"

#include "internal/pycore_runtime.h"

/* The interpreter's rule for who may run signal handlers and pending
   calls: the main thread of the main interpreter. */
static int main_thread_of_main_interp(PyInterpreterState *interp)
{
    return PyThread_get_thread_ident() == _PyRuntime.main_thread &&
           interp == _PyRuntime.interpreters.main;
}

/* Recompute the breaker once the async-exception request is consumed,
   from the same four sources the interpreter combines. */
static void recompute_breaker(PyInterpreterState *interp)
{
    struct _ceval_state *ce = &interp->ceval;
    int can = main_thread_of_main_interp(interp);
    int v = _Py_atomic_load_relaxed(&ce->gil_drop_request) |
            (_Py_atomic_load_relaxed(&_PyRuntime.ceval.signals_pending) && can) |
            (_Py_atomic_load_relaxed(&ce->pending.calls_to_do) && can) | ce->pending.async_exc;
    _Py_atomic_store_relaxed(&ce->eval_breaker, v);
}

__attribute__((noinline)) int pyaot_handle_breaker(pyaot_ctx *c)
{
    PyThreadState *ts = c->ts;
    PyInterpreterState *interp = ts->interp;
    /* Signal handlers and pending calls (a no-op off the main thread). */
    if (Py_MakePendingCalls() < 0)
        return ST_ERROR;
    if (_Py_atomic_load_relaxed(&interp->ceval.gil_drop_request)) {
        /* Let the thread that asked for the GIL run. */
        PyThreadState *saved = PyEval_SaveThread();
        PyEval_RestoreThread(saved);
    }
    if (ts->async_exc != NULL) {
        PyObject *exc = ts->async_exc;
        ts->async_exc = NULL;
        interp->ceval.pending.async_exc = 0;
        recompute_breaker(interp);
        _PyErr_SetNone(ts, exc);
        Py_DECREF(exc);
        return ST_ERROR;
    }
    return ST_OK;
}
