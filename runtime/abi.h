/* The contract between the compiler, the stubs linked into every artifact,
   and the runtime module: artifact descriptor layout and shared constants.
   Plain C with fixed-size fields, so that the compiler can emit the
   descriptor as LLVM constants with the same layout. */
#ifndef PYAOT_ABI_H
#define PYAOT_ABI_H

#include <stdint.h>

#define PYAOT_VERSION "0.1.0"

/* Bump whenever the descriptor layout, the stub ABI or the meaning of a
   code hash changes: older artifacts are then refused, never misread. */
#define PYAOT_FORMAT_VERSION 8u
#define PYAOT_DESC_MAGIC 0x5041594fu /* "PAYO" */

/* Ints of at most this magnitude convert to double exactly: the unboxed
   tier's int constants (compiler/unbox.c) and its run-time check before
   mixing an int into float arithmetic (stubs/unboxed.c) agree on it. */
#define PYAOT_EXACT_DOUBLE (INT64_C(1) << 53)

/* The checksum trailer appended after the ELF image: 8 bytes of tag, then
   pyaot_checksum of every byte before the trailer (the stamp included).
   Artifacts ending in the first format's tag (checksummed with
   pyaot_hash_bytes) are reported as built by an older pyaot. */
#define PYAOT_TRAILER_TAG "PYAOTCS2"
#define PYAOT_TRAILER_TAG_V1 "PYAOTSUM"
#define PYAOT_TRAILER_SIZE 16

/* The freshness stamp sits between the ELF image and the checksum trailer,
   outside anything the dynamic loader reads. `pyaot compile` skips a module
   whose artifact verifies and carries the stamp it would write now; the
   runtime ignores the stamp (it checks the descriptor and code hashes). */
#define PYAOT_STAMP_TAG "PYAOTSTP"
#define PYAOT_STAMP_VERSION 1u

typedef struct pyaot_stamp {
    char tag[8];          /* PYAOT_STAMP_TAG */
    uint32_t version;     /* PYAOT_STAMP_VERSION: layout of this struct */
    uint32_t opt_level;   /* -O level the code was generated with */
    uint64_t build_id;    /* the compiler: version, LLVM, pyaot-compile binary, stubs.bc */
    uint64_t target_id;   /* the target interpreter: sys.version and .pyc magic */
    int64_t src_mtime_ns; /* the .py compiled (-1, -1 for a sourceless .pyc) */
    int64_t src_size;
    int64_t pyc_mtime_ns; /* the .pyc its code came from (-1, -1 when there was none) */
    int64_t pyc_size;
} pyaot_stamp;

_Static_assert(sizeof(pyaot_stamp) == 64, "the stamp layout has no padding");

/* Name of the exported descriptor symbol in every artifact. */
#define PYAOT_DESC_SYMBOL "pyaot_descriptor"

/* Shared runtime state an artifact reaches through its own pointer slot;
   the runtime fills the slot before any native entry runs. */
typedef struct pyaot_runtime {
    uint32_t abi_version; /* PYAOT_FORMAT_VERSION */
    int stats_enabled;
    /* Called on every deoptimization when stats are on. */
    void (*record_deopt)(void *code, int instr_offset, int reason);
    /* The co_extra index holding each code object's pyaot_code_rec
       (-1 until the runtime is enabled): direct calls look callees up. */
    intptr_t extra_index;
    /* Called when stats are on for every native entry that bypassed the
       eval-frame hook (a direct call), with the callee's record. */
    void (*count_direct)(void *rec);
    /* The C stack floor of the thread that entered native code last,
       keyed by its thread state and thread id: with the GIL only one
       thread runs, so native entries rarely need the thread-local one. */
    const void *floor_ts;
    unsigned long floor_thread;
    uintptr_t floor;
    /* Builtins a CALL may run without vectorcall when the callable is
       exactly this object (strong references, set when enabled). */
    void *builtin_len, *builtin_isinstance, *list_append;
    /* Called when stats are on for every failed guard of a speculative
       stub (code unit `unit`), when a site's cache gives up (`gave_up`
       1), and when a code object switches to its generic body
       (PYAOT_GUARD_SWITCHED). */
    void (*record_guard)(void *code, int unit, int gave_up);
    /* More of the builtins above: min, max, abs, dict.get, str.join. */
    void *builtin_min, *builtin_max, *builtin_abs, *dict_get, *str_join;
    /* next(), generator.send and coroutine.send: resumed natively. */
    void *builtin_next, *gen_send, *coro_send;
    /* The iterator type of ASCII strs, private to the interpreter (the
       other, PyUnicodeIter_Type, is exported): FOR_ITER steps both inline. */
    void *str_ascii_iter;
    /* A direct call whose frame does not fit the current data stack chunk
       (a PyThreadState) makes a new one current and gets its first `size`
       slots, NULL when memory is short; popping a chunk's first frame
       calls pop_chunk (runtime/datastack.c). */
    void **(*push_chunk)(void *ts, intptr_t size);
    void (*pop_chunk)(void *ts);
} pyaot_runtime;

/* co_extra as 3.11 lays it out (the struct is private to codeobject.c). */
typedef struct pyaot_code_extra {
    intptr_t ce_size;
    void *ce_extras[1];
} pyaot_code_extra;

/* co_extra[extra_index] is NULL (not looked at yet), PYAOT_CHECKED (no
   native code), or a record that starts with these fields. */
#define PYAOT_CHECKED ((void *)1)
typedef struct pyaot_code_rec {
    void *entry;              /* eval-frame signature */
    unsigned long long calls; /* native entries, counted when stats are on */
} pyaot_code_rec;

typedef struct pyaot_code_entry {
    uint64_t code_hash; /* pyaot_code_hash() of the code object it was compiled from */
    void *entry;        /* native eval-frame entry, or NULL: run in the interpreter */
} pyaot_code_entry;

typedef struct pyaot_descriptor {
    uint32_t magic;          /* PYAOT_DESC_MAGIC */
    uint32_t format_version; /* PYAOT_FORMAT_VERSION */
    uint32_t py_version_hex; /* PY_VERSION_HEX of the target */
    uint32_t pyc_magic;      /* first four bytes of the target's .pyc files */
    const char *py_build;    /* sys.version of the target: version, build date, compiler */
    const char *compiler;    /* "pyaot <version>" */
    const char *flags;       /* compile flags that change code, e.g. "-O2" */
    uint32_t ncode;          /* entries in codes[], in pyaot_code_walk() order */
    uint32_t reserved;
    const pyaot_code_entry *codes;
    pyaot_runtime **runtime_slot;
} pyaot_descriptor;

/* One place where generated code can leave its straight path: an
   instruction (or a resume point, or an eval-breaker check). The compiler
   emits a constant table of these per code object; the slow path reads
   the one it was given. Fields are code units and localsplus indexes. */
typedef struct pyaot_site {
    int32_t unit;      /* the instruction's opcode unit: prev_instr for errors */
    int32_t start;     /* resume the interpreter here when the stub says ST_DEOPT */
    int32_t sp;        /* localsplus index just above the stack at `start` */
    int32_t reason;    /* reported deoptimization reason for ST_DEOPT */
    int32_t next;      /* where to resume when tracing turned on after success */
    int32_t next_sp;
    int32_t target;    /* same after a taken jump */
    int32_t target_sp;
    int32_t level;     /* handler: localsplus index to unwind to; -1: no handler */
    int32_t lasti;     /* handler: 1 to push the offset of the raising instruction */
    int32_t handler;   /* handler: its code unit */
} pyaot_site;

/* Bytes of one instruction's inline cache (pyaot_cache in stubs/stubs.h);
   the compiler reserves zeroed space for each cached instruction. */
#define PYAOT_CACHE_BYTES 128

/* Set by the compiler in a speculative COMPARE_OP stub's oparg when the
   instruction is not directly followed by a POP_JUMP_*_IF_TRUE/FALSE:
   3.11 never specializes such a comparison, so the interpreter always
   goes through PyObject_RichCompare, which counts a level of recursion,
   and the stub's fast path must fail where that would. */
#define PYAOT_CMP_ALONE 16

/* The mode a direct call (stubs/call_direct.c) passes to a native entry
   instead of the eval-frame hook's throwflag (compiler/lower.c's
   make_entry dispatches on it). */
#define PYAOT_DIRECT 2

/* Set by the compiler in a BINARY_OP stub's oparg (the operator in the
   low byte) for `+` or `+=` directly followed by STORE_FAST into local
   `k`: with two exact strs and the local holding the left one, the stub
   extends that string in place as 3.11's BINARY_OP_INPLACE_ADD_UNICODE
   does, which makes an `s += x` loop linear instead of quadratic. */
#define PYAOT_BINARY_STORES(k) (((k) + 1) << 8)
#define PYAOT_BINARY_OP_MASK 0xff

/* Limit on a pure leaf's locals and stack depth (and 4x on its
   instructions), compiler/inline.c; so also on the arguments of the class
   call a constructor leaf ends in (pyaot_v_leaf_new, stubs/call_direct.c). */
#define PYAOT_LEAF_MAX 16

/* Failed guards after which a code object's entry runs its generic body
   instead of the unboxed one (compiler/unbox.c). */
#define PYAOT_SWITCH_AFTER 32
#define PYAOT_GUARD_SWITCHED 2

/* Deoptimization reasons, reported by PYAOT_STATS. */
enum pyaot_deopt_reason {
    PYAOT_DEOPT_EXCEPTION = 0,  /* an exception is unwinding: the interpreter finds the handler */
    PYAOT_DEOPT_UNSUPPORTED,    /* an opcode the generic tier leaves to the interpreter */
    PYAOT_DEOPT_EVAL_BREAKER,   /* signals, pending calls or a GIL request */
    PYAOT_DEOPT_TRACING,        /* sys.settrace / sys.setprofile became active */
    PYAOT_DEOPT_NAME_ERROR,     /* unbound name: the interpreter raises it exactly */
    PYAOT_DEOPT_RAISE,          /* raise / re-raise statement */
    PYAOT_DEOPT_UNPACK,         /* unpacking of the wrong length */
    PYAOT_DEOPT_IMPORT_ERROR,   /* from-import of a missing name */
    PYAOT_DEOPT_GUARD,          /* an unboxed body's type guess did not hold */
    PYAOT_DEOPT_NREASONS
};

#endif
