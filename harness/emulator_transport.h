/* emulator_transport.h — where the emulated module's serial link appears: a pseudo-terminal (optionally
 * behind a symlink) or a TCP port served one client at a time, as ser2net serves a UART; and the event loop. */
#ifndef QATSPEC_EMULATOR_TRANSPORT_H
#define QATSPEC_EMULATOR_TRANSPORT_H

#include "emulator_session.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int listen_fd; /* TCP: the listening socket; -1 for a pty */
    int io_fd;     /* the pty master, or the TCP client (-1 while none is connected) */
    int keep_fd;   /* pty: the slave side, held open so the master never hangs up between clients */
    char name[256]; /* "/dev/pts/N" or "HOST:PORT", as `ready` prints it */
    const char *link; /* the symlink made to the pty, removed by em_transport_close, or NULL */
} em_transport;

/* Open a pty in raw mode, with a symlink LINK to it when LINK is not NULL. False with WHY on failure. */
bool em_transport_pty(em_transport *t, const char *link, char *why, size_t n);
/* Listen on HOSTPORT ("127.0.0.1:2000"; port 0 picks a free one, which NAME then shows). */
bool em_transport_tcp(em_transport *t, const char *hostport, char *why, size_t n);
void em_transport_close(em_transport *t);

/* Serve S over T until *STOP is set (signals are delivered only while waiting, with WAIT_MASK) or stdin
 * ends: 0; 3 when the link fails. A pty session boots at once, a TCP session each time a client connects. */
int em_transport_run(em_transport *t, em_session *s, volatile sig_atomic_t *stop, const sigset_t *wait_mask);

#endif
