/* plan/restore.c — how a valid case puts back the state it changed: the form again with the params'
 * defaults, or, for values without a default, the values its command's query form read before the change. */
#include "builder.h"

#include <stdio.h>
#include <string.h>

/* An int or enum with more than one value: the one a change may leave behind must be known to undo it. */
static bool needs_value(const qat_param *p)
{
    bool one_int = p->type == QAT_TYPE_INT && p->n_ranges == 1 && p->ranges[0].lo == p->ranges[0].hi;
    bool one_word = p->type == QAT_TYPE_ENUM && p->n_enum_values == 1;
    return (p->type == QAT_TYPE_INT || p->type == QAT_TYPE_ENUM) && !one_int && !one_word;
}

/* True when PATTERN has FIELD ("<format>") outside every optional "[...]" part: each answer shows it. */
static bool shows_always(const char *pattern, const char *field)
{
    size_t n = strlen(field);
    int depth = 0;
    for (const char *s = pattern; *s; s++) {
        depth += (*s == '[') - (*s == ']');
        if (depth == 0 && strncmp(s, field, n) == 0)
            return true;
    }
    return false;
}

/* True when a response line of Q always present (min >= 1) always has the field <NAME>. */
static bool query_shows(const qat_cform *q, const char *name)
{
    char field[128];
    snprintf(field, sizeof field, "<%s>", name);
    for (size_t i = 0; i < q->form->n_response; i++)
        if (q->form->response[i].min >= 1 && shows_always(q->form->response[i].pattern, field))
            return true;
    return false;
}

/* The query form of FORM's command that shows every defaultless field, or NULL. */
static const qat_cform *query_for(plan_builder *b, const qat_cform *form, const qat_param *const *fields, size_t n)
{
    for (size_t i = 0; i < b->c->n_forms; i++) {
        const qat_cform *q = &b->c->forms[i];
        if (q->cmd != form->cmd || q->form->kind != QAT_FORM_QUERY)
            continue;
        bool all = true;
        for (size_t k = 0; k < n && all; k++)
            all = !needs_value(fields[k]) || fields[k]->has_default || query_shows(q, fields[k]->name);
        if (all)
            return q;
    }
    return NULL;
}

static size_t undefaulted(const qat_param *const *fields, size_t n, const qat_param **out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (needs_value(fields[i]) && !fields[i]->has_default)
            out[m++] = fields[i];
    return m;
}

void plan_restore_of(plan_builder *b, const qat_cform *form, const qat_param *const *fields, size_t n,
                     plan_restore *out)
{
    *out = (plan_restore){0};
    if (form->form->safety == QAT_SAFE || n == 0)
        return;
    const qat_param *missing[PLAN_MAX_FIELDS];
    size_t m = undefaulted(fields, n, missing);
    if (m == 0) {
        out->line = plan_line(b, form, (plan_value){0}, QAT_SYNTH_ALL);
        return;
    }
    const qat_cform *q = query_for(b, form, fields, n);
    if (!q)
        return;
    const char **capture = arena_array(b->a, m, sizeof *capture);
    plan_value vars[PLAN_MAX_FIELDS];
    for (size_t i = 0; i < m; i++) {
        capture[i] = plan_printf(b, "%s=%s", missing[i]->name, missing[i]->name);
        vars[i] = (plan_value){missing[i], plan_printf(b, "${%s}", missing[i]->name)};
    }
    out->query = q;
    out->query_line = plan_line(b, q, (plan_value){0}, QAT_SYNTH_NONE);
    out->capture = capture;
    out->n_capture = m;
    out->line = plan_line_values(b, form, vars, m, QAT_SYNTH_ALL);
}
