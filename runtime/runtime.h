/* The runtime extension module `_pyaot`: eval-frame hook, artifact loading
   and statistics, loaded into the user's own python3.11. */
#ifndef PYAOT_RUNTIME_H
#define PYAOT_RUNTIME_H

#define PY_SSIZE_T_CLEAN
#define Py_BUILD_CORE_MODULE 1
#include <Python.h>
#include <errno.h>

#include "abi.h"

extern pyaot_runtime pyaot_runtime_state;

/* Attach the artifact at `path` to `code` and its nested code objects.
   1 attached; 0 refused, with the reason in `why`; -1 Python error. */
int pyaot_attach(PyObject *code, const char *path, char *why, size_t cap);

/* Record the native entry of one code object (NULL: leave it interpreted). */
int pyaot_set_entry(PyObject *code, void *entry);

/* stats.c */
void pyaot_stats_record_deopt(void *code, int instr_offset, int reason);
void pyaot_stats_count(int native);
void pyaot_stats_count_direct(void);
void pyaot_stats_record_guard(void *code, int unit, int gave_up);
PyObject *pyaot_stats_report(PyObject *self, PyObject *unused);
PyObject *pyaot_stats_write(PyObject *self, PyObject *args);
PyObject *pyaot_stats_reset(PyObject *self, PyObject *unused);

/* datastack.c: the runtime's push_chunk and pop_chunk; trim frees the spare chunks */
void **pyaot_push_chunk(void *ts, intptr_t size);
void pyaot_pop_chunk(void *ts);
void pyaot_datastack_trim(void);
extern unsigned long long pyaot_chunks_pushed, pyaot_chunks_reused;

/* adopt_scan.c: adopt_candidates(items, kinds, cache_tag, prefix) */
PyObject *pyaot_adopt_candidates(PyObject *self, PyObject *args);

/* module.c, for the statistics */
PyObject *pyaot_native_by_file(void);
void pyaot_reset_calls(void);
unsigned long pyaot_adopted_count(void);

#endif
