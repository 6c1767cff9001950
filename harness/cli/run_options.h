/* cli/run_options.h — the command line of `qatspec run` (design.md's contract), parsed and checked: one transport, the
 * selection, the reports' place, the gate. */
#ifndef QATSPEC_RUN_OPTIONS_H
#define QATSPEC_RUN_OPTIONS_H

#include "qat_spec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define RUN_MAX_REPEATS 32 /* of each repeatable option */

typedef struct {
    const char *port;     /* --port DEV */
    unsigned baud;        /* --baud N */
    bool rtscts;          /* --rtscts */
    const char *tcp;      /* --tcp HOST:PORT */
    bool emulator;        /* --emulator */
    const char *profile;  /* --profile NAME */
    const char *faults[RUN_MAX_REPEATS];
    size_t n_faults;
    const char *spec_dir;   /* --spec DIR */
    const char *report_dir; /* --report-dir DIR */
    bool allow[QAT_SAFETY_COUNT]; /* --allow CLASS */
    const char *only[RUN_MAX_REPEATS], *exclude[RUN_MAX_REPEATS];
    size_t n_only, n_exclude;
    const char *xfail; /* --xfail FILE */
    const char *echo;  /* --echo HOST:PORT */
    double min_score;  /* --min-score P */
    double max_wait;   /* --max-wait MS (0: the spec's times) */
    bool strict;       /* --strict */
    bool help;
} run_options;

/* Parse ARGV[1..ARGC) into O. False with the problem in ERR (a usage error: exit 2). */
bool run_options_parse(run_options *o, int argc, char **argv, char *err, size_t err_size);

void run_options_usage(FILE *out);

#endif
