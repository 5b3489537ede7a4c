/* Coroutines and asynchronous iteration: await, async for, the values an
   async generator yields, and `yield from`'s iterator. */
#include "stubs.h"

/* A generator whose code is marked by types.coroutine(). */
static int is_iterable_coroutine(PyObject *o)
{
    return PyGen_CheckExact(o) &&
           (((PyGenObject *)o)->gi_code->co_flags & CO_ITERABLE_COROUTINE) != 0;
}

/* What `await o` iterates: o itself for a coroutine, else o.__await__(),
   which must be an iterator but not a coroutine. */
static PyObject *awaitable_iter(PyObject *o)
{
    if (PyCoro_CheckExact(o) || is_iterable_coroutine(o))
        return Py_NewRef(o);
    PyTypeObject *t = Py_TYPE(o);
    unaryfunc getter = t->tp_as_async != NULL ? t->tp_as_async->am_await : NULL;
    if (getter == NULL) {
        PyErr_Format(PyExc_TypeError, "object %.100s can't be used in 'await' expression",
                     t->tp_name);
        return NULL;
    }
    PyObject *r = getter(o);
    if (r == NULL)
        return NULL;
    if (PyCoro_CheckExact(r) || is_iterable_coroutine(r)) {
        PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
        Py_DECREF(r);
        return NULL;
    }
    if (!PyIter_Check(r)) {
        PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'",
                     Py_TYPE(r)->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    return r;
}

/* Whether the suspended coroutine `gen` is inside an await/yield from: it
   then sits just before a RESUME with oparg >= 2, its delegate on top of
   its stack. */
static int delegating(PyGenObject *gen)
{
    if (gen->gi_frame_state >= FRAME_CLEARED || gen->gi_frame_state == FRAME_CREATED)
        return 0;
    _PyInterpreterFrame *frame = (_PyInterpreterFrame *)gen->gi_iframe;
    _Py_CODEUNIT next = frame->prev_instr[1];
    int op = _Py_OPCODE(next);
    return (op == RESUME || op == RESUME_QUICK) && _Py_OPARG(next) >= 2 &&
           _PyFrame_StackPeek(frame) != NULL;
}

/* [obj] -> [iterator to await]. oparg 1 and 2 say the object came from
   __aenter__ or __aexit__, which words the error. */
int pyaot_op_GET_AWAITABLE(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *obj = S(sp - 1);
    PyObject *it = awaitable_iter(obj);
    if (it == NULL) {
        PyTypeObject *t = Py_TYPE(obj);
        if ((t->tp_as_async == NULL || t->tp_as_async->am_await == NULL) &&
            (oparg == 1 || oparg == 2))
            PyErr_Format(PyExc_TypeError,
                         "'async with' received an object from %s "
                         "that does not implement __await__: %.100s",
                         oparg == 1 ? "__aenter__" : "__aexit__", t->tp_name);
    }
    Py_DECREF(obj);
    if (it != NULL && PyCoro_CheckExact(it) && delegating((PyGenObject *)it)) {
        Py_CLEAR(it);
        PyErr_SetString(PyExc_RuntimeError, "coroutine is being awaited already");
    }
    S(sp - 1) = it;
    return it != NULL ? ST_OK : ST_ERROR;
}

/* [obj] -> [obj.__aiter__()], which must have __anext__. */
int pyaot_op_GET_AITER(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *obj = S(sp - 1);
    PyTypeObject *t = Py_TYPE(obj);
    unaryfunc getter = t->tp_as_async != NULL ? t->tp_as_async->am_aiter : NULL;
    S(sp - 1) = NULL;
    if (getter == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' requires an object with __aiter__ method, got %.100s",
                     t->tp_name);
        Py_DECREF(obj);
        return ST_ERROR;
    }
    PyObject *it = getter(obj);
    Py_DECREF(obj);
    if (it == NULL)
        return ST_ERROR;
    PyTypeObject *it_type = Py_TYPE(it);
    if (it_type->tp_as_async == NULL || it_type->tp_as_async->am_anext == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' received an object from __aiter__ "
                     "that does not implement __anext__: %.100s",
                     it_type->tp_name);
        Py_DECREF(it);
        return ST_ERROR;
    }
    S(sp - 1) = it;
    return ST_OK;
}

/* [aiter] -> [aiter, awaitable of aiter.__anext__()] */
int pyaot_op_GET_ANEXT(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *aiter = S(sp - 1);
    PyTypeObject *t = Py_TYPE(aiter);
    PyObject *awaitable;
    if (PyAsyncGen_CheckExact(aiter)) {
        awaitable = t->tp_as_async->am_anext(aiter);
        if (awaitable == NULL)
            return ST_ERROR;
    }
    else {
        unaryfunc getter = t->tp_as_async != NULL ? t->tp_as_async->am_anext : NULL;
        if (getter == NULL) {
            PyErr_Format(PyExc_TypeError,
                         "'async for' requires an iterator with __anext__ method, got %.100s",
                         t->tp_name);
            return ST_ERROR;
        }
        PyObject *next = getter(aiter);
        if (next == NULL)
            return ST_ERROR;
        awaitable = awaitable_iter(next);
        if (awaitable == NULL)
            _PyErr_FormatFromCause(PyExc_TypeError,
                                   "'async for' received an invalid object from __anext__: %.100s",
                                   Py_TYPE(next)->tp_name);
        Py_DECREF(next);
        if (awaitable == NULL)
            return ST_ERROR;
    }
    S(sp) = awaitable;
    return ST_OK;
}

/* Layout of the async generator's wrapper for yielded values
   (genobject.c), which tells them apart from awaited values. */
typedef struct {
    PyObject_HEAD
    PyObject *agw_val;
} wrapped_value;

int pyaot_op_ASYNC_GEN_WRAP(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 1);
    wrapped_value *w = PyObject_GC_New(wrapped_value, &_PyAsyncGenWrappedValue_Type);
    if (w == NULL)
        return ST_ERROR;
    w->agw_val = v; /* takes the stack's reference */
    PyObject_GC_Track(w);
    S(sp - 1) = (PyObject *)w;
    return ST_OK;
}

/* [obj] -> [iterator for yield from / await]: generators and coroutines
   are kept as they are, but only coroutines may await a coroutine. */
int pyaot_op_GET_YIELD_FROM_ITER(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *obj = S(sp - 1);
    if (PyCoro_CheckExact(obj)) {
        if (!(c->f->f_code->co_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
            Py_DECREF(obj);
            S(sp - 1) = NULL;
            PyErr_SetString(PyExc_TypeError,
                            "cannot 'yield from' a coroutine object in a non-coroutine generator");
            return ST_ERROR;
        }
        return ST_OK;
    }
    if (PyGen_CheckExact(obj))
        return ST_OK;
    PyObject *it = PyObject_GetIter(obj);
    Py_DECREF(obj);
    S(sp - 1) = it;
    return it != NULL ? ST_OK : ST_ERROR;
}
