/* emulator_modes.h — the answer modes of `qatspec emulate`: --hostile (emulator_hostile.h), --latency
 * (emulator_latency.h) and --trace; applied to each command line's answer after the faults, from one seeded PRNG. */
#ifndef QATSPEC_EMULATOR_MODES_H
#define QATSPEC_EMULATOR_MODES_H

#include "emulator_faults.h"
#include "emulator_latency.h"

#include <stdio.h>

/* What the command line asked for. */
typedef struct em_modes_config {
    bool hostile;
    unsigned hostile_rate; /* per cent of the answers mutated (the others go out valid) */
    em_latency latency;
    FILE *trace; /* --trace: a line per answer (its mutation, bytes, delay), or NULL */
} em_modes_config;

typedef struct em_modes {
    const qat_compiled *c;
    const em_modes_config *cfg;
    uint64_t seed;
    qat_rng rng; /* started from the seed at each session's start: the same lines give the same bytes */
    unsigned answers;
} em_modes;

/* The defaults: not hostile (rate 100 once it is), no latency, no trace. */
void em_modes_defaults(em_modes_config *m);
/* The option ARGV[*I] (--hostile, --hostile-rate P, --latency MODE, --trace FILE); 1 parsed, 0 not one, -1 error
 * (said on stderr). */
int em_modes_option(em_modes_config *m, int argc, char **argv, int *i);
/* Close the trace. */
void em_modes_close(em_modes_config *m);

void em_modes_init(em_modes *m, const qat_compiled *c, const em_modes_config *cfg, uint64_t seed);
/* A session starts (power on, a TCP client): the PRNG from the seed again, answers counted from 1. */
void em_modes_boot(em_modes *m);
/* X's answer (written from X->start on, the faults applied): mutate it, then hold it back as --latency says. */
void em_modes_answer(em_modes *m, em_fault_ctx *x);

#endif
