/* Speculative arithmetic and comparisons: inline paths for compact ints
   (at most one 30-bit digit) and floats, each behind a type check; any
   other operand takes the generic operation, so a wrong guess costs a
   check and never changes a result. The compiler picks the variant per
   instruction (compiler/speculate.c): INT or FLOAT from a training run's
   specialized form, NUM (both) when it knows nothing better. Results are
   exactly CPython's: compact values fit in 64 bits with room to spare, and
   convert to double exactly. */
#include "numbers.h"


/* Compact ints: 1 with the result in *out (NULL: out of memory), 0 when
   the operation needs the generic path (division by zero, big shifts). */
static inline HOT int int_op(int op, int64_t x, int64_t y, PyObject **out)
{
    int64_t r;
    switch (base_op(op)) {
    case NB_ADD: r = x + y; break;
    case NB_SUBTRACT: r = x - y; break;
    case NB_MULTIPLY: r = x * y; break;
    case NB_AND: r = x & y; break;
    case NB_OR: r = x | y; break;
    case NB_XOR: r = x ^ y; break;
    case NB_FLOOR_DIVIDE:
    case NB_REMAINDER: {
        if (y == 0)
            return 0;
        int64_t q = x / y, m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) { /* floor, remainder takes y's sign */
            q -= 1;
            m += y;
        }
        r = base_op(op) == NB_FLOOR_DIVIDE ? q : m;
        break;
    }
    case NB_TRUE_DIVIDE:
        if (y == 0)
            return 0;
        *out = box_double((double)x / (double)y); /* both exact doubles */
        return 1;
    case NB_LSHIFT:
        if (y < 0 || y > 32)
            return 0;
        r = (int64_t)((uint64_t)x << y); /* |x| < 2**30: fits in 63 bits */
        break;
    case NB_RSHIFT:
        if (y < 0)
            return 0;
        r = y > 62 ? (x < 0 ? -1 : 0) : x >> y; /* arithmetic shift floors, as Python */
        break;
    default:
        return 0;
    }
    *out = box_int(r);
    return 1;
}

/* A float result may reuse an operand only the stack owned. */
static inline HOT PyObject *float_result(PyObject *a, PyObject *b, double v)
{
    /* One candidate, not both: the smaller inline code is faster in big
       bodies (n-body: 199.5 M instructions against 225.5 M). */
    PyObject *o = Py_REFCNT(a) == 1 ? a : b;
    if (take_float(o, v)) {
        release_number(o == a ? b : a);
        return o;
    }
    PyObject *r = box_double(v);
    release_number(a);
    release_number(b);
    return r;
}

/* Only the generic operation runs code: the fast paths release exact
   numbers (pyaot_spec_traces). */
static inline HOT int binary(pyaot_ctx *c, int sp, int oparg, int kinds, void *cache)
{
    PyObject *a = S(sp - 2), *b = S(sp - 1);
    PyObject *r;
    int stores = oparg > PYAOT_BINARY_OP_MASK, st;
    int op = oparg & PYAOT_BINARY_OP_MASK;
    if ((kinds & NUM_INT) && compact(a) && compact(b) &&
        int_op(op, compact_value(a), compact_value(b), &r))
        return pyaot_replace2(c, sp, a, b, r);
    double v;
    if ((kinds & NUM_FLOAT) &&
        ((PyFloat_CheckExact(a) && (PyFloat_CheckExact(b) || compact(b))) ||
         (PyFloat_CheckExact(b) && compact(a))) &&
        float_op(op, as_double(a), as_double(b), &v)) {
        r = float_result(a, b, v); /* consumed both inputs */
        S(sp - 2) = r;
        S(sp - 1) = NULL;
        return r ? ST_OK : ST_ERROR;
    }
    /* Exact ints past one digit (a sum, an LCG's product): the guess was
       right, 3.11's BINARY_OP_ADD_INT takes them too, and the generic
       operation on them runs no code. */
    if ((kinds & NUM_INT) && PyLong_CheckExact(a) && PyLong_CheckExact(b))
        return pyaot_replace2(c, sp, a, b, pyaot_number_op(op, a, b));
    /* A str built up by `s += x`: no failed guess (3.11 specializes it). */
    if (stores && pyaot_str_append(c, sp, oparg, &st))
        return st;
    pyaot_guard_miss(c, 0);
    /* Instances of one class with the operator in Python: its dunder
       directly (the site's cache learns it). */
    if (Py_TYPE(a) == Py_TYPE(b) && (Py_TYPE(a)->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
        pyaot_binary_dunder(c, op, a, b, cache, &r))
        return pyaot_traced(c, pyaot_replace2(c, sp, a, b, r));
    return pyaot_traced(c, pyaot_replace2(c, sp, a, b, pyaot_number_op(op, a, b)));
}

HOT int pyaot_spec_BINARY_OP_INT(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return binary(c, sp, oparg, NUM_INT, cache);
}

HOT int pyaot_spec_BINARY_OP_FLOAT(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return binary(c, sp, oparg, NUM_FLOAT, cache);
}

HOT int pyaot_spec_BINARY_OP_NUM(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return binary(c, sp, oparg, NUM_INT | NUM_FLOAT, cache);
}

/* --- comparisons ------------------------------------------------------ */

/* `a op b` of two different exact strs ordered by code points, as
   PyUnicode_Compare orders them: the first characters decide when they
   differ (a tokenizer's `ch < " "`) without a call. */
static inline HOT int str_order(int op, PyObject *a, PyObject *b)
{
    if (PyUnicode_IS_READY(a) && PyUnicode_IS_READY(b) && PyUnicode_GET_LENGTH(a) > 0 &&
        PyUnicode_GET_LENGTH(b) > 0) {
        Py_UCS4 x = PyUnicode_READ_CHAR(a, 0), y = PyUnicode_READ_CHAR(b, 0);
        if (x != y)
            return cmp_result(op, x < y, 0);
    }
    int d = PyUnicode_Compare(a, b); /* cannot fail on two str */
    return cmp_result(op, d < 0, d == 0);
}

static inline HOT int compare(pyaot_ctx *c, int sp, int oparg, int kinds)
{
    PyObject *a = S(sp - 2), *b = S(sp - 1);
    /* At the recursion limit the interpreter's PyObject_RichCompare raises:
       it is skipped only by 3.11's specialized comparisons before a jump
       (one-digit ints, floats, str equality), so anything else goes to
       it then (PYAOT_CMP_ALONE: not before a jump). */
    int alone = oparg & PYAOT_CMP_ALONE;
    oparg &= ~PYAOT_CMP_ALONE;
    int t = -1, strings = 0;
    if (!alone || c->ts->recursion_remaining > 0) {
        t = number_cmp(oparg, a, b, kinds);
        /* The guess (the training run's) only orders the checks: which
           comparisons skip PyObject_RichCompare depends on the operands,
           as 3.11 specializes again after a miss. */
        if (t < 0)
            t = number_cmp(oparg, a, b, (NUM_INT | NUM_FLOAT) & ~kinds);
        strings = 1;
    }
    if (t >= 0 && !alone && Py_TYPE(a) != Py_TYPE(b) && c->ts->recursion_remaining <= 0)
        t = -1; /* an int beside a float */
    if (t < 0 && strings && PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
        if (a == b && (oparg == Py_EQ || oparg == Py_NE))
            t = oparg == Py_EQ;
        else if ((oparg == Py_EQ || oparg == Py_NE) && PyUnicode_IS_READY(a) &&
                 PyUnicode_IS_READY(b))
            /* Equality as the interpreter's COMPARE_OP_STR_JUMP tests it:
               strs of other lengths differ without a call. */
            t = (PyUnicode_GET_LENGTH(a) == PyUnicode_GET_LENGTH(b) && _PyUnicode_Equal(a, b)) ==
                (oparg == Py_EQ);
        else if (alone || c->ts->recursion_remaining > 0)
            t = a == b ? cmp_result(oparg, 0, 1) : str_order(oparg, a, b);
    }
    if (t < 0) {
        pyaot_guard_miss(c, 0);
        return pyaot_traced(c, pyaot_replace2(c, sp, a, b, PyObject_RichCompare(a, b, oparg)));
    }
    return pyaot_replace2(c, sp, a, b, Py_NewRef(t ? Py_True : Py_False)); /* frees numbers or strs */
}

HOT int pyaot_spec_COMPARE_OP_INT(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    return compare(c, sp, oparg, NUM_INT);
}

HOT int pyaot_spec_COMPARE_OP_FLOAT(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    return compare(c, sp, oparg, NUM_FLOAT);
}

HOT int pyaot_spec_COMPARE_OP_STR(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    return compare(c, sp, oparg, 0);
}

/* Without a profile: numbers, and strs (keys, tags, tokens) as well. */
HOT int pyaot_spec_COMPARE_OP_NUM(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    return compare(c, sp, oparg, NUM_INT | NUM_FLOAT);
}
