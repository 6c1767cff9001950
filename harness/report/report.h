/* report/report.h — the report subsystem's whole contract: a run's result model (a verdict per case, the score),
 * its scoring and exit code, and its writers (report.json, junit.xml, report.html, the console summary) into
 * reports/<run-id>/. The runner fills the model; this room may call plan/, util/ and parsers/ only. */
#ifndef QATSPEC_REPORT_H
#define QATSPEC_REPORT_H

#include "plan.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- what a run of the plan found: a verdict per case with what was sent, expected and observed,
 * the scores, and the run's identity. The runner fills it; the report writers (JSON, JUnit, HTML) read it.
 */
#define RUN_REPORT_VERSION 2 /* report.json's "version": raised when a field changes meaning (2: "informational") */

/* INFORMATIONAL: a case of a standard command the manual does not require that the module failed (it lacks the
 * command or answers it otherwise): noted, never weighed. */
typedef enum {
    VERDICT_PASS,
    VERDICT_DEVIATION,
    VERDICT_FAIL,
    VERDICT_ERROR,
    VERDICT_SKIP,
    VERDICT_INFORMATIONAL,
    VERDICT_COUNT
} verdict;

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

/* ---- a run's reports: report.json, junit.xml and report.html in one directory (reports/<run-id>/, with
 * reports/latest pointing at it), and the one-line console summary. The runner calls these once a run is over.
 */
/* Make BASE/RUN_ID (and BASE when missing) and point BASE/latest at it, replacing the old link in one rename.
 * The directory's path goes into DIR (DIR_SIZE bytes). False, with a message in ERR, when it cannot. */
bool report_dir_create(const char *base, const char *run_id, char *dir, size_t dir_size, char *err, size_t err_size);

/* Write report.json, junit.xml and report.html of R into DIR (which exists). R's score must be computed
 * (run_score_compute). Each file appears whole or not at all (written aside, then renamed). False, with a message
 * naming the file in ERR, on the first that cannot be written. */
bool report_write_all(const run_result *r, const char *dir, char *err, size_t err_size);

/* One report each, into DIR/report.json, DIR/junit.xml, DIR/report.html. */
bool report_write_json(const run_result *r, const char *dir, char *err, size_t err_size);
bool report_write_junit(const run_result *r, const char *dir, char *err, size_t err_size);
bool report_write_html(const run_result *r, const char *dir, char *err, size_t err_size);

/* "N cases: P passed, D deviations, F failed, E errors, S skipped — score X % (strict Y %)" into OUT (no newline;
 * cut to OUT_SIZE). Scores are shown to one decimal, cut rather than rounded, so 99.96 % never reads as 100 %. */
void report_summary_line(const run_result *r, char *out, size_t out_size);

#endif
