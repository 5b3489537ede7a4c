/* How the generic tier lowers each CPython 3.11 opcode. Anything not in
   this table deoptimizes before the instruction and the interpreter runs
   it; the README lists those. */
#include "compiler.h"

#include <opcode.h>
#include <stdio.h>

#include "../runtime/abi.h"

/* Inline cache entries after each opcode (3.11's _PyOpcode_Caches). */
const uint8_t pyaot_cache_entries[256] = {
    [BINARY_SUBSCR] = 4, [STORE_SUBSCR] = 1, [UNPACK_SEQUENCE] = 1, [STORE_ATTR] = 4,
    [LOAD_ATTR] = 4,     [COMPARE_OP] = 2,   [LOAD_GLOBAL] = 5,     [BINARY_OP] = 1,
    [LOAD_METHOD] = 10,  [PRECALL] = 1,      [CALL] = 4,
};

#define OP(o, k) [o] = {#o, #o, k, PYAOT_DEOPT_UNSUPPORTED}
#define OPR(o, k, r) [o] = {#o, #o, k, r}
#define OPN(o, stub, k) [o] = {#o, stub, k, PYAOT_DEOPT_UNSUPPORTED}

static const pyaot_opinfo table[256] = {
    OP(NOP, K_NOFAIL),
    OP(POP_TOP, K_PLAIN),
    OP(PUSH_NULL, K_NOFAIL),
    OP(COPY, K_NOFAIL),
    OP(SWAP, K_NOFAIL),
    OPR(LOAD_FAST, K_PURE, PYAOT_DEOPT_NAME_ERROR),
    OPR(LOAD_CLOSURE, K_PURE, PYAOT_DEOPT_NAME_ERROR),
    OP(LOAD_CONST, K_NOFAIL),
    OP(STORE_FAST, K_PLAIN),
    OPR(DELETE_FAST, K_PLAIN, PYAOT_DEOPT_NAME_ERROR),
    OP(UNARY_POSITIVE, K_PLAIN),
    OP(UNARY_NEGATIVE, K_PLAIN),
    OP(UNARY_NOT, K_PLAIN),
    OP(UNARY_INVERT, K_PLAIN),
    OP(BINARY_OP, K_PLAIN),
    OP(COMPARE_OP, K_PLAIN),
    OP(IS_OP, K_PLAIN),
    OP(CONTAINS_OP, K_PLAIN),
    OP(BINARY_SUBSCR, K_PLAIN),
    OP(STORE_SUBSCR, K_PLAIN),
    OP(DELETE_SUBSCR, K_PLAIN),
    OP(BUILD_SLICE, K_PLAIN),
    OP(GET_LEN, K_PLAIN),
    OP(LOAD_ASSERTION_ERROR, K_NOFAIL),
    OP(LOAD_GLOBAL, K_PLAIN),
    OP(STORE_GLOBAL, K_PLAIN),
    OP(DELETE_GLOBAL, K_PLAIN),
    OP(LOAD_NAME, K_PLAIN),
    OP(STORE_NAME, K_PLAIN),
    OP(DELETE_NAME, K_PLAIN),
    OP(LOAD_ATTR, K_PLAIN),
    OP(LOAD_METHOD, K_PLAIN),
    OP(STORE_ATTR, K_PLAIN),
    OP(DELETE_ATTR, K_PLAIN),
    OP(MAKE_CELL, K_PURE),
    OP(COPY_FREE_VARS, K_NOFAIL),
    OP(LOAD_DEREF, K_PLAIN),
    OP(STORE_DEREF, K_PLAIN),
    OP(DELETE_DEREF, K_PLAIN),
    OP(LOAD_CLASSDEREF, K_PLAIN),
    OP(LOAD_BUILD_CLASS, K_PLAIN),
    OP(SETUP_ANNOTATIONS, K_PLAIN),
    OP(BUILD_TUPLE, K_PLAIN),
    OP(BUILD_LIST, K_PLAIN),
    OP(BUILD_SET, K_PLAIN),
    OP(BUILD_MAP, K_PLAIN),
    OP(BUILD_CONST_KEY_MAP, K_PLAIN),
    OP(BUILD_STRING, K_PLAIN),
    OP(LIST_APPEND, K_PLAIN),
    OP(SET_ADD, K_PLAIN),
    OP(MAP_ADD, K_PLAIN),
    OP(LIST_EXTEND, K_PLAIN),
    OP(SET_UPDATE, K_PLAIN),
    OP(DICT_UPDATE, K_PLAIN),
    OP(DICT_MERGE, K_PLAIN),
    OP(LIST_TO_TUPLE, K_PLAIN),
    OP(UNPACK_SEQUENCE, K_PLAIN),
    OP(UNPACK_EX, K_PLAIN),
    OP(FORMAT_VALUE, K_PLAIN),
    OP(KW_NAMES, K_NOFAIL),
    OP(PRECALL, K_NOFAIL),
    OP(CALL, K_PLAIN),
    OP(CALL_FUNCTION_EX, K_PLAIN),
    OP(MAKE_FUNCTION, K_PLAIN),
    OP(GET_ITER, K_PLAIN),
    OP(FOR_ITER, K_FOR_ITER),
    OP(BEFORE_WITH, K_PLAIN),
    OP(IMPORT_NAME, K_PLAIN),
    OPR(IMPORT_FROM, K_PLAIN, PYAOT_DEOPT_IMPORT_ERROR),
    OP(PRINT_EXPR, K_PLAIN),
    OPN(POP_JUMP_FORWARD_IF_TRUE, "POP_JUMP_IF_TRUE", K_COND_JUMP),
    OPN(POP_JUMP_BACKWARD_IF_TRUE, "POP_JUMP_IF_TRUE", K_COND_JUMP),
    OPN(POP_JUMP_FORWARD_IF_FALSE, "POP_JUMP_IF_FALSE", K_COND_JUMP),
    OPN(POP_JUMP_BACKWARD_IF_FALSE, "POP_JUMP_IF_FALSE", K_COND_JUMP),
    OPN(POP_JUMP_FORWARD_IF_NONE, "POP_JUMP_IF_NONE", K_COND_JUMP),
    OPN(POP_JUMP_BACKWARD_IF_NONE, "POP_JUMP_IF_NONE", K_COND_JUMP),
    OPN(POP_JUMP_FORWARD_IF_NOT_NONE, "POP_JUMP_IF_NOT_NONE", K_COND_JUMP),
    OPN(POP_JUMP_BACKWARD_IF_NOT_NONE, "POP_JUMP_IF_NOT_NONE", K_COND_JUMP),
    OP(JUMP_IF_TRUE_OR_POP, K_COND_JUMP),
    OP(JUMP_IF_FALSE_OR_POP, K_COND_JUMP),
    OPN(JUMP_FORWARD, NULL, K_JUMP),
    OPN(JUMP_BACKWARD_NO_INTERRUPT, NULL, K_JUMP),
    OPN(JUMP_BACKWARD, NULL, K_JUMP_BACKWARD),
    OPN(RESUME, NULL, K_RESUME),
    OPN(RETURN_VALUE, NULL, K_RETURN),
    OP(RAISE_VARARGS, K_RAISE),
    OP(RERAISE, K_RAISE),
    OP(PUSH_EXC_INFO, K_NOFAIL),
    OP(POP_EXCEPT, K_PLAIN),
    OP(CHECK_EXC_MATCH, K_PLAIN),
    OP(CHECK_EG_MATCH, K_PLAIN),
    OP(PREP_RERAISE_STAR, K_PLAIN),
    OP(WITH_EXCEPT_START, K_PLAIN),
    OP(END_ASYNC_FOR, K_PLAIN),
    OP(GET_AWAITABLE, K_PLAIN),
    OP(GET_AITER, K_PLAIN),
    OP(GET_ANEXT, K_PLAIN),
    OP(BEFORE_ASYNC_WITH, K_PLAIN),
    OP(ASYNC_GEN_WRAP, K_PLAIN),
    OP(GET_YIELD_FROM_ITER, K_PLAIN),
    OP(SEND, K_COND_JUMP),
    OP(YIELD_VALUE, K_SUSPEND),
    OP(RETURN_GENERATOR, K_SUSPEND),
    OP(MATCH_CLASS, K_PLAIN),
    OP(MATCH_MAPPING, K_NOFAIL),
    OP(MATCH_SEQUENCE, K_NOFAIL),
    OP(MATCH_KEYS, K_PLAIN),
    OP(IMPORT_STAR, K_PLAIN),
};

/* Names of the opcodes the table leaves out: they never reach the
   lowering (EXTENDED_ARG is folded into its instruction, CACHE is data). */
static const char *const other_names[256] = {
    [EXTENDED_ARG] = "EXTENDED_ARG",
    [CACHE] = "CACHE",
};

const pyaot_opinfo *pyaot_opinfo_get(int opcode)
{
    return &table[opcode & 255];
}

const char *pyaot_opname(int opcode)
{
    static char buf[32];
    if (table[opcode & 255].name != NULL)
        return table[opcode & 255].name;
    if (other_names[opcode & 255] != NULL)
        return other_names[opcode & 255];
    snprintf(buf, sizeof buf, "<opcode %d>", opcode);
    return buf;
}

int pyaot_is_terminal(int opcode)
{
    switch (opcode) {
    case RETURN_VALUE:
    case RAISE_VARARGS:
    case RERAISE:
    case JUMP_FORWARD:
    case JUMP_BACKWARD:
    case JUMP_BACKWARD_NO_INTERRUPT:
        return 1;
    }
    /* Natively, an unsupported instruction ends the path: it deoptimizes. */
    return table[opcode & 255].kind == K_UNSUPPORTED;
}
