/* plan/invalid.c — the invalid cases: a value out of range, of the wrong type, a parameter missing or one
 * too many, an unknown command. Each must be refused (a failure final) and AT must still answer after it. */
#include "builder.h"
#include "qat_cmdline.h"

#include <inttypes.h>
#include <string.h>

#define WRONG_TYPE_TEXT "\"x\"" /* a quoted string where an int belongs */
#define SENTINEL "\x01"         /* marks the field a missing-parameter line is cut at */

static bool in_values(const qat_param *p, int64_t v)
{
    for (size_t r = 0; r < p->n_ranges; r++)
        if (v >= p->ranges[r].lo && v <= p->ranges[r].hi)
            return true;
    return false;
}

/* A case sending LINE, which the spec's grammar must not accept (else it is no invalid case). */
static void add_invalid_case(plan_builder *b, const qat_cform *form, const char *line, const qat_param *p,
                             const char *what)
{
    if (!line || plan_line_parses(b->c, line))
        return;
    const qat_command *cmd = form->cmd;
    plan_case *pc = plan_add_case(b, PLAN_INVALID, cmd->section, PLAN_MAX_GENERATED_STEPS);
    pc->command = cmd->name;
    pc->informational = cmd->source == QAT_SOURCE_STANDARD;
    pc->title = plan_printf(b, "%s %s: %s", cmd->name, form->form->name, what);
    const char *doc = p && p->doc ? p->doc : form->form->doc ? form->form->doc : cmd->title;
    pc->requirement = p ? plan_printf(b, "<%s>: %s", p->name, doc) : doc;
    pc->safety = form->form->safety;
    pc->weight = plan_weight_of(b->c, cmd, form->form->name);
    size_t n;
    const char *const *refusals = plan_refusals(b, &n);
    plan_add_send(b, line, refusals, n, form->form->max_response_ms);
    plan_add_at_step(b);
}

static void out_of_range(plan_builder *b, const qat_cform *form, const qat_param *p)
{
    if (p->type != QAT_TYPE_INT || p->n_ranges == 0)
        return;
    int64_t lo = p->ranges[0].lo, hi = p->ranges[p->n_ranges - 1].hi;
    int64_t outside[2];
    size_t n = 0;
    if (lo > INT64_MIN && !in_values(p, lo - 1))
        outside[n++] = lo - 1;
    if (hi < INT64_MAX && !in_values(p, hi + 1))
        outside[n++] = hi + 1;
    for (size_t i = 0; i < n; i++) {
        const char *text = plan_printf(b, "%" PRId64, outside[i]);
        add_invalid_case(b, form, plan_line(b, form, (plan_value){p, text}, QAT_SYNTH_ALL), p,
                         plan_printf(b, "<%s> out of range %s", p->name, text));
    }
}

static void wrong_type(plan_builder *b, const qat_cform *form, const qat_param *p)
{
    if (p->type != QAT_TYPE_INT || p->quoted)
        return;
    add_invalid_case(b, form, plan_line(b, form, (plan_value){p, WRONG_TYPE_TEXT}, QAT_SYNTH_ALL), p,
                     plan_printf(b, "<%s> a string, not an int", p->name));
}

/* The last field outside every optional part, or NULL. */
static const qat_param *last_mandatory(const qat_cform *form)
{
    const qat_param *last = NULL;
    for (size_t i = 0; i < form->syntax.n_ops; i++) {
        const qat_op *op = &form->syntax.ops[i];
        if (op->kind == QAT_OP_GROUP)
            i = op->other;
        else if (op->kind == QAT_OP_FIELD || op->kind == QAT_OP_EITHER)
            last = op->param;
    }
    return last;
}

static void missing_parameter(plan_builder *b, const qat_cform *form, const char *separator)
{
    const qat_param *p = last_mandatory(form);
    char *line = p ? plan_line(b, form, (plan_value){p, SENTINEL}, QAT_SYNTH_NONE) : NULL;
    char *cut = line ? strstr(line, SENTINEL) : NULL;
    if (!cut)
        return;
    if (p->quoted && cut > line && cut[-1] == '"')
        cut--;
    size_t sep = separator ? strlen(separator) : 0;
    if (sep && (size_t)(cut - line) >= sep && memcmp(cut - sep, separator, sep) == 0)
        cut -= sep;
    *cut = '\0';
    add_invalid_case(b, form, line, p, plan_printf(b, "<%s> missing", p->name));
}

static void extra_parameter(plan_builder *b, const qat_cform *form, const qat_param *p, const char *separator)
{
    const char *line = plan_line(b, form, (plan_value){0}, QAT_SYNTH_ALL);
    const char *value = plan_default_text(b, p);
    if (line && separator)
        add_invalid_case(b, form, plan_printf(b, "%s%s%s", line, separator, value ? value : "0"), NULL,
                         "one parameter too many");
}

static void plan_form_invalid(plan_builder *b, const qat_cform *form, const char *separator)
{
    const qat_param *fields[PLAN_MAX_FIELDS];
    size_t n = plan_form_fields(form, fields, PLAN_MAX_FIELDS);
    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        out_of_range(b, form, fields[i]);
    for (size_t i = 0; i < n; i++)
        wrong_type(b, form, fields[i]);
    missing_parameter(b, form, separator);
    extra_parameter(b, form, fields[n - 1], separator);
}

/* A name after START that no command of the spec begins with: START and a letter, then "X". */
static const char *unknown_name(plan_builder *b, const char *start)
{
    const char *prefix = b->c->rules.prefixes->values[0];
    for (char letter = 'Z'; letter >= 'A'; letter--) {
        const char *line = plan_printf(b, "%s%s%cX", prefix, start, letter);
        qat_cmd cmds[2];
        qat_field fields[2];
        if (qat_cmdline_parse(b->c, line, strlen(line), cmds, 2, fields, 2).status == QAT_CMDLINE_UNKNOWN_COMMAND)
            return line;
    }
    return NULL;
}

static void unknown_command(plan_builder *b, const qat_grammar_item *starts)
{
    size_t n;
    const char *const *refusals = plan_refusals(b, &n);
    const qat_result *refusal = n ? qat_spec_result(b->c->spec, refusals[0]) : NULL;
    for (size_t i = 0; refusal && starts && i < starts->n_values; i++) {
        const char *line = unknown_name(b, starts->values[i]);
        if (!line)
            continue;
        plan_case *pc = plan_add_case(b, PLAN_INVALID, refusal->section, PLAN_MAX_GENERATED_STEPS);
        pc->title = plan_printf(b, "unknown command %s", line);
        pc->requirement = refusal->doc ? refusal->doc : refusal->title;
        pc->safety = QAT_SAFE;
        pc->weight = refusal->source == QAT_SOURCE_MANUAL ? PLAN_MUST : PLAN_SHOULD;
        plan_add_send(b, line, refusals, n, plan_bare_at(b->c)->form->max_response_ms);
        plan_add_at_step(b);
    }
}

void plan_invalid_cases(plan_builder *b)
{
    const char *separator = plan_rule_literal(b->c, "parameter_separator");
    for (size_t i = 0; i < b->c->n_forms; i++)
        plan_form_invalid(b, &b->c->forms[i], separator);
    unknown_command(b, b->c->rules.extended_starts);
    unknown_command(b, b->c->rules.basic_starts);
}
