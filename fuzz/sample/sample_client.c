/* sample_client.c — the sample AT client's response reader (see sample_client.h): lines, URCs, +QIRD data and
 * the final result code, read through a caller's read function; each seeded bug is one `bugs &` test. */
#include "sample_client.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    sample_read_fn read;
    void *ctx;
    char buf[64];
    size_t at, len;
    unsigned idle;
    bool forever; /* SAMPLE_BUG_MISSING_FINAL: no timeout any more */
    char *line;   /* SAMPLE_LINE_MAX bytes on the heap */
    size_t line_len;
} reader;

static const char *const urc_prefixes[] = {"+QIURC:", "+CEREG:", "+QIOPEN:", "+QIND:", "RDY"};

bool sample_response_init(sample_response *r)
{
    memset(r, 0, sizeof *r);
    r->lines = malloc(SAMPLE_LINES_MAX * sizeof *r->lines);
    r->data = malloc(SAMPLE_DATA_MAX);
    return r->lines && r->data;
}

void sample_response_free(sample_response *r)
{
    free(r->lines);
    free(r->data);
}

/* The next byte, or -1 when SAMPLE_IDLE_LIMIT reads in a row brought nothing. */
static int next_byte(reader *rd)
{
    while (rd->at == rd->len) {
        rd->at = 0;
        rd->len = rd->read(rd->ctx, rd->buf, sizeof rd->buf);
        if (rd->len == 0 && !rd->forever && ++rd->idle >= SAMPLE_IDLE_LIMIT)
            return -1;
    }
    rd->idle = 0;
    return (unsigned char)rd->buf[rd->at++];
}

/* One line without its CR LF into rd->line (NUL-terminated); false on timeout. */
static bool read_line(reader *rd, unsigned bugs)
{
    rd->line_len = 0;
    for (;;) {
        int b = next_byte(rd);
        if (b < 0)
            return false;
        if (b == '\n')
            break;
        if (b == '\r')
            continue;
        if (rd->line_len < SAMPLE_LINE_MAX - 1 || (bugs & SAMPLE_BUG_LONG_LINE))
            rd->line[rd->line_len] = (char)b;
        rd->line_len++;
    }
    size_t end = rd->line_len < SAMPLE_LINE_MAX - 1 ? rd->line_len : SAMPLE_LINE_MAX - 1;
    rd->line[(bugs & SAMPLE_BUG_LONG_LINE) ? rd->line_len : end] = '\0';
    return true;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_urc(const char *line)
{
    for (size_t i = 0; i < sizeof urc_prefixes / sizeof urc_prefixes[0]; i++)
        if (starts_with(line, urc_prefixes[i]))
            return true;
    return false;
}

/* The data after "+QIRD: <len>": LEN bytes. Returns false on timeout; true with r->status set when the buggy
 * reader took an "\r\nOK\r\n" inside the data for the final result code. */
static bool read_data(reader *rd, sample_response *r, unsigned bugs, bool *ended)
{
    static const char ok[] = "\r\nOK\r\n";
    for (r->data_len = 0; r->data_len < r->data_announced; r->data_len++) {
        int b = next_byte(rd);
        if (b < 0)
            return false;
        if (r->data_len < SAMPLE_DATA_MAX || (bugs & SAMPLE_BUG_TRUSTED_LENGTH))
            r->data[r->data_len] = (char)b;
        size_t n = r->data_len + 1;
        if ((bugs & SAMPLE_BUG_OK_IN_PAYLOAD) && n >= 6 && n <= SAMPLE_DATA_MAX &&
            memcmp(r->data + n - 6, ok, 6) == 0) {
            r->data_len = n - 6;
            r->status = SAMPLE_OK;
            *ended = true;
            return true;
        }
    }
    return true;
}

static void keep_line(sample_response *r, const char *line, bool force)
{
    if (r->n_lines < SAMPLE_LINES_MAX || force)
        strncpy(r->lines[r->n_lines], line, SAMPLE_LINE_MAX - 1)[SAMPLE_LINE_MAX - 1] = '\0';
    r->n_lines++;
}

/* A line of the answer: true when it ended the command (a final result code, or a read ended by the bug). */
static bool take_line(reader *rd, sample_response *r, unsigned bugs, bool *timed_out)
{
    const char *line = rd->line;
    if (strcmp(line, "OK") == 0 || strcmp(line, "ERROR") == 0 || starts_with(line, "+CME ERROR:")) {
        r->status = line[0] == 'O' ? SAMPLE_OK : SAMPLE_ERROR;
        return true;
    }
    if (line[0] == '\0' || starts_with(line, "AT") || starts_with(line, "at"))
        return false; /* a blank line or the echo */
    if (is_urc(line)) {
        if ((bugs & SAMPLE_BUG_URC_IN_RESPONSE) && r->n_lines > 0)
            keep_line(r, line, true); /* kept to be handled after the final: no bound */
        else
            r->n_urcs++;
        return false;
    }
    keep_line(r, line, false);
    if (bugs & SAMPLE_BUG_MISSING_FINAL)
        rd->forever = true;
    if (starts_with(line, "+QIRD: ")) {
        r->data_announced = strtoul(line + 7, NULL, 10);
        bool ended = false;
        *timed_out = !read_data(rd, r, bugs, &ended);
        return ended || *timed_out;
    }
    return false;
}

void sample_read_response(sample_response *r, unsigned bugs, sample_read_fn read, void *ctx)
{
    reader rd = {.read = read, .ctx = ctx, .line = malloc(SAMPLE_LINE_MAX)};
    r->status = SAMPLE_TIMEOUT;
    r->n_lines = r->n_urcs = r->data_len = r->data_announced = 0;
    bool timed_out = false;
    while (rd.line && !timed_out && read_line(&rd, bugs))
        if (take_line(&rd, r, bugs, &timed_out))
            break;
    if (timed_out)
        r->status = SAMPLE_TIMEOUT;
    free(rd.line);
}
