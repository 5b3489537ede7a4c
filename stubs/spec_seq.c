/* Speculative subscripts and iteration: lists, tuples and strs indexed
   by a compact int, exact dicts, and FOR_ITER over range, list, tuple and
   str iterators, inline behind type checks; anything else takes the
   generic operation. */
#include "numbers.h"

/* 3.11's iterator layouts, private to their object files; the artifact is
   only ever loaded into the exact interpreter it was compiled for. */
typedef struct {
    PyObject_HEAD
    long index, start, step, len;
} range_iter;

typedef struct {
    PyObject_HEAD
    Py_ssize_t index;
    PyObject *seq; /* NULL once exhausted */
} seq_iter;

/* The one-character str of `ch` as str indexing and iteration make it:
   the interpreter's shared object below 256. NULL with an exception. */
static inline HOT PyObject *str_char(Py_UCS4 ch)
{
    if (ch < 128)
        return Py_NewRef((PyObject *)&_Py_SINGLETON(strings).ascii[ch]);
    if (ch < 256)
        return Py_NewRef((PyObject *)&_Py_SINGLETON(strings).latin1[ch - 128]);
    return PyUnicode_FromOrdinal((int)ch);
}

/* The index a compact int (or bool-free small int) names in a sequence
   of `n` items, or -1 when out of range or not a compact int. */
static inline HOT Py_ssize_t small_index(PyObject *sub, Py_ssize_t n)
{
    if (!PyLong_CheckExact(sub) || (size_t)(Py_SIZE(sub) + 1) >= 3)
        return -1;
    Py_ssize_t i = Py_SIZE(sub) * (Py_ssize_t)((PyLongObject *)sub)->ob_digit[0];
    if (i < 0)
        i += n;
    return i >= 0 && i < n ? i : -1;
}

HOT int pyaot_spec_BINARY_SUBSCR(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    PyObject *container = S(sp - 2), *sub = S(sp - 1);
    PyObject *r;
    Py_ssize_t i;
    if (PyList_CheckExact(container) && (i = small_index(sub, PyList_GET_SIZE(container))) >= 0) {
        r = Py_NewRef(PyList_GET_ITEM(container, i));
    }
    else if (PyTuple_CheckExact(container) &&
             (i = small_index(sub, PyTuple_GET_SIZE(container))) >= 0) {
        r = Py_NewRef(PyTuple_GET_ITEM(container, i));
    }
    else if (PyUnicode_CheckExact(container) && PyUnicode_IS_READY(container) &&
             (i = small_index(sub, PyUnicode_GET_LENGTH(container))) >= 0) {
        r = str_char(PyUnicode_READ_CHAR(container, i));
        if (r == NULL)
            return ST_ERROR;
    }
    else if (PyDict_CheckExact(container)) { /* a key's __hash__ and __eq__ run code */
        r = PyDict_GetItemWithError(container, sub);
        if (r != NULL)
            Py_INCREF(r);
        else if (!PyErr_Occurred())
            return pyaot_traced(c, pyaot_op_BINARY_SUBSCR(c, sp, oparg)); /* KeyError, exactly */
        return pyaot_traced(c, pyaot_replace2(c, sp, container, sub, r));
    }
    else {
        pyaot_guard_miss(c, 0);
        return pyaot_traced(c, pyaot_op_BINARY_SUBSCR(c, sp, oparg));
    }
    return pyaot_replace2_traced(c, sp, container, sub, r);
}

HOT int pyaot_spec_STORE_SUBSCR(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    PyObject *v = S(sp - 3), *container = S(sp - 2), *sub = S(sp - 1);
    Py_ssize_t i;
    int err;
    if (PyList_CheckExact(container) && (i = small_index(sub, PyList_GET_SIZE(container))) >= 0) {
        PyObject *old = PyList_GET_ITEM(container, i);
        PyList_SET_ITEM(container, i, v); /* takes the stack's reference */
        int freed = pyaot_release(old);
        freed |= pyaot_release(container);
        freed |= pyaot_release(sub);
        return freed ? pyaot_traced(c, ST_OK) : ST_OK;
    }
    if (PyDict_CheckExact(container)) {
        err = PyDict_SetItem(container, sub, v);
        Py_DECREF(v);
    }
    else {
        pyaot_guard_miss(c, 0);
        return pyaot_traced(c, pyaot_op_STORE_SUBSCR(c, sp, oparg));
    }
    return pyaot_traced(c, pyaot_store_end(c, sp, container, sub, err));
}

HOT int pyaot_spec_FOR_ITER(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    PyObject *it = S(sp - 1);
    PyTypeObject *tp = Py_TYPE(it);
    if (tp == &PyRangeIter_Type) {
        range_iter *r = (range_iter *)it;
        if (r->index < r->len) {
            long v = (long)(r->start + (unsigned long)(r->index++) * r->step);
            PyObject *n = box_int(v);
            if (n == NULL)
                return ST_ERROR;
            S(sp) = n;
            return ST_OK;
        }
    }
    else if (tp == &PyListIter_Type || tp == &PyTupleIter_Type) {
        seq_iter *s = (seq_iter *)it;
        if (s->seq != NULL) {
            Py_ssize_t n = tp == &PyListIter_Type ? PyList_GET_SIZE(s->seq) : PyTuple_GET_SIZE(s->seq);
            if (s->index < n) {
                PyObject *item = tp == &PyListIter_Type ? PyList_GET_ITEM(s->seq, s->index)
                                                        : PyTuple_GET_ITEM(s->seq, s->index);
                s->index++;
                S(sp) = Py_NewRef(item);
                return ST_OK;
            }
            Py_CLEAR(s->seq);
        }
    }
    else if (tp == pyaot_rt->str_ascii_iter || tp == &PyUnicodeIter_Type) {
        /* str's iterators have seq_iter's layout */
        seq_iter *s = (seq_iter *)it;
        if (s->seq != NULL) {
            if (s->index < PyUnicode_GET_LENGTH(s->seq)) {
                PyObject *ch = str_char(PyUnicode_READ_CHAR(s->seq, s->index));
                if (ch == NULL)
                    return ST_ERROR;
                s->index++;
                S(sp) = ch;
                return ST_OK;
            }
            Py_CLEAR(s->seq);
        }
    }
    else {
        /* A generator is no failed guess: the generic path resumes one
           with native code directly (pyaot_gen_for_iter). */
        if (tp != &PyGen_Type)
            pyaot_guard_miss(c, 0);
        return pyaot_traced(c, pyaot_op_FOR_ITER(c, sp, oparg));
    }
    /* Only the end releases what may run code (pyaot_spec_traces). */
    Py_DECREF(it);
    S(sp - 1) = NULL;
    return pyaot_traced(c, ST_JUMP);
}

/* Tuples and lists of the right length unpack inline, unrolled for the
   instruction's count; anything else (and every error) takes the generic
   stub. */
HOT int pyaot_spec_UNPACK_SEQUENCE(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    (void)cache;
    PyObject *seq = S(sp - 1);
    PyObject **items;
    if (PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == oparg)
        items = &PyTuple_GET_ITEM(seq, 0);
    else if (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) == oparg)
        items = ((PyListObject *)seq)->ob_item;
    else {
        pyaot_guard_miss(c, 0);
        return pyaot_traced(c, pyaot_op_UNPACK_SEQUENCE(c, sp, oparg));
    }
    for (int i = 0; i < oparg; i++)
        S(sp - 1 + oparg - 1 - i) = Py_NewRef(items[i]);
    /* Only freeing the sequence runs code (pyaot_spec_traces). */
    return pyaot_release(seq) ? pyaot_traced(c, ST_OK) : ST_OK;
}
