/* Number facts shared by the speculative stubs (spec_num.c) and the
   unboxed tier's helpers (unboxed.c): what a compact int is, and the
   float operations whose results are exactly CPython's. */
#ifndef PYAOT_NUMBERS_H
#define PYAOT_NUMBERS_H

#include "stubs.h"

#include "internal/pycore_long.h"

#include <float.h>
#include <math.h>

/* An exact int of at most one 30-bit digit. */
static inline HOT int compact(PyObject *v)
{
    return PyLong_CheckExact(v) && (size_t)(Py_SIZE(v) + 1) < 3;
}

static inline HOT int64_t compact_value(PyObject *v)
{
    return (int64_t)Py_SIZE(v) * (int64_t)((PyLongObject *)v)->ob_digit[0];
}

/* The ints the interpreter always shares (-5..256). */
static inline HOT int is_small_int(int64_t v)
{
    return v >= -_PY_NSMALLNEGINTS && v < _PY_NSMALLPOSINTS;
}

/* PyLong_FromLongLong with the small-int cache inline: most ints a
   loop makes are indices, offsets and counters. */
static inline HOT PyObject *box_int(int64_t v)
{
    if (is_small_int(v))
        return Py_NewRef((PyObject *)&_PyLong_SMALL_INTS[_PY_NSMALLNEGINTS + v]);
    return PyLong_FromLongLong(v);
}

/* PyFloat_FromDouble and an exact float's deallocation, inline: 3.11's
   float free list as floatobject.c keeps it (linked through ob_type),
   with the real function taking an empty list and tracemalloc's
   new-reference hook. */
_Static_assert(PyFloat_MAXFREELIST > 0, "3.11 built with free lists");

static inline HOT PyObject *box_double(double v)
{
    struct _Py_float_state *st = &_PyInterpreterState_GET()->float_state;
    PyFloatObject *op = st->free_list;
    if (op == NULL || _Py_tracemalloc_config.tracing)
        return PyFloat_FromDouble(v);
    st->free_list = (PyFloatObject *)Py_TYPE(op);
    st->numfree--;
    Py_SET_TYPE(op, &PyFloat_Type);
    Py_SET_REFCNT(op, 1);
    op->ob_fval = v;
    return (PyObject *)op;
}

/* Write `v` into `o` when `o` is an exact float no one else holds, so
   that no one can tell it was reused; 0 when a new float must be made.
   Not while tracemalloc traces: it records each new float where it is
   made. */
static inline HOT int take_float(PyObject *o, double v)
{
    if (o == NULL || Py_REFCNT(o) != 1 || !Py_IS_TYPE(o, &PyFloat_Type) ||
        _Py_tracemalloc_config.tracing)
        return 0;
    ((PyFloatObject *)o)->ob_fval = v;
    return 1;
}

/* The same for ints: write `v` into `o` when `o` is an exact one-digit
   int no one else holds and `v` fits one digit outside the small ints,
   which the interpreter always shares (so `v` must be boxed as one of
   them). Not while tracemalloc traces. */
static inline HOT int take_int(PyObject *o, int64_t v)
{
    if (o == NULL || Py_REFCNT(o) != 1 || !Py_IS_TYPE(o, &PyLong_Type) ||
        (Py_SIZE(o) != 1 && Py_SIZE(o) != -1) || _Py_tracemalloc_config.tracing ||
        is_small_int(v) || v <= -(int64_t)PyLong_BASE ||
        v >= (int64_t)PyLong_BASE)
        return 0;
    Py_SET_SIZE(o, v < 0 ? -1 : 1);
    ((PyLongObject *)o)->ob_digit[0] = (digit)(v < 0 ? -v : v);
    return 1;
}

/* The deallocation of an exact float: no code runs. */
static inline HOT void free_float(PyObject *o)
{
    struct _Py_float_state *st = &_PyInterpreterState_GET()->float_state;
    if (st->numfree >= PyFloat_MAXFREELIST) {
        PyObject_Free(o);
        return;
    }
    st->numfree++;
    Py_SET_TYPE(o, (PyTypeObject *)st->free_list);
    st->free_list = (PyFloatObject *)o;
}

/* Py_DECREF of what is often an exact float. */
static inline HOT void release_number(PyObject *o)
{
    if (--o->ob_refcnt != 0)
        return;
    if (!Py_IS_TYPE(o, &PyFloat_Type)) {
        _Py_Dealloc(o);
        return;
    }
    free_float(o);
}

#define NUM_INT 1
#define NUM_FLOAT 2

static inline HOT double as_double(PyObject *v)
{
    return PyFloat_CheckExact(v) ? PyFloat_AS_DOUBLE(v) : (double)compact_value(v);
}

/* Integers and floats are immutable: the in-place forms compute the same. */
static inline HOT int base_op(int op)
{
    return op >= NB_INPLACE_ADD ? op - NB_INPLACE_ADD : op;
}

/* Float arithmetic (one side may be an int CPython's float methods
   convert exactly): float_do computes, float_ok says whether that is
   CPython's result; when not, the generic path decides (it raises
   ZeroDivisionError and OverflowError, and handles negative bases). */
static inline HOT double float_do(int op, double x, double y)
{
    switch (base_op(op)) {
    case NB_ADD: return x + y;
    case NB_SUBTRACT: return x - y;
    case NB_MULTIPLY: return x * y;
    case NB_TRUE_DIVIDE: return y != 0.0 ? x / y : 0.0;
    case NB_POWER: return x > 0.0 ? pow(x, y) : 0.0;
    default: return 0.0;
    }
}

static inline HOT int float_ok(int op, double x, double y, double r)
{
    switch (base_op(op)) {
    case NB_ADD:
    case NB_SUBTRACT:
    case NB_MULTIPLY: return 1;
    case NB_TRUE_DIVIDE: return y != 0.0;
    case NB_POWER:
        /* float_pow calls pow() for a finite positive base and raises only
           when errno says so, which a normal finite result never does. */
        return x > 0.0 && x <= DBL_MAX && isfinite(y) && r >= DBL_MIN && r <= DBL_MAX;
    default: return 0;
    }
}

static inline HOT int float_op(int op, double x, double y, double *out)
{
    *out = float_do(op, x, y);
    return float_ok(op, x, y, *out);
}

static inline HOT int cmp_result(int op, int lt, int eq)
{
    switch (op) {
    case Py_LT: return lt;
    case Py_LE: return lt || eq;
    case Py_EQ: return eq;
    case Py_NE: return !eq;
    case Py_GT: return !lt && !eq;
    default: return !lt; /* Py_GE */
    }
}

/* NaN compares false except for != */
static inline HOT int float_cmp(int op, double x, double y)
{
    switch (op) {
    case Py_LT: return x < y;
    case Py_LE: return x <= y;
    case Py_EQ: return x == y;
    case Py_NE: return x != y;
    case Py_GT: return x > y;
    default: return x >= y;
    }
}

/* Comparison `op` of two compact ints (with NUM_INT in `kinds`) or of a
   float and a float or compact int (NUM_FLOAT): 1 or 0, or -1 when the
   operands are none of those. */
static inline HOT int number_cmp(int op, PyObject *a, PyObject *b, int kinds)
{
    if ((kinds & NUM_INT) && compact(a) && compact(b))
        return cmp_result(op, compact_value(a) < compact_value(b),
                          compact_value(a) == compact_value(b));
    if ((kinds & NUM_FLOAT) && ((PyFloat_CheckExact(a) && (PyFloat_CheckExact(b) || compact(b))) ||
                                (PyFloat_CheckExact(b) && compact(a))))
        return float_cmp(op, as_double(a), as_double(b));
    return -1;
}

#endif
