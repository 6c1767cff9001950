/* check/transcript.c — feeds a captured session to qat_stream, in whichever form it was written, as its bytes come
 * (in pieces of any size, in bounded memory), and maps every event back to the transcript line its bytes came from. */
#include "reader.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARKS_KEPT 1024 /* marks before the last one looked up are dropped once there are this many */

/* ---- events, and the lines they came from ---- */

/* The transcript line the stream's byte OFFSET came from. Events come in stream order, so the
 * marks before the one found are not needed again. */
static uint64_t line_at(reader *r, uint64_t offset)
{
    size_t lo = r->first_mark, hi = r->n_marks;
    if (lo == hi)
        return r->line;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->marks[mid].offset <= offset)
            lo = mid;
        else
            hi = mid;
    }
    r->first_mark = lo;
    return r->marks[lo].line;
}

/* The line now read starts at the stream's current offset. */
static void mark_line(reader *r)
{
    if (r->n_marks > r->first_mark && r->marks[r->n_marks - 1].offset == r->fed) {
        r->marks[r->n_marks - 1].line = r->line; /* the line before fed nothing */
        return;
    }
    if (r->first_mark >= MARKS_KEPT && r->first_mark >= r->n_marks / 2) {
        memmove(r->marks, r->marks + r->first_mark, (r->n_marks - r->first_mark) * sizeof *r->marks);
        r->n_marks -= r->first_mark;
        r->first_mark = 0;
    }
    r->marks = heap_reserve(r->marks, &r->cap_marks, r->n_marks + 1, sizeof *r->marks);
    r->marks[r->n_marks++] = (line_mark){r->fed, r->line};
}

bool transcript_is_deviation(const qat_event *ev) { return ev->erratum != NULL; }

bool transcript_is_violation(const qat_event *ev) { return ev->kind == QAT_EV_VIOLATION && !ev->erratum; }

bool transcript_is_note(const qat_event *ev) { return ev->kind == QAT_EV_NOTE; }

const char *transcript_event_section(const qat_event *ev)
{
    if (ev->section)
        return ev->section;
    if (ev->urc)
        return ev->urc->section;
    if (ev->command)
        return ev->command->section;
    if (ev->result)
        return ev->result->section;
    return "?";
}

/* An event that shows the spec's grammar read a line (or the prompt) as it should. */
static bool is_recognised(const qat_event *ev)
{
    return ev->kind == QAT_EV_ECHO || ev->kind == QAT_EV_INFO || ev->kind == QAT_EV_URC || ev->kind == QAT_EV_FINAL ||
           ev->kind == QAT_EV_PROMPT;
}

static void count_event(reader *r, const qat_event *ev)
{
    bool inferred = ev->kind == QAT_EV_FINAL && ev->inferred;
    r->counts->commands += inferred || (r->format == TRANSCRIPT_RAW && ev->kind == QAT_EV_ECHO);
    r->counts->inferred += inferred;
    r->counts->urcs += ev->kind == QAT_EV_URC;
    r->counts->violations += transcript_is_violation(ev);
    r->counts->deviations += transcript_is_deviation(ev);
    r->counts->notes += transcript_is_note(ev);
    r->counts->recognised += is_recognised(ev);
}

/* A run log's invalid command lines are sent on purpose (invalid cases, refusals a scenario checks): a note. The
 * module's answer is still checked: anything but a refusal is a violation of its own. */
static bool refusal_expected(const reader *r, const qat_event *ev)
{
    return r->format == TRANSCRIPT_RUNLOG && transcript_is_violation(ev) && ev->violation == QAT_V_BAD_COMMAND;
}

static void on_event(void *user, const qat_event *ev)
{
    reader *r = user;
    uint64_t line = r->line;
    if (!r->in_command && ev->text)
        line = r->format == TRANSCRIPT_RAW ? ev->line_no : line_at(r, ev->offset);
    qat_event refused;
    if (refusal_expected(r, ev)) {
        refused = *ev;
        refused.kind = QAT_EV_NOTE;
        ev = &refused;
    }
    count_event(r, ev);
    if (ev->kind == QAT_EV_PROMPT || (ev->kind == QAT_EV_FINAL && ev->result->kind == QAT_RESULT_INTERMEDIATE))
        r->sending_data = true; /* after a prompt, or CONNECT: what the DTE sends is data */
    else if (ev->kind == QAT_EV_FINAL)
        r->sending_data = false;
    r->cb(r->user, ev, line);
}

/* ---- transcript lines ---- */

typedef void (*line_reader)(reader *r, const char *l, size_t n);

static line_reader reader_of(transcript_format f)
{
    switch (f) {
    case TRANSCRIPT_MARKED: return marked_line;
    case TRANSCRIPT_PLAIN: return plain_line;
    case TRANSCRIPT_SOCAT: return socat_line;
    case TRANSCRIPT_RUNLOG: return runlog_line;
    default: return NULL;
    }
}

/* One whole transcript line L[0..N) (its LF gone): read in the transcript's form. */
static void read_line(reader *r, const char *l, size_t n)
{
    r->line = ++r->counts->lines;
    mark_line(r);
    reader_of(r->format)(r, l, n && l[n - 1] == '\r' ? n - 1 : n);
}

/* Raw bytes go to the stream as they are; lines are counted by their LFs (and a last one without). */
static void feed_raw(reader *r, const char *p, size_t n)
{
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(p + n - q))) != NULL; q++)
        r->counts->lines++;
    if (n)
        r->raw_line_open = p[n - 1] != '\n';
    reader_feed(r, p, n);
}

/* Keep BYTES of a line split across feeds, up to TRANSCRIPT_LINE_MAX (the rest of a longer line is dropped). */
static void keep_pending(reader *r, const char *p, size_t n)
{
    size_t room = TRANSCRIPT_LINE_MAX - r->n_pending;
    n = n < room ? n : room;
    r->pending = heap_reserve(r->pending, &r->cap_pending, r->n_pending + n + 1, 1);
    memcpy(r->pending + r->n_pending, p, n);
    r->n_pending += n;
}

static void feed_lines(reader *r, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            keep_pending(r, p, (size_t)(end - p));
            return;
        }
        if (r->n_pending) {
            keep_pending(r, p, (size_t)(nl - p));
            read_line(r, r->pending, r->n_pending);
            r->n_pending = 0;
        } else {
            read_line(r, p, (size_t)(nl - p));
        }
        p = nl + 1;
    }
}

/* ---- the API ---- */

transcript_reader *transcript_reader_new(const qat_compiled *spec, transcript_format format, transcript_cb cb,
                                         void *user, transcript_counts *counts)
{
    reader *r = heap_resize(NULL, 1, sizeof *r);
    memset(r, 0, sizeof *r);
    memset(counts, 0, sizeof *counts);
    r->format = format == TRANSCRIPT_AUTO ? TRANSCRIPT_RAW : format;
    r->cb = cb;
    r->user = user;
    r->counts = counts;
    qat_stream_init(&r->s, spec, r->line_buf, sizeof r->line_buf, on_event, r);
    qat_stream_infer(&r->s, transcript_infer_mode(r->format));
    return r;
}

/* raw: no command is announced, the module's echo or its answers name them; plain: commands are the lines that say
 * so, and answers with none before them (minicom's capture after ATE0, its CRs dropped) name their own. */
qat_infer transcript_infer_mode(transcript_format format)
{
    return format == TRANSCRIPT_RAW || format == TRANSCRIPT_AUTO ? QAT_INFER_CAPTURE
           : format == TRANSCRIPT_PLAIN                          ? QAT_INFER_ANSWERS
                                                                 : QAT_INFER_NONE;
}

void transcript_reader_record(transcript_reader *r, bench_session *into) { r->record = into; }

void transcript_reader_feed(transcript_reader *r, const char *bytes, size_t n)
{
    if (r->format == TRANSCRIPT_RAW)
        feed_raw(r, bytes, n);
    else
        feed_lines(r, bytes, n);
}

void transcript_reader_end(transcript_reader *r)
{
    if (r->format != TRANSCRIPT_RAW && r->n_pending)
        read_line(r, r->pending, r->n_pending);
    r->counts->lines += r->format == TRANSCRIPT_RAW && r->raw_line_open;
    if (r->format == TRANSCRIPT_SOCAT && r->n_socat_cmd)
        reader_send_command(r, r->socat_cmd, r->n_socat_cmd);
    qat_stream_finish(&r->s);
    free(r->marks);
    free(r->scratch);
    free(r->pending);
    free(r->socat_cmd);
    free(r);
}

transcript_format transcript_read(const qat_compiled *spec, const char *text, size_t len, transcript_format format,
                                  transcript_cb cb, void *user, transcript_counts *counts)
{
    format = format == TRANSCRIPT_AUTO ? transcript_detect(text, len) : format;
    transcript_reader *r = transcript_reader_new(spec, format, cb, user, counts);
    transcript_reader_feed(r, text, len);
    transcript_reader_end(r);
    return format;
}

char *transcript_load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        buf = heap_reserve(buf, &cap, n + 65536, 1);
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    *len = n;
    return buf;
}
