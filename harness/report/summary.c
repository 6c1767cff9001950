/* report/summary.c — the console's one-line summary of a run, printed by the runner after the reports:
 * "N cases: P passed, D deviations, F failed, E errors, S skipped[, I informational] — score X % (strict Y %)". */
#include "report.h"
#include "text.h"

#include <stdio.h>

void report_summary_line(const run_result *r, char *out, size_t out_size)
{
    const uint32_t *n = r->score.run;
    char score[32], strict[32], informational[48] = "";
    report_score_text(r->score.score, score, sizeof score);
    report_score_text(r->score.strict_score, strict, sizeof strict);
    if (n[VERDICT_INFORMATIONAL])
        snprintf(informational, sizeof informational, ", %u informational", (unsigned)n[VERDICT_INFORMATIONAL]);
    snprintf(out, out_size, "%zu cases: %u passed, %u deviations, %u failed, %u errors, %u skipped%s — score %s %% (strict %s %%)",
             r->n_results, (unsigned)n[VERDICT_PASS], (unsigned)n[VERDICT_DEVIATION], (unsigned)n[VERDICT_FAIL],
             (unsigned)n[VERDICT_ERROR], (unsigned)n[VERDICT_SKIP], informational, score, strict);
}
