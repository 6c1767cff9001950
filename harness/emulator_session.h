/* emulator_session.h — one emulated module behind a serial link: reads command lines byte by byte
 * (terminator S3, backspace S5), echoes them while ATE1, and queues the answers for the transport. */
#ifndef QATSPEC_EMULATOR_SESSION_H
#define QATSPEC_EMULATOR_SESSION_H

#include "emulator_respond.h"

#define EM_LINE_MAX 1024 /* command-line bytes kept; a longer line is answered with ERROR */

typedef struct {
    em_state st;
    em_out out; /* bytes for the client */
    em_responder resp;
    const em_config *cfg;
    char line[EM_LINE_MAX];
    size_t len;
    bool overflow;
    int s3, s5, echo; /* the line-reading settings, read again after each line */
} em_session;

/* Set S up (it must not move afterwards); SEED makes the drawn values reproducible. */
void em_session_init(em_session *s, const qat_compiled *c, const em_config *cfg, uint64_t seed);
/* Power on: state to its boot values, pending output and input dropped, the spec's boot banner queued. */
void em_session_boot(em_session *s);
/* Bytes from the client; echo and answers go to S->out. */
void em_session_input(em_session *s, const char *bytes, size_t n);
void em_session_free(em_session *s);

#endif
