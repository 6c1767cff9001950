/* run_transport.h — the runner's link to the device under test: a serial port (termios, raw), a TCP client, or an
 * emulator it starts itself (`qatspec emulate` as a child, its pty opened). Bytes both ways go to the transcript;
 * reads wait with poll() until a deadline, and say when the device is gone. */
#ifndef QATSPEC_RUN_TRANSPORT_H
#define QATSPEC_RUN_TRANSPORT_H

#include "run_transcript.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef enum { RUN_LINK_SERIAL, RUN_LINK_TCP, RUN_LINK_EMULATOR } run_link_kind;

typedef struct {
    run_link_kind kind;
    int fd;
    pid_t emulator;     /* RUN_LINK_EMULATOR: the child, or 0 once reaped */
    int emulator_stdin; /* its stdin's write end (-1: none): the emulator ends with it */
    char target[160];   /* for the report: "/dev/ttyUSB0 @115200", "tcp 10.0.0.5:2000", "emulator (profile manual)" */
    bool gone;          /* the device disappeared: every later read and write fails at once */
    char gone_why[160];
    run_transcript *log; /* where the bytes go (may be NULL) */
} run_link;

typedef struct {
    const char *self;     /* the qatspec program to start (`self emulate ...`) */
    const char *spec_dir; /* or NULL */
    const char *profile;  /* or NULL: the emulator's default */
    const char *const *faults;
    size_t n_faults;
} run_emulator_opts;

/* Open DEV raw at BAUD (8N1, RTS/CTS when RTSCTS). False with a message in ERR. */
bool run_link_open_serial(run_link *l, const char *dev, unsigned baud, bool rtscts, char *err, size_t err_size);
/* Connect to HOST:PORT. */
bool run_link_open_tcp(run_link *l, const char *host_port, char *err, size_t err_size);
/* Start `SELF emulate --spec DIR [--profile P] [--fault F]...`, read its `ready /dev/pts/N` line, open that pty raw. */
bool run_link_start_emulator(run_link *l, const run_emulator_opts *o, char *err, size_t err_size);

/* Write all of BYTES[0..N); false (and the link gone) when the device is. */
bool run_link_write(run_link *l, const char *bytes, size_t n);

/* Wait until DEADLINE_MS (run_now_ms) for bytes: their count (> 0), 0 at the deadline, -1 when the device is gone
 * (end of file, EIO, a hang-up, the emulator exited). */
ssize_t run_link_read(run_link *l, char *buf, size_t cap, int64_t deadline_ms);

/* Mark the link gone for WHY ("no answer to AT"): later reads and writes fail at once. */
void run_link_mark_gone(run_link *l, const char *why);

/* Close the link; an emulator is stopped (SIGTERM) and reaped. */
void run_link_close(run_link *l);

/* Parse "HOST:PORT" into HOST (NUL-terminated, at most HOST_SIZE) and *PORT; false when malformed. */
bool run_parse_host_port(const char *s, char *host, size_t host_size, unsigned *port);

#endif
