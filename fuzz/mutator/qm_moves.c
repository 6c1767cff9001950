/* qm_moves.c — mutations that put whole lines where they do not belong: a URC among response
 * lines or inside a payload, another input's lines (cross-over), a line of the spec anywhere. */
#include "qm_mutation.h"

static bool is_response(const qm_parsed *p, size_t i)
{
    return p->segs[i].kind == QAT_EV_INFO || p->segs[i].kind == QAT_EV_FINAL;
}

static bool has_bytes(const qm_parsed *p, size_t i)
{
    return qm_is_payload(p, i) && p->segs[i].content_end > p->segs[i].start;
}

/* Insert LINE[0..N) as a line before boundary I: with the framing of the line before it, or (at the
 * end of the output, after a line's own end) with CR LF on both sides. */
static void insert_line(qm_edit *e, const qm_parsed *p, size_t i, const void *line, size_t n)
{
    size_t at = qm_boundary(p, i);
    const uint8_t *tail;
    size_t tail_len;
    qm_line_tail(p, i, &tail, &tail_len);
    e->from = e->to = at;
    e->n_pieces = 0;
    if (at == p->out_len && at)
        e->pieces[e->n_pieces++] = (qm_piece){"\r\n", 2};
    e->pieces[e->n_pieces++] = (qm_piece){line, n};
    e->pieces[e->n_pieces++] = at == p->out_len && at ? (qm_piece){"\r\n", 2} : (qm_piece){tail, tail_len};
}

bool qm_urc_to_response(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t target = qm_pick_seg(c, p, is_response);
    if (target == SIZE_MAX)
        return false;
    size_t u = qm_pick_seg(c, p, qm_is_urc);
    qm_edit edits[2];
    if (u == SIZE_MAX || u == target || u + 1 == target) { /* none to move, or it is there already: the spec's */
        size_t n = qm_synth_urc(c);
        if (!n)
            return false;
        insert_line(&edits[0], p, target, c->text, n);
        qm_put_edits(w, p, edits, 1);
        return true;
    }
    const qm_seg *s = &p->segs[u];
    insert_line(&edits[0], p, target, p->out + s->start, s->content_end - s->start);
    edits[1] = (qm_edit){s->start, s->end, {{NULL, 0}}, 0};
    qm_put_edits(w, p, edits, 2);
    return true;
}

bool qm_urc_to_payload(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t pl = qm_pick_seg(c, p, has_bytes);
    if (pl == SIZE_MAX)
        return false;
    const qm_seg *payload = &p->segs[pl];
    size_t u = qm_pick_seg(c, p, qm_is_urc);
    qm_edit edits[3];
    size_t n_edits = 0, line_len;
    const void *line;
    if (u == SIZE_MAX || u + 1 == pl) { /* none, or the one announcing this payload: the spec's */
        line_len = qm_synth_urc(c);
        line = c->text;
        if (!line_len)
            return false;
    } else {
        line = p->out + p->segs[u].start;
        line_len = p->segs[u].content_end - p->segs[u].start;
        edits[n_edits++] = (qm_edit){p->segs[u].start, p->segs[u].end, {{NULL, 0}}, 0};
    }
    size_t at = payload->start + qm_below(c, payload->content_end - payload->start + 1);
    edits[n_edits++] = (qm_edit){at, at, {{"\r\n", 2}, {line, line_len}, {"\r\n", 2}}, 3};
    const qm_seg *announcer = qm_announcer(p, pl);
    if (announcer && qm_below(c, 2))
        qm_honest_length(&edits[n_edits++], c, announcer, payload->content_end - payload->start + line_len + 4);
    qm_put_edits(w, p, edits, n_edits);
    return true;
}

bool qm_splice(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *d = c->donor, *p = c->in;
    if (!d->n_segs)
        return false;
    size_t first = qm_below(c, d->n_segs);
    size_t last = first + qm_below(c, 4);
    last = last < d->n_segs ? last : d->n_segs - 1;
    size_t i = qm_below(c, p->n_segs + 1);
    size_t at = qm_boundary(p, i);
    size_t replaced = i < p->n_segs && qm_below(c, 2) ? 1 + qm_below(c, 2) : 0;
    size_t to = replaced ? qm_boundary(p, i + replaced < p->n_segs ? i + replaced : p->n_segs) : at;
    qm_edit e = {at, to, {{d->out + d->segs[first].start, d->segs[last].end - d->segs[first].start}}, 1};
    qm_put_edits(w, p, &e, 1);
    return true;
}

bool qm_spec_line(const qm_ctx *c, qm_writer *w)
{
    size_t (*const makers[])(const qm_ctx *) = {qm_synth_urc, qm_synth_result, qm_synth_response};
    size_t first = qm_below(c, 3), n = 0;
    for (size_t k = 0; k < 3 && !n; k++)
        n = makers[(first + k) % 3](c);
    if (!n)
        return false;
    qm_edit e;
    insert_line(&e, c->in, qm_below(c, c->in->n_segs + 1), c->text, n);
    qm_put_edits(w, c->in, &e, 1);
    return true;
}
