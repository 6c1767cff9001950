/* cli/emulate.c — `qatspec emulate`: an Air780E on a pty or a TCP port, answering as the spec says.
 * Parses the options, loads and compiles the spec, opens the links, prints `ready <where>`, serves until a signal. */
#include "cli.h"
#include "emulate_service.h"
#include "emulator.h"
#include "option_number.h"
#include "spec.h"

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

#define MAX_MODULES 64

typedef struct {
    emulate_service svc;
    const char *spec_dir;
    uint64_t seed;
    bool list_faults;
    em_config cfg;
    em_modes_config modes;
} options;

static void usage(FILE *out)
{
    fputs("usage: qatspec emulate [--tcp HOST:PORT] [--link PATH] [--modules N] [--pidfile PATH] [--background]\n"
          "                       [--spec DIR] [--seed N] [--profile manual|firmware]\n"
          "                       [--fault NAME]... [--list-faults]\n"
          "                       [--imei N] [--iccid N] [--imsi N] [--revision R]\n"
          "                       [--reg home|roaming|searching|denied] [--csq RSSI,BER] [--allow-net]\n"
          "                       [--data-cmd CMD]\n"
          "                       [--hostile [--hostile-rate P]] [--latency none|realistic|max] [--trace FILE]\n"
          "\n"
          "Emulate an Air780E module as the spec describes it: every command in every form, answers that\n"
          "satisfy the grammar, state where the module has state (echo, settings, registration, signal,\n"
          "PDP contexts 1-15, at most 3 active), a boot banner (the spec's `rdy` URC).\n"
          "\n"
          "The link is a pseudo-terminal (with --link, a symlink to it, removed on exit), or with --tcp a\n"
          "TCP port serving one client at a time (port 0 picks a free one). The first line on stdout is\n"
          "`ready /dev/pts/N` or `ready HOST:PORT`. It runs until SIGINT or SIGTERM, whatever its stdin is.\n"
          "--pidfile PATH holds its pid while it serves; --background returns once the ready lines are out\n"
          "and serves on in a process of its own (the pid the pidfile names): start, run, kill `cat PATH`.\n"
          "--modules N (1-64) serves N modules from one process, each with its own state: PATH0..PATH{N-1}\n"
          "with --link, PORT..PORT+N-1 with --tcp, one ready line each, in order. Module k is what\n"
          "`--seed S+k` would serve: the manual's identity (IMEI, ICCID, IMSI) with S-1+k added to its serial\n"
          "numbers (one that --imei, --iccid or --imsi gives gets k added). --imei and --iccid must pass\n"
          "their Luhn check. AT+QFOTADL downloads its URL for real (libcurl), from loopback only unless\n"
          "--allow-net is given.\n"
          "\n"
          "ATD*99# (or *99***<cid>#, ATDT... as wvdial dials) makes a packet data call on a defined context\n"
          "(1, or one AT+QICSGP configured): CONNECT, then the link's bytes go to the program --data-cmd names\n"
          "(run with sh -c, on its stdin; its stdout comes back on the link: pppd, or cat to loop them back).\n"
          "Without --data-cmd they are dropped, and stderr says so. \"+++\" after and before 1 s of silence holds\n"
          "the call (OK), ATO resumes it (CONNECT), ATH hangs up (OK); the program's end sends NO CARRIER.\n"
          "\n"
          "--profile firmware answers in the forms the spec's errata accept (their `accept` patterns, trailing\n"
          "spaces, omitted lines) instead of the syntax tables'. --fault NAME (repeatable) injects one deviation;\n"
          "--list-faults lists them, each with the spec section it breaks.\n"
          "\n"
          "--hostile answers every command line with its valid answer mutated by one of these kinds, drawn among\n"
          "those the answer has room for (its lines, fields, ranges, URCs and prompt read from the spec):\n",
          out);
    em_hostile_list(out);
    fputs("--hostile-rate P (0-100, default 100) mutates P per cent of the answers and lets the others through valid.\n"
          "--latency realistic holds each answer back for a delay drawn uniformly in [max/10, max*9/10] of its form's\n"
          "max_response_ms (the command's when the form gives none); --latency max for exactly the maximum; --latency\n"
          "none (the default) answers at once. Lines no form accepts are answered at once; answers keep their order.\n"
          "Mutations and delays come from a PRNG (xorshift64*) started from --seed (default 1) at each session's start\n"
          "(the pty's power on, each TCP client): the same seed and the same command lines give the same bytes.\n"
          "--trace FILE writes a line per answer: `answer N: KIND|valid, BYTES bytes, DELAY ms`.\n"
          "\n"
          "Exit 0 when stopped, 2 on a usage or spec error, 3 when the link fails.\n",
          out);
}

/* The option ARGV[*I] with its value; 1 parsed, 0 not this kind, -1 error. */
static int identity_option(options *o, int argc, char **argv, int *i)
{
    static const char *const names[] = {"--imei", "--iccid", "--imsi", "--revision", "--reg", "--csq"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (strcmp(argv[*i], names[k]) != 0)
            continue;
        char why[200];
        if (*i + 1 >= argc || !em_config_set(&o->cfg, names[k] + 2, argv[++*i], why, sizeof why)) {
            fprintf(stderr, "qatspec emulate: %s: %s\n", names[k], *i < argc ? why : "needs a value");
            return -1;
        }
        return 1;
    }
    return 0;
}

/* --profile V and --fault V; false on an unknown value. */
static bool mode_value(options *o, bool profile, const char *v)
{
    int fault = profile ? 0 : em_fault_index(v);
    if (profile && (strcmp(v, "manual") == 0 || strcmp(v, "firmware") == 0))
        o->cfg.firmware = strcmp(v, "firmware") == 0;
    else if (!profile && fault >= 0)
        o->cfg.faults |= 1u << fault;
    else {
        fprintf(stderr, "qatspec emulate: %s %s: unknown (%s)\n", profile ? "--profile" : "--fault", v,
                profile ? "manual or firmware" : "see --list-faults");
        return false;
    }
    return true;
}

/* Options with a plain value; 1 parsed, 0 not one, -1 error. */
static int link_option(options *o, int argc, char **argv, int *i)
{
    const char *name = argv[*i];
    const char **slot = strcmp(name, "--tcp") == 0        ? &o->svc.tcp
                        : strcmp(name, "--link") == 0     ? &o->svc.link
                        : strcmp(name, "--pidfile") == 0  ? &o->svc.pidfile
                        : strcmp(name, "--spec") == 0     ? &o->spec_dir
                        : strcmp(name, "--data-cmd") == 0 ? &o->cfg.data_cmd
                                                          : NULL;
    bool seed = strcmp(name, "--seed") == 0, modules = strcmp(name, "--modules") == 0;
    bool profile = strcmp(name, "--profile") == 0, fault = strcmp(name, "--fault") == 0;
    if (!slot && !seed && !modules && !profile && !fault)
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "qatspec emulate: %s needs a value\n", name);
        return -1;
    }
    const char *v = argv[++*i];
    uint64_t number = 0;
    char why[200];
    if (slot)
        *slot = v;
    else if ((seed || modules) && !option_uint(name, v, modules ? 1 : 0, modules ? MAX_MODULES : UINT64_MAX, &number,
                                               why, sizeof why)) {
        fprintf(stderr, "qatspec emulate: %s\n", why);
        return -1;
    } else if (seed)
        o->seed = number;
    else if (modules)
        o->svc.modules = (size_t)number;
    else if (!mode_value(o, profile, v))
        return -1;
    return 1;
}

/* 1 to run, 0 on a usage error, -1 for --help. */
static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){.svc = {.modules = 1}, .spec_dir = spec_default_dir(), .seed = 1};
    em_config_defaults(&o->cfg);
    em_modes_defaults(&o->modes);
    o->cfg.modes = &o->modes;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return -1;
        if (strcmp(argv[i], "--allow-net") == 0 || strcmp(argv[i], "--list-faults") == 0 ||
            strcmp(argv[i], "--background") == 0) {
            o->cfg.allow_net |= argv[i][2] == 'a';
            o->list_faults |= argv[i][2] == 'l';
            o->svc.background |= argv[i][2] == 'b';
            continue;
        }
        int r = identity_option(o, argc, argv, &i);
        if (r == 0)
            r = link_option(o, argc, argv, &i);
        if (r == 0)
            r = em_modes_option(&o->modes, argc, argv, &i);
        if (r < 0)
            return 0;
        if (r == 0) {
            fprintf(stderr, "qatspec emulate: unknown argument '%s'\n", argv[i]);
            return 0;
        }
    }
    char why[300];
    if (o->svc.tcp && o->svc.link) {
        fputs("qatspec emulate: --link names a pty; it does not go with --tcp\n", stderr);
        return 0;
    }
    if (!service_check(&o->svc, why, sizeof why)) {
        fprintf(stderr, "qatspec emulate: %s\n", why);
        return 0;
    }
    return 1;
}


/* SIGINT and SIGTERM set the flag; they are blocked except while the loop waits (OLD is that mask). */
static void catch_signals(sigset_t *old)
{
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, old);
    sigdelset(old, SIGINT);
    sigdelset(old, SIGTERM);
}

/* Modules M[0..N) made: each its link and a session with its own configuration CFGS[k] (identity and seed as
 * module k's); false with WHY. */
static bool make_modules(const options *o, const qat_compiled *c, em_module *m, em_config *cfgs, char *why, size_t n)
{
    for (size_t k = 0; k < o->svc.modules; k++) {
        if (!service_open_link(&o->svc, k, &m[k].link, why, n))
            return false;
        cfgs[k] = o->cfg;
        em_config_for_module(&cfgs[k], o->seed, k);
        m[k].session = em_session_new(c, &cfgs[k], o->seed + k);
        if (!m[k].session) {
            snprintf(why, n, "out of memory");
            return false;
        }
    }
    return true;
}

static int serve(const options *o, const qat_compiled *c)
{
    sigset_t wait_mask;
    catch_signals(&wait_mask);
    em_module m[MAX_MODULES];
    em_config cfgs[MAX_MODULES];
    for (size_t k = 0; k < o->svc.modules; k++)
        m[k] = (em_module){.link = {.listen_fd = -1, .io_fd = -1, .keep_fd = -1}};
    char why[300];
    bool done = false;
    curl_global_init(CURL_GLOBAL_DEFAULT); /* once, before the sessions' FOTA engines (emulator/fota.c) */
    bool made = make_modules(o, c, m, cfgs, why, sizeof why);
    int rc = 3;
    bool announced = made && service_announce(&o->svc, m, o->svc.modules, &done, why, sizeof why);
    if (done)
        _exit(0); /* --background: the child serves (the links are its to remove) */
    if (announced)
        rc = em_transport_run(m, o->svc.modules, &stop_requested, &wait_mask);
    else
        fprintf(stderr, "qatspec emulate: %s\n", why);
    for (size_t k = 0; k < o->svc.modules; k++) {
        em_session_delete(m[k].session);
        em_transport_close(&m[k].link);
    }
    if (announced)
        service_end(&o->svc); /* last: a pidfile gone means links gone too */
    curl_global_cleanup();
    return rc;
}

int cmd_emulate(int argc, char **argv)
{
    options o;
    int parsed = parse_args(argc, argv, &o);
    if (parsed <= 0) {
        em_modes_close(&o.modes);
        if (parsed < 0)
            usage(stdout);
        else
            fputs("qatspec emulate: see qatspec emulate --help\n", stderr);
        return parsed < 0 ? 0 : 2;
    }
    spec_opened spec = {0};
    int rc = 2;
    if (spec_open(&spec, o.spec_dir, "emulate")) {
        if (o.list_faults)
            em_faults_list(stdout, &spec.c);
        rc = o.list_faults ? 0 : serve(&o, &spec.c);
    }
    spec_close(&spec);
    em_modes_close(&o.modes);
    return rc;
}
