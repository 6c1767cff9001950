/* plan_forms.c — the valid cases: every form of every command as the spec writes it, once with its
 * optional parts left out and once per bound of each int range and per enum value; state put back after. */
#include "plan_builder.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_VARIABLE_SAMPLE 16 /* bytes sent to a variable-length prompt */

static void add_prompt_data(plan_builder *b, plan_step *s, const qat_cform *form, plan_value set)
{
    const qat_prompt *pr = &form->form->prompt;
    size_t len = PLAN_VARIABLE_SAMPLE < pr->max || !pr->max ? PLAN_VARIABLE_SAMPLE : pr->max;
    if (pr->length) {
        const qat_param *lp = qat_params_find(form->cmd->params, form->cmd->n_params, pr->length, strlen(pr->length));
        const char *text = lp && lp == set.param ? set.text : lp ? plan_default_text(b, lp) : NULL;
        len = text ? (size_t)strtoull(text, NULL, 10) : 0;
    }
    s->data = plan_sample_data(b, len);
    s->data_len = len;
    s->data_ctrl_z = pr->length == NULL;
}

/* A non-safe form whose every int and enum field has a default is put back to its defaults. */
static const char *restoring_line(plan_builder *b, const qat_cform *form, const qat_param *const *fields, size_t n)
{
    if (form->form->safety == QAT_SAFE || n == 0)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((fields[i]->type == QAT_TYPE_INT || fields[i]->type == QAT_TYPE_ENUM) && !fields[i]->has_default)
            return NULL;
    return plan_line(b, form, (plan_value){0}, QAT_SYNTH_ALL);
}

typedef struct {
    const qat_cform *form;
    const qat_param *fields[PLAN_MAX_FIELDS];
    size_t n_fields;
    const char *restore;
    bool all_finals; /* a scenario checks its success in context: alone, any final it lists is its answer */
    const char **lines; /* the lines given a case so far: each once */
    size_t n_lines;
} form_plan;

static bool already_planned(form_plan *fp, const char *line)
{
    for (size_t i = 0; i < fp->n_lines; i++)
        if (strcmp(fp->lines[i], line) == 0)
            return true;
    fp->lines[fp->n_lines++] = line;
    return false;
}

static void add_valid_case(plan_builder *b, form_plan *fp, plan_value set, qat_synth_optional opt, const char *what)
{
    const qat_cform *form = fp->form;
    const char *line = plan_line(b, form, set, opt);
    if (!line || already_planned(fp, line))
        return;
    const qat_command *cmd = form->cmd;
    plan_case *pc = plan_add_case(b, PLAN_VALID, cmd->section, PLAN_MAX_GENERATED_STEPS);
    pc->command = cmd->name;
    pc->title = what ? plan_printf(b, "%s %s: %s", cmd->name, form->form->name, what) : plan_printf(b, "%s %s", cmd->name, form->form->name);
    const char *doc = set.param && set.param->doc ? set.param->doc : form->form->doc ? form->form->doc : cmd->title;
    pc->requirement = set.param ? plan_printf(b, "<%s>: %s", set.param->name, doc) : doc;
    pc->safety = form->form->safety;
    pc->weight = plan_weight_of(b->c, cmd, form->form->name);
    size_t n;
    const char *const *ok = fp->all_finals ? form->form->final : plan_finals(b, form, true, &n);
    if (fp->all_finals)
        n = form->form->n_final;
    plan_step *s = plan_add_send(b, line, ok, n, form->form->max_response_ms);
    if (form->form->has_prompt)
        add_prompt_data(b, s, form, set);
    if (fp->restore && strcmp(fp->restore, line) != 0)
        plan_add_send(b, fp->restore, ok, n, form->form->max_response_ms);
}

static void add_bound(plan_builder *b, form_plan *fp, const qat_param *p, int64_t v, const char *which)
{
    const char *text = plan_printf(b, "%" PRId64, v);
    add_valid_case(b, fp, (plan_value){p, text}, QAT_SYNTH_ALL, plan_printf(b, "<%s> %s %s", p->name, which, text));
}

static void add_value_cases(plan_builder *b, form_plan *fp, const qat_param *p)
{
    for (size_t r = 0; p->type == QAT_TYPE_INT && r < p->n_ranges; r++) {
        add_bound(b, fp, p, p->ranges[r].lo, "bound");
        if (p->ranges[r].hi != p->ranges[r].lo)
            add_bound(b, fp, p, p->ranges[r].hi, "bound");
    }
    for (size_t v = 0; p->type == QAT_TYPE_ENUM && v < p->n_enum_values; v++) {
        const char *text = p->enum_values[v];
        add_valid_case(b, fp, (plan_value){p, text}, QAT_SYNTH_ALL, plan_printf(b, "<%s> value %s", p->name, text));
    }
}

static void plan_form(plan_builder *b, const qat_cform *form)
{
    form_plan fp = {.form = form};
    fp.n_fields = plan_form_fields(form, fp.fields, PLAN_MAX_FIELDS);
    fp.restore = restoring_line(b, form, fp.fields, fp.n_fields);
    fp.all_finals = plan_scenario_sends(b->c, form);
    size_t max_lines = 2;
    for (size_t i = 0; i < fp.n_fields; i++)
        max_lines += 2 * fp.fields[i]->n_ranges + fp.fields[i]->n_enum_values;
    fp.lines = arena_array(b->a, max_lines, sizeof *fp.lines);
    add_valid_case(b, &fp, (plan_value){0}, QAT_SYNTH_NONE, NULL);
    for (size_t i = 0; i < fp.n_fields; i++)
        add_value_cases(b, &fp, fp.fields[i]);
}

void plan_valid_cases(plan_builder *b)
{
    for (size_t i = 0; i < b->c->n_forms; i++)
        plan_form(b, &b->c->forms[i]);
}
