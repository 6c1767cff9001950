/* gen/corpus_scan.c — reads one stream seed back with the stream parser: what it shows (form, result, URCs),
 * whether it is clean, and where its first payload and that payload's length field are (for the edge cases). */
#include "corpus.h"

#include "qat_stream.h"
#include "check.h"

#include <string.h>

#define LINE_CAP 8192 /* as bench: an echoed prompt's data is up to 1460 bytes */

typedef struct {
    size_t off, len;
    int64_t number;
} int_field;

typedef struct {
    corpus_scan *r;
    int_field line_ints[QAT_STREAM_MAX_FIELDS]; /* the int fields of the last information line or URC */
    size_t n_line_ints;
    bool line_is_urc;
    int_field payload_ints[QAT_STREAM_MAX_FIELDS]; /* those of the line the first payload follows */
    size_t n_payload_ints;
    bool payload_done;
} scanner;

static void remember_line(scanner *s, const qat_event *ev)
{
    s->n_line_ints = 0;
    s->line_is_urc = ev->kind == QAT_EV_URC;
    for (size_t i = 0; i < ev->n_fields; i++)
        if (ev->fields[i].param && ev->fields[i].param->type == QAT_TYPE_INT)
            s->line_ints[s->n_line_ints++] =
                (int_field){(size_t)ev->offset + ev->fields[i].offset, ev->fields[i].len, ev->fields[i].number};
}

static void on_payload(scanner *s, const qat_event *ev)
{
    corpus_scan *r = s->r;
    if (!r->has_payload) {
        r->has_payload = true;
        r->payload_after_urc = s->line_is_urc;
        r->payload_off = (size_t)ev->offset;
        r->payload_len = 0;
        memcpy(s->payload_ints, s->line_ints, s->n_line_ints * sizeof *s->line_ints);
        s->n_payload_ints = s->n_line_ints;
    }
    if (!s->payload_done && ev->offset == r->payload_off + r->payload_len)
        r->payload_len += ev->len;
}

static void on_event(void *user, const qat_event *ev)
{
    scanner *s = user;
    corpus_scan *r = s->r;
    if (ev->kind == QAT_EV_PAYLOAD) {
        on_payload(s, ev);
        return;
    }
    s->payload_done |= r->has_payload;
    if (transcript_is_violation(ev))
        r->violations++;
    if (ev->kind == QAT_EV_INFO || ev->kind == QAT_EV_URC)
        remember_line(s, ev);
    if (ev->kind == QAT_EV_URC && r->n_urcs < CORPUS_MAX_URCS)
        r->urcs[r->n_urcs++] = ev->urc;
    if (ev->kind == QAT_EV_PROMPT)
        r->prompt = ev->result;
    if (ev->kind == QAT_EV_FINAL) {
        r->form = ev->form;
        r->final = ev->result;
    }
}

/* The length field of the first payload: the last int field of its line whose value is the payload's length. */
static void find_length_field(scanner *s)
{
    corpus_scan *r = s->r;
    bool found = false;
    for (size_t i = 0; i < s->n_payload_ints; i++)
        if (s->payload_ints[i].number >= 0 && (uint64_t)s->payload_ints[i].number == r->payload_len) {
            r->length_off = s->payload_ints[i].off;
            r->length_len = s->payload_ints[i].len;
            found = true;
        }
    r->has_payload &= found;
}

void corpus_scan_stream(const qat_compiled *c, const char *cmd, size_t cmd_len, const char *out, size_t out_len,
                        corpus_scan *r)
{
    memset(r, 0, sizeof *r);
    scanner s = {.r = r};
    char line[LINE_CAP];
    qat_stream st;
    qat_stream_init(&st, c, line, sizeof line, on_event, &s);
    if (cmd_len)
        qat_stream_command(&st, cmd, cmd_len);
    qat_stream_feed(&st, out, out_len);
    qat_stream_finish(&st);
    find_length_field(&s);
}
