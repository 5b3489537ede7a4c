/* The tracer's view of an exception in a native frame. Native code never
   runs while a tracer is installed, but a callee can install one and then
   raise into this frame: the interpreter would report the 'exception'
   event here, and a 'return' event if the exception leaves the frame.
   Its helpers are private, so the calls are rebuilt from the same public
   pieces (frame object, line number, the tracing guard). */
#include "stubs.h"

static int call_tracer(pyaot_ctx *c, Py_tracefunc func, PyObject *obj, int what, PyObject *arg)
{
    PyThreadState *ts = c->ts;
    if (ts->tracing || _PyFrame_IsIncomplete(c->f))
        return 0;
    PyFrameObject *fo = PyEval_GetFrame();
    if (fo == NULL)
        return -1;
    int old_what = ts->tracing_what;
    ts->tracing_what = what;
    PyThreadState_EnterTracing(ts);
    fo->f_lineno = PyCode_Addr2Line(c->f->f_code,
                                    _PyInterpreterFrame_LASTI(c->f) * (int)sizeof(_Py_CODEUNIT));
    int r = func(obj, fo, what, arg);
    fo->f_lineno = 0;
    PyThreadState_LeaveTracing(ts);
    ts->tracing_what = old_what;
    return r;
}

/* The 'exception' event, with the pending exception normalized. */
void pyaot_trace_exception(pyaot_ctx *c)
{
    PyThreadState *ts = c->ts;
    PyObject *type, *value, *tb;
    _PyErr_Fetch(ts, &type, &value, &tb);
    if (value == NULL)
        value = Py_NewRef(Py_None);
    _PyErr_NormalizeException(ts, &type, &value, &tb);
    PyObject *arg = PyTuple_Pack(3, type, value, tb != NULL ? tb : Py_None);
    if (arg == NULL) {
        _PyErr_Restore(ts, type, value, tb);
        return;
    }
    int err = call_tracer(c, ts->c_tracefunc, ts->c_traceobj, PyTrace_EXCEPTION, arg);
    Py_DECREF(arg);
    if (err == 0) {
        _PyErr_Restore(ts, type, value, tb);
    }
    else {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    }
}

/* A tracer call that keeps the pending exception unless it raises. */
static int call_protected(pyaot_ctx *c, Py_tracefunc func, PyObject *obj)
{
    PyObject *type, *value, *tb;
    _PyErr_Fetch(c->ts, &type, &value, &tb);
    if (call_tracer(c, func, obj, PyTrace_RETURN, NULL) == 0) {
        _PyErr_Restore(c->ts, type, value, tb);
        return 0;
    }
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return -1;
}

/* The 'return' events of a frame the exception is leaving. */
void pyaot_trace_unwind(pyaot_ctx *c)
{
    PyThreadState *ts = c->ts;
    if (ts->c_tracefunc != NULL && call_protected(c, ts->c_tracefunc, ts->c_traceobj) < 0)
        return;
    if (ts->c_profilefunc != NULL)
        call_protected(c, ts->c_profilefunc, ts->c_profileobj);
}
