/* check/marked.c — the two line-marked forms: a marked log ("> AT+CSQ\r" sent, "< +CSQ: 15,99" received, C escapes)
 * and a run's transcript.log, the same behind a timestamp, with "#" notes of what the runner did. */
#include "reader.h"
#include "util.h"

#include <string.h>

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

size_t reader_unescape(reader *r, const char *src, size_t n, bool *line_end)
{
    r->scratch = heap_reserve(r->scratch, &r->cap_scratch, n ? n : 1, 1);
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
        r->scratch[k++] = c;
    }
    return k;
}

/* DIR ('>' sent, '<' received) and the escaped bytes L[0..N) after the mark and its space. */
static void marked_bytes(reader *r, char dir, const char *l, size_t n)
{
    bool line_end;
    size_t k = reader_unescape(r, l, n, &line_end);
    if (dir == '>') {
        if (!r->sending_data)
            reader_send_command(r, r->scratch, k);
    } else if (line_end) {
        reader_feed(r, r->scratch, k);
    } else {
        reader_feed_received_line(r, r->scratch, k);
    }
}

void marked_line(reader *r, const char *l, size_t n)
{
    if (n == 0)
        return;
    bool marked = l[0] == '>' || l[0] == '<';
    size_t skip = marked ? 1 + (n > 1 && l[1] == ' ') : 0; /* an unmarked line is taken as received */
    marked_bytes(r, l[0] == '>' ? '>' : '<', l + skip, n - skip);
}

void runlog_line(reader *r, const char *l, size_t n)
{
    size_t p = transcript_runlog_prefix(l, n);
    if (!p)
        return; /* not a line the runner writes: nothing of the session */
    char mark = l[p - 2];
    if (mark != '#') /* a note says what the runner does: nothing of the session */
        marked_bytes(r, mark, l + p, n - p);
}
