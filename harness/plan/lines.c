/* plan/lines.c — the command lines of the plan, written by the synthesizer from a form's compiled syntax:
 * every field at a valid default unless the case sets it, so nothing about a command is spelled in C. */
#include "builder.h"
#include "qat_cmdline.h"

#include <inttypes.h>
#include <string.h>

#define PLAN_LINE_MAX 4096

const char *plan_default_text(plan_builder *b, const qat_param *p)
{
    if (p->type == QAT_TYPE_INT && p->has_default)
        return plan_printf(b, "%" PRId64, p->default_int);
    if (p->type == QAT_TYPE_ENUM && p->has_default)
        return p->default_str;
    if (p->type == QAT_TYPE_INT && p->n_ranges)
        return plan_printf(b, "%" PRId64, p->ranges[0].lo);
    if (p->type == QAT_TYPE_ENUM && p->n_enum_values)
        return p->enum_values[0];
    return NULL;
}

typedef struct {
    plan_builder *b;
    const plan_value *values;
    size_t n;
} line_pick;

static const char *pick(void *user, const qat_param *p)
{
    line_pick *lp = user;
    for (size_t i = 0; i < lp->n; i++)
        if (p == lp->values[i].param)
            return lp->values[i].text;
    return plan_default_text(lp->b, p);
}

char *plan_line(plan_builder *b, const qat_cform *form, plan_value set, qat_synth_optional opt)
{
    return plan_line_values(b, form, &set, set.param ? 1 : 0, opt);
}

bool plan_is_extended(const qat_compiled *c, const qat_cform *form)
{
    const qat_grammar_item *starts = c->rules.extended_starts;
    return starts && qat_item_prefix(starts, form->name, form->name_len) > 0;
}

char *plan_line_values(plan_builder *b, const qat_cform *form, const plan_value *values, size_t n,
                       qat_synth_optional opt)
{
    const qat_grammar_item *prefixes = b->c->rules.prefixes;
    const char *prefix = prefixes && prefixes->n_values ? prefixes->values[0] : "";
    line_pick lp = {b, values, n};
    qat_synth_opts o = {.values = QAT_SYNTH_LOWEST, .optional = opt, .max_repeat = 1, .pick = pick, .user = &lp};
    char buf[PLAN_LINE_MAX];
    size_t plen = strlen(prefix);
    if (plen >= sizeof buf)
        return NULL;
    memcpy(buf, prefix, plen);
    qat_rng rng;
    qat_rng_seed(&rng, 1);
    qat_synth_result r = qat_synth_line(&form->syntax, &o, &rng, buf + plen, sizeof buf - plen);
    if (r.status != QAT_SYNTH_OK)
        return NULL;
    return arena_strndup(b->a, buf, plen + r.len);
}

size_t plan_form_fields(const qat_cform *form, const qat_param **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < form->syntax.n_ops; i++) {
        const qat_op *op = &form->syntax.ops[i];
        const qat_param *ps[2] = {op->param, op->param2};
        if (op->kind != QAT_OP_FIELD && op->kind != QAT_OP_EITHER)
            continue;
        for (size_t k = 0; k < 2; k++) {
            bool seen = !ps[k];
            for (size_t j = 0; j < n && !seen; j++)
                seen = out[j] == ps[k];
            if (!seen && n < max)
                out[n++] = ps[k];
        }
    }
    return n;
}

const char *plan_rule_literal(const qat_compiled *c, const char *key)
{
    for (size_t r = 0; r < c->spec->n_rules; r++)
        for (size_t i = 0; i < c->spec->rules[r].n_grammar; i++) {
            const qat_grammar_item *it = &c->spec->rules[r].grammar[i];
            if (strcmp(it->key, key) == 0 && it->n_values)
                return it->values[0];
        }
    return NULL;
}

bool plan_line_parses(const qat_compiled *c, const char *line)
{
    qat_cmd cmds[8];
    qat_field fields[64];
    return qat_cmdline_parse(c, line, strlen(line), cmds, 8, fields, 64).status == QAT_CMDLINE_OK;
}

char *plan_sample_data(plan_builder *b, size_t len)
{
    static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    char *d = arena_alloc(b->a, len + 1);
    for (size_t i = 0; i < len; i++)
        d[i] = alphabet[i % (sizeof alphabet - 1)];
    return d;
}

void plan_add_at_step(plan_builder *b)
{
    const qat_cform *at = plan_bare_at(b->c);
    size_t n;
    const char *const *ok = plan_finals(b, at, true, &n);
    plan_add_send(b, plan_line(b, at, (plan_value){0}, QAT_SYNTH_NONE), ok, n, at->form->max_response_ms);
}
