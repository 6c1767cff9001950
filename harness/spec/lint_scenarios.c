/* spec/lint_scenarios.c — checks each scenario step against the compiled spec: its send line parses as a form
 * (after ${var} substitution; a line the grammar refuses only when the step accepts failures alone), its
 * results and URC exist, and each capture names a parameter of the answering form's lines or of the URC. */
#include "lint_scenarios.h"
#include "spec.h"

#include <stdio.h>
#include <string.h>

static void report(diag_list *d, qat_srcloc at, const char *fmt, const char *a, const char *b)
{
    diag_add(d, at.file, at.line, at.col, fmt, a, b);
}

static bool accepts_failures_only(const qat_spec *spec, const qat_scenario_step *st)
{
    for (size_t i = 0; i < st->n_accept; i++) {
        const qat_result *r = qat_spec_result(spec, st->accept[i]);
        if (!r || r->success)
            return false;
    }
    return st->n_accept > 0;
}

/* True when a response line of FORM has a field <NAME>. */
static bool form_shows(const qat_form *form, const char *name)
{
    char field[128];
    snprintf(field, sizeof field, "<%s>", name);
    for (size_t i = 0; i < form->n_response; i++)
        if (strstr(form->response[i].pattern, field))
            return true;
    return false;
}

static void check_captures(diag_list *d, const qat_scenario_step *st, const qat_form *form, const qat_urc *urc)
{
    for (size_t i = 0; i < st->n_captures; i++) {
        const qat_capture *cp = &st->captures[i];
        bool found = form ? form_shows(form, cp->param)
                          : urc && qat_params_find(urc->params, urc->n_params, cp->param, strlen(cp->param));
        if (!found)
            report(d, cp->loc, "capture '%s': no parameter <%s> in the step's answer", cp->var, cp->param);
    }
}

static void check_send(const qat_compiled *c, diag_list *d, const qat_scenario_step *st)
{
    scenario_line sl;
    bool parsed = scenario_line_parse(c, st->send, &sl);
    if (!parsed && !(sl.r.status == QAT_CMDLINE_BAD_FORM && accepts_failures_only(c->spec, st))) {
        char why[256];
        qat_cmdline_describe(&sl.r, sl.line, sl.len, why, sizeof why);
        report(d, st->loc, "step sends '%s', which is no form of the spec: %s", st->send, why);
        return;
    }
    for (size_t i = 0; i < st->n_accept; i++)
        if (!qat_spec_result(c->spec, st->accept[i]))
            report(d, st->loc, "step accepts '%s', which is no result of the spec%s", st->accept[i], "");
    check_captures(d, st, parsed ? sl.form->form : NULL, NULL);
}

static void check_urc(const qat_compiled *c, diag_list *d, const qat_scenario_step *st)
{
    const qat_urc *urc = qat_spec_urc(c->spec, st->urc);
    if (!urc) {
        report(d, st->loc, "step waits for URC '%s', which the spec does not define%s", st->urc, "");
        return;
    }
    check_captures(d, st, NULL, urc);
}

void lint_scenarios(const spec_loaded *s, const qat_compiled *c, diag_list *d)
{
    for (size_t i = 0; i < s->spec.n_scenarios; i++) {
        const qat_scenario *sc = &s->spec.scenarios[i];
        for (size_t k = 0; k < sc->n_steps; k++) {
            const qat_scenario_step *st = &sc->steps[k];
            if (st->send)
                check_send(c, d, st);
            else if (st->urc)
                check_urc(c, d, st);
        }
    }
}
