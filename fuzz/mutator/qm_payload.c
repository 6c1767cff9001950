/* qm_payload.c — mutations of a payload and the field announcing its length: the length lies
 * while the bytes stay, or the bytes change (cut, grown, a result code inside) while it stays. */
#include <stdio.h>

#include "qm_mutation.h"

static bool announces(const qm_parsed *p, size_t i) { return p->segs[i].length_field != SIZE_MAX; }

/* A length the payload does not have: one off, none, far too many. */
static size_t lying_length(const qm_ctx *c, size_t real)
{
    static const char *const huge[] = {"2147483647", "2147483648", "4294967295", "4294967296",
                                       "9223372036854775807", "99999999999999999999", "-1"};
    size_t n_huge = sizeof huge / sizeof huge[0];
    size_t k = qm_below(c, 5 + n_huge);
    if (k >= 5)
        return (size_t)snprintf(c->text, QM_TEXT_CAP, "%s", huge[k - 5]);
    size_t lie[] = {real + 1, real ? real - 1 : 2, 0, real * 2 + 2, real + 1000};
    return (size_t)snprintf(c->text, QM_TEXT_CAP, "%zu", lie[k]);
}

bool qm_payload_length(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_seg(c, p, announces);
    if (i == SIZE_MAX)
        return false;
    const qm_field *f = &p->fields[p->segs[i].length_field];
    const qm_seg *payload = i + 1 < p->n_segs && qm_is_payload(p, i + 1) ? &p->segs[i + 1] : NULL;
    size_t n = lying_length(c, payload ? payload->content_end - payload->start : 0);
    qm_put_replacing(w, p, f->start, f->end, c->text, n);
    return true;
}

/* ---- the bytes ---- */

/* Up to 64 of the payload's own bytes appended to it. */
static void grow(const qm_ctx *c, qm_edit *e, const qm_parsed *p, const qm_seg *s)
{
    size_t have = s->content_end - s->start, n = 1 + qm_below(c, 64);
    *e = (qm_edit){s->content_end, s->content_end, {{p->out + s->start, n < have ? n : have}}, 1};
}

/* A result code of the spec, as a line, somewhere inside the bytes; false when the spec has none. */
static bool inject_result(const qm_ctx *c, qm_edit *e, const qm_seg *s, size_t *added)
{
    size_t n = qm_synth_result(c);
    if (!n)
        return false;
    size_t at = s->start + qm_below(c, s->content_end - s->start + 1);
    *e = (qm_edit){at, at, {{"\r\n", 2}, {c->text, n}, {"\r\n", 2}}, 3};
    *added = n + 4;
    return true;
}

bool qm_payload_bytes(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_seg(c, p, qm_is_payload);
    if (i == SIZE_MAX)
        return false;
    const qm_seg *s = &p->segs[i];
    size_t have = s->content_end - s->start, added = 0;
    qm_edit edits[2];
    size_t n_edits = 1;
    switch (qm_below(c, 3)) {
    case 0: { /* cut short, the length kept: the parser reads on into what follows */
        size_t cut = have ? 1 + qm_below(c, have) : 0;
        edits[0] = (qm_edit){s->content_end - cut, s->content_end, {{NULL, 0}}, 0};
        break;
    }
    case 1: grow(c, &edits[0], p, s); break; /* bytes beyond the length: they become lines */
    default: /* a result code inside, the length made honest */
        if (!inject_result(c, &edits[0], s, &added)) {
            grow(c, &edits[0], p, s);
            break;
        }
        if (qm_announcer(p, i))
            qm_honest_length(&edits[n_edits++], c, qm_announcer(p, i), have + added);
    }
    qm_put_edits(w, p, edits, n_edits);
    return true;
}
