/* qm_writer.h — the bounded output of one mutation: bytes appended up to a cap, and whether the
 * mutation overflowed it (then its result is thrown away, never cut short silently). */
#ifndef QM_WRITER_H
#define QM_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qm_parse.h"

typedef struct {
    uint8_t *buf;
    size_t cap, len;
    bool full; /* something did not fit */
} qm_writer;

void qm_writer_init(qm_writer *w, uint8_t *buf, size_t cap);
void qm_put(qm_writer *w, const void *bytes, size_t n);
void qm_put_str(qm_writer *w, const char *s);

/* The command line of P and its '\n'. */
void qm_put_cmd(qm_writer *w, const qm_parsed *p);

/* Output bytes [FROM, TO) of P. */
void qm_put_out(qm_writer *w, const qm_parsed *p, size_t from, size_t to);

/* Bytes to write: a piece of the input, of the spec, or of scratch. */
typedef struct {
    const void *bytes;
    size_t n;
} qm_piece;

#define QM_EDIT_PIECES 4

/* Output bytes [FROM, TO) replaced by the pieces (FROM == TO: an insertion; no pieces: a cut). */
typedef struct {
    size_t from, to;
    qm_piece pieces[QM_EDIT_PIECES];
    size_t n_pieces;
} qm_edit;

/* P's whole input with EDITS[0..N) made; edits must not overlap (they are sorted here). */
void qm_put_edits(qm_writer *w, const qm_parsed *p, qm_edit *edits, size_t n);

/* P's whole input with output bytes [FROM, TO) replaced by TEXT[0..N). */
void qm_put_replacing(qm_writer *w, const qm_parsed *p, size_t from, size_t to, const void *text, size_t n);

#endif
