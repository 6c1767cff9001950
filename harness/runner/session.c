/* runner/session.c — the plan run case by case (see runner/runner.h). */
#include "runner.h"


#include <string.h>

static void skip(case_result *r, const plan_case *pc, const char *reason, arena *out)
{
    memset(r, 0, sizeof *r);
    r->pc = pc;
    r->v = VERDICT_SKIP;
    r->reason = arena_strdup(out, reason);
    r->sent = r->expected = r->observed = "";
    r->mismatch_at = (size_t)-1;
}

static void show_progress(FILE *progress, size_t i, size_t n, const plan_case *pc, int64_t t0)
{
    if (!progress)
        return;
    fprintf(progress, "\rcase %zu/%zu  %s  %.1f s\033[K", i + 1, n, pc->command ? pc->command : pc->title,
            (double)(run_now_ms() - t0) / 1000.0);
    fflush(progress);
}

static void run_one(case_result *r, const plan_case *pc, const run_env *env, const run_select *sel, arena *out)
{
    char why[160];
    const char *reason = run_select_skip(sel, pc, why, sizeof why);
    if (env->link->gone || reason) {
        skip(r, pc, env->link->gone ? env->link->gone_why : reason, out);
        return;
    }
    if (run_exec_case(env, pc, out, r) && !env->link->gone)
        run_exec_resync(env);
    r->xfail = run_select_xfail(sel, pc);
    r->xpass = r->xfail && (r->v == VERDICT_PASS || r->v == VERDICT_DEVIATION);
}

void run_session(run_result *r, const plan *p, const run_env *env, const run_select *sel, arena *out,
                 FILE *progress)
{
    int64_t t0 = run_now_ms();
    r->results = arena_array(out, p->n_cases + 1, sizeof *r->results);
    r->n_results = p->n_cases;
    for (size_t i = 0; i < p->n_cases; i++) {
        show_progress(progress, i, p->n_cases, &p->cases[i], t0);
        run_one(&r->results[i], &p->cases[i], env, sel, out);
    }
    if (progress)
        fputs("\r\033[K", progress);
    r->device_gone = env->link->gone;
    run_score_compute(r);
}
