/* check/transcript.c — feeds a captured session to qat_stream, in whichever of the three forms it was written,
 * and maps every event back to the transcript line its bytes came from (one mark per line fed). */
#include "check.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_CAP 4096 /* the stream's line buffer: a longer line is reported, not checked */
#define MARKS_KEPT 1024 /* marks before the last one looked up are dropped once there are this many */

/* The transcript line whose bytes the stream got from OFFSET on. */
typedef struct {
    uint64_t offset, line;
} mark;

typedef struct {
    qat_stream s;
    transcript_format format;
    transcript_cb cb;
    void *user;
    transcript_counts *counts;
    uint64_t fed;      /* bytes fed so far: the stream's offset */
    uint64_t line;     /* the transcript line being read */
    bool in_command;   /* events now come from qat_stream_command: they belong to LINE */
    bool sending_data; /* marked: the module prompted; '>' lines are the data, until its result code */
    mark *marks;
    size_t n_marks, cap_marks, first_mark;
    char *scratch; /* an unescaped line */
    size_t cap_scratch;
} reader;

/* ---- lines of a transcript ---- */

/* The line of TEXT at *AT, without its LF: *LINE, *N. Moves *AT past the LF. False at the end. */
static bool next_line(const char *text, size_t len, size_t *at, const char **line, size_t *n)
{
    if (*at >= len)
        return false;
    const char *p = text + *at;
    const char *nl = memchr(p, '\n', len - *at);
    *line = p;
    *n = nl ? (size_t)(nl - p) : len - *at;
    *at += *n + (nl != NULL);
    return true;
}

/* N without the CR a text file written with CR LF line ends leaves at the end of a line. */
static size_t strip_cr(const char *l, size_t n) { return n && l[n - 1] == '\r' ? n - 1 : n; }

static bool is_command_line(const char *l, size_t n)
{
    return n >= 2 && ((l[0] == 'A' && l[1] == 'T') || (l[0] == 'a' && l[1] == 't'));
}

/* A line made of C, REPEATED at least MIN times, then spaces only. */
static bool is_run_then_spaces(const char *l, size_t n, char c, size_t min)
{
    size_t k = 0;
    while (k < n && l[k] == c)
        k++;
    if (k < min)
        return false;
    while (k < n && l[k] == ' ')
        k++;
    return k == n;
}

/* ">" alone (spaces after it allowed): the prompt, as the manual prints it. */
static bool is_lone_prompt(const char *l, size_t n) { return n && l[0] == '>' && is_run_then_spaces(l + 1, n - 1, ' ', 0); }

/* "....." : lines the author of the example left out. */
static bool is_omission(const char *l, size_t n) { return is_run_then_spaces(l, n, '.', 3); }

transcript_format transcript_detect(const char *text, size_t len)
{
    if (len && memchr(text, '\0', len))
        return TRANSCRIPT_RAW;
    bool all_marked = true, marked_shown = false, command = false;
    size_t at = 0, n;
    const char *l;
    while (next_line(text, len, &at, &l, &n)) {
        n = strip_cr(l, n);
        if (n && memchr(l, '\r', n))
            return TRANSCRIPT_RAW; /* a CR inside a line: the module's own bytes */
        if (n == 0)
            continue;
        if (l[0] == '>' || l[0] == '<')
            marked_shown |= !is_lone_prompt(l, n);
        else
            all_marked = false;
        command |= is_command_line(l, n);
    }
    if (all_marked && marked_shown)
        return TRANSCRIPT_MARKED;
    return command ? TRANSCRIPT_PLAIN : TRANSCRIPT_RAW;
}

static const char *const format_names[] = {"auto", "raw", "marked", "plain"};

const char *transcript_format_name(transcript_format f)
{
    return (unsigned)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : "?";
}

bool transcript_format_from_name(const char *name, transcript_format *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (transcript_format)i;
            return true;
        }
    }
    return false;
}

/* ---- C escapes of marked logs ---- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The byte the escape at S (after its backslash, N bytes left) stands for; *USED is how many bytes
 * of S it took, 0 when S starts no escape we know (the backslash then stands for itself). */
static char escaped_byte(const char *s, size_t n, size_t *used)
{
    static const char names[] = "rnt\\", bytes[] = "\r\n\t\\";
    const char *at = n ? memchr(names, s[0], 4) : NULL;
    *used = 0;
    if (at) {
        *used = 1;
        return bytes[at - names];
    }
    if (n >= 3 && s[0] == 'x' && hex_value(s[1]) >= 0 && hex_value(s[2]) >= 0) {
        *used = 3;
        return (char)(hex_value(s[1]) * 16 + hex_value(s[2]));
    }
    return '\\';
}

/* SRC[0..N) unescaped into DST (N bytes at least); *LINE_END when an escape gave a CR or an LF. */
static size_t unescape(const char *src, size_t n, char *dst, bool *line_end)
{
    size_t k = 0;
    *line_end = false;
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (c == '\\') {
            size_t used;
            c = escaped_byte(src + i + 1, n - i - 1, &used);
            *line_end |= used && (c == '\r' || c == '\n');
            i += used;
        }
        dst[k++] = c;
    }
    return k;
}

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
    r->marks[r->n_marks++] = (mark){r->fed, r->line};
}

bool transcript_is_deviation(const qat_event *ev) { return ev->erratum != NULL; }

bool transcript_is_violation(const qat_event *ev) { return ev->kind == QAT_EV_VIOLATION && !ev->erratum; }

bool transcript_is_note(const qat_event *ev) { return ev->kind == QAT_EV_NOTE; }

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

static void on_event(void *user, const qat_event *ev)
{
    reader *r = user;
    uint64_t line = r->line;
    if (!r->in_command && ev->text)
        line = r->format == TRANSCRIPT_RAW ? ev->line_no : line_at(r, ev->offset);
    count_event(r, ev);
    if (ev->kind == QAT_EV_PROMPT)
        r->sending_data = true;
    else if (ev->kind == QAT_EV_FINAL)
        r->sending_data = false;
    r->cb(r->user, ev, line);
}

/* ---- feeding the stream ---- */

static void feed(reader *r, const char *p, size_t n)
{
    qat_stream_feed(&r->s, p, n);
    r->fed += n;
}

/* A command line the DTE sent, without the CR (or CR LF) that ended it. */
static void send_command(reader *r, const char *p, size_t n)
{
    while (n && (p[n - 1] == '\r' || p[n - 1] == '\n'))
        n--;
    r->in_command = true;
    qat_stream_command(&r->s, p, n);
    r->in_command = false;
    r->sending_data = false;
    r->counts->commands++;
}

/* One received line, framed as V.250 frames a response ("\r\n" LINE "\r\n"). While a payload is
 * pending its bytes are data; so is the line break after them when the payload goes on past them
 * (only the LF of it when one byte is left). Bytes of the line past the payload's end are a line. */
static void feed_received_line(reader *r, const char *p, size_t n)
{
    uint64_t pending = qat_stream_payload_pending(&r->s);
    if (pending == 0) {
        feed(r, "\r\n", 2);
        feed(r, p, n);
        feed(r, "\r\n", 2);
        return;
    }
    size_t data = pending < n ? (size_t)pending : n;
    feed(r, p, data);
    pending = qat_stream_payload_pending(&r->s);
    if (data < n) {
        feed(r, p + data, n - data);
        feed(r, "\r\n", 2);
    } else if (pending) {
        feed(r, pending == 1 ? "\n" : "\r\n", pending == 1 ? 1 : 2);
    }
}

/* "> AT+CSQ\r" sent, "< +CSQ: 15,99" received (a line), "< \r\nOK\r\n" received (bytes as they came). */
static void read_marked_line(reader *r, const char *l, size_t n)
{
    if (n == 0)
        return;
    bool marked = l[0] == '>' || l[0] == '<';
    size_t skip = marked ? 1 + (n > 1 && l[1] == ' ') : 0; /* an unmarked line is taken as received */
    r->scratch = heap_reserve(r->scratch, &r->cap_scratch, n, 1);
    bool line_end;
    size_t k = unescape(l + skip, n - skip, r->scratch, &line_end);
    if (l[0] == '>') {
        if (!r->sending_data)
            send_command(r, r->scratch, k);
    } else if (line_end) {
        feed(r, r->scratch, k);
    } else {
        feed_received_line(r, r->scratch, k);
    }
}

/* As the manual prints a session: "AT..." sent, anything else received; "....." left out; ">" the prompt. */
static void read_plain_line(reader *r, const char *l, size_t n)
{
    if (qat_stream_payload_pending(&r->s))
        feed_received_line(r, l, n); /* every byte is data until the payload is complete */
    else if (n == 0 || is_omission(l, n))
        return;
    else if (is_command_line(l, n))
        send_command(r, l, n);
    else if (is_lone_prompt(l, n))
        feed(r, "\r\n>\r\n", 5);
    else
        feed_received_line(r, l, n);
}

static void read_lines(reader *r, const char *text, size_t len)
{
    size_t at = 0, n;
    const char *l;
    for (size_t start = 0; next_line(text, len, &at, &l, &n); start = at) {
        r->line = ++r->counts->lines;
        if (r->format == TRANSCRIPT_RAW) {
            feed(r, text + start, at - start);
            continue;
        }
        mark_line(r);
        if (r->format == TRANSCRIPT_MARKED)
            read_marked_line(r, l, strip_cr(l, n));
        else
            read_plain_line(r, l, strip_cr(l, n));
    }
}

transcript_format transcript_read(const qat_compiled *spec, const char *text, size_t len, transcript_format format,
                                  transcript_cb cb, void *user, transcript_counts *counts)
{
    reader *r = heap_resize(NULL, 1, sizeof *r);
    memset(r, 0, sizeof *r);
    memset(counts, 0, sizeof *counts);
    r->format = format == TRANSCRIPT_AUTO ? transcript_detect(text, len) : format;
    r->cb = cb;
    r->user = user;
    r->counts = counts;
    char *line_buf = heap_resize(NULL, LINE_CAP, 1);
    qat_stream_init(&r->s, spec, line_buf, LINE_CAP, on_event, r);
    qat_stream_infer(&r->s, r->format == TRANSCRIPT_RAW); /* raw: no command is announced, the module's echo or
                                                              its answers name them */
    read_lines(r, text, len);
    qat_stream_finish(&r->s);
    format = r->format;
    free(line_buf);
    free(r->marks);
    free(r->scratch);
    free(r);
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
