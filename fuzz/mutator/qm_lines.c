/* qm_lines.c — mutations of the output's line structure: drop, duplicate, swap, split and merge
 * segments, each carrying its own line end so the framing around it stays as the input had it. */
#include "qm_mutation.h"

static void put_seg(qm_writer *w, const qm_parsed *p, size_t i)
{
    qm_put_out(w, p, p->segs[i].start, p->segs[i].end);
}

/* How many of something: one mostly, now and then up to MAX. */
static size_t some(const qm_ctx *c, size_t max) { return qm_below(c, 4) == 0 ? 1 + qm_below(c, max) : 1; }

bool qm_line_drop(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_seg(c, p, qm_any);
    if (i == SIZE_MAX)
        return false;
    size_t last = i + some(c, 3) - 1;
    last = last < p->n_segs ? last : p->n_segs - 1;
    qm_put_cmd(w, p);
    qm_put_out(w, p, 0, p->segs[i].start);
    qm_put_out(w, p, p->segs[last].end, p->out_len);
    return true;
}

bool qm_line_dup(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_seg(c, p, qm_is_line);
    if (i == SIZE_MAX)
        return false;
    size_t copies = some(c, 16);
    qm_put_cmd(w, p);
    qm_put_out(w, p, 0, p->segs[i].end);
    for (size_t k = 0; k < copies; k++)
        put_seg(w, p, i);
    qm_put_out(w, p, p->segs[i].end, p->out_len);
    return true;
}

bool qm_line_swap(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    if (p->n_segs < 2)
        return false;
    size_t i = qm_below(c, p->n_segs), j = qm_below(c, p->n_segs - 1);
    j += j >= i; /* another one */
    if (j < i) {
        size_t t = i;
        i = j;
        j = t;
    }
    qm_put_cmd(w, p);
    qm_put_out(w, p, 0, p->segs[i].start);
    put_seg(w, p, j);
    qm_put_out(w, p, p->segs[i].end, p->segs[j].start);
    put_seg(w, p, i);
    qm_put_out(w, p, p->segs[j].end, p->out_len);
    return true;
}

static bool splittable(const qm_parsed *p, size_t i)
{
    return qm_is_line(p, i) && p->segs[i].content_end - p->segs[i].start >= 2;
}

/* Where to split line S: at one of its fields' edges when it has fields (half the time), else anywhere inside. */
static size_t split_point(const qm_ctx *c, const qm_parsed *p, const qm_seg *s)
{
    if (s->n_fields && qm_below(c, 2)) {
        const qm_field *f = &p->fields[s->first_field + qm_below(c, s->n_fields)];
        size_t at = qm_below(c, 2) ? f->start : f->end;
        if (at > s->start && at < s->content_end)
            return at;
    }
    return s->start + 1 + qm_below(c, s->content_end - s->start - 1);
}

bool qm_line_split(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_seg(c, p, splittable);
    if (i == SIZE_MAX)
        return false;
    size_t at = split_point(c, p, &p->segs[i]);
    const uint8_t *tail;
    size_t tail_len;
    qm_line_tail(p, i + 1, &tail, &tail_len);
    qm_put_replacing(w, p, at, at, tail, tail_len);
    return true;
}

static bool mergeable(const qm_parsed *p, size_t i)
{
    return i + 1 < p->n_segs && qm_is_line(p, i) && qm_is_line(p, i + 1) && p->segs[i].end > p->segs[i].content_end;
}

bool qm_line_merge(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_seg(c, p, mergeable);
    if (i == SIZE_MAX)
        return false;
    const qm_seg *s = &p->segs[i];
    qm_put_cmd(w, p);
    qm_put_out(w, p, 0, s->content_end);
    for (size_t k = s->content_end; k < s->end; k++) /* the line ends go; stray bytes between stay */
        if (p->out[k] != '\r' && p->out[k] != '\n')
            qm_put(w, p->out + k, 1);
    qm_put_out(w, p, s->end, p->out_len);
    return true;
}
