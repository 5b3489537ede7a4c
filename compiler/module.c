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

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : 0;
}

int pyaot_compile_file(const char *path, const pyaot_options *o, pyaot_module_stats *st,
                       pyaot_error *e)
{
    char pyc[PATH_MAX], out[PATH_MAX];
    PyObject *code;
    memset(st, 0, sizeof *st);
    if (ends_with(path, ".py")) {
        code = pyaot_read_source(path, pyc, sizeof pyc, e);
    }
    else if (ends_with(path, ".pyc")) {
        code = pyaot_read_pyc(path, e);
        snprintf(pyc, sizeof pyc, "%s", path);
    }
    else {
        pyaot_errorf(e, "not a .py or .pyc file");
        return -1;
    }
    if (code == NULL)
        return -1;
    if (pyaot_artifact_path(pyc, o->cache_dir, out, sizeof out) < 0) {
        pyaot_errorf(e, "cannot name the artifact for %s", pyc);
        Py_DECREF(code);
        return -1;
    }
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
    if (pyaot_lower_module(mod, codes, o, st, e) < 0)
        goto done;
    if (pyaot_emit(mod, out, o, e) < 0)
        goto done;
    st->artifact_bytes = file_size(out);
    st->pyc_bytes = file_size(pyc);
    if (o->verbose)
        fprintf(stderr, "pyaot: %s -> %s (%d/%d code objects native)\n", path, out, st->nnative,
                st->ncode);
    rc = 0;
done:
    if (mod)
        LLVMDisposeModule(mod);
    LLVMContextDispose(cx);
    Py_XDECREF(codes);
    Py_DECREF(code);
    return rc;
}
