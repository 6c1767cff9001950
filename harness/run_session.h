/* run_session.h — a plan run on a device from first case to last: each case selected or skipped, run, resynced
 * after a timeout; once the device is gone the rest are skipped as such. A progress line on a terminal. */
#ifndef QATSPEC_RUN_SESSION_H
#define QATSPEC_RUN_SESSION_H

#include "run_exec.h"
#include "run_select.h"

#include <stdio.h>

/* Run every case of P on ENV's device into R->results / R->n_results (in OUT), set R->device_gone and the
 * score. PROGRESS: where the progress line goes (a terminal), or NULL. */
void run_session(run_result *r, const plan *p, const run_env *env, const run_select *sel, arena *out,
                 FILE *progress);

#endif
