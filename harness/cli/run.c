/* cli/run.c — `qatspec run`: the plan drawn from the spec, run on a modem or an emulator it starts, scored, and
 * reported in reports/<run-id>/ (report.json, junit.xml, report.html, transcript.log) with a console summary. */
#include "cli.h"
#include "report.h"
#include "runner.h"
#include "run_options.h"
#include "spec.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef QAT_VERSION
#define QAT_VERSION "unknown"
#endif

#define SELF_EXE "/proc/self/exe" /* the emulator is this same program */

typedef struct {
    const run_options *o;
    spec_opened spec;
    arena a;
    plan p;
    run_select sel;
    char run_id[64], dir[1024];
    run_transcript log;
    run_echo_peer peer;
    run_link link;
    char gone_why[160]; /* the link's, kept past its close */
    run_result r;
} run_job;

static const char *kind_name(const run_options *o)
{
    return o->emulator ? "emulator" : o->tcp ? "tcp" : "serial";
}

/* "20261124T134812Z-emulator", with "-2", "-3", ... when a run of the same second has the name. */
static void make_run_id(run_job *j)
{
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
    struct stat st;
    char path[1200];
    for (int n = 1;; n++) {
        snprintf(j->run_id, sizeof j->run_id, n == 1 ? "%s-%s" : "%s-%s-%d", stamp, kind_name(j->o), n);
        snprintf(path, sizeof path, "%s/%s", j->o->report_dir, j->run_id);
        if (stat(path, &st) != 0)
            return;
    }
}

static bool fail(const char *what)
{
    fprintf(stderr, "qatspec run: %s\n", what);
    return false;
}

/* The plan and the selection: false on a problem (printed), which is exit 2. */
static bool prepare(run_job *j)
{
    char err[512];
    const run_options *o = j->o;
    if (!plan_build(&j->p, &j->spec.c, &j->a, err, sizeof err))
        return fail(err);
    memcpy(j->sel.allowed, o->allow, sizeof j->sel.allowed);
    for (int s = 0; s < QAT_SAFETY_COUNT && o->emulator; s++)
        j->sel.allowed[s] = true;
    j->sel.only = o->only;
    j->sel.n_only = o->n_only;
    j->sel.exclude = o->exclude;
    j->sel.n_exclude = o->n_exclude;
    if (o->xfail && !run_xfail_load(&j->sel, &j->a, o->xfail, err, sizeof err))
        return fail(err);
    make_run_id(j);
    if (!report_dir_create(o->report_dir, j->run_id, j->dir, sizeof j->dir, err, sizeof err))
        return fail(err);
    char path[1100];
    snprintf(path, sizeof path, "%s/transcript.log", j->dir);
    if (!run_transcript_open(&j->log, path))
        return fail("cannot create transcript.log in the run's directory");
    return true;
}

/* The echo peer into ENV: one of our own for the emulator, --echo for a modem, or none (echo_host NULL). */
static bool echo_peer(run_job *j, run_env *env)
{
    char err[256];
    static char host[128];
    if (j->o->echo && !run_parse_host_port(j->o->echo, host, sizeof host, &env->echo_port))
        return fail("--echo: expected HOST:PORT");
    if (j->o->echo)
        env->echo_host = host;
    else if (j->o->emulator && !run_echo_peer_start(&j->peer, err, sizeof err))
        return fail(err);
    else if (j->o->emulator) {
        env->echo_host = j->peer.host;
        env->echo_port = j->peer.port;
    }
    j->sel.echo_peer = env->echo_host != NULL;
    return true;
}

/* Open the link; when it cannot be, it is gone from the start (every case a skip saying why, exit 3). */
static void open_link(run_job *j)
{
    char err[512];
    const run_options *o = j->o;
    run_emulator_opts eo = {SELF_EXE, j->o->spec_dir, o->profile, o->faults, o->n_faults};
    bool ok = o->emulator ? run_link_start_emulator(&j->link, &eo, err, sizeof err)
              : o->tcp    ? run_link_open_tcp(&j->link, o->tcp, err, sizeof err)
                          : run_link_open_serial(&j->link, o->port, o->baud, o->rtscts, err, sizeof err);
    j->link.log = &j->log;
    if (!ok) {
        fail(err);
        run_link_mark_gone(&j->link, err);
    }
    if (!j->link.target[0])
        snprintf(j->link.target, sizeof j->link.target, "%s", o->port ? o->port : o->tcp ? o->tcp : "emulator");
}

static void describe_run(run_job *j, int64_t started)
{
    run_result *r = &j->r;
    r->run_id = j->run_id;
    r->target = arena_strdup(&j->a, j->link.target);
    r->spec_dir = j->o->spec_dir;
    r->manual = j->spec.loaded.spec.manual;
    r->qatspec_version = QAT_VERSION;
    r->spec = &j->spec.c;
    r->started_unix_ms = started;
    r->finished_unix_ms = run_unix_ms();
}

static void print_outcome(run_job *j)
{
    char line[256], err[512];
    if (!report_write_all(&j->r, j->dir, err, sizeof err))
        fail(err);
    report_summary_line(&j->r, line, sizeof line);
    printf("%s\n", line);
    if (j->r.score.xfailed || j->r.score.xpassed)
        printf("%u expected failures (--xfail), %u unexpected passes (XPASS)\n", j->r.score.xfailed,
               j->r.score.xpassed);
    for (size_t i = 0; i < j->r.n_results; i++)
        if (j->r.results[i].xpass)
            printf("XPASS %s  %s (expected to fail: %s)\n", j->r.results[i].pc->id, j->r.results[i].pc->title,
                   j->r.results[i].xfail);
    if (j->r.device_gone)
        printf("%s\n", j->gone_why);
    printf("report: %s/report.html\n", j->dir);
}

static int run_job_run(run_job *j)
{
    int64_t started = run_unix_ms();
    run_env env = {.spec = &j->spec.c, .max_wait_ms = (uint32_t)j->o->max_wait};
    if (!echo_peer(j, &env))
        return 2;
    open_link(j);
    env.link = &j->link;
    run_session(&j->r, &j->p, &env, &j->sel, &j->a, isatty(STDERR_FILENO) ? stderr : NULL);
    describe_run(j, started);
    snprintf(j->gone_why, sizeof j->gone_why, "%s", j->link.gone_why);
    run_link_close(&j->link);
    run_echo_peer_stop(&j->peer);
    run_transcript_close(&j->log);
    print_outcome(j);
    return run_exit_code(&j->r, j->o->min_score, j->o->strict);
}

int cmd_run(int argc, char **argv)
{
    static run_job job; /* large; one per process */
    run_options o;
    char err[512];
    signal(SIGPIPE, SIG_IGN); /* a device that hangs up is seen as EPIPE, not a signal */
    if (!run_options_parse(&o, argc, argv, err, sizeof err)) {
        fprintf(stderr, "qatspec run: %s\n", err);
        return 2;
    }
    if (o.help) {
        run_options_usage(stdout);
        return 0;
    }
    if (!o.spec_dir)
        o.spec_dir = spec_default_dir();
    job.o = &o;
    int rc = spec_open(&job.spec, o.spec_dir, "run") && prepare(&job) ? run_job_run(&job) : 2;
    arena_free(&job.a);
    spec_close(&job.spec);
    return rc;
}
