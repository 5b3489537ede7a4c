/* Data stack chunks for direct calls.

   The interpreter frees a chunk of the thread's data stack as soon as its
   last frame is popped and maps a new one at the next push, so a
   recursion that goes up and down across a chunk boundary pays an mmap,
   an munmap and the page faults each time (a 700-deep recursion spends
   most of its time in the kernel on stock 3.11). Direct calls push
   frames themselves: they take a new chunk from a short list of spare
   ones and give it back there when they pop its first frame. Chunks come
   from the same arena allocator as the interpreter's, with the same
   header, so whichever side pops a chunk's first frame may release it.
   The list is shared by every thread: the GIL serializes its use, and a
   spare chunk belongs to no thread. */
#include "runtime.h"

/* What 3.11's pystate.c sizes chunks by. */
#define CHUNK_BYTES (16 * 1024)
#define CHUNK_OVERHEAD 1000
/* Spare memory kept for the next descent: about a thousand small frames,
   the default recursion limit. */
#define SPARE_MAX_BYTES (256 * 1024)

static _PyStackChunk *spare;  /* linked through `previous` */
static size_t spare_bytes;

unsigned long long pyaot_chunks_pushed, pyaot_chunks_reused; /* for PYAOT_STATS */

static void release(_PyStackChunk *chunk)
{
    PyObjectArenaAllocator a;
    PyObject_GetArenaAllocator(&a);
    a.free(a.ctx, chunk, chunk->size);
}

static _PyStackChunk *take(size_t bytes)
{
    _PyStackChunk **at = &spare;
    for (_PyStackChunk *c = spare; c != NULL; at = &c->previous, c = c->previous)
        if (c->size >= bytes) {
            *at = c->previous;
            spare_bytes -= c->size;
            pyaot_chunks_reused++;
            return c;
        }
    PyObjectArenaAllocator a;
    PyObject_GetArenaAllocator(&a);
    _PyStackChunk *c = a.alloc(a.ctx, bytes);
    if (c != NULL)
        c->size = bytes;
    return c;
}

/* The current chunk has no room for `size` slots: make a new chunk
   current and return its first `size` slots, as the interpreter's
   push_chunk does; NULL (no exception set) when memory is short, so that
   the caller makes the ordinary call, which raises. */
void **pyaot_push_chunk(void *tstate, intptr_t size)
{
    PyThreadState *ts = tstate;
    _PyStackChunk *cur = ts->datastack_chunk;
    if (cur == NULL || size > INT_MAX / 2)
        return NULL;
    size_t bytes = CHUNK_BYTES;
    while (bytes < sizeof(PyObject *) * ((size_t)size + CHUNK_OVERHEAD))
        bytes *= 2;
    _PyStackChunk *c = take(bytes);
    if (c == NULL)
        return NULL;
    pyaot_chunks_pushed++;
    c->previous = cur;
    c->top = 0;
    cur->top = (size_t)(ts->datastack_top - &cur->data[0]);
    ts->datastack_chunk = c;
    ts->datastack_limit = (PyObject **)((char *)c + c->size);
    ts->datastack_top = &c->data[0] + size;
    return (void **)&c->data[0];
}

/* The frame just popped was the current chunk's first: the previous
   chunk becomes current again and this one is kept for the next push. */
void pyaot_pop_chunk(void *tstate)
{
    PyThreadState *ts = tstate;
    _PyStackChunk *c = ts->datastack_chunk;
    _PyStackChunk *prev = c->previous; /* the root chunk is never popped */
    ts->datastack_chunk = prev;
    ts->datastack_top = &prev->data[prev->top];
    ts->datastack_limit = (PyObject **)((char *)prev + prev->size);
    if (spare_bytes + c->size > SPARE_MAX_BYTES) {
        release(c);
        return;
    }
    c->previous = spare;
    spare = c;
    spare_bytes += c->size;
}

void pyaot_datastack_trim(void)
{
    while (spare != NULL) {
        _PyStackChunk *c = spare;
        spare = c->previous;
        release(c);
    }
    spare_bytes = 0;
}
