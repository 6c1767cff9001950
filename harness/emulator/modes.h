/* emulator/modes.h — the answer modes of `qatspec emulate`: --hostile (emulator/hostile.h), --latency
 * (emulator/latency.h) and --trace; applied to each command line's answer after the faults, from one seeded PRNG. */
#ifndef QATSPEC_EMULATOR_MODES_H
#define QATSPEC_EMULATOR_MODES_H

#include "emulator.h"
#include "faults.h"
#include "latency.h"

#include <stdio.h>

typedef struct em_modes {
    const qat_compiled *c;
    const em_modes_config *cfg;
    uint64_t seed;
    qat_rng rng; /* started from the seed at each session's start: the same lines give the same bytes */
    unsigned answers;
} em_modes;


void em_modes_init(em_modes *m, const qat_compiled *c, const em_modes_config *cfg, uint64_t seed);
/* A session starts (power on, a TCP client): the PRNG from the seed again, answers counted from 1. */
void em_modes_boot(em_modes *m);
/* X's answer (written from X->start on, the faults applied): mutate it, then hold it back as --latency says. */
void em_modes_answer(em_modes *m, em_fault_ctx *x);

#endif
