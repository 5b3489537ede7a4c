/* Stage 3b: the speculation for each instruction. Names a stub of
   stubs/spec_*.c (called with a per-instruction cache) or none, from what
   the training run's quickened bytecode says about the instruction
   (BINARY_OP_ADD_FLOAT, COMPARE_OP_INT_JUMP, ...) or, without a profile,
   from facts that need none: arithmetic usually meets ints and floats,
   and lookups are worth caching everywhere. Every speculative stub checks
   its guess and falls back to the generic operation, so a wrong guess is
   slower, never wrong. */
#include "compiler.h"

#include <opcode.h>
#include <string.h>

static int arithmetic(int nb)
{
    return nb != NB_MATRIX_MULTIPLY && nb != NB_INPLACE_MATRIX_MULTIPLY && nb != NB_POWER &&
           nb != NB_INPLACE_POWER;
}

int pyaot_seen_numbers(int seen)
{
    switch (seen) {
    case BINARY_OP_ADD_INT:
    case BINARY_OP_SUBTRACT_INT:
    case BINARY_OP_MULTIPLY_INT:
    case COMPARE_OP_INT_JUMP:
        return PYAOT_SEEN_INT;
    case BINARY_OP_ADD_FLOAT:
    case BINARY_OP_SUBTRACT_FLOAT:
    case BINARY_OP_MULTIPLY_FLOAT:
    case COMPARE_OP_FLOAT_JUMP:
        return PYAOT_SEEN_FLOAT;
    default:
        return PYAOT_SEEN_OTHER;
    }
}

static const char *binary_op(int oparg, int seen)
{
    switch (pyaot_seen_numbers(seen)) {
    case PYAOT_SEEN_INT:
        return "BINARY_OP_INT";
    case PYAOT_SEEN_FLOAT:
        return "BINARY_OP_FLOAT";
    default:
        break;
    }
    if (seen == BINARY_OP_ADD_UNICODE || seen == BINARY_OP_INPLACE_ADD_UNICODE)
        return NULL;
    /* Unspecialized: 3.11 specializes only + - * of ints and floats, so
       the rest never tells; assume numbers. */
    return arithmetic(oparg) ? "BINARY_OP_NUM" : NULL;
}

static const char *compare_op(int seen)
{
    switch (pyaot_seen_numbers(seen)) {
    case PYAOT_SEEN_INT:
        return "COMPARE_OP_INT";
    case PYAOT_SEEN_FLOAT:
        return "COMPARE_OP_FLOAT";
    default:
        return seen == COMPARE_OP_STR_JUMP ? "COMPARE_OP_STR" : "COMPARE_OP_NUM";
    }
}

/* len(x), isinstance(x, c) and l.append(x) inline when the training run
   specialized the PRECALL before them for exactly that, other C functions
   and method descriptors without the generic stub's checks, or, without a
   verdict from it, when the callable comes from the global or method of
   that name. Any other call is worth the direct call's check (compiled
   functions need no profile). */
static const char *call(const pyaot_instr *in, const pyaot_code_profile *prof,
                        const pyaot_callee *ce)
{
    /* PRECALL and its cache entry come just before */
    switch (pyaot_profile_seen(prof, in->start - 2)) {
    case PRECALL_NO_KW_LEN:
        return "CALL_LEN";
    case PRECALL_NO_KW_ISINSTANCE:
        return "CALL_ISINSTANCE";
    case PRECALL_NO_KW_LIST_APPEND:
        return "CALL_LIST_APPEND";
    case PRECALL_NO_KW_BUILTIN_O:
    case PRECALL_NO_KW_BUILTIN_FAST:
    case PRECALL_BUILTIN_FAST_WITH_KEYWORDS:
    case PRECALL_NO_KW_METHOD_DESCRIPTOR_O:
    case PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS:
    case PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST:
    case PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS:
        return "CALL_C";
    case PRECALL:
    case PRECALL_ADAPTIVE:
    case -1:
        break;
    default:
        return "CALL";
    }
    const char *g = ce != NULL ? ce->global : NULL, *m = ce != NULL ? ce->method : NULL;
    if (g != NULL && strcmp(g, "len") == 0 && in->oparg == 1)
        return "CALL_LEN";
    if (g != NULL && strcmp(g, "isinstance") == 0 && in->oparg == 2)
        return "CALL_ISINSTANCE";
    /* list.append without a level of recursion, as PRECALL_NO_KW_LIST_APPEND,
       which 3.11 chooses only when the result is dropped */
    if (m != NULL && strcmp(m, "append") == 0 && in->oparg == 1 && ce->popped)
        return "CALL_LIST_APPEND";
    return "CALL";
}

const char *pyaot_speculate(const pyaot_instr *in, const pyaot_code_profile *prof,
                            const pyaot_callee *callee)
{
    int seen = pyaot_profile_seen(prof, in->unit);
    switch (in->opcode) {
    case BINARY_OP:
        return binary_op(in->oparg, seen);
    case COMPARE_OP:
        return compare_op(seen);
    case LOAD_GLOBAL:
        return "LOAD_GLOBAL";
    case LOAD_ATTR:
        return seen == LOAD_ATTR_INSTANCE_VALUE ? "LOAD_ATTR_VALUES"
               : seen == LOAD_ATTR_SLOT         ? "LOAD_ATTR_SLOT"
                                                : "LOAD_ATTR";
    case LOAD_METHOD:
        return seen == LOAD_METHOD_NO_DICT || seen == LOAD_METHOD_WITH_VALUES ? "LOAD_METHOD_TYPE"
                                                                              : "LOAD_METHOD";
    case STORE_ATTR:
        return "STORE_ATTR";
    case BINARY_SUBSCR:
        return seen == BINARY_SUBSCR_GETITEM ? NULL : "BINARY_SUBSCR";
    case STORE_SUBSCR:
        return "STORE_SUBSCR";
    case UNPACK_SEQUENCE:
        return "UNPACK_SEQUENCE";
    case CALL:
        return call(in, prof, callee);
    case FOR_ITER:
        /* 3.11 does not specialize FOR_ITER: the iterator's type is checked
           at run time instead (range, list and tuple inline). */
        return "FOR_ITER";
    default:
        return NULL;
    }
}

int pyaot_spec_cached(const char *spec)
{
    /* CALL's cache remembers the compiled function it calls directly. */
    return strcmp(spec, "CALL") == 0 ||
           (strncmp(spec, "CALL", 4) != 0 && strcmp(spec, "UNPACK_SEQUENCE") != 0);
}

int pyaot_spec_traces(const char *spec)
{
    static const char *const traces[] = {
        "FOR_ITER", "UNPACK_SEQUENCE", "LOAD_GLOBAL", "LOAD_ATTR", "LOAD_ATTR_VALUES",
        "LOAD_ATTR_SLOT", "LOAD_METHOD", "LOAD_METHOD_TYPE", "STORE_ATTR",
        "BINARY_OP_INT", "BINARY_OP_FLOAT", "BINARY_OP_NUM", "COMPARE_OP_INT", "COMPARE_OP_FLOAT",
        "COMPARE_OP_STR", "COMPARE_OP_NUM", "BINARY_SUBSCR", "STORE_SUBSCR",
    };
    for (size_t k = 0; k < sizeof traces / sizeof traces[0]; k++)
        if (strcmp(spec, traces[k]) == 0)
            return 1;
    return 0;
}
