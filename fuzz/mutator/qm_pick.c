/* qm_pick.c — the engine's choices over a parsed input: a segment or a field of a kind, uniformly;
 * the line end an inserted line takes from its neighbours; an honest payload length. */
#include "qm_mutation.h"

#include <stdio.h>

size_t qm_below(const qm_ctx *c, size_t n) { return (size_t)qat_rng_below(c->rng, n); }

/* Reservoir sampling: one pass, each item passing TEST equally likely. */
static size_t pick(const qm_ctx *c, const qm_parsed *p, size_t n, bool (*test)(const qm_parsed *, size_t))
{
    size_t chosen = SIZE_MAX, seen = 0;
    for (size_t i = 0; i < n; i++)
        if (test(p, i) && qm_below(c, ++seen) == 0)
            chosen = i;
    return chosen;
}

size_t qm_pick_seg(const qm_ctx *c, const qm_parsed *p, qm_seg_test test) { return pick(c, p, p->n_segs, test); }

size_t qm_pick_field(const qm_ctx *c, const qm_parsed *p, qm_field_test test)
{
    return pick(c, p, p->n_fields, test);
}

bool qm_is_line(const qm_parsed *p, size_t i) { return qm_seg_is_line(&p->segs[i]); }

bool qm_is_urc(const qm_parsed *p, size_t i) { return p->segs[i].kind == QAT_EV_URC; }

bool qm_is_payload(const qm_parsed *p, size_t i) { return p->segs[i].kind == QAT_EV_PAYLOAD; }

bool qm_any(const qm_parsed *p, size_t i)
{
    (void)p;
    (void)i;
    return true;
}

static bool all_line_end(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\r' && s[i] != '\n')
            return false;
    return n > 0;
}

void qm_line_tail(const qm_parsed *p, size_t i, const uint8_t **tail, size_t *n)
{
    for (size_t k = i; k-- > 0;) {
        const qm_seg *s = &p->segs[k];
        if (qm_seg_is_line(s) && all_line_end(p->out + s->content_end, s->end - s->content_end)) {
            *tail = p->out + s->content_end;
            *n = s->end - s->content_end;
            return;
        }
    }
    *tail = (const uint8_t *)"\r\n\r\n"; /* a line's end and the next one's start (1.2) */
    *n = 4;
}

const qm_seg *qm_announcer(const qm_parsed *p, size_t i)
{
    const qm_seg *line = i > 0 ? &p->segs[i - 1] : NULL;
    return line && line->length_field != SIZE_MAX ? line : NULL;
}

void qm_honest_length(qm_edit *e, const qm_ctx *c, const qm_seg *line, size_t n)
{
    const qm_field *f = &c->in->fields[line->length_field];
    int len = snprintf(c->number, QM_NUMBER_CAP, "%zu", n);
    *e = (qm_edit){f->start, f->end, {{c->number, (size_t)len}}, 1};
}
