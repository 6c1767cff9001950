/* qm_fields.c — mutations of one field of a line: its value (out of range, extreme, another type),
 * the separator before it, its quotes. Fields and their parameters come from the parse. */
#include <string.h>

#include "qm_values.h"

static bool bounded(const qm_parsed *p, size_t i) { return qm_has_bounds(p->fields[i].param); }

static bool valued(const qm_parsed *p, size_t i) { return p->fields[i].param->type != QAT_TYPE_PAYLOAD; }

static bool replace_value(const qm_ctx *c, qm_writer *w, qm_field_test test, qm_value_maker make)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_field(c, p, test);
    if (i == SIZE_MAX)
        return false;
    const qm_field *f = &p->fields[i];
    size_t n = make(c, f->param, p->out + f->start, f->end - f->start);
    if (n == SIZE_MAX)
        return false;
    qm_put_replacing(w, p, f->start, f->end, c->text, n);
    return true;
}

bool qm_field_out_of_range(const qm_ctx *c, qm_writer *w)
{
    return replace_value(c, w, bounded, qm_value_out_of_range);
}

bool qm_field_extreme(const qm_ctx *c, qm_writer *w) { return replace_value(c, w, valued, qm_value_extreme); }

bool qm_field_other_type(const qm_ctx *c, qm_writer *w) { return replace_value(c, w, valued, qm_value_other_type); }

/* ---- separators ---- */

#define SEPARATOR_BYTES ",; :\t"
#define MAX_GAP 3

/* Where the separator before field I starts (its bytes run up to the field). */
static size_t gap_start(const qm_parsed *p, size_t i)
{
    size_t at = p->fields[i].start;
    while (at > 0 && p->fields[i].start - at < MAX_GAP && p->out[at - 1] && strchr(SEPARATOR_BYTES, p->out[at - 1]))
        at--;
    return at;
}

static bool separated(const qm_parsed *p, size_t i) { return gap_start(p, i) < p->fields[i].start; }

bool qm_separator(const qm_ctx *c, qm_writer *w)
{
    static const char *const separators[] = {",", ";", " ", ", ", ":", "", ",,", "\t", " ,"};
    const size_t n_separators = sizeof separators / sizeof separators[0];
    const qm_parsed *p = c->in;
    size_t i = qm_pick_field(c, p, separated);
    if (i == SIZE_MAX)
        return false;
    size_t from = gap_start(p, i), to = p->fields[i].start;
    size_t k = qm_below(c, n_separators);
    if (strlen(separators[k]) == to - from && memcmp(separators[k], p->out + from, to - from) == 0)
        k = (k + 1) % n_separators; /* another one */
    qm_put_replacing(w, p, from, to, separators[k], strlen(separators[k]));
    return true;
}

/* ---- quotes ---- */

bool qm_quoting(const qm_ctx *c, qm_writer *w)
{
    const qm_parsed *p = c->in;
    size_t i = qm_pick_field(c, p, qm_any);
    if (i == SIZE_MAX)
        return false;
    const qm_field *f = &p->fields[i];
    size_t n = f->end - f->start;
    bool quoted = n && p->out[f->start] == '"';
    bool closed = quoted && n > 1 && p->out[f->end - 1] == '"';
    unsigned which = (unsigned)qm_below(c, 3); /* 0: both quotes, 1: the opening one, 2: the closing one */
    qm_edit edits[2];
    size_t n_edits = 0;
    if (quoted) { /* take them away */
        if (which != 2)
            edits[n_edits++] = (qm_edit){f->start, f->start + 1, {{NULL, 0}}, 0};
        if (which != 1 && closed)
            edits[n_edits++] = (qm_edit){f->end - 1, f->end, {{NULL, 0}}, 0};
    } else { /* put them around */
        if (which != 2)
            edits[n_edits++] = (qm_edit){f->start, f->start, {{"\"", 1}}, 1};
        if (which != 1)
            edits[n_edits++] = (qm_edit){f->end, f->end, {{"\"", 1}}, 1};
    }
    if (!n_edits) /* an unclosed quote asked to lose only its closing one: lose the opening one */
        edits[n_edits++] = (qm_edit){f->start, f->start + 1, {{NULL, 0}}, 0};
    qm_put_edits(w, p, edits, n_edits);
    return true;
}
