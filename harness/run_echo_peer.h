/* run_echo_peer.h — the far end of the socket scenarios: a TCP and UDP echo server on loopback, in a child
 * process, that the runner starts for the emulator (a real modem is given one with --echo HOST:PORT). */
#ifndef QATSPEC_RUN_ECHO_PEER_H
#define QATSPEC_RUN_ECHO_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct {
    pid_t pid;    /* the server, 0 when none runs */
    int lifeline; /* its end of a pipe: closing it ends the server */
    char host[16];
    unsigned port; /* TCP and UDP both */
} run_echo_peer;

/* Start the server on 127.0.0.1, one port for TCP and UDP. False with a message in ERR. */
bool run_echo_peer_start(run_echo_peer *p, char *err, size_t err_size);

/* End the server and reap it. */
void run_echo_peer_stop(run_echo_peer *p);

#endif
