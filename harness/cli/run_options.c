/* cli/run_options.c — `qatspec run`'s command line (see run_options.h). */
#include "run_options.h"

#include <stdlib.h>
#include <string.h>

void run_options_usage(FILE *out)
{
    fputs("usage: qatspec run (--port DEV [--baud N] [--rtscts] | --tcp HOST:PORT |\n"
          "                    --emulator [--profile NAME] [--fault NAME]...)\n"
          "                   [--spec DIR] [--report-dir DIR] [--allow CLASS]... [--only GLOB]... [--exclude GLOB]...\n"
          "                   [--xfail FILE] [--echo HOST:PORT] [--min-score P] [--strict]\n"
          "                   [--max-wait MS]\n\n"
          "Runs the test plan drawn from the spec on a modem (a serial port, 115200 baud unless --baud; a TCP port\n"
          "as ser2net serves it) or on an emulator it starts itself, and writes report.json, junit.xml, report.html\n"
          "and transcript.log into REPORT_DIR/<run-id>/ (reports/ unless --report-dir), REPORT_DIR/latest pointing\n"
          "at it. A sanity case (AT -> OK) comes first and last.\n\n"
          "Against a modem only safe and stateful cases run unless --allow disruptive / --allow destructive;\n"
          "against the emulator everything runs. Socket scenarios need an echo peer (TCP and UDP echo on one\n"
          "port): the runner starts one for the emulator; give a modem one with --echo HOST:PORT, else they are\n"
          "skipped. --only / --exclude take globs on a case's id (qat/2.11/3) or command (AT+CSQ).\n"
          "--xfail FILE lists expected failures, one `GLOB reason` a line: they do not lower the score, and one\n"
          "that passes (XPASS) fails the run. Against a modem each step waits the spec's maximum time for its\n"
          "answer (up to 150 s for network commands); against the emulator, which answers at once, at most 1 s\n"
          "(a missing answer or URC fails in seconds); --max-wait MS waits at most MS in either case.\n\n"
          "Prints `N cases: P passed, D deviations, F failed, E errors, S skipped — score X % (strict Y %)`.\n"
          "Exit codes: 0 the score (--strict: the strict score) is at least --min-score (100 unless given);\n"
          "1 it is below, or an XPASS; 2 usage, spec or plan error; 3 the device is gone or nothing answers.\n",
          out);
}

typedef enum { OPT_FLAG, OPT_VALUE, OPT_REPEAT } opt_kind;

static bool add_repeat(const char **list, size_t *n, const char *value, const char *name, char *err, size_t err_size)
{
    if (*n == RUN_MAX_REPEATS) {
        snprintf(err, err_size, "%s: at most %d times", name, RUN_MAX_REPEATS);
        return false;
    }
    list[(*n)++] = value;
    return true;
}

static bool parse_number(const char *name, const char *value, double lo, double hi, double *out, char *err,
                         size_t err_size)
{
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end || !(v >= lo && v <= hi)) {
        snprintf(err, err_size, "%s %s: expected a number from %g to %g", name, value, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static bool parse_allow(run_options *o, const char *value, char *err, size_t err_size)
{
    qat_safety s;
    if (!qat_safety_from_name(value, &s)) {
        snprintf(err, err_size, "--allow %s: expected safe, stateful, disruptive or destructive", value);
        return false;
    }
    o->allow[s] = true;
    return true;
}

/* An option that takes a value: VALUE into its place in O. */
static bool take_value(run_options *o, const char *name, const char *value, char *err, size_t err_size)
{
    double baud;
    const char **slot = strcmp(name, "--port") == 0         ? &o->port
                        : strcmp(name, "--tcp") == 0        ? &o->tcp
                        : strcmp(name, "--profile") == 0    ? &o->profile
                        : strcmp(name, "--spec") == 0       ? &o->spec_dir
                        : strcmp(name, "--report-dir") == 0 ? &o->report_dir
                        : strcmp(name, "--xfail") == 0      ? &o->xfail
                        : strcmp(name, "--echo") == 0       ? &o->echo
                                                            : NULL;
    if (slot) {
        *slot = value;
        return true;
    }
    if (strcmp(name, "--fault") == 0)
        return add_repeat(o->faults, &o->n_faults, value, name, err, err_size);
    if (strcmp(name, "--only") == 0)
        return add_repeat(o->only, &o->n_only, value, name, err, err_size);
    if (strcmp(name, "--exclude") == 0)
        return add_repeat(o->exclude, &o->n_exclude, value, name, err, err_size);
    if (strcmp(name, "--allow") == 0)
        return parse_allow(o, value, err, err_size);
    if (strcmp(name, "--min-score") == 0)
        return parse_number(name, value, 0, 100, &o->min_score, err, err_size);
    if (strcmp(name, "--max-wait") == 0)
        return parse_number(name, value, 1, 3600000, &o->max_wait, err, err_size);
    if (!parse_number(name, value, 1, 4000000, &baud, err, err_size))
        return false;
    o->baud = (unsigned)baud;
    return true;
}

static bool takes_value(const char *name)
{
    static const char *const names[] = {"--port",  "--baud",  "--tcp",   "--profile", "--fault",   "--spec",
                                        "--report-dir", "--allow", "--only", "--exclude", "--xfail", "--echo",
                                        "--min-score", "--max-wait"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static bool take_flag(run_options *o, const char *name)
{
    bool *flag = strcmp(name, "--rtscts") == 0     ? &o->rtscts
                 : strcmp(name, "--emulator") == 0 ? &o->emulator
                 : strcmp(name, "--strict") == 0   ? &o->strict
                 : strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ? &o->help
                                                                          : NULL;
    if (flag)
        *flag = true;
    return flag != NULL;
}

/* Exactly one transport, and the emulator's options only with it. */
static bool check_transport(const run_options *o, char *err, size_t err_size)
{
    int n = (o->port != NULL) + (o->tcp != NULL) + o->emulator;
    if (n != 1)
        snprintf(err, err_size, "give one of --port DEV, --tcp HOST:PORT, --emulator");
    else if (!o->emulator && (o->profile || o->n_faults))
        snprintf(err, err_size, "--profile and --fault go with --emulator");
    else if (!o->port && (o->rtscts || o->baud != 115200))
        snprintf(err, err_size, "--baud and --rtscts go with --port");
    else
        return true;
    return false;
}

bool run_options_parse(run_options *o, int argc, char **argv, char *err, size_t err_size)
{
    memset(o, 0, sizeof *o);
    o->baud = 115200;
    o->report_dir = "reports";
    o->min_score = 100;
    o->allow[QAT_SAFE] = o->allow[QAT_STATEFUL] = true;
    for (int i = 1; i < argc; i++) {
        const char *name = argv[i];
        if (take_flag(o, name))
            continue;
        if (!takes_value(name)) {
            snprintf(err, err_size, "%s: unknown option (see --help)", name);
            return false;
        }
        if (i + 1 >= argc) {
            snprintf(err, err_size, "%s needs a value", name);
            return false;
        }
        if (!take_value(o, name, argv[++i], err, err_size))
            return false;
    }
    return o->help || check_transport(o, err, err_size);
}
