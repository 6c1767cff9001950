/* run_result.h — what a run of the plan found: a verdict per case with what was sent, expected and observed,
 * the scores, and the run's identity. The runner fills it; the report writers (JSON, JUnit, HTML) read it. */
#ifndef QATSPEC_RUN_RESULT_H
#define QATSPEC_RUN_RESULT_H

#include "plan.h"

#include <stddef.h>
#include <stdint.h>

#define RUN_REPORT_VERSION 1 /* report.json's "version": raised when a field changes meaning */

typedef enum { VERDICT_PASS, VERDICT_DEVIATION, VERDICT_FAIL, VERDICT_ERROR, VERDICT_SKIP, VERDICT_COUNT } verdict;

typedef struct {
    const plan_case *pc;
    verdict v;
    char *sent;     /* the bytes sent, as text (CR shown as \r, control bytes escaped) */
    char *expected; /* what the case accepts, for people */
    char *observed; /* what came back, as text */
    char *reason;   /* FAIL/ERROR/SKIP: why, in one line (the first violation's message, a timeout, ...) */
    const char *const *errata; /* DEVIATION: the ids of the errata whose readings came */
    size_t n_errata;
    size_t mismatch_at; /* byte offset in OBSERVED where it goes wrong (FAIL), or (size_t)-1 */
    double duration_ms;
    const char *xfail; /* --xfail: the reason this case is expected to fail, or NULL when it is not listed */
    bool xpass;        /* listed as an expected failure, yet it passed (or deviated): that fails the run */
} case_result;

typedef struct {
    uint32_t run[VERDICT_COUNT]; /* cases per verdict */
    double weight_run, weight_pass_lenient, weight_pass_strict;
    double score, strict_score; /* 0-100 */
    uint32_t xfailed; /* expected failures (--xfail) that failed: counted under their verdict, left out of the weights */
    uint32_t xpassed; /* expected failures that passed: XPASS */
} run_score;

typedef struct {
    const char *run_id;    /* "20261124T134812Z-emulator" */
    const char *target;    /* "emulator (profile manual)", "/dev/ttyUSB0 @115200", "tcp 10.0.0.5:2000" */
    const char *spec_dir;
    const char *manual;    /* the spec's manual id */
    const char *qatspec_version;
    int64_t started_unix_ms, finished_unix_ms;
    bool device_gone;      /* the transport died mid-run: a partial report, exit 3 */
    const qat_compiled *spec; /* for section titles and errata texts */
    case_result *results;  /* in plan order; cases not reached are SKIP with a reason */
    size_t n_results;
    run_score score;
} run_result;

const char *verdict_name(verdict v); /* "pass", "deviation", "fail", "error", "skip" */

/* Count verdicts and weigh them as design.md says: MUST weighs 3, SHOULD 1; skips are not run; deviations are
 * passes in the lenient score and fails in the strict one. */
void run_score_compute(run_result *r);

/* The exit code of `qatspec run` for R: 3 when the device went away, else 1 when the score (the strict one with
 * STRICT) is below MIN_SCORE or a case passed that --xfail expected to fail, else 0. */
int run_exit_code(const run_result *r, double min_score, bool strict);

#endif
