/* run_select.h — which cases of the plan a run runs, and which it expects to fail: safety classes allowed, --only
 * and --exclude globs (on a case's id or command), the echo peer socket scenarios need, and the --xfail list. */
#ifndef QATSPEC_RUN_SELECT_H
#define QATSPEC_RUN_SELECT_H

#include "arena.h"
#include "plan.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *glob, *reason;
} run_xfail;

typedef struct {
    bool allowed[QAT_SAFETY_COUNT]; /* safety classes that run */
    const char *const *only;        /* globs: a case runs when one matches (none: every case) */
    size_t n_only;
    const char *const *exclude; /* globs: a case matching one is skipped */
    size_t n_exclude;
    const run_xfail *xfail;
    size_t n_xfail;
    bool echo_peer; /* an echo peer is there for socket scenarios */
} run_select;

/* Why PC is skipped, for the report ("disruptive: runs against a device only with --allow disruptive"), or NULL
 * when it runs. Sanity cases always run. */
const char *run_select_skip(const run_select *s, const plan_case *pc, char *buf, size_t buf_size);

/* The --xfail reason of PC, or NULL. */
const char *run_select_xfail(const run_select *s, const plan_case *pc);

/* Read the --xfail FILE into S (entries in A): lines `GLOB reason`, blank lines and `#` comments ignored. False
 * with "FILE:LINE: what" in ERR when a line has no reason or the file cannot be read. */
bool run_xfail_load(run_select *s, arena *a, const char *path, char *err, size_t err_size);

#endif
