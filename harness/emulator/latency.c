/* emulator/latency.c — the delay of an answer under --latency (see emulator/latency.h): drawn from the session's
 * PRNG within the manual's maximum response time, then the answer waits in the faults' held buffer. */
#include "latency.h"

#include <string.h>
#include <time.h>

bool em_latency_parse(const char *name, em_latency *out)
{
    static const char *const names[] = {"none", "realistic", "max"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0) {
            *out = (em_latency)i;
            return true;
        }
    return false;
}

uint32_t em_latency_max_ms(const qat_cform *form)
{
    if (!form)
        return 0;
    return form->form->max_response_ms ? form->form->max_response_ms : form->cmd->max_response_ms;
}

uint32_t em_latency_draw(em_latency mode, const qat_cform *form, qat_rng *rng)
{
    uint32_t max = em_latency_max_ms(form);
    if (mode == EM_LATENCY_MAX)
        return max;
    if (mode == EM_LATENCY_NONE)
        return 0;
    uint32_t lo = max / 10, hi = (uint32_t)((uint64_t)max * 9 / 10);
    return lo + (uint32_t)qat_rng_below(rng, (uint64_t)(hi - lo) + 1);
}

void em_latency_hold(em_faults *run, em_out *out, size_t start, uint32_t ms)
{
    if (out->len == start || (ms == 0 && !run->held.len))
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t due = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + ms;
    if (!run->held.len || due > run->due_ms)
        run->due_ms = due;
    em_out_put(&run->held, out->data + start, out->len - start);
    out->len = start;
}
