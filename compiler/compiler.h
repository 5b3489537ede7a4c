/* The compiler pipeline, one stage per file:
     read.c     .py/.pyc -> code objects
     decode.c   code object -> instructions, jump targets, exception table
     analyze.c  reachability and stack depth at every instruction
     opcodes.c  how the generic tier lowers each opcode
     speculate.c  which speculative stub each instruction calls
     lower.c    instructions -> LLVM IR calling the stubs
     unbox.c    the unboxed tier: numbers in registers across instructions
     emit.c     optimize, object file, shared object, atomic install
     module.c   one module end to end */
#ifndef PYAOT_COMPILER_H
#define PYAOT_COMPILER_H

#include <Python.h>
#include <stdint.h>

/* ---- read.c ---- */

/* Start the embedded interpreter the way the compiler needs it (no site,
   .pyc writing on). 0, or -1 after printing why. */
int pyaot_python_init(void);

/* Error text for the last failed call, for "path: reason" messages. */
typedef struct pyaot_error {
    char msg[512];
} pyaot_error;

void pyaot_errorf(pyaot_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Move the pending Python exception into `e`. */
void pyaot_error_from_python(pyaot_error *e, const char *what);

/* The code object of a .pyc file. NULL with `e` filled on failure. */
PyObject *pyaot_read_pyc(const char *path, pyaot_error *e);
/* The .pyc path import uses for a .py file (importlib's cache_from_source). */
int pyaot_pyc_path(const char *py, char *out, size_t cap, pyaot_error *e);
/* The code object for a .py file, refreshing its .pyc the way import does
   (unless sys.dont_write_bytecode). */
PyObject *pyaot_read_source(const char *path, char *pyc_path, size_t pyc_cap, pyaot_error *e);

/* ---- decode.c ---- */

typedef struct pyaot_instr {
    int start;   /* code unit of the first EXTENDED_ARG prefix, or of the opcode */
    int unit;    /* code unit of the opcode itself */
    int next;    /* code unit of the following instruction (after inline caches) */
    int opcode;
    int oparg;
    int target;  /* jump target (code unit), or -1 */
} pyaot_instr;

typedef struct pyaot_handler {
    int start, end; /* protected code units [start, end) */
    int target;     /* handler code unit */
    int depth;      /* stack depth to unwind to */
    int lasti;      /* push the offset of the raising instruction first */
} pyaot_handler;

typedef struct pyaot_decoded {
    pyaot_instr *ins;
    int n;
    int nunits;
    int *unit_instr; /* code unit -> index of the instruction covering it, -1 for none */
    pyaot_handler *handlers;
    int nhandlers;
} pyaot_decoded;

int pyaot_decode(const uint8_t *code, int nbytes, const uint8_t *exctable, int exclen,
                 pyaot_decoded *d, pyaot_error *e);
int pyaot_decode_code(PyCodeObject *co, pyaot_decoded *d, pyaot_error *e);
void pyaot_decoded_free(pyaot_decoded *d);
int pyaot_is_jump(int opcode);
int pyaot_is_backward_jump(int opcode);
/* The handler covering the instruction at code unit `unit`, or NULL. */
const pyaot_handler *pyaot_handler_at(const pyaot_decoded *d, int unit);

/* ---- analyze.c ---- */

typedef struct pyaot_analysis {
    int *depth;    /* per instruction: stack depth on entry, -1 when unreachable natively */
    int max_depth;
} pyaot_analysis;

/* Stack effect as the interpreter really moves its stack pointer. */
int pyaot_stack_effect(int opcode, int oparg, int jump);
int pyaot_analyze(const pyaot_decoded *d, pyaot_analysis *a, pyaot_error *e);
void pyaot_analysis_free(pyaot_analysis *a);

/* ---- opcodes.c ---- */

enum pyaot_kind {
    K_UNSUPPORTED = 0, /* deoptimize before it: the interpreter runs it */
    K_PLAIN,           /* may run Python code or fail: position published, status
                          and tracing checked after it */
    K_NOFAIL,          /* stub call that can neither fail nor run Python code */
    K_PURE,            /* may fail, never runs Python code: status checked */
    K_COND_JUMP,       /* like K_PLAIN; the stub returns ST_JUMP to take the jump */
    K_FOR_ITER,
    K_JUMP,            /* unconditional, no eval breaker check */
    K_JUMP_BACKWARD,   /* unconditional, checks the eval breaker */
    K_RESUME,
    K_RETURN,
    K_RAISE,           /* the stub always raises (ST_ERROR or ST_UNWIND) */
    K_SUSPEND,         /* YIELD_VALUE, RETURN_GENERATOR: the body returns the
                          stub's result; the next instruction is a resume point */
};

typedef struct pyaot_opinfo {
    const char *name;  /* opcode name, NULL for opcodes the table leaves out */
    const char *stub;  /* stub name suffix; NULL when no stub is called */
    enum pyaot_kind kind;
    int deopt_reason;  /* reason reported when its stub returns ST_DEOPT */
} pyaot_opinfo;

const pyaot_opinfo *pyaot_opinfo_get(int opcode);
const char *pyaot_opname(int opcode);
/* Instructions after which control never falls through. */
int pyaot_is_terminal(int opcode);

/* ---- profile.c ---- */

/* A training run's profile (docs/profile-format.md), loaded for lookups. */
typedef struct pyaot_profile pyaot_profile;

/* NULL with `e` when the file is missing, malformed, of another format
   version or recorded by another interpreter. */
pyaot_profile *pyaot_profile_load(const char *path, pyaot_error *e);
void pyaot_profile_free(pyaot_profile *p);
/* Hash of the profile's content, part of the freshness stamp. */
uint64_t pyaot_profile_id(const pyaot_profile *p);

typedef struct pyaot_code_profile {
    const uint8_t *ops; /* per code unit: the opcode _co_code_adaptive held there
                           (a specialized form such as BINARY_OP_ADD_INT, an
                           adaptive form, or the base opcode) */
    int nunits;         /* == the code object's length in code units */
    long samples;       /* how hot the code object was (sampled stack presence) */
} pyaot_code_profile;

/* The entry for `co` (matched on file base name, qualified name, first
   line and pyaot_code_hash), or NULL when the profile has none or only a
   stale one. */
const pyaot_code_profile *pyaot_profile_code(const pyaot_profile *p, PyCodeObject *co);
/* The opcode the training run's code held at code unit `unit`, or -1
   without a profile (`prof` NULL) or outside the code. */
static inline int pyaot_profile_seen(const pyaot_code_profile *prof, int unit)
{
    return prof != NULL && unit >= 0 && unit < prof->nunits ? prof->ops[unit] : -1;
}

/* ---- speculate.c ---- */

/* What lowering found out about the callable of a CALL: the name of the
   global (LOAD_GLOBAL) or method (LOAD_METHOD) that pushed it, when that
   instruction is plain to see (else NULL). */
typedef struct pyaot_callee {
    const char *global, *method;
    int popped; /* a POP_TOP drops the result (3.11 inlines list.append only then) */
} pyaot_callee;
/* Suffix of the pyaot_spec_* stub instruction `in` calls, chosen from the
   training run's view of its code object (`prof`, NULL without one) and,
   for CALL, from `callee`; or NULL for the generic stub. */
const char *pyaot_speculate(const pyaot_instr *in, const pyaot_code_profile *prof,
                            const pyaot_callee *callee);
/* What a training run's quickened opcode `seen` says about the operands
   of a number operation: both ints, both floats, or nothing. */
enum { PYAOT_SEEN_OTHER = 0, PYAOT_SEEN_INT, PYAOT_SEEN_FLOAT };
int pyaot_seen_numbers(int seen);
/* Whether speculative stub `spec` takes a per-instruction cache. */
int pyaot_spec_cached(const char *spec);
/* Whether speculative stub `spec` adds ST_TRACING to its status itself,
   where code may have run, so the caller need not look at tracing. */
int pyaot_spec_traces(const char *spec);

/* ---- lower.c / emit.c / module.c ---- */

typedef struct pyaot_options {
    int opt_level;   /* 0..3 */
    int verbose;
    const char *stubs_bc;
    const char *linker;
    const char *cache_dir; /* NULL: artifacts beside the .pyc */
    int force;             /* compile even when the artifact is up to date */
    uint64_t build_id;     /* identity of this compiler build (see pyaot_stamp) */
    const struct pyaot_stamp *stamp; /* freshness stamp emit writes, set per module */
    const pyaot_profile *profile;    /* --profile, or NULL: speculate on static facts only */
} pyaot_options;

typedef struct pyaot_module_stats {
    int ncode;        /* code objects in the module */
    int nnative;      /* of those, compiled to native entries */
    long artifact_bytes;
    long pyc_bytes;
    int up_to_date;   /* skipped: the artifact's stamp matched */
} pyaot_module_stats;

/* Compile one .py or .pyc file into its artifact, unless it is up to date
   (then st->up_to_date). 0 or -1 with `e`. */
int pyaot_compile_file(const char *path, const pyaot_options *o, pyaot_module_stats *st,
                       pyaot_error *e);
/* The artifact path for a given .pyc path (honouring the cache dir). */
int pyaot_artifact_path(const char *pyc, const char *cache_dir, char *out, size_t cap);

struct LLVMOpaqueModule;
/* Lower every eligible code object of `codes` into `mod`, plus the
   descriptor. Fills `st`. */
int pyaot_lower_module(struct LLVMOpaqueModule *mod, PyObject *codes, const pyaot_options *o,
                       pyaot_module_stats *st, pyaot_error *e);
/* Optimize `mod`, emit and link it to `out_path` atomically. */
int pyaot_emit(struct LLVMOpaqueModule *mod, const char *out_path, const pyaot_options *o,
               pyaot_error *e);
/* Remove the temporary files of an emit in progress (async-signal-safe). */
void pyaot_emit_abort(void);

void pyaot_llvm_init(void);

#endif
