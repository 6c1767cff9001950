/* plan/rules.c — the cases from chapter 1's rules: the sanity AT first and last, the lower-case prefix,
 * and two extended commands concatenated with the rule's separator. Echo on and off is a spec scenario. */
#include "builder.h"

#include <string.h>

/* The rule whose grammar holds ITEM (a pointer into the spec). */
static const qat_rule *rule_of(const qat_compiled *c, const qat_grammar_item *item)
{
    for (size_t r = 0; item && r < c->spec->n_rules; r++) {
        const qat_rule *rule = &c->spec->rules[r];
        if (item >= rule->grammar && item < rule->grammar + rule->n_grammar)
            return rule;
    }
    return NULL;
}

static const char *chapter_of(plan_builder *b, const char *section)
{
    size_t n = strcspn(section, ".");
    return arena_strndup(b->a, section, n);
}

/* A case of the bare AT command's form sending LINE. */
static void add_at_case(plan_builder *b, plan_kind kind, const char *section, const char *line, const char *title,
                        const char *requirement)
{
    const qat_cform *at = plan_bare_at(b->c);
    plan_case *pc = plan_add_case(b, kind, section, 1);
    pc->command = at->cmd->name;
    pc->title = title;
    pc->requirement = requirement;
    pc->safety = QAT_SAFE;
    pc->weight = PLAN_MUST;
    size_t n;
    const char *const *ok = plan_finals(b, at, true, &n);
    plan_add_send(b, line, ok, n, at->form->max_response_ms);
}

void plan_sanity_case(plan_builder *b)
{
    const qat_rule *prefix_rule = rule_of(b->c, b->c->rules.prefixes);
    const qat_cform *at = plan_bare_at(b->c);
    const char *section = prefix_rule ? chapter_of(b, prefix_rule->section) : at->cmd->section;
    const char *line = plan_line(b, at, (plan_value){0}, QAT_SYNTH_NONE);
    add_at_case(b, PLAN_SANITY, section, line, plan_printf(b, "sanity: %s", line), at->cmd->title);
}

static void lower_case_prefixes(plan_builder *b)
{
    const qat_grammar_item *prefixes = b->c->rules.prefixes;
    const qat_rule *rule = rule_of(b->c, prefixes);
    const qat_cform *at = plan_bare_at(b->c);
    for (size_t i = 1; rule && i < prefixes->n_values; i++) {
        const char *line = plan_printf(b, "%s%.*s", prefixes->values[i], (int)at->name_len, at->name);
        add_at_case(b, PLAN_SYNTAX, rule->section, line, plan_printf(b, "prefix %s", prefixes->values[i]),
                    rule->title);
    }
}

/* A form a concatenated line can hold as is: safe, extended, no fields, no prompt, one reading only. */
static bool concatenable(plan_builder *b, const qat_cform *f)
{
    const qat_param *fields[1];
    return f->form->safety == QAT_SAFE && plan_is_extended(b->c, f) && !f->form->has_prompt &&
           plan_form_fields(f, fields, 1) == 0 && f->form->kind != QAT_FORM_TEST &&
           plan_weight_of(b->c, f->cmd, f->form->name) == PLAN_MUST && f->cmd->source == QAT_SOURCE_MANUAL;
}

static void concatenation(plan_builder *b)
{
    const qat_grammar_item *sep = b->c->rules.separator;
    const qat_rule *rule = rule_of(b->c, sep);
    const qat_cform *pair[2] = {NULL, NULL};
    for (size_t i = 0; i < b->c->n_forms && !pair[1]; i++) {
        const qat_cform *f = &b->c->forms[i];
        if (concatenable(b, f) && (!pair[0] || pair[0]->cmd != f->cmd))
            pair[pair[0] ? 1 : 0] = f;
    }
    if (!rule || !sep->n_values || !pair[1])
        return;
    const char *first = plan_line(b, pair[0], (plan_value){0}, QAT_SYNTH_NONE);
    const char *second = plan_line(b, pair[1], (plan_value){0}, QAT_SYNTH_NONE);
    size_t prefix = strlen(b->c->rules.prefixes->values[0]);
    const char *line = plan_printf(b, "%s%s%s", first, sep->values[0], second + prefix);
    plan_case *pc = plan_add_case(b, PLAN_SYNTAX, rule->section, 1);
    pc->title = plan_printf(b, "concatenated %s", line);
    pc->requirement = rule->title;
    pc->safety = QAT_SAFE;
    pc->weight = PLAN_MUST;
    size_t n;
    const char *const *ok = plan_finals(b, pair[1], true, &n);
    uint32_t timeout = pair[0]->form->max_response_ms + pair[1]->form->max_response_ms;
    plan_add_send(b, line, ok, n, timeout);
}

void plan_syntax_cases(plan_builder *b)
{
    lower_case_prefixes(b);
    concatenation(b);
}
