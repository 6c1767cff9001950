/* check/baseline.c — the yardstick of `qatspec bench`: a hand-written, non-validating reader of modem output.
 * memchr finds line ends, a switch on the first byte and strncmp tell lines apart, strtol reads payload lengths. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* This is the yardstick, not a checker: the prefixes below are the result codes and the common URCs and answer
 * lines of the Luat QAT set as a firmware engineer writes them down by hand. It deliberately does not read the
 * spec, so nothing in the spec or in the checker makes it slower or faster. */

typedef enum { LINE_RESULT, LINE_URC, LINE_INFO, LINE_READ, LINE_RECV } line_kind;

typedef struct {
    const char *text;
    size_t len;
    line_kind kind;
} prefix;

#define PREFIX(text, kind) {text, sizeof text - 1, kind}

static const prefix words[] = { /* lines that start with a letter */
    PREFIX("OK", LINE_RESULT),         PREFIX("ERROR", LINE_RESULT),     PREFIX("SEND OK", LINE_RESULT),
    PREFIX("SEND FAIL", LINE_RESULT),  PREFIX("CONNECT", LINE_RESULT),   PREFIX("NO CARRIER", LINE_RESULT),
    PREFIX("RDY", LINE_URC),           PREFIX("CLOSED", LINE_URC),
};

static const prefix plus[] = { /* lines that start with '+' */
    PREFIX("+CME ERROR:", LINE_RESULT), PREFIX("+QIRD:", LINE_READ),   PREFIX("+QIURC: \"recv\",", LINE_RECV),
    PREFIX("+QIURC:", LINE_URC),        PREFIX("+QIND:", LINE_URC),    PREFIX("+QIOPEN:", LINE_URC),
    PREFIX("+CEREG:", LINE_URC),        PREFIX("+CSQ:", LINE_INFO),    PREFIX("+CPIN:", LINE_INFO),
    PREFIX("+CGATT:", LINE_INFO),       PREFIX("+CGACT:", LINE_INFO),  PREFIX("+CGPADDR:", LINE_INFO),
    PREFIX("+QIACT:", LINE_INFO),       PREFIX("+QISEND:", LINE_INFO), PREFIX("+QISTATE:", LINE_INFO),
    PREFIX("+QIGETERROR:", LINE_INFO),  PREFIX("+QCELL:", LINE_INFO),  PREFIX("+QLTS:", LINE_INFO),
};

static const prefix *find(const prefix *list, size_t n, const char *line, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (len >= list[i].len && strncmp(line, list[i].text, list[i].len) == 0)
            return &list[i];
    return NULL;
}

/* The number at P, before END: -1 unless a digit is there (strtol would skip the CR LF that ends the line). */
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static long number_at(const char *p, const char *end, const char **after)
{
    *after = p;
    if (p >= end || !is_digit(*p))
        return -1;
    char *stop;
    long n = strtol(p, &stop, 10); /* stops at the line's CR, LF or NUL at the latest */
    *after = stop;
    return n;
}

static void skip_payload(baseline_reader *r, long n)
{
    if (n > 0) {
        r->skip = (uint64_t)n;
        r->n.payloads++;
    }
}

/* +QIRD: <n> (or +QIRD:<n>) and +QIRD: <n>,"<ip>",<port>: <n> bytes follow. +QIRD: <total>,<read>,<unread>,
 * the answer to AT+QIRD=<id>,0, has none. */
static void read_answer(baseline_reader *r, const char *p, const char *end)
{
    const char *after;
    long n = number_at(p + (p < end && *p == ' '), end, &after);
    if (!(end - after >= 2 && after[0] == ',' && is_digit(after[1])))
        skip_payload(r, n);
}

/* +QIURC: "recv",<id>,<n> in direct-push mode, <n> bytes follow; without <n>, the data waits in the buffer. */
static void recv_notice(baseline_reader *r, const char *p, const char *end)
{
    const char *after;
    if (number_at(p, end, &after) >= 0 && after < end && *after == ',')
        skip_payload(r, number_at(after + 1, end, &after));
}

/* One line without its LF; LINE[LEN] is readable (the LF, or a NUL after a kept line). */
static void take_line(baseline_reader *r, const char *line, size_t len)
{
    while (len && line[len - 1] == '\r')
        len--;
    if (!len)
        return;
    r->n.lines++;
    const prefix *k = NULL;
    switch (line[0]) {
    case '+': k = find(plus, sizeof plus / sizeof plus[0], line, len); break;
    case 'O': case 'E': case 'S': case 'C': case 'N': case 'R':
        k = find(words, sizeof words / sizeof words[0], line, len);
        break;
    case '>': r->n.prompts++; return;
    default: return;
    }
    if (!k)
        return;
    const char *rest = line + k->len, *end = line + len;
    switch (k->kind) {
    case LINE_RESULT: r->n.results++; break;
    case LINE_URC: r->n.urcs++; break;
    case LINE_INFO: r->n.infos++; break;
    case LINE_READ: r->n.infos++; read_answer(r, rest, end); break;
    case LINE_RECV: r->n.urcs++; recv_notice(r, rest, end); break;
    }
}

/* Keep the first bytes of a line that goes on in the next read. */
static void hold(baseline_reader *r, const char *p, size_t n)
{
    size_t room = BASELINE_HELD - r->held;
    n = n < room ? n : room;
    memcpy(r->head + r->held, p, n);
    r->held += n;
}

static void take_held(baseline_reader *r)
{
    r->head[r->held] = '\0';
    take_line(r, r->head, r->held);
    r->held = 0;
}

void baseline_init(baseline_reader *r) { memset(r, 0, sizeof *r); }

void baseline_feed(baseline_reader *r, const char *bytes, size_t n)
{
    const char *p = bytes, *end = bytes + n;
    while (p < end) {
        size_t left = (size_t)(end - p);
        if (r->skip) {
            size_t k = r->skip < left ? (size_t)r->skip : left;
            r->skip -= k;
            p += k;
            continue;
        }
        const char *nl = memchr(p, '\n', left);
        if (!nl) {
            hold(r, p, left);
            return;
        }
        if (r->held) {
            hold(r, p, (size_t)(nl - p));
            take_held(r);
        } else {
            take_line(r, p, (size_t)(nl - p));
        }
        p = nl + 1;
    }
}

void baseline_finish(baseline_reader *r)
{
    if (r->held)
        take_held(r);
}
