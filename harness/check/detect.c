/* check/detect.c — which form a transcript is, from its first bytes: a socat -v log, a run's transcript.log, a marked
 * log, a pasted session or raw modem output; and the line shapes the forms share. */
#include "reader.h"

#include <string.h>

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

bool transcript_is_command_line(const char *l, size_t n)
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

bool transcript_is_lone_prompt(const char *l, size_t n) { return n && l[0] == '>' && is_run_then_spaces(l + 1, n - 1, ' ', 0); }

bool transcript_is_omission(const char *l, size_t n) { return is_run_then_spaces(l, n, '.', 3); }

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The count of digits at L[0..N), at most MAX. */
static size_t digits(const char *l, size_t n, size_t max)
{
    size_t k = 0;
    while (k < n && k < max && is_digit(l[k]))
        k++;
    return k;
}

size_t transcript_runlog_prefix(const char *l, size_t n)
{
    size_t k = 0;
    while (k < n && l[k] == ' ')
        k++;
    size_t whole = digits(l + k, n - k, 12);
    if (!whole || k + whole + 10 > n || l[k + whole] != '.' || digits(l + k + whole + 1, 6, 6) != 6)
        return 0;
    k += whole + 7;
    bool mark = l[k] == ' ' && (l[k + 1] == '>' || l[k + 1] == '<' || l[k + 1] == '#') && l[k + 2] == ' ';
    return mark ? k + 3 : 0;
}

/* "NAME=DIGITS" at L[*K..N): its value in *V; *K moves past it. */
static bool field(const char *l, size_t n, size_t *k, const char *name, uint64_t *v)
{
    size_t len = strlen(name);
    if (*k + len > n || memcmp(l + *k, name, len) != 0)
        return false;
    size_t d = digits(l + *k + len, n - *k - len, 20);
    *v = 0;
    for (size_t i = 0; i < d; i++)
        *v = *v * 10 + (uint64_t)(l[*k + len + i] - '0');
    *k += len + d;
    return d > 0;
}

size_t transcript_socat_header(const char *l, size_t n, char *dir, uint64_t *length)
{
    /* "> YYYY/MM/DD HH:MM:SS.FRACTION  length=N from=A to=B" */
    static const char shape[] = "X dddd/dd/dd dd:dd:dd.";
    size_t k = 0;
    if (n < sizeof shape - 1 || (l[0] != '>' && l[0] != '<'))
        return 0;
    for (k = 1; k < sizeof shape - 1; k++)
        if (shape[k] == 'd' ? !is_digit(l[k]) : l[k] != shape[k])
            return 0;
    k += digits(l + k, n - k, 12);
    uint64_t from, to;
    if (k + 2 > n || l[k] != ' ' || l[k + 1] != ' ')
        return 0;
    k += 2;
    if (!field(l, n, &k, "length=", length) || !(k < n && l[k++] == ' ') || !field(l, n, &k, "from=", &from) ||
        !(k < n && l[k++] == ' ') || !field(l, n, &k, "to=", &to))
        return 0;
    *dir = l[0];
    return k;
}

/* What the lines of a transcript's first bytes show. */
typedef struct {
    bool all_marked, marked_shown, command, all_runlog;
    size_t lines;
} line_census;

static void census_line(line_census *c, const char *l, size_t n)
{
    c->all_runlog &= transcript_runlog_prefix(l, n) > 0;
    if (l[0] == '>' || l[0] == '<')
        c->marked_shown |= !transcript_is_lone_prompt(l, n);
    else
        c->all_marked = false;
    c->command |= transcript_is_command_line(l, n);
    c->lines++;
}

transcript_format transcript_detect(const char *text, size_t len)
{
    if (len && memchr(text, '\0', len))
        return TRANSCRIPT_RAW;
    line_census c = {true, false, false, true, 0};
    size_t at = 0, n;
    const char *l;
    while (next_line(text, len, &at, &l, &n)) {
        n = strip_cr(l, n);
        char dir;
        uint64_t length;
        if (transcript_socat_header(l, n, &dir, &length))
            return TRANSCRIPT_SOCAT; /* its data lines may hold anything: the first header decides */
        if (n && memchr(l, '\r', n))
            return TRANSCRIPT_RAW; /* a CR inside a line: the module's own bytes */
        bool maybe_cut = at >= len && text[len - 1] != '\n' && c.lines; /* the first bytes may end mid-line */
        if (n && !maybe_cut)
            census_line(&c, l, n);
    }
    if (c.lines && c.all_runlog)
        return TRANSCRIPT_RUNLOG;
    if (c.all_marked && c.marked_shown)
        return TRANSCRIPT_MARKED;
    return c.command ? TRANSCRIPT_PLAIN : TRANSCRIPT_RAW;
}

static const char *const format_names[] = {"auto", "raw", "marked", "plain", "socat", "runlog"};

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
