/* Stages 5 and 6: optimize the module (stubs inline into the bodies),
   emit an object file, link it into a shared object, append the checksum
   trailer and move it into place atomically. */
#include "compiler.h"

#include <errno.h>
#include <fcntl.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <llvm-c/Support.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../runtime/abi.h"
#include "../runtime/codehash.h"

extern char **environ;

void pyaot_llvm_init(void)
{
    LLVMInitializeNativeTarget();
    LLVMInitializeNativeAsmPrinter();
    /* Developer aid: PYAOT_LLVM_ARGS passes options to LLVM, for layout
       and code generation experiments (artifacts then need --force: their
       stamp does not record them). Ext-TSP block placement tried this way
       cut callgrind's simulated I1 misses without a profile by 2-11% but
       measured no faster in wall time (raytrace 3% slower) and compiled
       12% slower, so the default placement stays. */
    static char buf[1024];
    static const char *argv[32] = {"pyaot"};
    int n = 1;
    const char *more = getenv("PYAOT_LLVM_ARGS");
    if (more != NULL) {
        snprintf(buf, sizeof buf, "%s", more);
        for (char *t = strtok(buf, " "); t != NULL && n < 31; t = strtok(NULL, " "))
            argv[n++] = t;
    }
    if (n > 1)
        LLVMParseCommandLineOptions(n, argv, NULL);
}

/* Only the descriptor is visible outside the artifact; the stubs left
   unused then disappear and the rest may be inlined freely. */
static void internalize(LLVMModuleRef mod)
{
    for (LLVMValueRef f = LLVMGetFirstFunction(mod); f; f = LLVMGetNextFunction(f))
        if (!LLVMIsDeclaration(f))
            LLVMSetLinkage(f, LLVMInternalLinkage);
    for (LLVMValueRef g = LLVMGetFirstGlobal(mod); g; g = LLVMGetNextGlobal(g)) {
        size_t len;
        const char *name = LLVMGetValueName2(g, &len);
        if (!LLVMIsDeclaration(g) && strcmp(name, PYAOT_DESC_SYMBOL) != 0)
            LLVMSetLinkage(g, LLVMInternalLinkage);
    }
}

/* Byte offset of `ptr` from `base` when it is `base` itself or a GEP
   of it by constants (the two forms clang and instcombine produce for a
   struct field), else -1. */
static long long field_offset(LLVMTargetDataRef td, LLVMValueRef ptr, LLVMValueRef base)
{
    if (ptr == base)
        return 0;
    if (!LLVMIsAGetElementPtrInst(ptr) && !(LLVMIsAConstantExpr(ptr) &&
                                            LLVMGetConstOpcode(ptr) == LLVMGetElementPtr))
        return -1;
    if (LLVMGetOperand(ptr, 0) != base)
        return -1;
    LLVMTypeRef src = LLVMGetGEPSourceElementType(ptr);
    int n = LLVMGetNumOperands(ptr);
    for (int i = 1; i < n; i++)
        if (!LLVMIsAConstantInt(LLVMGetOperand(ptr, i)))
            return -1;
    long long first = LLVMConstIntGetSExtValue(LLVMGetOperand(ptr, 1));
    long long off = first * (long long)LLVMABISizeOfType(td, src);
    if (n == 2)
        return off;
    if (n == 3 && LLVMGetTypeKind(src) == LLVMStructTypeKind)
        return off + (long long)LLVMOffsetOfElement(
                         td, src, (unsigned)LLVMConstIntGetZExtValue(LLVMGetOperand(ptr, 2)));
    return -1;
}

/* The first five fields of the native context (thread state, frame,
   localsplus, first code unit, constants: pyaot_ctx in stubs/stubs.h) never change
   while a body runs, but every store through a PyObject ** may alias
   them as far as LLVM knows, so each instruction reloaded them. Marks
   their loads in the bodies invariant once the hot stubs are inlined.
   Bodies are never inlined into the entry that fills the context. */
static void mark_context_invariant(LLVMModuleRef mod)
{
    LLVMContextRef cx = LLVMGetModuleContext(mod);
    LLVMTargetDataRef td = LLVMGetModuleDataLayout(mod);
    unsigned kind = LLVMGetMDKindIDInContext(cx, "invariant.load", 14);
    LLVMValueRef empty = LLVMMetadataAsValue(cx, LLVMMDNodeInContext2(cx, NULL, 0));
    unsigned ptr_size = LLVMPointerSize(td);
    for (LLVMValueRef f = LLVMGetFirstFunction(mod); f; f = LLVMGetNextFunction(f)) {
        size_t len;
        const char *name = LLVMGetValueName2(f, &len);
        if (LLVMIsDeclaration(f) || strncmp(name, "pyaot_body_", 11) != 0)
            continue;
        LLVMValueRef ctx = LLVMGetParam(f, 0);
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in)) {
                if (!LLVMIsALoadInst(in) || LLVMGetTypeKind(LLVMTypeOf(in)) != LLVMPointerTypeKind)
                    continue;
                long long off = field_offset(td, LLVMGetOperand(in, 0), ctx);
                if (off >= 0 && off < 5LL * ptr_size && off % ptr_size == 0)
                    LLVMSetMetadata(in, kind, empty);
            }
    }
}

static LLVMTargetMachineRef target_machine(LLVMModuleRef mod, int opt, pyaot_error *e)
{
    const char *triple = LLVMGetTarget(mod);
    LLVMTargetRef t;
    char *err = NULL;
    if (LLVMGetTargetFromTriple(triple, &t, &err)) {
        pyaot_errorf(e, "no LLVM target for %s: %s", triple, err);
        LLVMDisposeMessage(err);
        return NULL;
    }
    /* -O1 is the bulk setting (whole trees such as the standard library):
       a short mid-level pipeline, then the fast instruction selector (half
       the time of the default one) with the normal register allocator
       (the fast one spills every value and doubles the code size). */
    LLVMCodeGenOptLevel lvl = opt <= 0   ? LLVMCodeGenLevelNone
                              : opt == 1 ? LLVMCodeGenLevelLess
                              : opt == 2 ? LLVMCodeGenLevelDefault
                                         : LLVMCodeGenLevelAggressive;
    /* Generic x86-64, not the build machine's CPU: artifacts move between
       machines with the interpreter they were built for. */
    LLVMTargetMachineRef tm =
        LLVMCreateTargetMachine(t, triple, "", "", lvl, LLVMRelocPIC, LLVMCodeModelDefault);
    if (tm != NULL && opt == 1)
        LLVMSetTargetMachineFastISel(tm, 1);
    return tm;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static int run_linker(const char *linker, const char *obj, const char *out, pyaot_error *e)
{
    char *argv[] = {(char *)linker, "-shared", "--hash-style=gnu", "-z", "noexecstack",
                    "-o", (char *)out, (char *)obj, NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, linker, NULL, NULL, argv, environ);
    if (err != 0) {
        pyaot_errorf(e, "cannot run linker %s: %s", linker, strerror(err));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            pyaot_errorf(e, "waiting for the linker: %s", strerror(errno));
            return -1;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        pyaot_errorf(e, "linker %s failed", linker);
        return -1;
    }
    return 0;
}

/* Append the freshness stamp and the checksum trailer the runtime verifies
   before dlopen; the checksum covers the stamp too. */
static int seal(const char *path, const pyaot_stamp *stamp, pyaot_error *e)
{
    FILE *f = fopen(path, "r+b");
    if (f == NULL) {
        pyaot_errorf(e, "cannot reopen %s: %s", path, strerror(errno));
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    size_t body = n > 0 ? (size_t)n : 0;
    unsigned char *buf = malloc(body + sizeof *stamp + PYAOT_TRAILER_SIZE);
    int rc = -1;
    if (buf && fseek(f, 0, SEEK_SET) == 0 && fread(buf, 1, body, f) == body) {
        unsigned char *p = buf + body;
        /* No stamp (never expected): a zero one, which is never up to date. */
        if (stamp != NULL)
            memcpy(p, stamp, sizeof *stamp);
        else
            memset(p, 0, sizeof *stamp);
        p += sizeof *stamp;
        uint64_t h = pyaot_checksum(buf, (size_t)(p - buf));
        memcpy(p, PYAOT_TRAILER_TAG, 8);
        memcpy(p + 8, &h, 8);
        size_t add = sizeof *stamp + PYAOT_TRAILER_SIZE;
        if (fseek(f, 0, SEEK_END) == 0 && fwrite(buf + body, 1, add, f) == add)
            rc = 0;
    }
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc < 0)
        pyaot_errorf(e, "cannot write %s: %s", path, strerror(errno));
    free(buf);
    return rc;
}

static int mkdirs(const char *dir)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    return mkdir(tmp, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

/* Temporary files of the artifact being written, for pyaot_emit_abort(). */
static char tmp_obj[4200], tmp_so[4200];

void pyaot_emit_abort(void)
{
    if (tmp_obj[0])
        unlink(tmp_obj);
    if (tmp_so[0])
        unlink(tmp_so);
}

int pyaot_emit(LLVMModuleRef mod, const char *out_path, const pyaot_options *o, pyaot_error *e)
{
    int rc = -1;
    char *err = NULL;
    LLVMMemoryBufferRef obj = NULL;
    LLVMTargetMachineRef tm = NULL;
    tmp_obj[0] = tmp_so[0] = 0;

    internalize(mod);
    if (LLVMVerifyModule(mod, LLVMReturnStatusAction, &err)) {
        pyaot_errorf(e, "internal error: generated IR is invalid: %.300s", err);
        goto done;
    }
    LLVMDisposeMessage(err);
    err = NULL;
    /* Developer aid: PYAOT_DUMP_IR=FILE writes the module before optimizing. */
    const char *dump = getenv("PYAOT_DUMP_IR");
    if (dump != NULL && dump[0] && LLVMPrintModuleToFile(mod, dump, &err)) {
        LLVMDisposeMessage(err);
        err = NULL;
    }
    tm = target_machine(mod, o->opt_level, e);
    if (tm == NULL)
        goto done;
    static const char *pipelines[] = {
        "globaldce",
        /* LLVM 19's textual instcombine verifies it reached a fixpoint in
           one iteration and aborts the process when not; the default
           pipelines turn that check off, and so does this one. */
        "globaldce,function(sroa,early-cse,simplifycfg,instcombine<no-verify-fixpoint>,simplifycfg)",
        "default<O2>", "default<O3>"};
    int lvl = o->opt_level < 0 ? 0 : o->opt_level > 3 ? 3 : o->opt_level;
    LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
    LLVMErrorRef perr = NULL;
    if (lvl > 0) {
        perr = LLVMRunPasses(mod, "always-inline", tm, po);
        if (!perr)
            mark_context_invariant(mod);
    }
    if (!perr)
        perr = LLVMRunPasses(mod, pipelines[lvl], tm, po);
    LLVMDisposePassBuilderOptions(po);
    if (perr) {
        char *m = LLVMGetErrorMessage(perr);
        pyaot_errorf(e, "optimizer failed: %s", m);
        LLVMDisposeErrorMessage(m);
        goto done;
    }
    if (LLVMTargetMachineEmitToMemoryBuffer(tm, mod, LLVMObjectFile, &err, &obj)) {
        pyaot_errorf(e, "code generation failed: %s", err);
        goto done;
    }

    char dir[4096];
    snprintf(dir, sizeof dir, "%s", out_path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = 0;
        if (dir[0] && mkdirs(dir) < 0) {
            pyaot_errorf(e, "cannot create %s: %s", dir, strerror(errno));
            goto done;
        }
    }
    /* Temporary names beside the target: rename() is then atomic, and an
       interrupted compile never leaves a half-written artifact behind. */
    snprintf(tmp_obj, sizeof tmp_obj, "%s.%d.tmp.o", out_path, (int)getpid());
    snprintf(tmp_so, sizeof tmp_so, "%s.%d.tmp", out_path, (int)getpid());
    int fd = open(tmp_obj, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write_all(fd, LLVMGetBufferStart(obj), LLVMGetBufferSize(obj)) < 0) {
        pyaot_errorf(e, "cannot write %s: %s", tmp_obj, strerror(errno));
        if (fd >= 0)
            close(fd);
        goto done;
    }
    close(fd);
    if (run_linker(o->linker, tmp_obj, tmp_so, e) < 0 || seal(tmp_so, o->stamp, e) < 0)
        goto done;
    if (rename(tmp_so, out_path) < 0) {
        pyaot_errorf(e, "cannot install %s: %s", out_path, strerror(errno));
        goto done;
    }
    tmp_so[0] = 0;
    rc = 0;
done:
    pyaot_emit_abort();
    tmp_obj[0] = tmp_so[0] = 0;
    if (obj)
        LLVMDisposeMemoryBuffer(obj);
    if (tm)
        LLVMDisposeTargetMachine(tm);
    LLVMDisposeMessage(err);
    return rc;
}
