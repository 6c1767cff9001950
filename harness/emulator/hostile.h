/* emulator/hostile.h — `--hostile`: a command line's valid answer rewritten by one mutation that knows its
 * structure (lines, result codes, fields and their ranges, payload lengths, the spec's URCs and prompt), for fuzzing. */
#ifndef QATSPEC_EMULATOR_HOSTILE_H
#define QATSPEC_EMULATOR_HOSTILE_H

#include "out.h"
#include "qat_compiled.h"
#include "qat_synth.h"

#include <stdio.h>

#define EM_HOSTILE_LONG_MIN 4096u  /* a lengthened line's length: 4 KiB ... */
#define EM_HOSTILE_LONG_MAX 65536u /* ... to 64 KiB */

typedef struct {
    const qat_compiled *c;
    const qat_cform *form; /* a form of the line's first command (its forms' information lines), or NULL */
    qat_rng *rng;          /* every choice is drawn from it: the same state and answer give the same bytes */
} em_hostile;

size_t em_hostile_kind_count(void);
/* "split-line", "merge-lines", ...: the mutation kind's name. */
const char *em_hostile_kind_name(size_t kind);
/* Rewrite OUT[START..) (one answer, nothing else) by one mutation drawn among the kinds that apply to it; the kind,
 * or -1 when none applies (an empty answer: left as it is). */
int em_hostile_mutate(const em_hostile *h, em_out *out, size_t start);

#endif
