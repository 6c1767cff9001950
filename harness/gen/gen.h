/* gen/gen.h — the gen subsystem's whole contract: the generators of `qatspec gen` (plan listing, the model as C
 * data, a fuzzing dictionary, a corpus), one entry point each, and what they share. The corpus's fault seeds are
 * the emulator's own answers, so gen sits above emulator/; it may call emulator/, plan/, spec/, check/, util/. */
#ifndef QATSPEC_GEN_H
#define QATSPEC_GEN_H

#include "spec.h"

#include <stdbool.h>
#include <stdio.h>

/* ---- the generators of `qatspec gen`, one entry point each, and the options they share.
 * Each takes its own argv (argv[0] is the generator's name) and returns the exit code: 0, or 2 on errors.
 */
/* qatspec gen plan [--json] [--spec DIR]: the test plan, readable or as JSON; 0, or 2 on usage or spec errors. */
int gen_plan(int argc, char **argv);

/* qatspec gen c --out FILE.c [--spec DIR]: the loaded spec as C const data (qat_builtin_spec). */
int gen_c(int argc, char **argv);

/* qatspec gen dict --out FILE [--spec DIR]: every literal of the spec as a libFuzzer/AFL++ dictionary. */
int gen_dict(int argc, char **argv);

/* qatspec gen corpus --out DIR [--spec DIR]: seeds for the fuzz targets, in DIR/<target>/. */
int gen_corpus(int argc, char **argv);

typedef struct {
    const char *out;      /* --out */
    const char *spec_dir; /* --spec, else spec_default_dir() */
} gen_options;

/* Parse `--out X [--spec DIR] | --help` for generator WHO ("c"); USAGE is its --help text. Returns 0 to go
 * on, -1 after printing --help (exit 0), 2 after a usage error (printed, prefixed "qatspec gen WHO:"). */
int gen_parse_args(int argc, char **argv, const char *who, const char *usage, gen_options *o);

/* What a generator makes from the opened spec S, after its options O: false when it failed (said why). */
typedef bool (*gen_writer)(const spec_opened *s, const gen_options *o);

/* A generator's whole run: parse its arguments, open the spec, WRITE; returns the exit code (0, or 2). */
int gen_run(int argc, char **argv, const char *who, const char *usage, gen_writer write);

/* Open PATH for writing (binary); on failure print why, prefixed "qatspec gen WHO:", and return NULL. */
FILE *gen_create(const char *path, const char *who);

/* Close F; false (after printing why) when a write or the close failed. */
bool gen_close(FILE *f, const char *path, const char *who);

#endif
