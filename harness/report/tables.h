/* report/tables.h — a run's cases grouped by manual chapter and by command, each group weighed as the whole run
 * is (run_score_compute), for the per-chapter and per-command tables of every report; the spec lookups they share. */
#ifndef QATSPEC_REPORT_TABLES_H
#define QATSPEC_REPORT_TABLES_H

#include "report.h"

#include <stddef.h>

typedef struct {
    char *key;         /* the chapter ("2"), or the command ("AT+CSQ"; "" for cases of no command) */
    const char *title; /* the chapter's title in the spec ("基本命令 — basic commands"), or NULL */
    size_t n_cases;
    run_score score;   /* weight_run 0: nothing of it ran */
} report_group;

typedef struct {
    report_group *items; /* in order of first appearance in the plan */
    size_t n;
} report_groups;

typedef enum { REPORT_BY_CHAPTER, REPORT_BY_COMMAND } report_grouping;

/* The groups of R's cases. Exits when out of memory. */
report_groups report_groups_make(const run_result *r, report_grouping by);
void report_groups_free(report_groups *g);

/* The chapter of a case ("2" of section "2.11") into OUT. */
void report_chapter_of(const case_result *c, char *out, size_t size);

/* The erratum ID of R's spec (for its title and readings), or NULL when the spec has none such. */
const qat_erratum *report_erratum(const run_result *r, const char *id);

/* The group of KEY in G, or NULL. */
const report_group *report_group_find(const report_groups *g, const char *key);

#endif
