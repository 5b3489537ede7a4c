/* Loading an artifact: verify its checksum trailer before the dynamic
   loader ever sees it, then its descriptor against this interpreter and
   the code objects being imported, and only then attach native entries. */
#include "runtime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "codehash.h"

static int check_descriptor(const pyaot_descriptor *d, char *why, size_t cap)
{
    if (d->magic != PYAOT_DESC_MAGIC || d->format_version != PYAOT_FORMAT_VERSION) {
        snprintf(why, cap, "artifact format %u, this runtime reads format %u",
                 d->magic == PYAOT_DESC_MAGIC ? d->format_version : 0u, PYAOT_FORMAT_VERSION);
        return -1;
    }
    if (d->py_version_hex != (uint32_t)Py_Version ||
        d->pyc_magic != (uint32_t)PyImport_GetMagicNumber() ||
        strcmp(d->py_build, Py_GetVersion()) != 0) {
        snprintf(why, cap, "built for another interpreter (%.80s), this is %.80s", d->py_build,
                 Py_GetVersion());
        return -1;
    }
    if (strcmp(d->compiler, "pyaot " PYAOT_VERSION) != 0) {
        snprintf(why, cap, "built by %.40s, this runtime is pyaot " PYAOT_VERSION, d->compiler);
        return -1;
    }
    return 0;
}

int pyaot_attach(PyObject *code, const char *path, char *why, size_t cap)
{
    if (pyaot_verify_artifact(path, NULL, NULL, why, cap) < 0)
        return 0;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        snprintf(why, cap, "cannot load: %s", dlerror());
        return 0;
    }
    const pyaot_descriptor *d = dlsym(h, PYAOT_DESC_SYMBOL);
    if (d == NULL) {
        snprintf(why, cap, "no pyaot descriptor");
        goto reject;
    }
    if (check_descriptor(d, why, cap) < 0)
        goto reject;
    PyObject *codes = PyList_New(0);
    if (codes == NULL || pyaot_code_walk(code, codes) < 0) {
        Py_XDECREF(codes);
        dlclose(h);
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(codes);
    if (n != (Py_ssize_t)d->ncode) {
        snprintf(why, cap, "stale: module has %zd code objects, artifact %u", n, d->ncode);
        Py_DECREF(codes);
        goto reject;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t hv;
        if (pyaot_code_hash((PyCodeObject *)PyList_GET_ITEM(codes, i), &hv) < 0) {
            Py_DECREF(codes);
            dlclose(h);
            return -1;
        }
        if (hv != d->codes[i].code_hash) {
            PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(codes, i);
            snprintf(why, cap, "stale: %s (line %d) changed since it was compiled",
                     PyUnicode_AsUTF8(co->co_qualname), co->co_firstlineno);
            Py_DECREF(codes);
            goto reject;
        }
    }
    *d->runtime_slot = &pyaot_runtime_state;
    int rc = 1;
    for (Py_ssize_t i = 0; i < n && rc == 1; i++)
        if (pyaot_set_entry(PyList_GET_ITEM(codes, i), d->codes[i].entry) < 0)
            rc = -1;
    Py_DECREF(codes);
    /* The handle stays open: code objects now point into it. */
    return rc;
reject:
    dlclose(h);
    return 0;
}
