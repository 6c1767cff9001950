/* emulator/emulator.h — the emulated Air780E: a session (state, responder, sockets, FOTA, faults, hostile and
 * latency modes) behind a pty or a TCP port, driven by the compiled spec. This header is the whole contract;
 * the subsystem may call parsers/ and util/ only (the spec reaches it compiled, from its caller). */
#ifndef QATSPEC_EMULATOR_H
#define QATSPEC_EMULATOR_H

#include "qat_compiled.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- the command line's configuration ---- */
/* What the command line configures; survives a reboot of the emulated module. */
typedef struct {
    char imei[16], iccid[21], imsi[16], revision[64], model[32], manufacturer[32];
    char operator_long[32], operator_short[16]; /* AT+COPS?'s operator in formats 0 and 1 (2 is the IMSI's MCC MNC) */
    int reg;   /* +CEREG <stat> while the radio is on: 1 home, 5 roaming, 2 searching, 3 denied */
    int rssi, ber;
    bool allow_net; /* --allow-net: sockets and FOTA may reach beyond loopback */
    const char *data_cmd; /* --data-cmd: the program a data call's bytes go to (`sh -c`), or NULL: dropped */
    bool firmware;  /* --profile firmware */
    unsigned faults; /* --fault: bit i the fault table's entry i (emulator/faults.h) */
    const struct em_modes_config *modes; /* --hostile, --latency, --trace (emulator/modes.h), or NULL */
    unsigned given; /* EM_GIVEN_*: the identities the command line set */
} em_config;

enum { EM_GIVEN_IMEI = 1, EM_GIVEN_ICCID = 2, EM_GIVEN_IMSI = 4 };

void em_config_defaults(em_config *c);
/* Set the option NAME ("imei", "iccid", "imsi", "revision", "reg", "csq") from VALUE; false with a
 * message in WHY[0..N) when the value is not valid (a bad Luhn digit, a wrong length, an unknown state). */
bool em_config_set(em_config *c, const char *name, const char *value, char *why, size_t n);
/* Make C the configuration of module K of an emulator started with SEED: an identity the command line gave gets K
 * added to its serial number, the others the manual's with SEED - 1 + K added (so seed 1's module 0 is the
 * manual's own module, and `--modules N --seed S` serves what N emulators with seeds S..S+N-1 would). Check
 * digits are made again. */
void em_config_for_module(em_config *c, uint64_t seed, size_t k);

typedef enum {
    EM_LATENCY_NONE,      /* answer at once (the default) */
    EM_LATENCY_REALISTIC, /* uniform in [max/10, max*9/10] */
    EM_LATENCY_MAX        /* exactly the maximum: the boundary */
} em_latency;

/* What the command line asked for. */
typedef struct em_modes_config {
    bool hostile;
    unsigned hostile_rate; /* per cent of the answers mutated (the others go out valid) */
    em_latency latency;
    FILE *trace; /* --trace: a line per answer (its mutation, bytes, delay), or NULL */
} em_modes_config;

/* The defaults: not hostile (rate 100 once it is), no latency, no trace. */
void em_modes_defaults(em_modes_config *m);
/* The option ARGV[*I] (--hostile, --hostile-rate P, --latency MODE, --trace FILE); 1 parsed, 0 not one, -1 error
 * (said on stderr). */
int em_modes_option(em_modes_config *m, int argc, char **argv, int *i);
/* Close the trace. */
void em_modes_close(em_modes_config *m);

/* ---- what can be injected: the fault table (--fault) and the hostile kinds (--hostile) ---- */
size_t em_fault_count(void);
/* The index of the fault named NAME, or -1. */
int em_fault_index(const char *name);
/* Fault I's name, and the command lines that show it, separated by '|'. */
const char *em_fault_name(size_t i);
const char *em_fault_trigger(size_t i);
/* Write `NAME  SECTION  what` for every fault. */
void em_faults_list(FILE *out, const qat_compiled *c);
/* Write `NAME  what it does` for every hostile mutation kind. */
void em_hostile_list(FILE *out);

/* ---- one emulated module ---- */
typedef struct em_session em_session;

/* A module of spec C configured by CFG (which must outlive it); SEED makes its drawn values reproducible. NULL when
 * memory runs out. */
em_session *em_session_new(const qat_compiled *c, const em_config *cfg, uint64_t seed);
void em_session_delete(em_session *s);
/* Power on: state to its boot values, pending output and input dropped, the spec's boot banner queued. */
void em_session_boot(em_session *s);
/* The bytes queued for the client so far, then dropped: the boot banner after em_session_boot. */
const char *em_session_take(em_session *s, size_t *len);
/* The command line LINE[0..LEN) and its terminator sent in one go; the answer it made (a late answer included,
 * released at once), valid until the session's next call. For generators that capture answers in-process. */
const char *em_session_answer(em_session *s, const char *line, size_t len, size_t *answer_len);

/* ---- where the module's serial link appears ---- */
typedef struct {
    int listen_fd; /* TCP: the listening socket; -1 for a pty */
    int io_fd;     /* the pty master, or the TCP client (-1 while none is connected) */
    int keep_fd;   /* pty: the slave side, held open so the master never hangs up between clients */
    char name[256]; /* "/dev/pts/N" or "HOST:PORT", as `ready` prints it */
    char *link; /* the symlink made to the pty (the transport's own copy of its path), removed and freed by
                 * em_transport_close, or NULL */
} em_transport;

/* Open a pty in raw mode, with a symlink LINK to it when LINK is not NULL. False with WHY on failure. */
bool em_transport_pty(em_transport *t, const char *link, char *why, size_t n);
/* Listen on HOSTPORT ("127.0.0.1:2000"; port 0 picks a free one, which NAME then shows). */
bool em_transport_tcp(em_transport *t, const char *hostport, char *why, size_t n);
void em_transport_close(em_transport *t);

/* One emulated module where it is served: its link and its session. */
typedef struct {
    em_transport link;
    em_session *session;
} em_module;

/* Serve the modules M[0..N) until *STOP is set (signals are delivered only while waiting, with WAIT_MASK): 0;
 * 3 when a link fails. stdin plays no part (a background job's is /dev/null). A pty module boots at once, a TCP
 * one each time a client connects; each keeps its own state. */
int em_transport_run(em_module *m, size_t n, volatile sig_atomic_t *stop, const sigset_t *wait_mask);

#endif
