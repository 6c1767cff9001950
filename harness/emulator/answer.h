/* emulator/answer.h — what the responder and the handlers write an answer with: the responder's state, information
 * lines synthesized to satisfy the grammar with state values where the module has state, URCs and result codes. */
#ifndef QATSPEC_EMULATOR_ANSWER_H
#define QATSPEC_EMULATOR_ANSWER_H

#include "faults.h"
#include "out.h"
#include "state.h"
#include "qat_compiled.h"
#include "qat_synth.h"

/* A field value a handler chooses for an information line: PARAM's text, without quotes. */
typedef struct {
    const char *param;
    const char *value;
} em_kv;

struct em_sockets;

typedef struct {
    const qat_compiled *c;
    em_state *st;
    em_out *out;
    struct em_sockets *socks; /* the sockets 0-11 (emulator/sockets.h) */
    qat_rng rng;
    bool block_open; /* an information block of the current command has begun */
    struct em_fota *fota; /* AT+QFOTADL's download (emulator/fota.h), or NULL */
    bool firmware;        /* --profile firmware: information lines as the errata read them */
    em_faults *faults;    /* --fault: applied to each command line's answer, or NULL */
    struct em_modes *modes; /* --hostile, --latency (emulator/modes.h): applied after the faults, or NULL */
} em_responder;

/* The framing's line end: S3 then S4 as they are set now (line-characters: CR LF until ATS3= or ATS4= change them;
 * V.250 §6.2.1: the result code of the line that changes them already uses the new characters). */
void em_respond_line_end(em_responder *r);
/* S3 alone, which ends a numeric result code (ATV0). */
void em_respond_cr(em_responder *r);

/* Refuse a line that could not be read (longer than the line buffer). */
void em_respond_refuse(em_responder *r);
/* Write the URC named NAME ("rdy", "cereg-stat"), its fields from state. False when the spec has none. */
bool em_respond_urc(em_responder *r, const char *name);
/* Write the result code NAME ("SEND_OK" of a command answered later, after its data; "OK"). */
void em_respond_final(em_responder *r, const char *name);
/* ERROR, or +CME ERROR: <err> when AT+CMEE asks and form F (NULL: a line no form accepts) lists it. */
void em_respond_failure(em_responder *r, const qat_cform *f, int err);

/* ---- for the state handlers (emulator/handlers.c) ---- */

typedef struct {
    em_responder *r;
    const qat_cform *form; /* the form the line matched (the first candidate) */
    const qat_field *fields;
    size_t n_fields;
} em_call;

/* How a command ended: OK, or a failure with the +CME ERROR code to report when AT+CMEE asks. */
typedef struct {
    bool ok;
    int err;
    bool later; /* the result code comes later (after a prompt and its data) */
} em_verdict;

#define EM_OK ((em_verdict){true, 0, false})
#define EM_LATER ((em_verdict){true, 0, true})
#define EM_FAIL(code) ((em_verdict){false, (code), false})
enum { EM_ERR_NOT_ALLOWED = 3, EM_ERR_NOT_SUPPORTED = 4, EM_ERR_BAD_PARAM = 50, EM_ERR_UNKNOWN = 100 };

typedef em_verdict (*em_handler)(em_call *call);

/* em_respond_urc with field values from KV first (a URC's <percent>, <HTTP_err>). */
bool em_respond_urc_kv(em_responder *r, const char *name, const em_kv *kv, size_t n_kv);

/* Write information line INDEX of the call's form; field values from KV first, then state, then drawn. */
void em_emit(em_call *call, size_t index, const em_kv *kv, size_t n_kv);
/* em_emit with every optional part of the line in (AT+COPS? of a registered module shows its operator). */
void em_emit_whole(em_call *call, size_t index, const em_kv *kv, size_t n_kv);
/* The call's field of parameter PARAM, or NULL. */
const qat_field *em_field(const em_call *call, const char *param);
/* The default answer: store the fields the command sets, write each information line once, OK. */
em_verdict em_generic(em_call *call);

#endif
