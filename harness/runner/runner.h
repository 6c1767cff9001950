/* runner/runner.h — the runner subsystem's whole contract: the link to the device (serial, TCP, an emulator child),
 * the run's transcript, the echo peer, one case executed and judged by the stream checker, the selection, and the
 * session over the plan. It fills report/'s result model; it may call report/, plan/, check/, util/, parsers/. */
#ifndef QATSPEC_RUNNER_H
#define QATSPEC_RUNNER_H

#include "plan.h"
#include "report.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* ---- the runner's clocks: monotonic time for deadlines and durations, wall time for the report.
 * Every wait of the runner is a poll() until a deadline taken from here.
 */
int64_t run_now_ms(void); /* CLOCK_MONOTONIC */
int64_t run_now_us(void); /* CLOCK_MONOTONIC */
int64_t run_unix_ms(void); /* CLOCK_REALTIME */

/* Milliseconds from now until DEADLINE_MS (run_now_ms), for poll(): 0 when past, at most INT32_MAX. */
int run_ms_until(int64_t deadline_ms);

/* ---- transcript.log of a run, written as it happens: every chunk of bytes sent (>) or received (<)
 * on its own line with the seconds since the run began, escaped, flushed at once so a dying run loses nothing.
 */
typedef struct {
    FILE *f;       /* NULL: no transcript (every call does nothing) */
    int64_t t0_us; /* CLOCK_MONOTONIC at the start */
} run_transcript;

/* Create PATH; false (errno set) when it cannot be. */
bool run_transcript_open(run_transcript *t, const char *path);

/* "  12.345678 > AT+CSQ\r" — DIR is '>' (to the device) or '<' (from it). */
void run_transcript_bytes(run_transcript *t, char dir, const char *bytes, size_t n);

/* "  12.345678 # TEXT": what the runner does (a case begins, a resync, the device is gone). */
void run_transcript_note(run_transcript *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void run_transcript_close(run_transcript *t);

/* ---- the runner's link to the device under test: a serial port (termios, raw), a TCP client, or an
 * emulator it starts itself (`qatspec emulate` as a child, its pty opened). Bytes both ways go to the transcript;
 * reads wait with poll() until a deadline, and say when the device is gone.
 */
typedef enum { RUN_LINK_SERIAL, RUN_LINK_TCP, RUN_LINK_EMULATOR } run_link_kind;

typedef struct {
    run_link_kind kind;
    int fd;
    pid_t emulator;     /* RUN_LINK_EMULATOR: the child, or 0 once reaped */
    uint32_t peer_wait_ms; /* the longest the peer can take to answer anything, margin included (the emulator this
                            * runner started, which answers at once); 0 for a real device: the spec's times */
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

/* ---- the far end of the socket scenarios: a TCP and UDP echo server on loopback, in a child
 * process, that the runner starts for the emulator (a real modem is given one with --echo HOST:PORT).
 */
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

/* ---- which cases of the plan a run runs, and which it expects to fail: safety classes allowed, --only
 * and --exclude globs (on a case's id or command), the echo peer socket scenarios need, and the --xfail list.
 */
typedef struct {
    const char *glob, *reason;
} run_xfail;

typedef struct {
    bool allowed[QAT_SAFETY_COUNT]; /* safety classes that run */
    const char *const *only;        /* globs: a case runs when one matches (none: every case) */
    size_t n_only;
    const char *const *exclude; /* globs: a case matching one is skipped */
    size_t n_exclude;
    const run_xfail *xfail;
    size_t n_xfail;
    bool echo_peer; /* an echo peer is there for socket scenarios */
} run_select;

/* Why PC is skipped, for the report ("disruptive: runs against a device only with --allow disruptive"), or NULL
 * when it runs. Sanity cases always run. */
const char *run_select_skip(const run_select *s, const plan_case *pc, char *buf, size_t buf_size);

/* The --xfail reason of PC, or NULL. */
const char *run_select_xfail(const run_select *s, const plan_case *pc);

/* Read the --xfail FILE into S (entries in A): lines `GLOB reason`, blank lines and `#` comments ignored. False
 * with "FILE:LINE: what" in ERR when a line has no reason or the file cannot be read. */
bool run_xfail_load(run_select *s, arena *a, const char *path, char *err, size_t err_size);

/* ---- one case of the plan run on the device, step by step: each command line sent with its CR, the
 * answer fed to the stream checker, waited for with poll() until its result code or its timeout, then judged
 * (accepted result codes, line globs, payloads, captures) into a verdict with what was sent, expected and seen.
 */
typedef struct {
    const qat_compiled *spec;
    run_link *link;
    const char *echo_host; /* the echo peer of socket scenarios (${echo_host}, ${echo_port}), or NULL */
    unsigned echo_port;
    uint32_t max_wait_ms; /* --max-wait: no step waits longer (0: each waits the time the spec gives it) */
} run_env;

/* Run PC on ENV's device; fill R (every string in OUT, which must live as long as R). R->v is PASS, DEVIATION,
 * FAIL or ERROR (the device gone, a ${name} nothing defines). Returns true when the device may be out of step
 * (a step got no result code even late: call run_exec_resync before the next case). */
bool run_exec_case(const run_env *env, const plan_case *pc, arena *out, case_result *r);

/* Bring the device back in step after a timeout or a restart: the spec's bare command-line prefix ("AT") sent
 * until a successful result code answers it, a few tries each within a bound. False when it never is (the link is
 * then marked gone: nothing answers). */
bool run_exec_resync(const run_env *env);

/* ---- a plan run on a device from first case to last: each case selected or skipped, run, resynced
 * after a timeout; once the device is gone the rest are skipped as such. A progress line on a terminal.
 */
/* Run every case of P on ENV's device into R->results / R->n_results (in OUT), set R->device_gone and the
 * score. PROGRESS: where the progress line goes (a terminal), or NULL. */
void run_session(run_result *r, const plan *p, const run_env *env, const run_select *sel, arena *out,
                 FILE *progress);

#endif
