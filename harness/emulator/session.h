/* emulator/session.h — one emulated module behind a serial link: reads command lines byte by byte
 * (terminator S3, backspace S5), echoes them while ATE1, and queues the answers for the transport. */
#ifndef QATSPEC_EMULATOR_SESSION_H
#define QATSPEC_EMULATOR_SESSION_H

#include "emulator.h"
#include "modes.h"
#include "respond.h"
#include "sockets.h"

#include <poll.h>

#define EM_LINE_MAX 1024 /* command-line bytes kept; a longer line is answered with ERROR */

struct em_session {
    em_state st;
    em_out out; /* bytes for the client */
    em_responder resp;
    em_sockets socks; /* AT+QIOPEN's sockets; the line reader feeds AT+QISEND's data to them */
    em_faults faults; /* --fault's, applied by the responder */
    em_modes modes;   /* --hostile, --latency: applied by the responder after the faults */
    uint64_t seed;    /* each session (power on, a TCP client) starts the PRNGs from it */
    const em_config *cfg;
    char line[EM_LINE_MAX];
    size_t len;
    bool overflow;
    int s3, s5, echo; /* the line-reading settings, read again after each line */
};

/* Bytes from the client; echo and answers go to S->out. */
void em_session_input(em_session *s, const char *bytes, size_t n);

/* The event loop's hook for work the module does on its own (AT+QFOTADL's download): fill P[0..CAP) with
 * the fds it waits on and lower *TIMEOUT_MS (-1: none) to when it must run; the count filled. */
size_t em_session_poll(em_session *s, struct pollfd *p, size_t cap, int *timeout_ms);
/* After the wait: P[0..N) as em_session_poll filled them, with their revents. */
void em_session_polled(em_session *s, const struct pollfd *p, size_t n);
#define EM_SESSION_FDS (8 + EM_SOCKET_FDS) /* fds em_session_poll fills at most (the sockets' first) */

#endif
