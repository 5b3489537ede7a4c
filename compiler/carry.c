/* Knowledge of locals carried into leaders (the unboxed tier).

   Along a straight run unbox.c knows which locals are bound and which
   hold an exact int or float, and their values in registers. A leader
   (a loop head, a jump target) is entered from several paths, so by
   itself it must forget all of that, and a loop re-checks every local
   at the top of every iteration. Instead the unboxed body is lowered
   more than once. A recording lowering notes, for every branch into a
   leader, what the path knew there; from those notes each leader is
   given a plan: the facts its entries agree on. The next lowering starts
   each leader from its plan, with a phi per number; the last one, kept,
   then gives every entry its incoming values. An entry that does not know a fact
   (one the first lowering did not see, or a loop's way in for a local
   the loop only reads) goes through a block that checks the local and
   deoptimizes at the leader when the check fails, so a plan is only a
   bet on speed: what a leader assumes is always proven on the way in. */
#include "lower.h"

#include <opcode.h>
#include <stdlib.h>
#include <string.h>

/* A fact about a local at a leader; ordered so that meet is a minimum
   except for the types (numbers, containers), which meet in F_BOUND. */
enum { F_NONE = 0, F_BOUND, F_INT, F_FLOAT, F_LIST, F_TUPLE, F_TOP };

typedef struct cedge {
    int leader;              /* instruction entered */
    int src;                 /* instruction lowered when the branch was built */
    LLVMBasicBlockRef from;  /* block the branch leaves */
    lknown *snap;            /* what that block knows at its end */
    int next;                /* the leader's previous edge, or -1 */
} cedge;

struct pyaot_carry {
    int applying;            /* 0: a lowering that records, 1: the last one (applies) */
    int rounds;              /* recording lowerings left */
    int oom;                 /* a record could not be kept */
    int n, nlocals;
    cedge *edges;
    int nedges, capedges;
    int *head;               /* per instruction: its last edge, or -1 */
    unsigned char **plan;    /* per instruction: a fact per local, or NULL */
    LLVMValueRef **phis;     /* per instruction, per local: the number's phi */
};

/* Larger bodies are lowered once: the records grow with leaders times
   locals, and such code is rarely a hot loop. */
enum { CARRY_MAX_INSTR = 6000, CARRY_MAX_LOCALS = 400 };

/* Recording lowerings before the last. The first knows nothing at its
   leaders, so a fact a loop proves only from what its head knows (`i`
   of `while i < n`, compared on the way back) reaches its edges back in
   the second: recursion 164.6 M instructions with one, 162.0 M with
   two, 161.6 M with three. */
enum { CARRY_ROUNDS = 2 };

pyaot_carry *pyaot_carry_new(PyCodeObject *co, int ninstr)
{
    if (ninstr > CARRY_MAX_INSTR || co->co_nlocalsplus > CARRY_MAX_LOCALS ||
        co->co_nlocalsplus == 0 || getenv("PYAOT_NO_CARRY") != NULL)
        return NULL;
    pyaot_carry *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->n = ninstr;
    c->rounds = CARRY_ROUNDS;
    c->nlocals = co->co_nlocalsplus;
    c->head = malloc(sizeof *c->head * (size_t)(ninstr + 1));
    c->plan = calloc((size_t)ninstr + 1, sizeof *c->plan);
    c->phis = calloc((size_t)ninstr + 1, sizeof *c->phis);
    if (c->head == NULL || c->plan == NULL || c->phis == NULL) {
        pyaot_carry_free(c);
        return NULL;
    }
    for (int i = 0; i <= ninstr; i++)
        c->head[i] = -1;
    return c;
}

static void forget_edges(pyaot_carry *c)
{
    for (int k = 0; k < c->nedges; k++)
        free(c->edges[k].snap);
    c->nedges = 0;
    for (int i = 0; i <= c->n; i++)
        c->head[i] = -1;
}

int pyaot_carry_planned(const pyaot_carry *c)
{
    return c->applying;
}

void pyaot_carry_free(pyaot_carry *c)
{
    if (c == NULL)
        return;
    forget_edges(c);
    free(c->edges);
    for (int i = 0; i <= c->n; i++) {
        free(c->plan[i]);
        free(c->phis[i]);
    }
    free(c->plan);
    free(c->phis);
    free(c->head);
    free(c);
}

void pyaot_carry_record(lower *L, body *B, int unit)
{
    pyaot_carry *c = B->carry;
    int j = c != NULL && unit >= 0 && unit < B->d->nunits ? B->d->unit_instr[unit] : -1;
    if (j < 0 || !B->leader[j] || (c->applying && c->plan[j] == NULL))
        return; /* no leader, or nothing to give it */
    if (c->nedges == c->capedges) {
        int cap = c->capedges ? 2 * c->capedges : 64;
        cedge *n = realloc(c->edges, sizeof *n * (size_t)cap);
        if (n == NULL) {
            c->oom = 1;
            return;
        }
        c->edges = n;
        c->capedges = cap;
    }
    lknown *snap = malloc(sizeof *snap * (size_t)c->nlocals);
    if (snap == NULL) {
        c->oom = 1;
        return;
    }
    memcpy(snap, B->lk, sizeof *snap * (size_t)c->nlocals);
    c->edges[c->nedges] = (cedge){.leader = j, .src = B->cur, .from = LLVMGetInsertBlock(L->b),
                                  .snap = snap, .next = c->head[j]};
    c->head[j] = c->nedges++;
}

/* What an edge knows of local `k`. */
static int fact_of(const cedge *g, int k)
{
    if (g == NULL)
        return F_NONE;
    const lknown *kn = &g->snap[k];
    if (kn->type == T_INT && kn->cv != NULL)
        return F_INT;
    if (kn->type == T_FLOAT && kn->cv != NULL)
        return F_FLOAT;
    if (kn->seq != SEQ_ANY)
        return kn->seq == SEQ_LIST ? F_LIST : F_TUPLE;
    return kn->bound ? F_BOUND : F_NONE;
}

static int meet(int a, int b)
{
    if (a == F_TOP)
        return b;
    if (b == F_TOP || a == b)
        return a;
    if (a == F_NONE || b == F_NONE)
        return F_NONE;
    return F_BOUND; /* bound and the types in any other pairing */
}

/* Whether fact `have` gives everything `want` needs. */
static int covers(int have, int want)
{
    return want == F_NONE || have == want || (want == F_BOUND && have >= F_BOUND);
}

/* The recorded edge from block `from` into leader `j`, or NULL. */
static cedge *edge_from(pyaot_carry *c, int j, LLVMBasicBlockRef from)
{
    for (int x = c->head[j]; x >= 0; x = c->edges[x].next)
        if (c->edges[x].from == from)
            return &c->edges[x];
    return NULL;
}

/* The blocks branching to `bb`, each once; -1 when out of memory. */
static int preds_of(LLVMBasicBlockRef bb, LLVMBasicBlockRef **out)
{
    int n = 0, cap = 8;
    LLVMBasicBlockRef *p = malloc(sizeof *p * (size_t)cap);
    if (p == NULL)
        return -1;
    for (LLVMUseRef u = LLVMGetFirstUse(LLVMBasicBlockAsValue(bb)); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);
        if (!LLVMIsATerminatorInst(user))
            continue;
        LLVMBasicBlockRef from = LLVMGetInstructionParent(user);
        int seen = 0;
        for (int k = 0; k < n && !seen; k++)
            seen = p[k] == from;
        if (seen)
            continue;
        if (n == cap) {
            cap *= 2;
            LLVMBasicBlockRef *q = realloc(p, sizeof *q * (size_t)cap);
            if (q == NULL) {
                free(p);
                return -1;
            }
            p = q;
        }
        p[n++] = from;
    }
    *out = p;
    return n;
}

/* Mark in `written` the locals instructions [from, to] store or delete. */
static void written_in(const body *B, int from, int to, unsigned char *written)
{
    for (int i = from; i <= to && i < B->d->n; i++) {
        int op = B->d->ins[i].opcode, k = B->d->ins[i].oparg;
        if ((op == STORE_FAST || op == DELETE_FAST) && k >= 0 && k < B->co->co_nlocalsplus)
            written[k] = 1;
    }
}

/* The plan of leader `j` from its entries `preds` in the first lowering.
   Where only forward edges enter (a join), a fact is one they all know.
   At a loop head, the loop's own edges back must all know it; a way in
   that does not may still be checked on entry, but only for a local the
   loop never writes: one first assigned inside the loop is unbound (or
   anything) on the way in, and its check would fail every time. */
static int plan_leader(pyaot_carry *c, const body *B, int j, LLVMBasicBlockRef *preds, int np)
{
    cedge **gs = malloc(sizeof *gs * (size_t)(np + 1));
    unsigned char *written = calloc((size_t)c->nlocals, 1);
    unsigned char *plan = calloc((size_t)c->nlocals, 1);
    if (gs == NULL || written == NULL || plan == NULL) {
        free(gs);
        free(written);
        free(plan);
        return -1;
    }
    int loop_end = -1;
    for (int p = 0; p < np; p++) {
        gs[p] = edge_from(c, j, preds[p]);
        if (gs[p] != NULL && gs[p]->src >= j && gs[p]->src > loop_end)
            loop_end = gs[p]->src;
    }
    if (loop_end >= 0)
        written_in(B, j, loop_end, written);
    int any = 0;
    for (int k = 0; k < c->nlocals; k++) {
        int f = F_TOP;
        for (int p = 0; p < np; p++)
            if (gs[p] != NULL && gs[p]->src >= j)
                f = meet(f, fact_of(gs[p], k));
        int checked_on_entry = loop_end >= 0 && !written[k];
        for (int p = 0; p < np && f > F_NONE; p++) {
            if (gs[p] != NULL && gs[p]->src >= j)
                continue;
            int have = fact_of(gs[p], k);
            if (f == F_TOP || !checked_on_entry || (have >= F_INT && !covers(have, f)))
                f = meet(f, have);
        }
        if (f != F_TOP && f != F_NONE) {
            plan[k] = (unsigned char)f;
            any = 1;
        }
    }
    free(gs);
    free(written);
    if (!any) {
        free(plan);
        plan = NULL;
    }
    c->plan[j] = plan;
    return 0;
}

/* Whether instruction `j` starts an exception handler: a guard failing
   in a checked entry elsewhere may branch there too, unplanned. */
static int handler_at(const body *B, int j)
{
    for (int h = 0; h < B->d->nhandlers; h++)
        if (B->d->unit_instr[B->d->handlers[h].target] == j)
            return 1;
    return 0;
}

/* The instructions the body's arrays hold: the carry is sized by code
   units (before decoding), an upper bound. */
static int carry_span(const pyaot_carry *c, const body *B)
{
    return c->n < B->d->n + 1 ? c->n : B->d->n + 1;
}

int pyaot_carry_plan(body *B, pyaot_error *e)
{
    pyaot_carry *c = B->carry;
    if (c->oom) {
        pyaot_errorf(e, "out of memory");
        return -1;
    }
    int ninstr = carry_span(c, B);
    for (int j = 0; j < c->n; j++) {
        free(c->plan[j]);
        c->plan[j] = NULL;
        free(c->phis[j]);
        c->phis[j] = NULL;
        if (j >= ninstr || !B->leader[j] || B->blocks[j] == NULL || c->head[j] < 0 || handler_at(B, j))
            continue; /* no recorded edge, no fact; a handler is entered by unwinding */
        LLVMBasicBlockRef *preds;
        int np = preds_of(B->blocks[j], &preds);
        if (np < 0 || plan_leader(c, B, j, preds, np) < 0) {
            if (np >= 0)
                free(preds);
            pyaot_errorf(e, "out of memory");
            return -1;
        }
        free(preds);
    }
    forget_edges(c);
    c->applying = --c->rounds <= 0;
    return 0;
}

void pyaot_carry_enter(lower *L, body *B, int j)
{
    memset(B->lk, 0, sizeof *B->lk * (size_t)B->co->co_nlocalsplus);
    pyaot_carry *c = B->carry;
    if (c == NULL || c->plan[j] == NULL)
        return;
    if (c->phis[j] == NULL && (c->phis[j] = calloc((size_t)c->nlocals, sizeof **c->phis)) == NULL)
        return; /* knows nothing: pyaot_carry_finish adds no incoming */
    for (int k = 0; k < c->nlocals; k++) {
        int f = c->plan[j][k];
        if (f == F_NONE)
            continue;
        B->lk[k].bound = 1;
        if (f == F_LIST || f == F_TUPLE)
            B->lk[k].seq = f == F_LIST ? SEQ_LIST : SEQ_TUPLE;
        if (f == F_BOUND || f == F_LIST || f == F_TUPLE)
            continue;
        LLVMTypeRef ty = f == F_INT ? LLVMInt64TypeInContext(L->cx) : LLVMDoubleTypeInContext(L->cx);
        B->lk[k].type = f == F_INT ? T_INT : T_FLOAT;
        B->lk[k].cv = c->phis[j][k] = LLVMBuildPhi(L->b, ty, "");
    }
}

/* How many of `from`'s successors are `to`. */
static unsigned edges_to(LLVMBasicBlockRef from, LLVMBasicBlockRef to)
{
    LLVMValueRef t = LLVMGetBasicBlockTerminator(from);
    unsigned n = 0;
    for (unsigned s = 0; s < LLVMGetNumSuccessors(t); s++)
        n += LLVMGetSuccessor(t, s) == to;
    return n;
}

/* Whether the recorded edge `g` supplies every fact of `plan` itself. */
static int supplies(const pyaot_carry *c, const cedge *g, const unsigned char *plan,
                    LLVMValueRef *phis)
{
    if (g == NULL)
        return 0;
    for (int k = 0; k < c->nlocals; k++) {
        if (!covers(fact_of(g, k), plan[k]))
            return 0;
        if (phis[k] != NULL && LLVMTypeOf(g->snap[k].cv) != LLVMTypeOf(phis[k]))
            return 0;
    }
    return 1;
}

/* A block on the way from `from` into leader `j` that proves the facts
   `from` does not know, deoptimizing at the leader when one is false;
   it takes over `from`'s branches to the leader and gives the phis
   their incoming values. */
static int checked_entry(lower *L, body *B, int j, LLVMBasicBlockRef from, const cedge *g,
                         pyaot_error *e)
{
    pyaot_carry *c = B->carry;
    LLVMBasicBlockRef cb = lw_new_bb(L, B, "carried");
    LLVMPositionBuilderAtEnd(L->b, cb);
    LLVMBasicBlockRef fail = NULL;
    LLVMValueRef *vals = calloc((size_t)c->nlocals, sizeof *vals);
    if (vals == NULL) {
        pyaot_errorf(e, "out of memory");
        return -1;
    }
    for (int k = 0; k < c->nlocals; k++) {
        int f = c->plan[j][k];
        if (f == F_NONE)
            continue;
        LLVMValueRef phi = c->phis[j][k];
        if (covers(fact_of(g, k), f) && (phi == NULL || LLVMTypeOf(g->snap[k].cv) == LLVMTypeOf(phi))) {
            vals[k] = phi != NULL ? g->snap[k].cv : NULL;
            continue;
        }
        if (fail == NULL && pyaot_unbox_deopt_at(L, B, j, &fail, e) < 0) {
            free(vals);
            return -1;
        }
        if (f == F_LIST || f == F_TUPLE)
            pyaot_unbox_check_seq(L, B, k, f == F_LIST ? SEQ_LIST : SEQ_TUPLE, fail);
        else
            vals[k] = pyaot_unbox_check_local(L, B, k, f == F_INT ? T_INT : f == F_FLOAT ? T_FLOAT : T_ANY,
                                              fail);
    }
    LLVMBasicBlockRef last = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, B->blocks[j]);
    for (int k = 0; k < c->nlocals; k++)
        if (c->phis[j][k] != NULL)
            LLVMAddIncoming(c->phis[j][k], &vals[k], &last, 1);
    free(vals);
    LLVMValueRef t = LLVMGetBasicBlockTerminator(from);
    for (unsigned s = 0; s < LLVMGetNumSuccessors(t); s++)
        if (LLVMGetSuccessor(t, s) == B->blocks[j])
            LLVMSetSuccessor(t, s, cb);
    return 0;
}

int pyaot_carry_finish(lower *L, body *B, pyaot_error *e)
{
    pyaot_carry *c = B->carry;
    if (c->oom) {
        pyaot_errorf(e, "out of memory");
        return -1;
    }
    int ninstr = carry_span(c, B);
    for (int j = 0; j < ninstr; j++) {
        if (c->plan[j] == NULL || c->phis[j] == NULL || B->blocks[j] == NULL)
            continue;
        LLVMBasicBlockRef *preds;
        int np = preds_of(B->blocks[j], &preds);
        if (np < 0) {
            pyaot_errorf(e, "out of memory");
            return -1;
        }
        int rc = 0;
        for (int p = 0; p < np && rc == 0; p++) {
            cedge *g = edge_from(c, j, preds[p]);
            if (!supplies(c, g, c->plan[j], c->phis[j])) {
                rc = checked_entry(L, B, j, preds[p], g, e);
                continue;
            }
            unsigned n = edges_to(preds[p], B->blocks[j]);
            for (int k = 0; k < c->nlocals; k++)
                for (unsigned x = 0; x < n && c->phis[j][k] != NULL; x++)
                    LLVMAddIncoming(c->phis[j][k], &g->snap[k].cv, &preds[p], 1);
        }
        free(preds);
        if (rc < 0)
            return -1;
    }
    return 0;
}
