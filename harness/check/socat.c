/* check/socat.c — a `socat -v` log between a DTE and the module: block headers ("> 2026/12/03 15:04:05.123456
 * length=9 from=0 to=8"), then the bytes with CR shown as \r, a backslash as \\, LF as a line end, others as '.'. */
#include "reader.h"
#include "util.h"

#include <string.h>

/* The bytes L[*AT..N) stand for, up to R->socat_left of them, unescaped into r->scratch; *AT moves past them. */
static size_t block_bytes(reader *r, const char *l, size_t n, size_t *at)
{
    r->scratch = heap_reserve(r->scratch, &r->cap_scratch, n + 1, 1);
    size_t k = 0;
    while (*at < n && r->socat_left) {
        char c = l[*at];
        if (c == '\\' && *at + 1 < n && (l[*at + 1] == 'r' || l[*at + 1] == '\\')) {
            c = l[*at + 1] == 'r' ? '\r' : '\\';
            (*at)++;
        }
        (*at)++;
        r->scratch[k++] = c;
        r->socat_left--;
    }
    return k;
}

/* The DTE's side is the one whose first bytes are a command line, or the other one than the side whose first bytes
 * open a response (CR LF); until one is seen, '>' (socat's first address). */
static void learn_sides(reader *r, const char *bytes, size_t n)
{
    if (r->socat_sent == 0 && transcript_is_command_line(bytes, n))
        r->socat_sent = r->socat_dir;
    else if (r->socat_sent == 0 && n >= 2 && bytes[0] == '\r' && bytes[1] == '\n')
        r->socat_sent = r->socat_dir == '>' ? '<' : '>';
}

/* Bytes the DTE sent: command lines end at their CR; after a prompt they are data until the result code. */
static void sent_bytes(reader *r, const char *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (r->sending_data)
            continue;
        if (bytes[i] == '\r' || bytes[i] == '\n') {
            if (r->n_socat_cmd)
                reader_send_command(r, r->socat_cmd, r->n_socat_cmd);
            r->n_socat_cmd = 0;
            continue;
        }
        r->socat_cmd = heap_reserve(r->socat_cmd, &r->cap_socat_cmd, r->n_socat_cmd + 1, 1);
        r->socat_cmd[r->n_socat_cmd++] = bytes[i];
    }
}

static void block_data(reader *r, const char *bytes, size_t n)
{
    learn_sides(r, bytes, n);
    if (r->socat_dir == (r->socat_sent ? r->socat_sent : '>'))
        sent_bytes(r, bytes, n);
    else
        reader_feed(r, bytes, n);
}

void socat_line(reader *r, const char *l, size_t n)
{
    size_t at = 0;
    if (r->socat_left) {
        size_t k = block_bytes(r, l, n, &at);
        if (r->socat_left && at == n) { /* the rendered line ended inside the block: that was an LF */
            r->scratch[k++] = '\n';
            r->socat_left--;
        }
        block_data(r, r->scratch, k);
    }
    if (at >= n)
        return;
    uint64_t length;
    char dir;
    size_t h = transcript_socat_header(l + at, n - at, &dir, &length);
    if (!h)
        return; /* socat's own messages ("E waitpid() ..."): nothing of the session */
    r->socat_dir = dir;
    r->socat_left = length;
}
