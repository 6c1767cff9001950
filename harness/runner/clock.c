/* runner/clock.c — the runner's clocks (see runner/runner.h). */
#include "runner.h"

#include <time.h>

static int64_t clock_us(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t run_now_us(void) { return clock_us(CLOCK_MONOTONIC); }
int64_t run_now_ms(void) { return clock_us(CLOCK_MONOTONIC) / 1000; }
int64_t run_unix_ms(void) { return clock_us(CLOCK_REALTIME) / 1000; }

int run_ms_until(int64_t deadline_ms)
{
    int64_t left = deadline_ms - run_now_ms();
    return left <= 0 ? 0 : left > INT32_MAX ? INT32_MAX : (int)left;
}
