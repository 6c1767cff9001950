/* qm_parse.h — a mutator input read into its structure by our stream parser: the command line,
 * then the module's output as segments (lines with their kind and fields, payloads, the prompt). */
#ifndef QM_PARSE_H
#define QM_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "qat_stream.h"

#define QM_MAX_SEGS 256    /* segments kept; the bytes after the last one belong to it */
#define QM_MAX_FIELDS 1024 /* fields kept over all segments */
#define QM_LINE_CAP 2048   /* the stream parser's line buffer */

/* One field of a line: its parameter and its bytes in the output, quotes included. */
typedef struct {
    const qat_param *param;
    size_t start, end;
} qm_field;

/* One line, payload or prompt: content [start, content_end), then its line end and any blank
 * lines up to the next segment [content_end, end). Offsets are in the output. */
typedef struct {
    qat_event_kind kind; /* QAT_EV_VIOLATION: a line nothing accounts for */
    size_t start, content_end, end;
    const qat_command *command; /* the command in flight when it came */
    const qat_urc *urc;
    const qat_result *result;
    size_t first_field, n_fields;
    size_t length_field; /* a line announcing a payload (even of 0 bytes): its length field's index, or SIZE_MAX */
} qm_seg;

typedef struct {
    const uint8_t *cmd; /* the command line sent, without its '\n' */
    size_t cmd_len;
    const uint8_t *out; /* the module's output */
    size_t out_len;
    qm_seg segs[QM_MAX_SEGS];
    size_t n_segs;
    qm_field fields[QM_MAX_FIELDS];
    size_t n_fields;
} qm_parsed;

/* What parsing needs besides the spec: the parser and its line buffer (kept by the caller, so
 * parsing allocates nothing). */
typedef struct {
    qat_stream stream;
    char line[QM_LINE_CAP];
} qm_parser;

/* Read DATA[0..SIZE) — the command line, '\n', the output — into P (which points into DATA).
 * Input without '\n' is all command line. */
void qm_parse(qm_parsed *p, qm_parser *parser, const qat_compiled *spec, const uint8_t *data, size_t size);

/* Where the boundary before segment I lies in the output (I == n_segs: the end of the output). */
size_t qm_boundary(const qm_parsed *p, size_t i);

/* True when segment S is a line (not a payload or the prompt). */
bool qm_seg_is_line(const qm_seg *s);

#endif
