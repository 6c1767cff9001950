/* qm_engine.h — the grammar-aware mutator's engine, shared by its AFL++ and libFuzzer front ends.
 * An input is the command line sent, '\n', then the module's output; the engine reads it with our
 * stream parser and changes its structure (lines, fields, payloads, URCs, the command's form).
 *
 *     qm_engine *e = qm_engine_new(&compiled_spec, 42);
 *     uint8_t *out;
 *     size_t n = qm_engine_mutate(e, in, in_len, NULL, 0, max_size, &out); // out[0..n), n <= max_size
 *     puts(qm_engine_describe(e));                                          // "qat-field-out-of-range"
 *     qm_engine_free(e);
 *
 * All state lives in the engine: two engines never share anything, and one seeded alike gives the
 * same mutations of the same inputs. Every value and literal comes from the compiled spec. */
#ifndef QM_ENGINE_H
#define QM_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "qat_compiled.h"

typedef enum {
    QM_LINE_DROP,          /* drop one line (or a run of them) */
    QM_LINE_DUP,           /* repeat a line */
    QM_LINE_SWAP,          /* exchange two segments */
    QM_LINE_SPLIT,         /* a line end inside a line, at a field boundary or anywhere */
    QM_LINE_MERGE,         /* two lines made one: the CR LF between them dropped */
    QM_URC_TO_RESPONSE,    /* a URC line (the input's or the spec's) moved between response lines */
    QM_URC_TO_PAYLOAD,     /* a URC line moved inside a payload, its length kept or made honest */
    QM_FIELD_OUT_OF_RANGE, /* a field just outside its parameter's value set (lo-1, hi+1, max_len+1, ...) */
    QM_FIELD_EXTREME,      /* a field at its type's extremes (0, -1, 2^31, 2^63, huge, empty, unterminated) */
    QM_FIELD_OTHER_TYPE,   /* a field given a value of another parameter type of the spec */
    QM_SEPARATOR,          /* the separator before a field changed (',' ';' ' ' ':' none, doubled) */
    QM_QUOTING,            /* quotes added to or removed from a field */
    QM_PAYLOAD_LENGTH,     /* a payload's length field lies (+-1, 0, huge), the bytes kept */
    QM_PAYLOAD_BYTES,      /* a payload's bytes cut, extended, or given a result code inside */
    QM_COMMAND_FORM,       /* the command line replaced by another form of the spec */
    QM_SPLICE,             /* lines of another input spliced in (cross-over) */
    QM_SPEC_LINE,          /* a URC, result code or response line of the spec inserted */
    QM_KIND_COUNT
} qm_kind;

#define QM_MAX_STACK 4 /* mutations applied to one input at most */

typedef struct qm_engine qm_engine;

/* A new engine over SPEC (which must outlive it), its random state seeded with SEED; NULL when out of memory. */
qm_engine *qm_engine_new(const qat_compiled *spec, uint64_t seed);
void qm_engine_free(qm_engine *e);

/* Restart the random state: what follows is what an engine new with SEED would do. */
void qm_engine_seed(qm_engine *e, uint64_t seed);

/* Mutate IN[0..N) by one or a few mutations (DONOR[0..DN), if any, is the other input a splice
 * takes lines from; else IN is). *OUT points to the result in the engine's memory, valid until the
 * next call; returns its length, at most MAX (0 only when MAX is 0). */
size_t qm_engine_mutate(qm_engine *e, const uint8_t *in, size_t n, const uint8_t *donor, size_t dn, size_t max,
                        uint8_t **out);

/* Apply the one mutation KIND. Returns 0 when it does not apply to IN or its result exceeds MAX. */
size_t qm_engine_apply(qm_engine *e, qm_kind kind, const uint8_t *in, size_t n, const uint8_t *donor, size_t dn,
                       size_t max, uint8_t **out);

/* The mutations the last call applied, in order, into KINDS[0..MAX); returns how many. */
size_t qm_engine_applied(const qm_engine *e, qm_kind *kinds, size_t max);

/* The last call's mutations for people and file names: "qat-line-swap+qat-quoting". */
const char *qm_engine_describe(const qm_engine *e);

/* "line-swap"; NULL when out of range. */
const char *qm_kind_name(qm_kind k);

#endif
