/* qm_mutation.h — what every mutation of the engine is given, and the mutations themselves.
 * A mutation reads the parsed input and writes its whole result; false when it does not apply. */
#ifndef QM_MUTATION_H
#define QM_MUTATION_H

#include "qat_synth.h"
#include "qm_parse.h"
#include "qm_writer.h"

#define QM_TEXT_CAP 4096 /* a made-up value or line */
#define QM_NUMBER_CAP 32

typedef struct {
    const qat_compiled *spec;
    qat_rng *rng;
    const qm_parsed *in;
    const qm_parsed *donor; /* the other input of a splice (the input itself when there is none) */
    char *text;             /* QM_TEXT_CAP bytes of scratch for made-up values and lines */
    char *number;           /* QM_NUMBER_CAP bytes of scratch for a number written beside them */
} qm_ctx;

typedef bool (*qm_mutation)(const qm_ctx *c, qm_writer *w);

/* qm_lines.c */
bool qm_line_drop(const qm_ctx *c, qm_writer *w);
bool qm_line_dup(const qm_ctx *c, qm_writer *w);
bool qm_line_swap(const qm_ctx *c, qm_writer *w);
bool qm_line_split(const qm_ctx *c, qm_writer *w);
bool qm_line_merge(const qm_ctx *c, qm_writer *w);
/* qm_moves.c */
bool qm_urc_to_response(const qm_ctx *c, qm_writer *w);
bool qm_urc_to_payload(const qm_ctx *c, qm_writer *w);
bool qm_splice(const qm_ctx *c, qm_writer *w);
bool qm_spec_line(const qm_ctx *c, qm_writer *w);
/* qm_fields.c */
bool qm_field_out_of_range(const qm_ctx *c, qm_writer *w);
bool qm_field_extreme(const qm_ctx *c, qm_writer *w);
bool qm_field_other_type(const qm_ctx *c, qm_writer *w);
bool qm_separator(const qm_ctx *c, qm_writer *w);
bool qm_quoting(const qm_ctx *c, qm_writer *w);
/* qm_payload.c */
bool qm_payload_length(const qm_ctx *c, qm_writer *w);
bool qm_payload_bytes(const qm_ctx *c, qm_writer *w);
/* qm_command.c */
bool qm_command_form(const qm_ctx *c, qm_writer *w);

/* ---- picks (qm_pick.c) ---- */

typedef bool (*qm_seg_test)(const qm_parsed *p, size_t i);
typedef bool (*qm_field_test)(const qm_parsed *p, size_t i);

/* A segment (a field) of P passing TEST, uniformly at random; SIZE_MAX when none does. */
size_t qm_pick_seg(const qm_ctx *c, const qm_parsed *p, qm_seg_test test);
size_t qm_pick_field(const qm_ctx *c, const qm_parsed *p, qm_field_test test);

/* Uniform in [0, N). */
size_t qm_below(const qm_ctx *c, size_t n);

bool qm_is_line(const qm_parsed *p, size_t i);
bool qm_is_urc(const qm_parsed *p, size_t i);
bool qm_is_payload(const qm_parsed *p, size_t i);
bool qm_any(const qm_parsed *p, size_t i); /* every segment or field */

/* The tail a line inserted before boundary I should get: the line end of the line before it (the
 * framing as the input has it), or CR LF CR LF. */
void qm_line_tail(const qm_parsed *p, size_t i, const uint8_t **tail, size_t *n);

/* The line announcing segment I (a payload) with a length field, or NULL. */
const qm_seg *qm_announcer(const qm_parsed *p, size_t i);

/* The edit making LINE's length field say N; the number is written in C->number. */
void qm_honest_length(qm_edit *e, const qm_ctx *c, const qm_seg *line, size_t n);

/* ---- lines made from the spec (qm_spec_text.c) ---- */

/* A line of one of the spec's URCs into C->text; its length, 0 when the spec has none. */
size_t qm_synth_urc(const qm_ctx *c);
/* A result code (never the prompt) of the spec into C->text; its length, 0 when none. */
size_t qm_synth_result(const qm_ctx *c);
/* A response line of a form of the command line sent (of any form when the spec refuses it); its length. */
size_t qm_synth_response(const qm_ctx *c);

#endif
