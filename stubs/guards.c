/* Guard-failure statistics: a speculative stub whose guess did not hold
   (another type, a changed version tag) reports its instruction here when
   PYAOT_STATS is on, and once more if its cache gave up for good. */
#include "stubs.h"

__attribute__((noinline, cold)) void pyaot_guard_failed(pyaot_ctx *c, int gave_up)
{
    pyaot_runtime *rt = pyaot_rt;
    if (rt->record_guard != NULL)
        rt->record_guard(c->f->f_code, (int)(c->f->prev_instr - c->first), gave_up);
}
