/* stand_in_score.c — verdict_name and run_score_compute for the report test while the runner's own
 * (harness/run_score.c, helper exec) is not in this tree; tests/CMakeLists.txt links it only then. */
#include "run_result.h"

const char *verdict_name(verdict v)
{
    static const char *const names[VERDICT_COUNT] = {"pass", "deviation", "fail", "error", "skip"};
    return (unsigned)v < VERDICT_COUNT ? names[v] : "?";
}

void run_score_compute(run_result *r)
{
    run_score s = {0};
    for (size_t i = 0; i < r->n_results; i++) {
        const case_result *c = &r->results[i];
        double w = c->pc->weight == PLAN_SHOULD ? 1.0 : 3.0;
        s.run[c->v]++;
        s.weight_run += c->v == VERDICT_SKIP ? 0 : w;
        s.weight_pass_lenient += c->v == VERDICT_PASS || c->v == VERDICT_DEVIATION ? w : 0;
        s.weight_pass_strict += c->v == VERDICT_PASS ? w : 0;
    }
    s.score = s.weight_run > 0 ? 100.0 * s.weight_pass_lenient / s.weight_run : 0;
    s.strict_score = s.weight_run > 0 ? 100.0 * s.weight_pass_strict / s.weight_run : 0;
    r->score = s;
}
