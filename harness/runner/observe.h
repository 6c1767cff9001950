/* runner/observe.h — what the device said during one case, as the stream checker reads it: the result code, prompt,
 * information lines, fields and payload of the step in flight; the URCs of the whole case (with their fields and
 * payloads, until a step claims them); the errata seen and the first violation. */
#ifndef QATSPEC_RUN_OBSERVE_H
#define QATSPEC_RUN_OBSERVE_H

#include "util.h"
#include "qat_stream.h"
#include "escape.h"

#define RUN_MAX_ERRATA 32
#define RUN_LINE_MAX 2048

typedef struct {
    const char *param; /* the spec's parameter name */
    const char *value; /* NUL-terminated copy */
} run_field;

/* An information line (or a URC's), with whether it was read under an erratum. */
typedef struct {
    const char *text; /* NUL-terminated copy */
    bool deviant;
} run_line;

typedef struct {
    const qat_urc *urc;
    const char *line; /* NUL-terminated copy */
    bool deviant;
    uint64_t offset;  /* in the case's received bytes */
    run_field *fields;
    size_t n_fields;
    run_text payload;
    bool claimed; /* a URC step took it */
} run_seen_urc;

typedef struct {
    arena *scratch; /* copies of lines and fields, for the case */
    qat_stream s;
    char line_buf[RUN_LINE_MAX];
    run_text rx; /* every byte received during the case, raw */
    /* the step in flight */
    const qat_result *final;
    uint64_t final_at;
    bool prompt;
    run_line *lines;
    size_t n_lines, lines_cap;
    run_field *fields; /* of its information lines and result code */
    size_t n_fields, fields_cap;
    run_text payload;
    uint64_t payload_at;
    /* the case */
    run_seen_urc *urcs;
    size_t n_urcs, urcs_cap;
    size_t payload_owner; /* the URC payload bytes go to, or SIZE_MAX: the step */
    const char *errata[RUN_MAX_ERRATA];
    size_t n_errata;
    const char *violation; /* "[2.11] bad-line: ...": the first one, or NULL */
    uint64_t violation_at;
} run_observe;

/* O must stay where it is until run_observe_free (the stream holds its line buffer). */
void run_observe_init(run_observe *o, const qat_compiled *spec, arena *scratch);
void run_observe_free(run_observe *o);

/* A new step: forget the previous step's answer (the case's URCs stay). */
void run_observe_step(run_observe *o);
/* The command line LINE is sent: answers from now on belong to it. */
void run_observe_command(run_observe *o, const char *line, size_t len);
/* Bytes from the device. */
void run_observe_feed(run_observe *o, const char *bytes, size_t n);

/* The value of the field PARAM among FIELDS[0..N), or NULL. */
const char *run_field_value(const run_field *fields, size_t n, const char *param, size_t param_len);

#endif
