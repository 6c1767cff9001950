/* cli/bench.c — `qatspec bench [--size MiB] [--seed N] [--spec DIR] [FILE]`: the stream parser's throughput.
 * Parses a session drawn from the spec (or a capture) with grammar checking, best of 3, and framing alone beside it. */
#include "alloc_count.h"
#include "check.h"
#include "cli.h"
#include "spec.h"

#include "qat_stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef QAT_DEFAULT_SPEC_DIR
#define QAT_DEFAULT_SPEC_DIR "specs"
#endif

#define READ_SIZE 4096 /* bytes per qat_stream_feed: what one read() of a serial port or pty gives at most */
#define RUNS 3
#define LINE_CAP 8192  /* the parser's line buffer: a prompt's echoed data is up to 1460 bytes */
#define SHOWN 5        /* violations printed when a drawn session has any */
#define MIB 1048576.0

static void usage(FILE *out)
{
    fputs("usage: qatspec bench [--size MiB] [--seed N] [--spec DIR] [FILE]\n"
          "\n"
          "Measure the stream parser. Without FILE, draw a modem session of about --size MiB (default 64)\n"
          "from the spec with seed --seed (default 1): commands with their echo, information lines,\n"
          "results, URCs between and inside answers, +QIRD and +QIURC \"recv\" payloads of random bytes,\n"
          "AT+QISEND prompts with echoed data. With FILE, parse FILE as raw modem output (no commands known).\n"
          "--spec DIR defaults to $QATSPEC_SPEC when set, else " QAT_DEFAULT_SPEC_DIR ".\n"
          "\n"
          "The session is parsed 3 times with grammar checking (qat_stream_command before each answer,\n"
          "qat_stream_feed in reads of at most 4096 bytes); the best time is kept. Then the same bytes are\n"
          "only split into lines with memchr. MB is 10^6 bytes; lines are the parser's line events (echo,\n"
          "information, URC, result, prompt, echoed data) for throughput, LF bytes for framing; heap\n"
          "allocations are those made during the timed parses.\n"
          "\n"
          "Exit 0; 1 when a drawn session gives violations (the generator and the parser disagree: the\n"
          "first few are printed); 2 on a usage, spec or file error.\n",
          out);
}

typedef struct {
    double size_mib;
    uint64_t seed;
    const char *spec_dir, *file;
} options;

static bool parse_number(const char *opt, const char *text, double *size, uint64_t *seed)
{
    char *end;
    errno = 0;
    if (size)
        *size = strtod(text, &end);
    else
        *seed = strtoull(text, &end, 0);
    bool ok = *text && !*end && errno == 0 && (!size || (*size > 0 && *size <= 65536));
    if (!ok)
        fprintf(stderr, "qatspec bench: %s wants %s, got '%s'\n", opt, size ? "a size in MiB (0-65536]" : "a number",
                text);
    return ok;
}

/* 0 to go on, else the exit code (after usage or a message). */
static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){64, 1, spec_default_dir(), NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return -1;
        } else if (strcmp(a, "--size") == 0 && has_value) {
            if (!parse_number(a, argv[++i], &o->size_mib, NULL))
                return 2;
        } else if (strcmp(a, "--seed") == 0 && has_value) {
            if (!parse_number(a, argv[++i], NULL, &o->seed))
                return 2;
        } else if (strcmp(a, "--spec") == 0 && has_value) {
            o->spec_dir = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "qatspec bench: unknown option or missing value '%s'\n", a);
            return 2;
        } else if (o->file) {
            fprintf(stderr, "qatspec bench: one FILE at most (got '%s' and '%s')\n", o->file, a);
            return 2;
        } else {
            o->file = a;
        }
    }
    return 0;
}

/* ---- the spec and the input ---- */

static bool read_file(const char *path, bench_session *s)
{
    size_t len = 0;
    char *bytes = transcript_load(path, &len);
    if (!bytes) {
        fprintf(stderr, "qatspec bench: cannot read %s: %s\n", path, strerror(errno));
        return false;
    }
    bench_adopt(s, bytes, len);
    return true;
}

/* ---- progress, on a terminal only ---- */

static void progress_line(const char *fmt, double a, double b)
{
    if (!isatty(STDERR_FILENO))
        return;
    char text[80];
    snprintf(text, sizeof text, fmt, a, b);
    fprintf(stderr, "\r%-60s", text);
    fflush(stderr);
}

static void progress_done(void)
{
    if (isatty(STDERR_FILENO))
        fprintf(stderr, "\r%60s\r", "");
}

static void on_generated(void *user, size_t done, size_t target)
{
    (void)user;
    progress_line("qatspec bench: drawing the session, %.0f of %.0f MiB", (double)done / MIB, (double)target / MIB);
}

/* ---- parsing, timed ---- */

typedef struct {
    uint64_t by_kind[QAT_EV_VIOLATION + 1];
    uint64_t deviations;
    char shown[SHOWN][320];
    size_t n_shown;
} tally;

static void on_event(void *user, const qat_event *ev)
{
    tally *t = user;
    t->by_kind[ev->kind]++;
    t->deviations += ev->erratum != NULL;
    if (ev->kind == QAT_EV_VIOLATION && t->n_shown < SHOWN)
        snprintf(t->shown[t->n_shown++], sizeof t->shown[0], "line %llu (byte %llu): %s: %s",
                 (unsigned long long)ev->line_no, (unsigned long long)ev->offset, qat_violation_name(ev->violation),
                 ev->message);
}

static uint64_t line_events(const tally *t)
{
    return t->by_kind[QAT_EV_ECHO] + t->by_kind[QAT_EV_INFO] + t->by_kind[QAT_EV_URC] + t->by_kind[QAT_EV_FINAL] +
           t->by_kind[QAT_EV_PROMPT] + t->by_kind[QAT_EV_DATA_ECHO];
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void feed_pieces(qat_stream *st, const char *p, size_t n)
{
    for (size_t at = 0; at < n; at += READ_SIZE)
        qat_stream_feed(st, p + at, n - at < READ_SIZE ? n - at : READ_SIZE);
}

/* One full parse with grammar checking; returns the seconds it took. */
static double parse_once(const qat_compiled *c, const bench_session *s, tally *t, char *line_buf)
{
    qat_stream st;
    memset(t, 0, sizeof *t);
    double t0 = now();
    qat_stream_init(&st, c, line_buf, LINE_CAP, on_event, t);
    for (size_t i = 0; i < s->n_pairs; i++) {
        const bench_pair *p = &s->pairs[i];
        if (p->cmd_len)
            qat_stream_command(&st, s->cmds + p->cmd_off, p->cmd_len);
        feed_pieces(&st, s->out + p->out_off, p->out_len);
    }
    qat_stream_finish(&st);
    return now() - t0;
}

/* Framing alone: the same reads split at LF, nothing checked; returns the seconds, *LINES the LFs. */
static double frame_once(const bench_session *s, uint64_t *lines)
{
    uint64_t n = 0;
    double t0 = now();
    for (size_t i = 0; i < s->n_pairs; i++) {
        const char *p = s->out + s->pairs[i].out_off, *end = p + s->pairs[i].out_len;
        while (p < end) {
            const char *piece_end = end - p > READ_SIZE ? p + READ_SIZE : end;
            for (const char *nl; (nl = memchr(p, '\n', (size_t)(piece_end - p))) != NULL; p = nl + 1)
                n++;
            p = piece_end;
        }
    }
    *lines = n;
    return now() - t0;
}

typedef struct {
    double parse_s, frame_s;
    uint64_t allocations, frame_lines;
    tally t;
} measure;

static void run_all(const qat_compiled *c, const bench_session *s, measure *m)
{
    char *line_buf = malloc(LINE_CAP);
    if (!line_buf)
        abort();
    m->parse_s = m->frame_s = 1e30;
    m->allocations = 0;
    for (int r = 0; r < RUNS; r++) {
        progress_line("qatspec bench: parsing, run %.0f of %.0f", r + 1, RUNS);
        uint64_t before = alloc_count_allocations();
        double dt = parse_once(c, s, &m->t, line_buf);
        uint64_t made = alloc_count_allocations() - before;
        m->allocations = made > m->allocations ? made : m->allocations;
        m->parse_s = dt < m->parse_s ? dt : m->parse_s;
    }
    for (int r = 0; r < RUNS; r++) {
        double dt = frame_once(s, &m->frame_lines);
        m->frame_s = dt < m->frame_s ? dt : m->frame_s;
    }
    progress_done();
    free(line_buf);
}

/* ---- the report ---- */

static double pct(uint64_t part, uint64_t whole) { return whole ? 100.0 * (double)part / (double)whole : 0; }

static void print_input(const options *o, const bench_session *s, double gen_s)
{
    const bench_mix *x = &s->mix;
    if (o->file) {
        printf("input: %s, %zu bytes of raw modem output (no commands known)\n", o->file, s->out_len);
        return;
    }
    printf("session: %zu bytes drawn from %s with seed %llu in %.2f s: %llu commands, %llu lines, %llu URCs, "
           "%llu payloads, %llu prompts\n",
           s->out_len, o->spec_dir, (unsigned long long)o->seed, gen_s, (unsigned long long)x->commands,
           (unsigned long long)x->lines, (unsigned long long)x->urcs, (unsigned long long)x->payloads,
           (unsigned long long)x->prompts);
    printf("byte mix: payload %.1f%%, lines and framing %.1f%% (echoed data %.1f%%); %llu draws redrawn as ambiguous\n",
           pct(x->payload_bytes, s->out_len), 100.0 - pct(x->payload_bytes, s->out_len),
           pct(x->data_echo_bytes, s->out_len), (unsigned long long)x->rejected);
}

static void print_results(const bench_session *s, const measure *m)
{
    const tally *t = &m->t;
    double mb = (double)s->out_len / 1e6;
    printf("parse: best of %d, reads of %d bytes: %.3f s; %llu line events, %llu payload chunks, %llu violations, "
           "%llu deviations\n",
           RUNS, READ_SIZE, m->parse_s, (unsigned long long)line_events(t),
           (unsigned long long)t->by_kind[QAT_EV_PAYLOAD], (unsigned long long)t->by_kind[QAT_EV_VIOLATION],
           (unsigned long long)t->deviations);
    printf("throughput: %.1f MB/s, %.0f lines/s, %llu heap allocations\n", mb / m->parse_s,
           (double)line_events(t) / m->parse_s, (unsigned long long)m->allocations);
    printf("framing: %.1f MB/s, %.0f lines/s\n", mb / m->frame_s, (double)m->frame_lines / m->frame_s);
    for (size_t i = 0; i < t->n_shown; i++)
        printf("violation: %s\n", t->shown[i]);
}

/* ---- the command ---- */

static int bench(const options *o, const qat_compiled *c)
{
    bench_session s = {0};
    double t0 = now();
    bool ok = o->file ? read_file(o->file, &s)
                      : bench_generate(&s, c, o->seed, (size_t)(o->size_mib * MIB), on_generated, NULL);
    double gen_s = now() - t0;
    progress_done();
    if (!ok) {
        if (!o->file)
            fprintf(stderr, "qatspec bench: the spec in %s gives nothing to draw a session from\n", o->spec_dir);
        bench_free(&s);
        return 2;
    }
    print_input(o, &s, gen_s);
    measure m;
    run_all(c, &s, &m);
    print_results(&s, &m);
    bench_free(&s);
    return !o->file && m.t.by_kind[QAT_EV_VIOLATION] ? 1 : 0;
}

int cmd_bench(int argc, char **argv)
{
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc < 0)
        return 0; /* --help */
    if (rc) {
        fputs("usage: qatspec bench [--size MiB] [--seed N] [--spec DIR] [FILE] ('--help' says more)\n", stderr);
        return rc;
    }
    spec_opened spec = {0};
    rc = spec_open(&spec, o.spec_dir, "bench") ? bench(&o, &spec.c) : 2;
    spec_close(&spec);
    return rc;
}
