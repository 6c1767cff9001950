/* cli/bench.c — `qatspec bench [--size MiB] [--seed N] [--stream KIND] [--write FILE] [--spec DIR] [FILE]`: the stream
 * parser's throughput on a drawn session (or a capture), best of 3, beside framing alone and a hand-written reader. */
#include "alloc_count.h"
#include "check.h"
#include "cli.h"
#include "spec.h"

#include "qat_stream.h"

#include <errno.h>
#include <stdarg.h>
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

#define USAGE "usage: qatspec bench [--size MiB] [--seed N] [--stream drawn|rx-only|violations] [--write FILE]\n" \
              "                     [--spec DIR] [--format FORM] [FILE]\n"

static void usage(FILE *out)
{
    fputs(USAGE
          "\n"
          "Measure the stream parser. Without FILE, draw a modem session of about --size MiB (default 64)\n"
          "from the spec with seed --seed (default 1): commands with their echo, information lines,\n"
          "results, URCs between and inside answers, +QIRD and +QIURC \"recv\" payloads of random bytes,\n"
          "AT+QISEND prompts with echoed data. With FILE, time the parser on a capture in any form `check`\n"
          "reads (--format auto|raw|marked|plain|socat|runlog, default auto: detected): raw bytes are parsed\n"
          "as a capture (no commands known); a marked, plain, socat or run log is decoded first, untimed, into\n"
          "its command lines and the module's bytes, and the parser is told each command as `check` tells it.\n"
          "--spec DIR defaults to $QATSPEC_SPEC when set, else " QAT_DEFAULT_SPEC_DIR ".\n"
          "\n"
          "--stream says what is drawn: 'drawn' (the default) the session above, commands passed to the parser;\n"
          "'rx-only' the same module output as a tap on its TX line sees it with echo off, parsed like a FILE\n"
          "(no command passed, no echo in the bytes); 'violations' the rx-only bytes with a letter of most\n"
          "lines' prefixes changed (drawn from --seed), so most lines are violations. --write FILE also\n"
          "writes the bytes drawn to FILE, so other readers can be fed the same.\n"
          "\n"
          "The session is parsed 3 times with grammar checking (qat_stream_command before each answer,\n"
          "qat_stream_feed in reads of at most 4096 bytes); the best time is kept. Then the same bytes are\n"
          "only split into lines with memchr. MB is 10^6 bytes; lines are the parser's line events (echo,\n"
          "information, URC, result, prompt, echoed data) for throughput, LF bytes for framing; heap\n"
          "allocations are those made during the timed parses.\n"
          "\n"
          "The yardstick: the same bytes, in the same reads, best of 3, through a hand-written reader that\n"
          "checks nothing (memchr for line ends, a switch and strncmp over a fixed list of prefixes, strtol\n"
          "for payload lengths, payloads skipped); 'baseline:' gives its MB/s and lines/s, and 'ratio:'\n"
          "qatspec's MB/s over the baseline's (1x: checking costs nothing over reading).\n"
          "\n"
          "Exit 0; 1 when a drawn session (--stream drawn) gives violations (the generator and the parser\n"
          "disagree: the first few are printed); 2 on a usage, spec or file error.\n",
          out);
}


typedef enum { STREAM_DRAWN, STREAM_RX_ONLY, STREAM_VIOLATIONS, N_STREAMS } stream_kind;
static const char *const stream_name[N_STREAMS] = {"drawn", "rx-only", "violations"};
#define CORRUPT_PERCENT 90 /* --stream violations: the lines (no payload after them) whose prefix loses a letter */

typedef struct {
    double size_mib;
    uint64_t seed;
    stream_kind stream;
    const char *spec_dir, *file, *write;
    transcript_format format;
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

static bool parse_stream(const char *text, stream_kind *out)
{
    for (int k = 0; k < N_STREAMS; k++)
        if (strcmp(text, stream_name[k]) == 0) {
            *out = (stream_kind)k;
            return true;
        }
    fprintf(stderr, "qatspec bench: --stream wants drawn, rx-only or violations, got '%s'\n", text);
    return false;
}

/* 0 to go on, else the exit code (after usage or a message). */
static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){64, 1, STREAM_DRAWN, spec_default_dir(), NULL, NULL, TRANSCRIPT_AUTO};
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
        } else if (strcmp(a, "--stream") == 0 && has_value) {
            if (!parse_stream(argv[++i], &o->stream))
                return 2;
        } else if (strcmp(a, "--write") == 0 && has_value) {
            o->write = argv[++i];
        } else if (strcmp(a, "--spec") == 0 && has_value) {
            o->spec_dir = argv[++i];
        } else if (strcmp(a, "--format") == 0 && has_value) {
            if (!transcript_format_from_name(argv[++i], &o->format)) {
                fprintf(stderr, "qatspec bench: --format wants auto, raw, marked, plain, socat or runlog, got '%s'\n",
                        argv[i]);
                return 2;
            }
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
    if (!o->file && o->format != TRANSCRIPT_AUTO) {
        fprintf(stderr, "qatspec bench: --format is for a FILE, not a stream drawn in memory\n");
        return 2;
    }
    if (o->file && (o->stream != STREAM_DRAWN || o->write)) {
        fprintf(stderr, "qatspec bench: --stream and --write are for a stream drawn in memory, not FILE '%s'\n", o->file);
        return 2;
    }
    return 0;
}

/* ---- progress, on a terminal only ---- */

__attribute__((format(printf, 1, 2))) static void progress_line(const char *fmt, ...)
{
    if (!isatty(STDERR_FILENO))
        return;
    char text[80];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
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

/* ---- the input: a capture, or a stream drawn from the spec ---- */

static void ignore_event(void *user, const qat_event *ev, uint64_t line)
{
    (void)user;
    (void)ev;
    (void)line;
}

/* A marked, plain, socat or run log TEXT[0..LEN) decoded into S as its command lines and the module's bytes. */
static void decode_log(const qat_compiled *c, transcript_format f, const char *text, size_t len, bench_session *s)
{
    transcript_counts counts;
    transcript_reader *r = transcript_reader_new(c, f, ignore_event, NULL, &counts);
    transcript_reader_record(r, s);
    transcript_reader_feed(r, text, len);
    transcript_reader_end(r);
    bench_end_pairs(s);
}

/* The capture PATH into S, in form *FORMAT (detected when AUTO, and set to the form read). */
static bool read_file(const char *path, const qat_compiled *c, transcript_format *format, bench_session *s)
{
    size_t len = 0;
    char *bytes = transcript_load(path, &len);
    if (!bytes) {
        fprintf(stderr, "qatspec bench: cannot read %s: %s\n", path, strerror(errno));
        return false;
    }
    if (*format == TRANSCRIPT_AUTO)
        *format = transcript_detect(bytes, len);
    if (*format == TRANSCRIPT_RAW) {
        bench_adopt(s, bytes, len);
        return true;
    }
    decode_log(c, *format, bytes, len, s);
    free(bytes);
    return true;
}

static bool draw_stream(const options *o, const qat_compiled *c, bench_session *s)
{
    bench_draw d = {o->stream != STREAM_DRAWN, o->stream == STREAM_VIOLATIONS ? CORRUPT_PERCENT : 0};
    if (!bench_generate_as(s, c, o->seed, (size_t)(o->size_mib * MIB), &d, on_generated, NULL))
        return false;
    if (o->stream != STREAM_DRAWN)
        bench_output_only(s); /* read like a capture: no command passed */
    return true;
}

static bool write_bytes(const char *path, const bench_session *s)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(s->out, 1, s->out_len, f) == s->out_len;
    if (f)
        ok = fclose(f) == 0 && ok;
    if (!ok)
        fprintf(stderr, "qatspec bench: cannot write %s: %s\n", path, strerror(errno));
    return ok;
}

/* ---- the readers, timed ---- */

/* One reader of the module's bytes. BEGIN and END (NULL: nothing) are timed with it; COMMAND, when not NULL,
 * hears each pair's command line before READ gets its output in reads of at most READ_SIZE bytes. */
typedef struct {
    const char *name;
    void (*begin)(void *self);
    void (*command)(void *self, const char *line, size_t len);
    void (*read)(void *self, const char *bytes, size_t n);
    void (*end)(void *self);
} reader;

typedef struct {
    double seconds;       /* the best pass */
    uint64_t allocations; /* the most heap allocations a pass made */
} timing;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pass(const bench_session *s, const reader *r, void *self)
{
    if (r->begin)
        r->begin(self);
    for (size_t i = 0; i < s->n_pairs; i++) {
        const bench_pair *p = &s->pairs[i];
        if (p->cmd_len && r->command)
            r->command(self, s->cmds + p->cmd_off, p->cmd_len);
        for (size_t at = 0; at < p->out_len; at += READ_SIZE)
            r->read(self, s->out + p->out_off + at, p->out_len - at < READ_SIZE ? p->out_len - at : READ_SIZE);
    }
    if (r->end)
        r->end(self);
}

static timing best_of(const bench_session *s, const reader *r, void *self)
{
    timing t = {1e30, 0};
    for (int run = 1; run <= RUNS; run++) {
        progress_line("qatspec bench: %s, run %d of %d", r->name, run, RUNS);
        uint64_t before = alloc_count_allocations();
        double t0 = now();
        pass(s, r, self);
        double dt = now() - t0;
        uint64_t made = alloc_count_allocations() - before;
        t.allocations = made > t.allocations ? made : t.allocations;
        t.seconds = dt < t.seconds ? dt : t.seconds;
    }
    return t;
}

/* The checker: the stream parser with grammar checking, told each command line. */

typedef struct {
    uint64_t by_kind[QAT_EV_VIOLATION + 1];
    uint64_t deviations;
    char shown[SHOWN][320];
    size_t n_shown;
} tally;

typedef struct {
    const qat_compiled *c;
    qat_infer infer; /* as `check` reads the input's form: a drawn session is a marked log, rx-only a raw capture */
    qat_stream st;
    tally t;
    char line_buf[LINE_CAP];
} checker;

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

static void checker_begin(void *self)
{
    checker *k = self;
    memset(&k->t, 0, sizeof k->t);
    qat_stream_init(&k->st, k->c, k->line_buf, LINE_CAP, on_event, &k->t);
    qat_stream_infer(&k->st, k->infer);
}

static void checker_command(void *self, const char *line, size_t len)
{
    qat_stream_command(&((checker *)self)->st, line, len);
}

static void checker_read(void *self, const char *bytes, size_t n) { qat_stream_feed(&((checker *)self)->st, bytes, n); }
static void checker_end(void *self) { qat_stream_finish(&((checker *)self)->st); }

/* Framing alone: the reads split at LF, nothing checked; SELF counts the LFs. */

static void framing_begin(void *self) { *(uint64_t *)self = 0; }

static void framing_read(void *self, const char *bytes, size_t n)
{
    uint64_t *lines = self;
    for (const char *p = bytes, *nl; (nl = memchr(p, '\n', (size_t)(bytes + n - p))) != NULL; p = nl + 1)
        ++*lines;
}

/* The yardstick: the hand-written reader of check/baseline.c. */

static void baseline_begin(void *self) { baseline_init(self); }
static void baseline_read(void *self, const char *bytes, size_t n) { baseline_feed(self, bytes, n); }
static void baseline_end(void *self) { baseline_finish(self); }

static const reader checking = {"parsing", checker_begin, checker_command, checker_read, checker_end};
static const reader framing = {"framing", framing_begin, NULL, framing_read, NULL};
static const reader yardstick = {"baseline", baseline_begin, NULL, baseline_read, baseline_end};

typedef struct {
    timing parse, frame, base;
    checker k;
    uint64_t frame_lines;
    baseline_reader b;
} measure;

static void run_all(const qat_compiled *c, const bench_session *s, transcript_format f, measure *m)
{
    m->k.c = c;
    m->k.infer = transcript_infer_mode(f);
    m->parse = best_of(s, &checking, &m->k);
    m->frame = best_of(s, &framing, &m->frame_lines);
    m->base = best_of(s, &yardstick, &m->b);
    progress_done();
}

/* ---- the report ---- */

static double pct(uint64_t part, uint64_t whole) { return whole ? 100.0 * (double)part / (double)whole : 0; }

static void print_stream(stream_kind k)
{
    if (k == STREAM_RX_ONLY)
        printf("stream: rx-only: the module's output alone (echo off), read without its commands\n");
    else if (k == STREAM_VIOLATIONS)
        printf("stream: violations: the rx-only output with a letter of the prefix changed in %d%% of the lines that no "
               "payload follows\n",
               CORRUPT_PERCENT);
}

static void print_input(const options *o, transcript_format f, const bench_session *s, double gen_s)
{
    const bench_mix *x = &s->mix;
    if (o->file && f == TRANSCRIPT_RAW) {
        printf("input: %s, %zu bytes of raw modem output (no commands known)\n", o->file, s->out_len);
        return;
    }
    if (o->file) {
        size_t commands = 0;
        for (size_t i = 0; i < s->n_pairs; i++)
            commands += s->pairs[i].cmd_len > 0;
        printf("input: %s (%s form), decoded before timing: %zu bytes of modem output, %zu command lines\n", o->file,
               transcript_format_name(f), s->out_len, commands);
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
    print_stream(o->stream);
}

static void print_results(const bench_session *s, const measure *m)
{
    const tally *t = &m->k.t;
    double mb = (double)s->out_len / 1e6;
    printf("parse: best of %d, reads of %d bytes: %.3f s; %llu line events, %llu payload chunks, %llu violations, "
           "%llu deviations\n",
           RUNS, READ_SIZE, m->parse.seconds, (unsigned long long)line_events(t),
           (unsigned long long)t->by_kind[QAT_EV_PAYLOAD], (unsigned long long)t->by_kind[QAT_EV_VIOLATION],
           (unsigned long long)t->deviations);
    printf("throughput: %.1f MB/s, %.0f lines/s, %llu heap allocations\n", mb / m->parse.seconds,
           (double)line_events(t) / m->parse.seconds, (unsigned long long)m->parse.allocations);
    printf("framing: %.1f MB/s, %.0f lines/s\n", mb / m->frame.seconds, (double)m->frame_lines / m->frame.seconds);
    printf("baseline: %.1f MB/s, %.0f lines/s (hand-written reader that checks nothing: memchr, switch, strncmp, "
           "strtol)\n",
           mb / m->base.seconds, (double)m->b.n.lines / m->base.seconds);
    printf("ratio: qatspec/baseline = %.2fx\n", m->base.seconds / m->parse.seconds);
    for (size_t i = 0; i < t->n_shown; i++)
        printf("violation: %s\n", t->shown[i]);
}

/* ---- the command ---- */

static int bench(const options *o, const qat_compiled *c)
{
    bench_session s = {0};
    transcript_format f = o->file ? o->format : o->stream == STREAM_DRAWN ? TRANSCRIPT_MARKED : TRANSCRIPT_RAW;
    double t0 = now();
    bool ok = o->file ? read_file(o->file, c, &f, &s) : draw_stream(o, c, &s);
    double gen_s = now() - t0;
    progress_done();
    if (!ok && !o->file)
        fprintf(stderr, "qatspec bench: the spec in %s gives nothing to draw a session from\n", o->spec_dir);
    if (!ok || (o->write && !write_bytes(o->write, &s))) {
        bench_free(&s);
        return 2;
    }
    print_input(o, f, &s, gen_s);
    measure m;
    run_all(c, &s, f, &m);
    print_results(&s, &m);
    bench_free(&s);
    return !o->file && o->stream == STREAM_DRAWN && m.k.t.by_kind[QAT_EV_VIOLATION] ? 1 : 0;
}

int cmd_bench(int argc, char **argv)
{
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc < 0)
        return 0; /* --help */
    if (rc) {
        fputs(USAGE "('--help' says more)\n", stderr);
        return rc;
    }
    spec_opened spec = {0};
    rc = spec_open(&spec, o.spec_dir, "bench") ? bench(&o, &spec.c) : 2;
    spec_close(&spec);
    return rc;
}
