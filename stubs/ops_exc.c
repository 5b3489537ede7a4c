/* Raising, re-raising and catching exceptions: raise, except, except*,
   the exception state of handlers and the exceptional exit of `with`. */
#include "stubs.h"

#include "internal/pycore_global_objects.h"

/* Make the exception instance `val` (reference stolen) the current one,
   with its own traceback, as the interpreter does before re-raising. */
static void restore_exception(PyObject *val)
{
    PyErr_Restore(Py_NewRef(PyExceptionInstance_Class(val)), val, PyException_GetTraceback(val));
}

/* `raise exc from cause`, `raise exc` and bare `raise`; consumes exc and
   cause. 1 when a bare raise re-raised the handled exception (no new
   traceback entry), 0 with some other exception set. */
static int do_raise(PyThreadState *ts, PyObject *exc, PyObject *cause)
{
    PyObject *type = NULL, *value = NULL;
    if (exc == NULL) {
        value = _PyErr_GetTopmostException(ts)->exc_value;
        if (value == NULL || Py_IsNone(value)) {
            PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
            return 0;
        }
        restore_exception(Py_NewRef(value));
        return 1;
    }
    if (PyExceptionClass_Check(exc)) {
        type = exc;
        value = _PyObject_CallNoArgs(exc);
        if (value == NULL)
            goto fail;
        if (!PyExceptionInstance_Check(value)) {
            PyErr_Format(PyExc_TypeError,
                         "calling %R should have returned an instance of BaseException, not %R",
                         type, Py_TYPE(value));
            goto fail;
        }
    }
    else if (PyExceptionInstance_Check(exc)) {
        value = exc;
        type = Py_NewRef(PyExceptionInstance_Class(exc));
    }
    else {
        Py_DECREF(exc);
        PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
        goto fail;
    }
    if (cause != NULL) {
        PyObject *fixed;
        if (PyExceptionClass_Check(cause)) {
            fixed = _PyObject_CallNoArgs(cause);
            if (fixed == NULL)
                goto fail;
            Py_DECREF(cause);
        }
        else if (PyExceptionInstance_Check(cause)) {
            fixed = cause;
        }
        else if (Py_IsNone(cause)) {
            Py_DECREF(cause);
            fixed = NULL;
        }
        else {
            PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
            goto fail;
        }
        PyException_SetCause(value, fixed);
    }
    PyErr_SetObject(type, value);
    Py_DECREF(value);
    Py_DECREF(type);
    return 0;
fail:
    Py_XDECREF(value);
    Py_XDECREF(type);
    Py_XDECREF(cause);
    return 0;
}

/* Never ST_OK: a bare re-raise unwinds without a new traceback entry,
   everything else is an error raised here. */
int pyaot_op_RAISE_VARARGS(pyaot_ctx *c, int sp, int oparg)
{
    PyObject *exc = NULL, *cause = NULL;
    switch (oparg) {
    case 2:
        cause = S(sp - 1);
        exc = S(sp - 2);
        S(sp - 1) = S(sp - 2) = NULL;
        break;
    case 1:
        exc = S(sp - 1);
        S(sp - 1) = NULL;
        break;
    case 0:
        break;
    default:
        PyErr_SetString(PyExc_SystemError, "bad RAISE_VARARGS oparg");
        return ST_ERROR;
    }
    return do_raise(c->ts, exc, cause) ? ST_UNWIND : ST_ERROR;
}

/* Re-raise TOP; with oparg, the instruction the exception was first
   raised at (an int `oparg` slots below TOP) becomes the frame's. */
int pyaot_op_RERAISE(pyaot_ctx *c, int sp, int oparg)
{
    if (oparg) {
        PyObject *lasti = S(sp - 1 - oparg);
        if (!PyLong_Check(lasti)) {
            PyErr_SetString(PyExc_SystemError, "lasti is not an int");
            return ST_ERROR;
        }
        c->f->prev_instr = c->first + PyLong_AsLong(lasti);
    }
    restore_exception(S(sp - 1));
    S(sp - 1) = NULL;
    return ST_UNWIND;
}

/* [exc] -> [previously handled exception or None, exc]; exc becomes the
   handled exception. */
int pyaot_op_PUSH_EXC_INFO(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *value = S(sp - 1);
    _PyErr_StackItem *info = c->ts->exc_info;
    S(sp - 1) = info->exc_value != NULL ? info->exc_value : Py_NewRef(Py_None);
    S(sp) = Py_NewRef(value);
    info->exc_value = value;
    return ST_OK;
}

int pyaot_op_POP_EXCEPT(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    _PyErr_StackItem *info = c->ts->exc_info;
    PyObject *old = info->exc_value;
    info->exc_value = S(sp - 1);
    Py_XDECREF(old);
    return ST_OK;
}

#define CANNOT_CATCH_MSG "catching classes that do not inherit from BaseException is not allowed"

/* The target of `except`: a class or a tuple of classes. */
static int check_except_type(PyObject *right)
{
    if (PyTuple_Check(right)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(right); i++) {
            if (!PyExceptionClass_Check(PyTuple_GET_ITEM(right, i))) {
                PyErr_SetString(PyExc_TypeError, CANNOT_CATCH_MSG);
                return -1;
            }
        }
    }
    else if (!PyExceptionClass_Check(right)) {
        PyErr_SetString(PyExc_TypeError, CANNOT_CATCH_MSG);
        return -1;
    }
    return 0;
}

/* The target of `except*`: as for `except`, but no exception groups. */
static int check_except_star_type(PyObject *right)
{
    if (check_except_type(right) < 0)
        return -1;
    int is_group = 0;
    if (PyTuple_Check(right)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(right) && !is_group; i++) {
            is_group = PyObject_IsSubclass(PyTuple_GET_ITEM(right, i), PyExc_BaseExceptionGroup);
            if (is_group < 0)
                return -1;
        }
    }
    else {
        is_group = PyObject_IsSubclass(right, PyExc_BaseExceptionGroup);
        if (is_group < 0)
            return -1;
    }
    if (is_group) {
        PyErr_SetString(PyExc_TypeError,
                        "catching ExceptionGroup with except* is not allowed. "
                        "Use except instead.");
        return -1;
    }
    return 0;
}

/* [exc, type] -> [exc, exc matches type] */
int pyaot_op_CHECK_EXC_MATCH(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *right = S(sp - 1);
    if (check_except_type(right) < 0) {
        Py_DECREF(right);
        S(sp - 1) = NULL;
        return ST_ERROR;
    }
    int match = PyErr_GivenExceptionMatches(S(sp - 2), right);
    Py_DECREF(right);
    S(sp - 1) = Py_NewRef(match ? Py_True : Py_False);
    return ST_OK;
}

/* BaseExceptionGroup("", excs): an ExceptionGroup when every member is an
   Exception. */
static PyObject *new_exception_group(PyObject *excs)
{
    PyObject *args = Py_BuildValue("(sO)", "", excs);
    if (args == NULL)
        return NULL;
    PyObject *eg = PyObject_Call(PyExc_BaseExceptionGroup, args, NULL);
    Py_DECREF(args);
    return eg;
}

/* Split the handled exception for one except* clause: *match is the part
   that matches (a group, or None) and *rest what is left (or None). */
static int exception_group_match(PyObject *exc, PyObject *type, PyObject **match,
                                 PyObject **rest)
{
    if (Py_IsNone(exc)) {
        *match = Py_NewRef(Py_None);
        *rest = Py_NewRef(Py_None);
        return 0;
    }
    if (PyErr_GivenExceptionMatches(exc, type)) {
        if (_PyBaseExceptionGroup_Check(exc)) {
            *match = Py_NewRef(exc);
        }
        else {
            /* A naked exception is caught as a group of one. */
            PyObject *excs = PyTuple_Pack(1, exc);
            if (excs == NULL)
                return -1;
            *match = new_exception_group(excs);
            Py_DECREF(excs);
            if (*match == NULL)
                return -1;
        }
        *rest = Py_NewRef(Py_None);
        return 0;
    }
    if (_PyBaseExceptionGroup_Check(exc)) {
        PyObject *pair = PyObject_CallMethod(exc, "split", "(O)", type);
        if (pair == NULL)
            return -1;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            /* The interpreter assumes this never happens. */
            PyErr_SetString(PyExc_TypeError, "split() must return a (match, rest) pair");
            Py_DECREF(pair);
            return -1;
        }
        *match = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
        *rest = Py_NewRef(PyTuple_GET_ITEM(pair, 1));
        Py_DECREF(pair);
        return 0;
    }
    *match = Py_NewRef(Py_None);
    *rest = Py_NewRef(Py_None);
    return 0;
}

/* [exc, type] -> [exc, None] when nothing matches, else [rest, match] with
   match as the handled exception. */
int pyaot_op_CHECK_EG_MATCH(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *type = S(sp - 1);
    if (check_except_star_type(type) < 0) {
        Py_DECREF(type);
        S(sp - 1) = NULL;
        return ST_ERROR;
    }
    PyObject *exc = S(sp - 2);
    PyObject *match, *rest;
    int err = exception_group_match(exc, type, &match, &rest);
    Py_DECREF(type);
    S(sp - 1) = NULL;
    if (err < 0)
        return ST_ERROR;
    if (Py_IsNone(match)) {
        S(sp - 1) = match;
        Py_DECREF(rest);
        return ST_OK;
    }
    S(sp - 2) = rest;
    S(sp - 1) = match;
    PyErr_SetHandledException(match);
    Py_DECREF(exc);
    return ST_OK;
}

/* --- the exception group an except* statement re-raises ---------------- */

/* Whether `e` is a re-raise of `orig`: raising again keeps the metadata. */
static int same_metadata(PyObject *e, PyObject *orig)
{
    PyBaseExceptionObject *a = (PyBaseExceptionObject *)e, *b = (PyBaseExceptionObject *)orig;
    return a->notes == b->notes && a->traceback == b->traceback && a->cause == b->cause &&
           a->context == b->context;
}

/* Add the identities of the leaves of `exc` to the set `ids`. */
static int collect_leaf_ids(PyObject *exc, PyObject *ids)
{
    if (Py_IsNone(exc))
        return 0;
    if (!_PyBaseExceptionGroup_Check(exc)) {
        PyObject *id = PyLong_FromVoidPtr(exc);
        if (id == NULL)
            return -1;
        int err = PySet_Add(ids, id);
        Py_DECREF(id);
        return err;
    }
    PyObject *excs = ((PyBaseExceptionGroupObject *)exc)->excs;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
        if (Py_EnterRecursiveCall(" in collect_exception_group_leaf_ids"))
            return -1;
        int err = collect_leaf_ids(PyTuple_GET_ITEM(excs, i), ids);
        Py_LeaveRecursiveCall();
        if (err < 0)
            return -1;
    }
    return 0;
}

/* orig.derive(excs) with orig's traceback, context, cause and a copy of
   its notes, as split() builds its parts; NULL without error when excs
   is empty. */
static int derive_subgroup(PyObject *orig, PyObject *excs, PyObject **result)
{
    *result = NULL;
    Py_ssize_t n = PySequence_Size(excs);
    if (n <= 0)
        return (int)n;
    PyObject *eg = PyObject_CallMethod(orig, "derive", "(O)", excs);
    if (eg == NULL)
        return -1;
    if (!_PyBaseExceptionGroup_Check(eg)) {
        PyErr_SetString(PyExc_TypeError, "derive must return an instance of BaseExceptionGroup");
        goto fail;
    }
    PyObject *tb = PyException_GetTraceback(orig);
    if (tb != NULL) {
        int err = PyException_SetTraceback(eg, tb);
        Py_DECREF(tb);
        if (err < 0)
            goto fail;
    }
    PyException_SetContext(eg, PyException_GetContext(orig));
    PyException_SetCause(eg, PyException_GetCause(orig));
    if (PyObject_HasAttr(orig, &_Py_ID(__notes__))) {
        PyObject *notes = PyObject_GetAttr(orig, &_Py_ID(__notes__));
        if (notes == NULL)
            goto fail;
        if (PySequence_Check(notes)) {
            /* Each part gets its own list. */
            PyObject *copy = PySequence_List(notes);
            Py_DECREF(notes);
            if (copy == NULL)
                goto fail;
            int err = PyObject_SetAttr(eg, &_Py_ID(__notes__), copy);
            Py_DECREF(copy);
            if (err < 0)
                goto fail;
        }
        else {
            Py_DECREF(notes);
        }
    }
    *result = eg;
    return 0;
fail:
    Py_DECREF(eg);
    return -1;
}

/* The part of `exc` whose leaves are in `ids`, keeping the nesting and
   metadata of its groups; *out is NULL when no leaf is kept. */
static int project(PyObject *exc, PyObject *ids, PyObject **out)
{
    *out = NULL;
    if (!_PyBaseExceptionGroup_Check(exc)) {
        PyObject *id = PyLong_FromVoidPtr(exc);
        if (id == NULL)
            return -1;
        int found = PySet_Contains(ids, id);
        Py_DECREF(id);
        if (found > 0)
            *out = Py_NewRef(exc);
        return found < 0 ? -1 : 0;
    }
    PyObject *excs = ((PyBaseExceptionGroupObject *)exc)->excs;
    PyObject *kept = PyList_New(0);
    if (kept == NULL)
        return -1;
    int err = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs) && err == 0; i++) {
        if (Py_EnterRecursiveCall(" in exceptiongroup_split_recursive")) {
            err = -1;
            break;
        }
        PyObject *part;
        err = project(PyTuple_GET_ITEM(excs, i), ids, &part);
        Py_LeaveRecursiveCall();
        if (part != NULL) {
            err = PyList_Append(kept, part);
            Py_DECREF(part);
        }
    }
    if (err == 0)
        err = derive_subgroup(exc, kept, out);
    Py_DECREF(kept);
    return err;
}

/* What a try-except* statement raises at its end, given the exception it
   caught and the list of what its clauses raised (None for clauses that
   finished): the re-raised parts in the original nesting, plus the newly
   raised ones as siblings in a new group; None when nothing is left. */
static PyObject *prep_reraise_star(PyObject *orig, PyObject *excs)
{
    Py_ssize_t n = PyList_GET_SIZE(excs);
    if (n == 0)
        return Py_NewRef(Py_None);
    if (!_PyBaseExceptionGroup_Check(orig)) {
        /* A naked exception was caught: at most one clause ran. */
        return Py_NewRef(PyList_GET_ITEM(excs, 0));
    }
    PyObject *raised = PyList_New(0);
    PyObject *reraised = PyList_New(0);
    PyObject *ids = PySet_New(NULL);
    PyObject *result = NULL;
    if (raised == NULL || reraised == NULL || ids == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PyList_GET_ITEM(excs, i);
        if (Py_IsNone(e))
            continue;
        if (PyList_Append(same_metadata(e, orig) ? reraised : raised, e) < 0)
            goto done;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(reraised); i++) {
        if (collect_leaf_ids(PyList_GET_ITEM(reraised, i), ids) < 0)
            goto done;
    }
    PyObject *kept;
    if (project(orig, ids, &kept) < 0)
        goto done;
    if (PyList_GET_SIZE(raised) == 0) {
        result = kept != NULL ? kept : Py_NewRef(Py_None);
        goto done;
    }
    int err = kept != NULL ? PyList_Append(raised, kept) : 0;
    Py_XDECREF(kept);
    if (err == 0)
        result = new_exception_group(raised);
done:
    Py_XDECREF(raised);
    Py_XDECREF(reraised);
    Py_XDECREF(ids);
    return result;
}

/* [orig, list of raised] -> [exception to re-raise or None] */
int pyaot_op_PREP_RERAISE_STAR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *excs = S(sp - 1), *orig = S(sp - 2);
    PyObject *val = prep_reraise_star(orig, excs);
    Py_DECREF(excs);
    Py_DECREF(orig);
    S(sp - 1) = NULL;
    S(sp - 2) = val;
    return val ? ST_OK : ST_ERROR;
}

/* [exit, lasti, prev exc, exc] -> [..., exit(type(exc), exc, tb)] */
int pyaot_op_WITH_EXCEPT_START(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *val = S(sp - 1);
    PyObject *tb = PyException_GetTraceback(val);
    Py_XDECREF(tb); /* the exception keeps it alive */
    if (tb == NULL)
        tb = Py_None; /* unwinding sets None for a missing traceback anyway */
    PyObject *args[4] = {NULL, PyExceptionInstance_Class(val), val, tb};
    PyObject *r = PyObject_Vectorcall(S(sp - 4), args + 1, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                      NULL);
    if (r == NULL)
        return ST_ERROR;
    S(sp) = r;
    return ST_OK;
}

/* The end of `async for`: StopAsyncIteration ends the loop (popping the
   iterator), anything else is re-raised. */
int pyaot_op_END_ASYNC_FOR(pyaot_ctx *c, int sp, int oparg)
{
    (void)oparg;
    PyObject *val = S(sp - 1);
    S(sp - 1) = NULL;
    if (PyErr_GivenExceptionMatches(val, PyExc_StopAsyncIteration)) {
        Py_DECREF(val);
        Py_CLEAR(S(sp - 2));
        return ST_OK;
    }
    restore_exception(val);
    return ST_UNWIND;
}
