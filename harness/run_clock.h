/* run_clock.h — the runner's clocks: monotonic time for deadlines and durations, wall time for the report.
 * Every wait of the runner is a poll() until a deadline taken from here. */
#ifndef QATSPEC_RUN_CLOCK_H
#define QATSPEC_RUN_CLOCK_H

#include <stdint.h>

int64_t run_now_ms(void); /* CLOCK_MONOTONIC */
int64_t run_now_us(void); /* CLOCK_MONOTONIC */
int64_t run_unix_ms(void); /* CLOCK_REALTIME */

/* Milliseconds from now until DEADLINE_MS (run_now_ms), for poll(): 0 when past, at most INT32_MAX. */
int run_ms_until(int64_t deadline_ms);

#endif
