/* report/score.c — a run's verdicts counted and weighed (see report/report.h): MUST 3, SHOULD 1, skips and expected
 * failures not weighed, deviations passing leniently and failing strictly; and the exit code that follows. */
#include "report.h"

#include <stddef.h>

static const char *const verdict_names[VERDICT_COUNT] = {"pass", "deviation", "fail", "error", "skip", "informational"};

const char *verdict_name(verdict v)
{
    return (unsigned)v < VERDICT_COUNT ? verdict_names[v] : "?";
}

static double weight_of(const plan_case *pc)
{
    return pc && pc->weight == PLAN_SHOULD ? 1.0 : 3.0;
}

static bool expected_failure(const case_result *c)
{
    return c->xfail && (c->v == VERDICT_FAIL || c->v == VERDICT_ERROR);
}

static double percent(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : 0.0;
}

void run_score_compute(run_result *r)
{
    run_score s = {0};
    for (size_t i = 0; i < r->n_results; i++) {
        const case_result *c = &r->results[i];
        s.run[c->v]++;
        s.xfailed += expected_failure(c);
        s.xpassed += c->xpass;
        if (c->v == VERDICT_SKIP || c->v == VERDICT_INFORMATIONAL || expected_failure(c))
            continue;
        double w = weight_of(c->pc);
        s.weight_run += w;
        s.weight_pass_lenient += c->v == VERDICT_PASS || c->v == VERDICT_DEVIATION ? w : 0;
        s.weight_pass_strict += c->v == VERDICT_PASS ? w : 0;
    }
    s.score = percent(s.weight_pass_lenient, s.weight_run);
    s.strict_score = percent(s.weight_pass_strict, s.weight_run);
    r->score = s;
}

int run_exit_code(const run_result *r, double min_score, bool strict)
{
    if (r->device_gone)
        return 3;
    double score = strict ? r->score.strict_score : r->score.score;
    return score < min_score || r->score.xpassed ? 1 : 0;
}
