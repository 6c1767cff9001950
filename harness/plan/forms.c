/* plan/forms.c — the valid cases: every form of every command as the spec writes it, once with its
 * optional parts left out and once per bound of each int range and per enum value; state put back after. */
#include "builder.h"

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

typedef struct {
    const qat_cform *form;
    const qat_param *fields[PLAN_MAX_FIELDS];
    size_t n_fields;
    plan_restore restore;
    bool all_finals; /* a scenario checks its command's success in context (or a call would): alone, any final
                      * listed is its answer */
    const char **lines; /* the lines given a case so far: each once */
    size_t n_lines;
} form_plan;

/* The values the restoring line needs, read by the command's query form before the change. */
static void add_query_step(plan_builder *b, const plan_restore *r)
{
    size_t n;
    const char *const *ok = plan_finals(b, r->query, true, &n);
    plan_step *s = plan_add_send(b, r->query_line, ok, n, r->query->form->max_response_ms);
    s->capture = r->capture;
    s->n_capture = r->n_capture;
}

/* A disruptive change and its undoing on one command line (1.2's concatenation): the final result code
 * comes after both, over the link as it was (ATS3=127S3=13, AT+IPR=9600;+IPR=115200). */
static const char *on_one_line(plan_builder *b, const qat_cform *form, const char *line, const char *restore)
{
    const char *sep = plan_is_extended(b->c, form) && b->c->rules.separator ? b->c->rules.separator->values[0] : "";
    return plan_printf(b, "%s%s%s", line, sep, restore + strlen(b->c->rules.prefixes->values[0]));
}

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
    pc->informational = cmd->source == QAT_SOURCE_STANDARD;
    pc->title = what ? plan_printf(b, "%s %s: %s", cmd->name, form->form->name, what)
                     : plan_printf(b, "%s %s", cmd->name, form->form->name);
    const char *doc = set.param && set.param->doc ? set.param->doc : form->form->doc ? form->form->doc : cmd->title;
    pc->requirement = set.param ? plan_printf(b, "<%s>: %s", set.param->name, doc) : doc;
    pc->safety = form->form->safety;
    pc->weight = plan_weight_of(b->c, cmd, form->form->name);
    size_t n;
    const char *const *ok = fp->all_finals ? form->form->final : plan_finals(b, form, true, &n);
    if (fp->all_finals)
        n = form->form->n_final;
    const plan_restore *r = &fp->restore;
    bool restores = r->line && strcmp(r->line, line) != 0;
    if (restores && r->query)
        add_query_step(b, r);
    if (restores && form->form->safety == QAT_DISRUPTIVE)
        line = on_one_line(b, form, line, r->line);
    plan_step *s = plan_add_send(b, line, ok, n, form->form->max_response_ms);
    if (form->form->has_prompt)
        add_prompt_data(b, s, form, set);
    if (restores && form->form->safety != QAT_DISRUPTIVE)
        plan_add_send(b, r->line, ok, n, form->form->max_response_ms);
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
    plan_restore_of(b, form, fp.fields, fp.n_fields, &fp.restore);
    /* a form that may go online (CONNECT) is taken alone by whichever final it gives: the runner does not drive the
     * online data state (the client tests dial), so its generic case must not need a call to be up */
    fp.all_finals = plan_scenario_sends(b->c, form) || plan_goes_online(b, form);
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
