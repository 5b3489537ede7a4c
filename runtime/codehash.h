/* Code-object identity shared by the compiler and the runtime: both walk a
   module's code objects in the same order and hash each the same way, so
   an artifact's entries are attached only to the code they were made from. */
#ifndef PYAOT_CODEHASH_H
#define PYAOT_CODEHASH_H

#include <Python.h>
#include <stddef.h>
#include <stdint.h>

/* 64-bit hash of a byte range, continuing from `h` (start with 0). */
uint64_t pyaot_hash_bytes(uint64_t h, const void *p, size_t n);

/* The artifact checksum: a different function from pyaot_hash_bytes (which
   keys code objects and profiles) because it runs over every byte of every
   artifact loaded; four independent lanes take about half the instructions. */
uint64_t pyaot_checksum(const void *p, size_t n);

struct pyaot_stamp;

/* Checks an artifact's checksum trailer without loading it: a regular file
   (opened non-blocking, so a FIFO cannot hang), long enough, ending in the
   tag and the hash of everything before it. On success copies its freshness
   stamp to `stamp` when asked (tag zeroed when it has none) and its size to
   `size`, and returns 0; otherwise -1 with the reason in `why`. */
int pyaot_verify_artifact(const char *path, struct pyaot_stamp *stamp, long *size, char *why,
                          size_t cap);

/* Hash of everything native code depends on: bytecode, exception table,
   frame layout, flags, the shape of consts, and the names. Line numbers and
   the file name are left out: they are read from the live code object.
   Returns 0, or -1 with a Python exception set. */
int pyaot_code_hash(PyCodeObject *co, uint64_t *out);

/* Appends `root` and every code object nested in its constants, depth
   first, to `list`. Returns 0, or -1 with an exception set. */
int pyaot_code_walk(PyObject *root, PyObject *list);

#endif
