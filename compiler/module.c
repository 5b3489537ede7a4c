/* One module end to end: read, lower every code object, emit. */
#include "compiler.h"

#include <errno.h>
#include <limits.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/Core.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../runtime/abi.h"
#include "../runtime/codehash.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int pyaot_artifact_path(const char *pyc, const char *cache_dir, char *out, size_t cap)
{
    char base[PATH_MAX];
    size_t n = strlen(pyc);
    if (n < 4 || !ends_with(pyc, ".pyc") || n - 4 >= sizeof base)
        return -1;
    memcpy(base, pyc, n - 4);
    base[n - 4] = 0;
    int w;
    if (cache_dir != NULL) {
        /* Like sys.pycache_prefix: the absolute path mirrored under the prefix. */
        char abs[2 * PATH_MAX + 2];
        if (base[0] != '/') {
            char cwd[PATH_MAX];
            if (getcwd(cwd, sizeof cwd) == NULL)
                return -1;
            snprintf(abs, sizeof abs, "%s/%s", cwd, base);
        }
        else {
            snprintf(abs, sizeof abs, "%s", base);
        }
        w = snprintf(out, cap, "%s%s.pyaot.so", cache_dir, abs);
    }
    else {
        w = snprintf(out, cap, "%s.pyaot.so", base);
    }
    return w < 0 || (size_t)w >= cap ? -1 : 0;
}

static LLVMModuleRef load_stubs(LLVMContextRef cx, const char *path, pyaot_error *e)
{
    static LLVMMemoryBufferRef cached;
    char *err = NULL;
    if (cached == NULL && LLVMCreateMemoryBufferWithContentsOfFile(path, &cached, &err)) {
        pyaot_errorf(e, "cannot read stub bitcode %s: %s", path, err);
        LLVMDisposeMessage(err);
        cached = NULL;
        return NULL;
    }
    LLVMMemoryBufferRef copy = LLVMCreateMemoryBufferWithMemoryRangeCopy(
        LLVMGetBufferStart(cached), LLVMGetBufferSize(cached), "stubs");
    LLVMModuleRef mod = NULL;
    if (LLVMParseBitcodeInContext2(cx, copy, &mod)) {
        pyaot_errorf(e, "stub bitcode %s is unreadable", path);
        mod = NULL;
    }
    LLVMDisposeMemoryBuffer(copy);
    return mod;
}

/* The generic operation a speculative stub falls back to when its guess
   fails (pyaot_op_*, or a cache's *_miss) is called through a cold call
   site, so that LLVM lays the inlined fast paths out in one straight run
   and moves the fallbacks to the end of the body: fewer instruction cache
   lines per executed instruction (bm_web: 11% fewer I1 misses). The
   ordinary call behind pyaot_spec_CALL is no miss: it is every call that
   is not a direct one, so it stays. */
static void fallbacks_cold(LLVMModuleRef mod)
{
    LLVMContextRef cx = LLVMGetModuleContext(mod);
    LLVMAttributeRef cold =
        LLVMCreateEnumAttribute(cx, LLVMGetEnumAttributeKindForName("cold", 4), 0);
    for (LLVMValueRef f = LLVMGetFirstFunction(mod); f; f = LLVMGetNextFunction(f)) {
        size_t len;
        const char *name = LLVMGetValueName2(f, &len);
        if (LLVMIsDeclaration(f) || strncmp(name, "pyaot_spec_", 11) != 0)
            continue;
        int is_call = strcmp(name, "pyaot_spec_CALL") == 0;
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in)) {
                if (!LLVMIsACallInst(in))
                    continue;
                const char *callee = LLVMGetValueName2(LLVMGetCalledValue(in), &len);
                int op = strncmp(callee, "pyaot_op_", 9) == 0 && !is_call;
                int miss = len > 5 && strcmp(callee + len - 5, "_miss") == 0;
                if (op || miss)
                    LLVMAddCallSiteAttribute(in, LLVMAttributeFunctionIndex, cold);
            }
    }
}

/* mtime and size of a file, (-1, -1) when it does not exist. */
static void stat_stamp(const char *path, int64_t *mtime_ns, int64_t *size)
{
    struct stat sb;
    if (stat(path, &sb) < 0) {
        *mtime_ns = *size = -1;
        return;
    }
    *mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
    *size = (int64_t)sb.st_size;
}

/* The interpreter the code is for: the embedded one, which compile_cmd
   checked is the target. */
static uint64_t target_id(void)
{
    long magic = PyImport_GetMagicNumber();
    const char *v = Py_GetVersion();
    return pyaot_hash_bytes(pyaot_hash_bytes(0, &magic, sizeof magic), v, strlen(v));
}

/* The build id in the stamp: the compiler's, with the profile's content
   mixed in, so that another profile recompiles and the same one does not. */
static uint64_t stamp_build_id(const pyaot_options *o)
{
    if (o->profile == NULL)
        return o->build_id;
    uint64_t ids[2] = {o->build_id, pyaot_profile_id(o->profile)};
    return pyaot_hash_bytes(0, ids, sizeof ids);
}

/* Why the artifact at `out` cannot stand for the one `want` describes, or
   NULL when it can: it verifies and its stamp is the same. */
static const char *stale_reason(const char *out, const pyaot_stamp *want, const pyaot_options *o,
                                long *art_bytes, char *why, size_t cap)
{
    pyaot_stamp have;
    struct stat sb;
    if (stat(out, &sb) < 0 && errno == ENOENT)
        return "new";
    if (pyaot_verify_artifact(out, &have, art_bytes, why, cap) < 0)
        return why;
    if (memcmp(have.tag, PYAOT_STAMP_TAG, 8) != 0 || have.version != want->version)
        return "artifact has no freshness stamp";
    /* The stamp holds one id for both the compiler and the profile. */
    if (have.build_id != want->build_id && o->profile != NULL && have.build_id == o->build_id)
        return "compiled without a profile";
    if (have.build_id != want->build_id && o->profile != NULL)
        return "compiled by another pyaot build or with another profile";
    if (have.build_id != want->build_id)
        return "compiled by another pyaot build or with a profile";
    if (have.target_id != want->target_id)
        return "compiled for another interpreter";
    if (have.opt_level != want->opt_level)
        return "compiled at another -O level";
    if (have.src_mtime_ns != want->src_mtime_ns || have.src_size != want->src_size)
        return "source changed";
    if (have.pyc_mtime_ns != want->pyc_mtime_ns || have.pyc_size != want->pyc_size)
        return ".pyc changed";
    return NULL;
}

int pyaot_compile_file(const char *path, const pyaot_options *o, pyaot_module_stats *st,
                       pyaot_error *e)
{
    char pyc[PATH_MAX], out[PATH_MAX], why[256];
    int source = ends_with(path, ".py");
    pyaot_stamp stamp = {.version = PYAOT_STAMP_VERSION, .opt_level = (uint32_t)o->opt_level,
                         .build_id = stamp_build_id(o), .target_id = target_id()};
    memcpy(stamp.tag, PYAOT_STAMP_TAG, 8);
    memset(st, 0, sizeof *st);
    if (source) {
        if (pyaot_pyc_path(path, pyc, sizeof pyc, e) < 0)
            return -1;
    }
    else if (ends_with(path, ".pyc")) {
        snprintf(pyc, sizeof pyc, "%s", path);
    }
    else {
        pyaot_errorf(e, "not a .py or .pyc file");
        return -1;
    }
    if (pyaot_artifact_path(pyc, o->cache_dir, out, sizeof out) < 0) {
        pyaot_errorf(e, "cannot name the artifact for %s", pyc);
        return -1;
    }
    /* Stat before reading: a source edited while it compiles is then seen
       as changed next time. */
    stamp.src_mtime_ns = stamp.src_size = -1;
    if (source)
        stat_stamp(path, &stamp.src_mtime_ns, &stamp.src_size);
    stat_stamp(pyc, &stamp.pyc_mtime_ns, &stamp.pyc_size);
    const char *stale = o->force ? "--force"
                                 : stale_reason(out, &stamp, o, &st->artifact_bytes, why, sizeof why);
    if (stale == NULL) {
        st->up_to_date = 1;
        st->pyc_bytes = stamp.pyc_size > 0 ? (long)stamp.pyc_size : 0;
        if (o->verbose)
            fprintf(stderr, "pyaot: %s -> %s (up to date, skipped)\n", path, out);
        return 0;
    }
    st->artifact_bytes = 0;
    PyObject *code = source ? pyaot_read_source(path, pyc, sizeof pyc, e) : pyaot_read_pyc(path, e);
    if (code == NULL)
        return -1;
    /* Reading a source may have refreshed its .pyc. */
    stat_stamp(pyc, &stamp.pyc_mtime_ns, &stamp.pyc_size);
    pyaot_options oo = *o;
    oo.stamp = &stamp;
    int rc = -1;
    PyObject *codes = PyList_New(0);
    LLVMContextRef cx = LLVMContextCreate();
    LLVMModuleRef mod = NULL;
    if (codes == NULL || pyaot_code_walk(code, codes) < 0) {
        pyaot_error_from_python(e, "cannot walk code objects");
        goto done;
    }
    mod = load_stubs(cx, o->stubs_bc, e);
    if (mod == NULL)
        goto done;
    fallbacks_cold(mod);
    if (pyaot_lower_module(mod, codes, o, st, e) < 0)
        goto done;
    if (pyaot_emit(mod, out, &oo, e) < 0)
        goto done;
    struct stat sb;
    st->artifact_bytes = stat(out, &sb) == 0 ? (long)sb.st_size : 0;
    st->pyc_bytes = stamp.pyc_size > 0 ? (long)stamp.pyc_size : 0;
    if (o->verbose)
        fprintf(stderr, "pyaot: %s -> %s (%s; %d/%d code objects native)\n", path, out, stale,
                st->nnative, st->ncode);
    rc = 0;
done:
    if (mod)
        LLVMDisposeModule(mod);
    LLVMContextDispose(cx);
    Py_XDECREF(codes);
    Py_DECREF(code);
    return rc;
}
