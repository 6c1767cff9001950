/* gen/corpus.h — the fuzzing corpus `qatspec gen corpus` writes: one directory per fuzz target, seeds named by a hash
 * of their bytes (stable, deduplicated), and the sources that fill it from the spec, the emulator and edge cases. */
#ifndef QATSPEC_CORPUS_H
#define QATSPEC_CORPUS_H

#include "spec.h"

#include "check.h"
#include "qat_compiled.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The targets, as fuzz/ names them. Seed formats (agreed with the targets):
 *   stream     the command line sent (no CR), '\n', then the module's output bytes (an empty first line: no command)
 *   cmdline    one command line
 *   spec       a YAML spec file
 *   transcript a transcript as `qatspec check` reads it (raw, marked or plain) */
typedef enum { CORPUS_STREAM, CORPUS_CMDLINE, CORPUS_SPEC, CORPUS_TRANSCRIPT, CORPUS_TARGETS } corpus_target;

typedef struct {
    const char *dir;
    uint64_t *hashes; /* of every seed written, per target: what a new seed must not repeat */
    size_t n_hashes, cap_hashes;
    size_t count[CORPUS_TARGETS];
    bool failed; /* a write failed (said on stderr): the run ends with exit 2 */
} corpus;

const char *corpus_target_name(corpus_target t);

/* Create DIR and its target directories (existing ones are kept); false, said why, when it cannot. */
bool corpus_open(corpus *c, const char *dir);
void corpus_close(corpus *c);

/* Write BYTES[0..LEN) as DIR/<target>/<origin>-<hash> unless the target has it already; true when new. */
bool corpus_add(corpus *c, corpus_target t, const char *origin, const char *bytes, size_t len);
/* A stream seed: CMD[0..CMD_LEN) (no CR), '\n', OUT[0..OUT_LEN). */
bool corpus_add_stream(corpus *c, const char *origin, const char *cmd, size_t cmd_len, const char *out, size_t out_len);

/* How many of the spec's forms, URCs and result codes some valid stream seed shows. */
typedef struct {
    size_t forms, n_forms, urcs, n_urcs, results, n_results;
    char missing[512]; /* what no seed shows: "AT+QIOPEN/set, CONNECT" (cut when long) */
} corpus_coverage;

/* ---- one stream seed read back by the stream parser ---- */

#define CORPUS_MAX_URCS 16 /* URCs of one seed remembered */

typedef struct {
    size_t violations;        /* violations that are not deviations */
    const qat_form *form;     /* the form its result code ended, or NULL */
    const qat_result *final;
    const qat_result *prompt; /* the prompt result, when the module asked for data */
    const qat_urc *urcs[CORPUS_MAX_URCS];
    size_t n_urcs;
    /* the first payload: where its length field's digits and its bytes are in the output */
    bool has_payload, payload_after_urc;
    size_t length_off, length_len, payload_off, payload_len;
} corpus_scan;

/* Parse the command CMD[0..CMD_LEN) (none when 0) and the output OUT[0..OUT_LEN) into *R. */
void corpus_scan_stream(const qat_compiled *c, const char *cmd, size_t cmd_len, const char *out, size_t out_len,
                        corpus_scan *r);

/* ---- the sources ---- */

/* Sessions drawn from the spec, cut into one command and its answer each, kept while they show a form, a
 * (form, result) or a URC not seen yet: stream seeds ("form-"), their command lines and their transcripts
 * (marked and raw); every form's syntax at its extremes (cmdline "syntax-"); false when one parsed unclean. */
bool corpus_from_sessions(corpus *c, const qat_compiled *spec, corpus_coverage *cov);

/* The drawn session corpus_from_sessions starts from (seed SEED, about BYTES of output); free with bench_free. */
void corpus_session(bench_session *s, const qat_compiled *spec, uint64_t seed, size_t bytes);

/* Payload edge cases made from session S's first answer with a payload after an information line (+QIRD)
 * and after a URC (a push): "\r\nOK\r\n" inside, zero length, 1460 bytes, NUL bytes ("payload-" when the
 * parser reads it clean, else "edge-"), and lengths lying both ways ("lie-"). */
void corpus_payload_edges(corpus *c, const qat_compiled *spec, const bench_session *s);

/* Every emulator fault switched on alone, its trigger lines fed to an in-process session ("fault-"). */
void corpus_from_faults(corpus *c, const qat_compiled *spec);

/* The spec's examples as plain transcripts and their command lines ("example-"); the spec's files ("file-"),
 * and each entry alone ("entry-"). */
void corpus_from_spec(corpus *c, const qat_compiled *spec, const spec_loaded *loaded);

#endif
