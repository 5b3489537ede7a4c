/* Locals, constants, stack shuffling, operators and comparisons.
   Each stub follows ceval.c's semantics for the opcode of the same name;
   `sp` indexes localsplus just above the top of the value stack. */
#include "stubs.h"

void pyaot_unbound_local(pyaot_ctx *c, int i);

HOT int pyaot_op_LOAD_FAST(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = S(oparg);
    if (v == NULL) {
        pyaot_unbound_local(c, oparg);
        return ST_ERROR;
    }
    Py_INCREF(v);
    S(sp) = v;
    return ST_OK;
}

int pyaot_op_LOAD_CLOSURE(pyaot_ctx *c, int sp, int oparg)
{
    return pyaot_op_LOAD_FAST(c, sp, oparg);
}

HOT int pyaot_op_LOAD_CONST(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = CONST(oparg);
    Py_INCREF(v);
    S(sp) = v;
    return ST_OK;
}

HOT int pyaot_op_STORE_FAST(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *old = S(oparg);
    S(oparg) = S(sp - 1);
    Py_XDECREF(old);
    return ST_OK;
}

int pyaot_op_DELETE_FAST(pyaot_ctx *c, int sp, int oparg)
{
    (void)sp;
    PyObject *old = S(oparg);
    if (old == NULL) {
        pyaot_unbound_local(c, oparg);
        return ST_ERROR;
    }
    S(oparg) = NULL;
    Py_DECREF(old);
    return ST_OK;
}

HOT int pyaot_op_POP_TOP(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    Py_DECREF(S(sp - 1));
    return ST_OK;
}

HOT int pyaot_op_PUSH_NULL(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    S(sp) = NULL;
    return ST_OK;
}

HOT int pyaot_op_NOP(pyaot_ctx *c, int sp, int oparg)
{
    (void)c, (void)sp, (void)oparg;
    return ST_OK;
}

HOT int pyaot_op_COPY(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *v = S(sp - oparg);
    Py_INCREF(v);
    S(sp) = v;
    return ST_OK;
}

HOT int pyaot_op_SWAP(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *top = S(sp - 1);
    S(sp - 1) = S(sp - oparg);
    S(sp - oparg) = top;
    return ST_OK;
}

/* --- operators ------------------------------------------------------- */

HOT PyObject *pyaot_number_op(int op, PyObject *a, PyObject *b)
{
    switch (op) {
    case NB_ADD: return PyNumber_Add(a, b);
    case NB_AND: return PyNumber_And(a, b);
    case NB_FLOOR_DIVIDE: return PyNumber_FloorDivide(a, b);
    case NB_LSHIFT: return PyNumber_Lshift(a, b);
    case NB_MATRIX_MULTIPLY: return PyNumber_MatrixMultiply(a, b);
    case NB_MULTIPLY: return PyNumber_Multiply(a, b);
    case NB_REMAINDER: return PyNumber_Remainder(a, b);
    case NB_OR: return PyNumber_Or(a, b);
    case NB_POWER: return PyNumber_Power(a, b, Py_None);
    case NB_RSHIFT: return PyNumber_Rshift(a, b);
    case NB_SUBTRACT: return PyNumber_Subtract(a, b);
    case NB_TRUE_DIVIDE: return PyNumber_TrueDivide(a, b);
    case NB_XOR: return PyNumber_Xor(a, b);
    case NB_INPLACE_ADD: return PyNumber_InPlaceAdd(a, b);
    case NB_INPLACE_AND: return PyNumber_InPlaceAnd(a, b);
    case NB_INPLACE_FLOOR_DIVIDE: return PyNumber_InPlaceFloorDivide(a, b);
    case NB_INPLACE_LSHIFT: return PyNumber_InPlaceLshift(a, b);
    case NB_INPLACE_MATRIX_MULTIPLY: return PyNumber_InPlaceMatrixMultiply(a, b);
    case NB_INPLACE_MULTIPLY: return PyNumber_InPlaceMultiply(a, b);
    case NB_INPLACE_REMAINDER: return PyNumber_InPlaceRemainder(a, b);
    case NB_INPLACE_OR: return PyNumber_InPlaceOr(a, b);
    case NB_INPLACE_POWER: return PyNumber_InPlacePower(a, b, Py_None);
    case NB_INPLACE_RSHIFT: return PyNumber_InPlaceRshift(a, b);
    case NB_INPLACE_SUBTRACT: return PyNumber_InPlaceSubtract(a, b);
    case NB_INPLACE_TRUE_DIVIDE: return PyNumber_InPlaceTrueDivide(a, b);
    case NB_INPLACE_XOR: return PyNumber_InPlaceXor(a, b);
    }
    PyErr_SetString(PyExc_SystemError, "bad BINARY_OP oparg");
    return NULL;
}

/* `a + b` or `a += b` (oparg with PYAOT_BINARY_STORES(k)) of two exact
   strs whose result the next instruction stores into local `k`, which
   holds `a`: the local's reference goes to PyUnicode_Append, which
   extends the string in place when the stack's was the only other one,
   as BINARY_OP_INPLACE_ADD_UNICODE does. The local stays empty until the
   STORE_FAST, which runs next, stores the result; releasing the strs
   runs no code. 0 when this does not apply. */
HOT int pyaot_str_append(pyaot_ctx *c, int sp, int oparg, int *status)
{
    PyObject *a = S(sp - 2), *b = S(sp - 1);
    int k = (oparg >> 8) - 1;
    if (k < 0 || S(k) != a || !PyUnicode_CheckExact(a) || !PyUnicode_CheckExact(b))
        return 0;
    Py_DECREF(a); /* the stack's: the local still holds it */
    S(k) = NULL;
    PyUnicode_Append(&a, b);
    Py_DECREF(b);
    S(sp - 2) = a;
    S(sp - 1) = NULL;
    *status = a != NULL ? ST_OK : ST_ERROR;
    return 1;
}

HOT int pyaot_op_BINARY_OP(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *a = S(sp - 2), *b = S(sp - 1);
    int st;
    if (oparg > PYAOT_BINARY_OP_MASK && pyaot_str_append(c, sp, oparg, &st))
        return st;
    return pyaot_replace2(c, sp, a, b, pyaot_number_op(oparg & PYAOT_BINARY_OP_MASK, a, b));
}

static int unary(pyaot_ctx *c, int sp, PyObject *(*fn)(PyObject *))
{
    PyObject *v = S(sp - 1);
    PyObject *r = fn(v);
    Py_DECREF(v);
    S(sp - 1) = r;
    return r ? ST_OK : ST_ERROR;
}

int pyaot_op_UNARY_POSITIVE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return unary(c, sp, PyNumber_Positive);
}

int pyaot_op_UNARY_NEGATIVE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return unary(c, sp, PyNumber_Negative);
}

int pyaot_op_UNARY_INVERT(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return unary(c, sp, PyNumber_Invert);
}

/* Truth of a bool without a call: `not x` and `x or y` mostly meet bools. */
static inline HOT int truth(PyObject *v)
{
    if (v == Py_True)
        return 1;
    if (v == Py_False)
        return 0;
    return PyObject_IsTrue(v);
}

HOT int pyaot_op_UNARY_NOT(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 1);
    int t = truth(v);
    Py_DECREF(v);
    if (t < 0) {
        S(sp - 1) = NULL;
        return ST_ERROR;
    }
    S(sp - 1) = Py_NewRef(t ? Py_False : Py_True);
    return ST_OK;
}

HOT int pyaot_op_COMPARE_OP(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *a = S(sp - 2), *b = S(sp - 1);
    return pyaot_replace2(c, sp, a, b, PyObject_RichCompare(a, b, oparg));
}

HOT int pyaot_op_IS_OP(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *a = S(sp - 2), *b = S(sp - 1);
    int r = Py_Is(a, b) ^ oparg;
    Py_DECREF(a);
    Py_DECREF(b);
    S(sp - 2) = Py_NewRef(r ? Py_True : Py_False);
    return ST_OK;
}

HOT int pyaot_op_CONTAINS_OP(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *item = S(sp - 2), *container = S(sp - 1);
    int r = PySequence_Contains(container, item);
    Py_DECREF(item);
    Py_DECREF(container);
    if (r < 0) {
        S(sp - 2) = S(sp - 1) = NULL;
        return ST_ERROR;
    }
    S(sp - 2) = Py_NewRef((r ^ oparg) ? Py_True : Py_False);
    return ST_OK;
}

/* --- subscripts ------------------------------------------------------ */

int pyaot_op_BINARY_SUBSCR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *container = S(sp - 2), *sub = S(sp - 1);
    return pyaot_replace2(c, sp, container, sub, PyObject_GetItem(container, sub));
}

int pyaot_op_STORE_SUBSCR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 3), *container = S(sp - 2), *sub = S(sp - 1);
    int err = PyObject_SetItem(container, sub, v);
    Py_DECREF(v);
    return pyaot_store_end(c, sp, container, sub, err);
}

int pyaot_op_DELETE_SUBSCR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *container = S(sp - 2), *sub = S(sp - 1);
    int err = PyObject_DelItem(container, sub);
    Py_DECREF(container);
    Py_DECREF(sub);
    if (err) {
        S(sp - 2) = S(sp - 1) = NULL;
        return ST_ERROR;
    }
    return ST_OK;
}

int pyaot_op_BUILD_SLICE(pyaot_ctx *c, int sp, int oparg)
{
    int n = oparg == 3 ? 3 : 2;
    PyObject *start = S(sp - n), *stop = S(sp - n + 1);
    PyObject *step = n == 3 ? S(sp - 1) : NULL;
    PyObject *r = PySlice_New(start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_XDECREF(step);
    for (int i = 1; i < n; i++)
        S(sp - i) = NULL;
    S(sp - n) = r;
    return r ? ST_OK : ST_ERROR;
}

int pyaot_op_GET_LEN(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    Py_ssize_t n = PyObject_Length(S(sp - 1));
    if (n < 0)
        return ST_ERROR;
    PyObject *r = PyLong_FromSsize_t(n);
    if (r == NULL)
        return ST_ERROR;
    S(sp) = r;
    return ST_OK;
}

int pyaot_op_LOAD_ASSERTION_ERROR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    S(sp) = Py_NewRef(PyExc_AssertionError);
    return ST_OK;
}

/* --- truth tests for conditional jumps: ST_JUMP when the jump is taken */

static inline HOT int pop_jump_if(pyaot_ctx *c, int sp, int want)
{
    PyObject *v = S(sp - 1);
    int t = truth(v);
    Py_DECREF(v);
    if (t < 0) {
        S(sp - 1) = NULL;
        return ST_ERROR;
    }
    return t == want ? ST_JUMP : ST_OK;
}

HOT int pyaot_op_POP_JUMP_IF_TRUE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return pop_jump_if(c, sp, 1);
}

HOT int pyaot_op_POP_JUMP_IF_FALSE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return pop_jump_if(c, sp, 0);
}

int pyaot_op_POP_JUMP_IF_NONE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 1);
    int r = Py_IsNone(v) ? ST_JUMP : ST_OK;
    Py_DECREF(v);
    return r;
}

int pyaot_op_POP_JUMP_IF_NOT_NONE(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *v = S(sp - 1);
    int r = Py_IsNone(v) ? ST_OK : ST_JUMP;
    Py_DECREF(v);
    return r;
}

/* JUMP_IF_X_OR_POP: keep the value when jumping, pop it otherwise. */
static inline HOT int jump_or_pop(pyaot_ctx *c, int sp, int want)
{
    PyObject *v = S(sp - 1);
    int t = truth(v);
    if (t < 0)
        return ST_ERROR;
    if (t == want)
        return ST_JUMP;
    Py_DECREF(v);
    return ST_OK;
}

HOT int pyaot_op_JUMP_IF_TRUE_OR_POP(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return jump_or_pop(c, sp, 1);
}

HOT int pyaot_op_JUMP_IF_FALSE_OR_POP(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    return jump_or_pop(c, sp, 0);
}
