/* emulator/modes.c — --hostile, --latency and --trace (see emulator/modes.h): their options, and the hook the
 * responder calls with each command line's answer. */
#include "modes.h"

#include "hostile.h"

#include <stdlib.h>
#include <string.h>

#define MODES_SALT 0x686f7374696c65ull /* the modes' PRNG differs from the responder's under the same seed */

void em_modes_defaults(em_modes_config *m)
{
    *m = (em_modes_config){.hostile_rate = 100, .latency = EM_LATENCY_NONE};
}

static bool parse_rate(const char *v, unsigned *rate)
{
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    if (!*v || *end || n > 100 || v[0] == '-')
        return false;
    *rate = (unsigned)n;
    return true;
}

/* The value of an option that has one: its check, or its file opened. */
static bool set_value(em_modes_config *m, const char *name, const char *v)
{
    if (strcmp(name, "--hostile-rate") == 0)
        return parse_rate(v, &m->hostile_rate);
    if (strcmp(name, "--latency") == 0)
        return em_latency_parse(v, &m->latency);
    if (m->trace)
        fclose(m->trace);
    m->trace = fopen(v, "w");
    return m->trace != NULL;
}

int em_modes_option(em_modes_config *m, int argc, char **argv, int *i)
{
    static const char *const valued[] = {"--hostile-rate", "--latency", "--trace"};
    static const char *const expect[] = {"a per cent, 0-100", "none, realistic or max", "a file to write"};
    if (strcmp(argv[*i], "--hostile") == 0) {
        m->hostile = true;
        return 1;
    }
    for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) {
        if (strcmp(argv[*i], valued[k]) != 0)
            continue;
        if (*i + 1 < argc && set_value(m, valued[k], argv[*i + 1])) {
            ++*i;
            return 1;
        }
        fprintf(stderr, "qatspec emulate: %s %s: expected %s\n", valued[k], *i + 1 < argc ? argv[*i + 1] : "(none)",
                expect[k]);
        return -1;
    }
    return 0;
}

void em_modes_close(em_modes_config *m)
{
    if (m->trace)
        fclose(m->trace);
    m->trace = NULL;
}

void em_modes_init(em_modes *m, const qat_compiled *c, const em_modes_config *cfg, uint64_t seed)
{
    *m = (em_modes){.c = c, .cfg = cfg, .seed = seed};
    em_modes_boot(m);
}

void em_modes_boot(em_modes *m)
{
    qat_rng_seed(&m->rng, m->seed ^ MODES_SALT);
    m->answers = 0;
}

void em_modes_answer(em_modes *m, em_fault_ctx *x)
{
    if (!m->cfg || (!m->cfg->hostile && m->cfg->latency == EM_LATENCY_NONE && !m->cfg->trace))
        return;
    m->answers++;
    int kind = -1;
    if (m->cfg->hostile && qat_rng_below(&m->rng, 100) < m->cfg->hostile_rate) {
        em_hostile h = {m->c, x->form, &m->rng};
        kind = em_hostile_mutate(&h, x->out, x->start);
    }
    size_t bytes = x->out->len - x->start;
    uint32_t ms = em_latency_draw(m->cfg->latency, x->form, &m->rng);
    if (x->run)
        em_latency_hold(x->run, x->out, x->start, ms);
    if (m->cfg->trace) {
        fprintf(m->cfg->trace, "answer %u: %s, %zu bytes, %u ms\n", m->answers,
                em_hostile_kind_name(kind < 0 ? SIZE_MAX : (size_t)kind), bytes, ms);
        fflush(m->cfg->trace);
    }
}
