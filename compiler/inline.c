/* Which calls the unboxed tier computes inline (unbox.c emits them): a
   call, by its global name, of a function the module body defines with
   a plain `def`, or a method call `obj.name(...)` of a method class
   bodies of the module define (each definition tried in turn), whose
   body is a "pure leaf": one straight
   run of number arithmetic on its arguments, locals, number constants
   and attributes of its arguments (`self.x * o.x`), ending in a return
   of the result or of a class called with such results
   (`return V(self.x * k, self.y * k)`, see pyaot_v_leaf_new).
   Such a body does nothing anyone could see before it returns,
   so when any guess fails at run time (a type, an overflow, another
   function under the name, a tracer) the ordinary call runs instead and
   computes the same from the start; no callee frame is ever needed. */
#include "lower.h"

#include <opcode.h>
#include <stdlib.h>
#include <string.h>

struct pyaot_leaves {
    pyaot_leaf *v;
    int n;
};

/* The index of the instruction a forward jump at `i` goes to, or -1. */
int pyaot_leaf_target(const pyaot_decoded *d, int i)
{
    if (!pyaot_is_jump(d->ins[i].opcode) || pyaot_is_backward_jump(d->ins[i].opcode))
        return -1;
    for (int j = i + 1; j < d->n; j++)
        if (d->ins[j].start == d->ins[i].target)
            return j;
    return -1;
}

/* Whether `lf` is a pure leaf: a function of positional parameters
   only, without cells or handlers, whose instructions are all number
   work on locals it has bound and on attributes of arguments it never
   rebinds (noted in lf->owner), the last before its RETURN_VALUE
   possibly the call of one global (the class of a constructor leaf).
   A predicate (lf->branches) has forward jumps instead of locals and
   calls: tests, comparisons and `is` of numbers, attributes, arguments,
   constants and globals, on paths that each end in a RETURN_VALUE. Whether the
   values fit is decided where a call is inlined (unbox.c's leaf_walk). */
static int is_leaf(pyaot_leaf *lf)
{
    PyCodeObject *co = lf->co;
    const pyaot_decoded *d = &lf->d;
    int bad = CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR |
              CO_ITERABLE_COROUTINE;
    if (!(co->co_flags & CO_OPTIMIZED) || (co->co_flags & bad) || co->co_kwonlyargcount != 0 ||
        co->co_ncellvars != 0 || co->co_nfreevars != 0 || d->nhandlers != 0 ||
        co->co_nlocalsplus > PYAOT_LEAF_MAX || co->co_stacksize > PYAOT_LEAF_MAX ||
        d->n > 4 * PYAOT_LEAF_MAX)
        return 0;
    unsigned char bound[PYAOT_LEAF_MAX] = {0}, stored[PYAOT_LEAF_MAX] = {0};
    int cls = 0; /* 1 after the class a constructor leaf calls, 2 at its call */
    for (int k = 0; k < co->co_argcount; k++)
        bound[k] = 1;
    for (int i = 0; i < d->n; i++) {
        const pyaot_instr *in = &d->ins[i];
        enum vtype t;
        switch (in->opcode) {
        case RESUME: case NOP:
            break;
        case LOAD_FAST:
            if (!bound[in->oparg])
                return 0; /* UnboundLocalError: only the real call raises it */
            lf->used[in->oparg] = 1;
            break;
        case STORE_FAST:
            bound[in->oparg] = stored[in->oparg] = 1;
            break;
        case LOAD_GLOBAL: /* the class of `return C(...)` (see PRECALL), or a predicate's value */
            if (!(in->oparg & 1)) {
                lf->branches = 1;
                break;
            }
            if (cls)
                return 0;
            cls = 1;
            break;
        case PRECALL: /* PRECALL n; CALL n; RETURN_VALUE, once, after the class */
            if (cls != 1 || i + 2 >= d->n || d->ins[i + 1].opcode != CALL ||
                d->ins[i + 1].oparg != in->oparg || d->ins[i + 2].opcode != RETURN_VALUE)
                return 0;
            cls = 2;
            break;
        case CALL:
            if (i == 0 || d->ins[i - 1].opcode != PRECALL)
                return 0;
            break;
        case LOAD_ATTR: /* of an argument the body never rebinds */
            if (i == 0 || d->ins[i - 1].opcode != LOAD_FAST ||
                d->ins[i - 1].oparg >= co->co_argcount || stored[d->ins[i - 1].oparg])
                return 0;
            lf->owner[d->ins[i - 1].oparg] = 1;
            break;
        case LOAD_CONST: /* a number, or an object returned or compared as it is */
            t = pyaot_unbox_const(NULL, PyTuple_GET_ITEM(co->co_consts, in->oparg), NULL);
            if (t != T_INT && t != T_FLOAT)
                lf->branches = 1;
            break;
        case BINARY_OP:
            break;
        case POP_JUMP_FORWARD_IF_FALSE: case POP_JUMP_FORWARD_IF_TRUE:
        case POP_JUMP_FORWARD_IF_NONE: case POP_JUMP_FORWARD_IF_NOT_NONE:
        case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: case JUMP_FORWARD:
            if (pyaot_leaf_target(d, i) < 0)
                return 0;
            /* fall through */
        case UNARY_NOT: case IS_OP: case COMPARE_OP:
            lf->branches = 1;
            break;
        case RETURN_VALUE:
            if (cls == 1)
                return 0;
            for (int k = 0; k < co->co_argcount; k++)
                if (lf->owner[k] && stored[k])
                    return 0;
            /* A getter (`return self.var`) returns an object as it is,
               which a predicate's walk keeps. */
            if (!lf->branches && cls == 0 && i > 0 &&
                (d->ins[i - 1].opcode == LOAD_ATTR ||
                 (d->ins[i - 1].opcode == LOAD_FAST && d->ins[i - 1].oparg < co->co_argcount)))
                lf->branches = 1;
            if (!lf->branches)
                return 1; /* what follows is unreachable */
            break;
        default:
            return 0;
        }
    }
    /* A predicate ends in its last path's return, and keeps its locals
       and calls out: a local bound on one path only, a class called on
       one path are not worth the walk's bookkeeping. */
    for (int k = 0; k < PYAOT_LEAF_MAX; k++)
        if (stored[k])
            return 0;
    return lf->branches && cls == 0 && d->n > 0 && d->ins[d->n - 1].opcode == RETURN_VALUE;
}

/* What the training run saw each argument as: the type a specialized
   BINARY_OP (BINARY_OP_ADD_INT, ..._FLOAT) it is a direct operand of
   proves, first such use first. */
static void arg_types(pyaot_leaf *lf, const pyaot_options *o)
{
    const pyaot_code_profile *prof = o->profile ? pyaot_profile_code(o->profile, lf->co) : NULL;
    lf->profiled = prof != NULL;
    lf->prof = prof;
    int from[PYAOT_LEAF_MAX]; /* per stack slot: the local LOAD_FAST pushed, or -1 */
    int sp = 0;
    for (int i = 0; i < lf->d.n && prof != NULL; i++) {
        const pyaot_instr *in = &lf->d.ins[i];
        switch (in->opcode) {
        case LOAD_FAST:
            from[sp++] = in->oparg;
            break;
        case LOAD_CONST:
            from[sp++] = -1;
            break;
        case LOAD_ATTR:
            from[sp - 1] = -1;
            break;
        case LOAD_GLOBAL: /* NULL and the class, or a value */
            from[sp++] = -1;
            if (in->oparg & 1)
                from[sp++] = -1;
            break;
        case CALL:
            sp -= in->oparg + 1;
            from[sp - 1] = -1;
            break;
        case STORE_FAST:
            sp--;
            break;
        case BINARY_OP: case COMPARE_OP: {
            if (sp < 2)
                return;
            int seen = pyaot_seen_numbers(pyaot_profile_seen(prof, in->unit));
            enum vtype t = seen == PYAOT_SEEN_INT ? T_INT : seen == PYAOT_SEEN_FLOAT ? T_FLOAT : T_ANY;
            for (int k = sp - 2; k < sp && t != T_ANY; k++)
                if (from[k] >= 0 && from[k] < lf->co->co_argcount && lf->arg[from[k]] == T_ANY &&
                    !lf->owner[from[k]])
                    lf->arg[from[k]] = t;
            from[sp - 2] = -1;
            sp--;
            break;
        }
        case RETURN_VALUE:
            if (!lf->branches)
                return;
            sp = 0; /* a predicate's next path starts at a jump target */
            break;
        case IS_OP:
            if (sp < 2)
                return;
            sp--;
            from[sp - 1] = -1;
            break;
        case POP_JUMP_FORWARD_IF_FALSE: case POP_JUMP_FORWARD_IF_TRUE:
        case POP_JUMP_FORWARD_IF_NONE: case POP_JUMP_FORWARD_IF_NOT_NONE:
        case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP:
            sp--; /* the fall-through's stack */
            break;
        default:
            break;
        }
        if (sp < 0 || sp >= PYAOT_LEAF_MAX)
            return; /* a jump target's stack differs: types stay unknown */
    }
}

/* The name a module body binds with `LOAD_CONST code; MAKE_FUNCTION 0;
   STORE_NAME name`, when that is its only binding there. */
static PyObject *def_name(PyCodeObject *mod, const pyaot_decoded *d, int i)
{
    if (i + 2 >= d->n || d->ins[i + 1].opcode != MAKE_FUNCTION || d->ins[i + 1].oparg != 0 ||
        (d->ins[i + 2].opcode != STORE_NAME && d->ins[i + 2].opcode != STORE_GLOBAL))
        return NULL;
    PyObject *name = PyTuple_GET_ITEM(mod->co_names, d->ins[i + 2].oparg);
    int binds = 0;
    for (int j = 0; j < d->n; j++) {
        int op = d->ins[j].opcode;
        if ((op == STORE_NAME || op == STORE_GLOBAL || op == DELETE_NAME || op == DELETE_GLOBAL ||
             op == IMPORT_FROM) &&
            PyTuple_GET_ITEM(mod->co_names, d->ins[j].oparg) == name)
            binds++;
    }
    return binds == 1 && PyUnicode_Check(name) ? name : NULL;
}

/* Adds the leaves among the functions that body `body` (the module's,
   or a class body: `method`) binds with a plain `def`; `defs` counts, per
   name, the methods class bodies define. */
static void find_in(pyaot_leaves *t, PyObject *codes, PyCodeObject *body, int method,
                    PyObject *defs, const pyaot_options *o)
{
    pyaot_decoded md;
    pyaot_error e;
    if (pyaot_decode_code(body, &md, &e) < 0)
        return;
    for (int i = 0; i < md.n; i++) {
        if (md.ins[i].opcode != LOAD_CONST)
            continue;
        PyObject *k = PyTuple_GET_ITEM(body->co_consts, md.ins[i].oparg);
        PyObject *name = PyCode_Check(k) ? def_name(body, &md, i) : NULL;
        if (name != NULL && method) {
            PyObject *n = PyDict_GetItemWithError(defs, name);
            PyObject *m = PyLong_FromLong(n != NULL ? PyLong_AsLong(n) + 1 : 1);
            if (m == NULL || PyDict_SetItem(defs, name, m) < 0)
                name = NULL;
            Py_XDECREF(m);
        }
        const char *s = name != NULL ? PyUnicode_AsUTF8(name) : NULL;
        if (s == NULL) {
            PyErr_Clear();
            continue;
        }
        pyaot_leaf lf = {.name = s, .method = method, .co = (PyCodeObject *)k, .index = -1};
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(codes); j++)
            if (PyList_GET_ITEM(codes, j) == k)
                lf.index = (int)j;
        if (lf.index < 0 || pyaot_decode_code(lf.co, &lf.d, &e) < 0)
            continue;
        pyaot_leaf *v = is_leaf(&lf) ? realloc(t->v, sizeof *v * (size_t)(t->n + 1)) : NULL;
        if (v == NULL) {
            pyaot_decoded_free(&lf.d);
            continue;
        }
        t->v = v;
        arg_types(&lf, o);
        t->v[t->n++] = lf;
    }
    pyaot_decoded_free(&md);
}

pyaot_leaves *pyaot_leaves_find(PyObject *codes, const pyaot_options *o)
{
    if (getenv("PYAOT_NO_INLINE") != NULL) /* a developer aid, for measuring */
        return NULL;
    pyaot_leaves *t = calloc(1, sizeof *t);
    PyObject *defs = PyDict_New();
    if (t == NULL || defs == NULL) {
        PyErr_Clear();
        Py_XDECREF(defs);
        free(t);
        return NULL;
    }
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(codes); j++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(codes, j);
        /* The module body, then class bodies: the code objects without
           fast locals other than the module's. */
        if (j == 0 || !(co->co_flags & CO_OPTIMIZED))
            find_in(t, codes, co, j != 0, defs, o);
    }
    /* A call site inlines a method name only when it can try every
       definition in turn (unbox.c): it needs their count. */
    for (int k = 0; k < t->n; k++) {
        PyObject *n = t->v[k].method ? PyDict_GetItemString(defs, t->v[k].name) : NULL;
        t->v[k].defs = n != NULL ? (int)PyLong_AsLong(n) : 1;
    }
    Py_DECREF(defs);
    return t;
}

static pyaot_leaf *find_leaf(pyaot_leaves *t, const char *name, int method)
{
    for (int k = 0; t != NULL && k < t->n; k++)
        if (t->v[k].method == method && strcmp(t->v[k].name, name) == 0)
            return &t->v[k];
    return NULL;
}

pyaot_leaf *pyaot_leaf_named(pyaot_leaves *t, const char *name)
{
    return find_leaf(t, name, 0);
}

int pyaot_leaf_methods(pyaot_leaves *t, const char *name, pyaot_leaf **out)
{
    int n = 0;
    for (int k = 0; t != NULL && k < t->n && n < PYAOT_LEAF_CANDIDATES; k++)
        if (t->v[k].method && strcmp(t->v[k].name, name) == 0)
            out[n++] = &t->v[k];
    return n;
}

void pyaot_leaves_resolve(pyaot_leaves *t, LLVMValueRef *entries, LLVMTypeRef ptr)
{
    for (int k = 0; t != NULL && k < t->n; k++) {
        pyaot_leaf *lf = &t->v[k];
        if (lf->entry == NULL)
            continue;
        LLVMValueRef fn = entries[lf->index];
        LLVMReplaceAllUsesWith(lf->entry, fn != NULL ? fn : LLVMConstPointerNull(ptr));
        LLVMDeleteGlobal(lf->entry);
        lf->entry = NULL;
    }
}

void pyaot_leaves_free(pyaot_leaves *t)
{
    for (int k = 0; t != NULL && k < t->n; k++)
        pyaot_decoded_free(&t->v[k].d);
    if (t != NULL)
        free(t->v);
    free(t);
}
