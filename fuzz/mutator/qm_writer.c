/* qm_writer.c — appends a mutation's bytes to a bounded buffer; the first byte that does not fit
 * marks the result as overflowed and nothing more is written. */
#include "qm_writer.h"

#include <string.h>

void qm_writer_init(qm_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->full = false;
}

void qm_put(qm_writer *w, const void *bytes, size_t n)
{
    if (w->full || n == 0)
        return;
    if (n > w->cap - w->len) {
        w->full = true;
        return;
    }
    memcpy(w->buf + w->len, bytes, n);
    w->len += n;
}

void qm_put_str(qm_writer *w, const char *s) { qm_put(w, s, strlen(s)); }

void qm_put_cmd(qm_writer *w, const qm_parsed *p)
{
    qm_put(w, p->cmd, p->cmd_len);
    qm_put(w, "\n", 1);
}

void qm_put_out(qm_writer *w, const qm_parsed *p, size_t from, size_t to)
{
    if (from < to && to <= p->out_len)
        qm_put(w, p->out + from, to - from);
}

static void sort_edits(qm_edit *edits, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && edits[k].from < edits[k - 1].from; k--) {
            qm_edit t = edits[k];
            edits[k] = edits[k - 1];
            edits[k - 1] = t;
        }
}

void qm_put_edits(qm_writer *w, const qm_parsed *p, qm_edit *edits, size_t n)
{
    sort_edits(edits, n);
    qm_put_cmd(w, p);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        qm_put_out(w, p, at, edits[i].from);
        for (size_t k = 0; k < edits[i].n_pieces; k++)
            qm_put(w, edits[i].pieces[k].bytes, edits[i].pieces[k].n);
        at = edits[i].to > at ? edits[i].to : at;
    }
    qm_put_out(w, p, at, p->out_len);
}

void qm_put_replacing(qm_writer *w, const qm_parsed *p, size_t from, size_t to, const void *text, size_t n)
{
    qm_edit e = {from, to, {{text, n}}, 1};
    qm_put_edits(w, p, &e, 1);
}
