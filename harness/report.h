/* report.h — a run's reports: report.json, junit.xml and report.html in one directory (reports/<run-id>/, with
 * reports/latest pointing at it), and the one-line console summary. The runner calls these once a run is over. */
#ifndef QATSPEC_REPORT_H
#define QATSPEC_REPORT_H

#include "run_result.h"

#include <stdbool.h>
#include <stddef.h>

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
