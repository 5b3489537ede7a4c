/* Helpers of the unboxed tier (compiler/unbox.c). Between the
   instructions it lowers, numbers live in registers as double or int64_t
   and locals and constants are borrowed instead of pushed; these helpers
   read and check the boxed operands, compute, and box a value again when
   it must live in the frame. Every operation reports whether its result
   is exactly CPython's, and the generated code deoptimizes when not. */
#include "numbers.h"

/* A local or a frame slot. */
HOT PyObject *pyaot_v_get(pyaot_ctx *c, int k)
{
    return S(k);
}

HOT PyObject *pyaot_v_const(pyaot_ctx *c, int k)
{
    return CONST(k);
}

/* Materializing a borrowed value: the frame slot takes a reference. */
HOT void pyaot_v_put_ref(pyaot_ctx *c, int i, PyObject *o)
{
    Py_INCREF(o);
    S(i) = o;
}

/* A new reference into a frame slot. */
HOT void pyaot_v_put_new(pyaot_ctx *c, int i, PyObject *o)
{
    S(i) = o;
}

/* Boxing into a frame slot: ST_OK, or ST_ERROR with the slot NULL. */
HOT int pyaot_v_put_double(pyaot_ctx *c, int i, double d)
{
    PyObject *o = box_double(d);
    S(i) = o;
    return o != NULL ? ST_OK : ST_ERROR;
}

HOT int pyaot_v_put_int(pyaot_ctx *c, int i, int64_t x)
{
    PyObject *o = box_int(x);
    S(i) = o;
    return o != NULL ? ST_OK : ST_ERROR;
}

/* An operand the frame owned, used up (an exact float or int: its
   deallocation runs no Python code). */
HOT void pyaot_v_drop(PyObject *o)
{
    release_number(o);
}

/* A conditional jump's truth test of an object whose truth runs no
   code (bools, None, and exact ints, floats, strs, lists, tuples and
   dicts): 1 or 0; -1 for anything else. */
HOT int pyaot_v_bool(PyObject *o)
{
    if (o == Py_True)
        return 1;
    if (o == Py_False || o == Py_None)
        return 0;
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyLong_Type || tp == &PyList_Type || tp == &PyTuple_Type)
        return Py_SIZE(o) != 0;
    if (tp == &PyFloat_Type)
        return PyFloat_AS_DOUBLE(o) != 0.0;
    if (tp == &PyUnicode_Type)
        return PyUnicode_GET_LENGTH(o) != 0;
    if (tp == &PyDict_Type)
        return ((PyDictObject *)o)->ma_used != 0;
    return -1;
}

/* A predicate leaf's bool (compiler/unbox.c) as the object the call
   would have returned, borrowed (True and False live as long as the
   interpreter). */
HOT PyObject *pyaot_v_bool_obj(int b)
{
    return b ? Py_True : Py_False;
}

/* Constant `i` of leaf function `fn` (checked to have the leaf's code),
   borrowed from that code. */
HOT PyObject *pyaot_v_leaf_const(PyObject *fn, int i)
{
    PyCodeObject *co = (PyCodeObject *)((PyFunctionObject *)fn)->func_code;
    return PyTuple_GET_ITEM(co->co_consts, i);
}

HOT int pyaot_v_exact_bool(PyObject *o)
{
    return o == Py_True ? 1 : o == Py_False ? 0 : -1;
}

HOT int pyaot_v_is_none(PyObject *o)
{
    return o == Py_None;
}

/* The release of a store's old value `old`: a number goes back to its
   free list, anything else freed may run code (a __del__), which sees
   the line of instruction `unit` and may switch a tracer on. Only then
   is the line published and tracing looked at. */
static inline HOT int release_stored(pyaot_ctx *c, PyObject *old, int unit)
{
    if (old == NULL || --old->ob_refcnt != 0)
        return ST_OK;
    if (Py_IS_TYPE(old, &PyFloat_Type)) {
        free_float(old);
        return ST_OK;
    }
    pyaot_at(c, unit);
    _Py_Dealloc(old);
    return pyaot_traced(c, ST_OK);
}

/* STORE_FAST from frame slot `i`, which is left empty. */
HOT int pyaot_v_store_local(pyaot_ctx *c, int k, int i, int unit)
{
    PyObject *old = S(k);
    S(k) = S(i);
    S(i) = NULL;
    return release_stored(c, old, unit);
}

/* STORE_SUBSCR of a double into a list's `slot` (or STORE_FAST into
   local `k`) whose value is an exact float that nothing else references:
   the float takes the new value in place (take_float), saving an
   allocation and a release. 0 when the store must box. */
HOT int pyaot_v_set_float_at(PyObject **slot, double d)
{
    return take_float(*slot, d);
}

HOT int pyaot_v_set_float(pyaot_ctx *c, int k, double d)
{
    return pyaot_v_set_float_at(&S(k), d);
}

/* STORE_FAST of an int into local `k` in place (take_int); 0 when the
   store must box. */
HOT int pyaot_v_set_int(pyaot_ctx *c, int k, int64_t v)
{
    return take_int(S(k), v);
}

/* Whether a call's result `o` (an exact int or float) may be taken into
   a register and boxed again later: nothing else holds it, or it is a
   small int, which boxing gives back as the same object. */
HOT int pyaot_v_sole(PyObject *o)
{
    return Py_REFCNT(o) == 1 || (PyLong_CheckExact(o) && (size_t)(Py_SIZE(o) + 1) < 3 &&
                                 is_small_int(compact_value(o)));
}

/* Not the last reference: dropping it (pyaot_v_unref) frees nothing. */
HOT int pyaot_v_shared(PyObject *o)
{
    return Py_REFCNT(o) > 1;
}

/* Exact ints of up to two 30-bit digits fit in 64 bits. */
HOT int pyaot_v_is_int(PyObject *o)
{
    return PyLong_CheckExact(o) && (size_t)(Py_SIZE(o) + 2) < 5;
}

HOT int64_t pyaot_v_int(PyObject *o)
{
    const digit *d = ((PyLongObject *)o)->ob_digit;
    Py_ssize_t n = Py_SIZE(o);
    if (n == 2 || n == -2) {
        int64_t v = (int64_t)d[0] | ((int64_t)d[1] << PyLong_SHIFT);
        return n < 0 ? -v : v;
    }
    return (int64_t)n * (int64_t)d[0];
}

/* An int that converts to double exactly, as float arithmetic needs. */
HOT int pyaot_v_exact_double(int64_t x)
{
    return x >= -PYAOT_EXACT_DOUBLE && x <= PYAOT_EXACT_DOUBLE;
}

/* An exact float, or with `ints` an int that converts exactly. */
HOT int pyaot_v_is_double(PyObject *o, int ints)
{
    return PyFloat_CheckExact(o) ||
           (ints && pyaot_v_is_int(o) && pyaot_v_exact_double(pyaot_v_int(o)));
}

HOT double pyaot_v_double(PyObject *o)
{
    return PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : (double)pyaot_v_int(o);
}

/* Int arithmetic in 64 bits: the result (wrapped when it overflowed) ... */
HOT int64_t pyaot_v_int_do(int op, int64_t x, int64_t y)
{
    int64_t r = 0;
    switch (base_op(op)) {
    case NB_ADD: __builtin_add_overflow(x, y, &r); return r;
    case NB_SUBTRACT: __builtin_sub_overflow(x, y, &r); return r;
    case NB_MULTIPLY: __builtin_mul_overflow(x, y, &r); return r;
    case NB_AND: return x & y;
    case NB_OR: return x | y;
    case NB_XOR: return x ^ y;
    case NB_FLOOR_DIVIDE:
    case NB_REMAINDER: {
        if (y == 0 || (x == INT64_MIN && y == -1))
            return 0;
        int64_t q = x / y, m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) { /* floor, remainder takes y's sign */
            q -= 1;
            m += y;
        }
        return base_op(op) == NB_FLOOR_DIVIDE ? q : m;
    }
    default:
        return 0;
    }
}

/* ... and whether that is Python's exact result. */
HOT int pyaot_v_int_ok(int op, int64_t x, int64_t y)
{
    int64_t r;
    switch (base_op(op)) {
    case NB_ADD: return !__builtin_add_overflow(x, y, &r);
    case NB_SUBTRACT: return !__builtin_sub_overflow(x, y, &r);
    case NB_MULTIPLY: return !__builtin_mul_overflow(x, y, &r);
    case NB_AND:
    case NB_OR:
    case NB_XOR: return 1;
    case NB_FLOOR_DIVIDE:
    case NB_REMAINDER: return y != 0 && !(x == INT64_MIN && y == -1);
    default: return 0;
    }
}

/* int / int: correctly rounded when both convert exactly, as in
   long_true_divide's fast path. */
HOT int pyaot_v_int_div_ok(int64_t x, int64_t y)
{
    return y != 0 && pyaot_v_exact_double(x) && pyaot_v_exact_double(y);
}

HOT double pyaot_v_int_div(int64_t x, int64_t y)
{
    return y != 0 ? (double)x / (double)y : 0.0;
}

HOT double pyaot_v_float_do(int op, double x, double y)
{
    return float_do(op, x, y);
}

/* 0 when the generic path must decide (division by zero, overflow,
   negative base). */
HOT int pyaot_v_float_ok(int op, double x, double y, double r)
{
    return float_ok(op, x, y, r);
}

HOT int pyaot_v_cmp_int(int op, int64_t x, int64_t y)
{
    return cmp_result(op, x < y, x == y);
}

HOT int pyaot_v_cmp_float(int op, double x, double y)
{
    return float_cmp(op, x, y);
}

/* Two objects compared as ints or floats: 1 or 0, or -1 when they are
   not both numbers (or an int too big to convert exactly). */
HOT int pyaot_v_cmp_obj(int op, PyObject *a, PyObject *b)
{
    return number_cmp(op, a, b, NUM_INT | NUM_FLOAT);
}

/* The item a list or tuple holds at index `i` (negative counts from the
   end), borrowed; NULL when `seq` is neither or `i` is out of range. */
/* Item `i` of `items` (`n` of them), borrowed; NULL out of range. A
   list or tuple Python code can see holds no NULL: tells the caller's
   check for one apart from the range's. */
static inline PyObject *item_of(PyObject **items, Py_ssize_t n, int64_t i)
{
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return NULL;
    PyObject *item = items[i];
    __builtin_assume(item != NULL);
    return item;
}

HOT PyObject *pyaot_v_item(PyObject *seq, int64_t i)
{
    if (PyList_CheckExact(seq))
        return item_of(((PyListObject *)seq)->ob_item, PyList_GET_SIZE(seq), i);
    if (PyTuple_CheckExact(seq))
        return item_of(&PyTuple_GET_ITEM(seq, 0), PyTuple_GET_SIZE(seq), i);
    return NULL;
}

/* pyaot_v_item of an exact list, or with `known` (a constant where it is
   inlined) of what an earlier guard on the same path proved one: an
   object's type stays list or tuple for its life (neither allows a
   __class__ assignment), so only the range is checked again. */
HOT PyObject *pyaot_v_list_item(PyObject *seq, int64_t i, int32_t known)
{
    if (!known && !PyList_CheckExact(seq))
        return NULL;
    return item_of(((PyListObject *)seq)->ob_item, PyList_GET_SIZE(seq), i);
}

HOT PyObject *pyaot_v_tuple_item(PyObject *seq, int64_t i, int32_t known)
{
    if (!known && !PyTuple_CheckExact(seq))
        return NULL;
    return item_of(&PyTuple_GET_ITEM(seq, 0), PyTuple_GET_SIZE(seq), i);
}

/* Whether `o` (NULL: an unbound local) is an exact list (SEQ_LIST, 1)
   or tuple (2), as a loop head's plan assumes. */
HOT int pyaot_v_seq_is(PyObject *o, int32_t seq)
{
    return o != NULL && Py_IS_TYPE(o, seq == 1 ? &PyList_Type : &PyTuple_Type);
}

/* Where a list keeps its item `i`, as pyaot_v_list_item; NULL when `seq`
   is not an exact list or `i` is out of range. */
HOT PyObject **pyaot_v_list_slot(PyObject *seq, int64_t i, int32_t known)
{
    if (!known && !PyList_CheckExact(seq))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(seq);
    if (i < 0)
        i += n;
    return i >= 0 && i < n ? &((PyListObject *)seq)->ob_item[i] : NULL;
}

/* STORE_SUBSCR into a list's `slot`, from frame slot `i`, which is left
   empty. Releasing the old item may run any code. */
HOT int pyaot_v_store_item(pyaot_ctx *c, PyObject **slot, int i, int unit)
{
    PyObject *old = *slot;
    *slot = S(i);
    S(i) = NULL;
    return release_stored(c, old, unit);
}

/* The method table entry of math.sqrt, once a callable proved to be it:
   every sqrt object of the math module shares it, whatever rebinding or
   reloading happened, and runs the same C function. */
static const PyMethodDef *math_sqrt_def;

static __attribute__((noinline, cold)) int is_math_sqrt_slow(PyObject *f)
{
    if (math_sqrt_def != NULL || !PyCFunction_CheckExact(f))
        return 0;
    const PyMethodDef *ml = ((PyCFunctionObject *)f)->m_ml;
    PyObject *mod = PyCFunction_GET_SELF(f);
    if (strcmp(ml->ml_name, "sqrt") != 0 || ml->ml_flags != METH_O || mod == NULL ||
        !PyModule_CheckExact(mod))
        return 0;
    const char *name = PyModule_GetName(mod);
    if (name == NULL) {
        PyErr_Clear();
        return 0;
    }
    if (strcmp(name, "math") != 0)
        return 0;
    math_sqrt_def = ml;
    return 1;
}

/* Whether `f` is math.sqrt. */
HOT int pyaot_v_is_math_sqrt(PyObject *f)
{
    if (PyCFunction_CheckExact(f) && ((PyCFunctionObject *)f)->m_ml == math_sqrt_def)
        return 1;
    return is_math_sqrt_slow(f);
}

/* math.sqrt(x) raises ValueError for x < 0 (-0.0 and NaN are fine). The
   interpreter's call of a C function counts a level of recursion, which
   fails at the limit: that, too, is left to it. */
HOT int pyaot_v_sqrt_ok(pyaot_ctx *c, double x)
{
    return !(x < 0.0) && c->ts->recursion_remaining > 0;
}

HOT double pyaot_v_sqrt(double x)
{
    return __builtin_sqrt(x);
}

/* Whether `f` is the int type itself (a shadowing or patched `int` is
   another object). */
HOT int pyaot_v_is_int_type(PyObject *f)
{
    return f == (PyObject *)&PyLong_Type;
}

/* int(x) of a float is its truncation when that fits 64 bits (NaN and the
   infinities fail the comparisons), and the call through type.__call__
   gets its level of recursion. */
HOT int pyaot_v_trunc_ok(pyaot_ctx *c, double x)
{
    return x >= -9223372036854775808.0 && x < 9223372036854775808.0 &&
           c->ts->recursion_remaining > 0;
}

HOT int64_t pyaot_v_trunc(double x)
{
    return (int64_t)x;
}

HOT int pyaot_v_is_len(PyObject *f)
{
    return f != NULL && f == pyaot_rt->builtin_len;
}

static int same_length_slots(PyTypeObject *t, PyTypeObject *b)
{
    lenfunc ts = t->tp_as_sequence ? t->tp_as_sequence->sq_length : NULL;
    lenfunc bs = b->tp_as_sequence ? b->tp_as_sequence->sq_length : NULL;
    lenfunc tm = t->tp_as_mapping ? t->tp_as_mapping->mp_length : NULL;
    lenfunc bm = b->tp_as_mapping ? b->tp_as_mapping->mp_length : NULL;
    return ts == bs && tm == bm;
}

/* Built-in containers whose length is a C function that runs no code. */
static int plain_container(PyTypeObject *b)
{
    return b == &PyList_Type || b == &PyTuple_Type || b == &PyDict_Type ||
           b == &PyUnicode_Type || b == &PyBytes_Type || b == &PyByteArray_Type ||
           b == &PySet_Type || b == &PyFrozenSet_Type;
}

/* len(o) where that runs no Python code: o is a plain container, or of a
   subclass of one (OrderedDict, Counter) that keeps its length slots.
   -1 otherwise: then pyaot_v_len_call calls it. */
HOT int64_t pyaot_v_len(PyObject *o)
{
    PyTypeObject *t = Py_TYPE(o);
    if (t == &PyList_Type || t == &PyTuple_Type)
        return Py_SIZE(o);
    if (t == &PyDict_Type)
        return ((PyDictObject *)o)->ma_used;
    if (t == &PyUnicode_Type && PyUnicode_IS_READY(o))
        return PyUnicode_GET_LENGTH(o);
    for (PyTypeObject *b = t; b != NULL && same_length_slots(t, b); b = b->tp_base)
        if (plain_container(b)) {
            Py_ssize_t n = PyObject_Size(o); /* fails only making a legacy str ready */
            if (n < 0)
                PyErr_Clear();
            return n;
        }
    return -1;
}

/* len(o) where that may run code (a `__len__` written in Python, a C
   type's own length), as the builtin computes it; -1 with an exception.
   o is borrowed: the code may drop its other references. */
__attribute__((noinline)) int64_t pyaot_v_len_call(PyObject *o)
{
    Py_INCREF(o);
    Py_ssize_t n = PyObject_Size(o);
    Py_DECREF(o);
    return n;
}

/* A guard of the unboxed body failed at code unit `unit`: counted in the
   body's `fails`, which makes the entry take the generic body once it
   reaches PYAOT_SWITCH_AFTER. */
__attribute__((noinline, cold)) void pyaot_v_guard_deopt(pyaot_ctx *c, int unit, int *fails)
{
    int switched = *fails < PYAOT_SWITCH_AFTER && ++*fails == PYAOT_SWITCH_AFTER;
    pyaot_runtime *rt = pyaot_rt;
    if (rt->stats_enabled && rt->record_guard != NULL) {
        rt->record_guard(c->f->f_code, unit, 0);
        if (switched)
            rt->record_guard(c->f->f_code, unit, PYAOT_GUARD_SWITCHED);
    }
}

/* Frame slot `i` held a number that is now in a register: it is
   emptied and released (an exact int or float runs no code). */
HOT void pyaot_v_release(pyaot_ctx *c, int i)
{
    PyObject *o = S(i);
    S(i) = NULL;
    release_number(o);
}

/* The generic BINARY_OP after a check of the unboxed path failed: out of
   line and cold, so that its many call sites stay small. */
__attribute__((noinline, cold)) int pyaot_v_binary_op(pyaot_ctx *c, int sp, int oparg)
{
    return pyaot_op_BINARY_OP(c, sp, oparg);
}
