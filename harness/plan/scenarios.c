/* plan/scenarios.c — the behaviour scenarios the spec writes as steps (specs/06-scenarios.yaml), each one
 * case of the plan whose steps are the scenario's, timeouts from the forms and URCs they name. */
#include "builder.h"
#include "spec.h"

#include <stdio.h>
#include <string.h>

static bool needs_echo_peer(const qat_scenario *sc)
{
    static const char *const peer_vars[] = {"echo_host", "echo_port"};
    for (size_t i = 0; i < sc->n_steps; i++)
        for (size_t v = 0; v < sizeof peer_vars / sizeof peer_vars[0]; v++)
            if (scenario_uses_var(sc->steps[i].send, peer_vars[v]))
                return true;
    return false;
}

/* The bound the spec gives a URC after a form that lists it (the first such form), or 0. */
static uint32_t urc_within(const qat_compiled *c, const char *urc)
{
    for (size_t i = 0; i < c->n_forms; i++)
        for (size_t k = 0; k < c->forms[i].form->n_urcs; k++)
            if (strcmp(c->forms[i].form->urcs[k].urc, urc) == 0 && c->forms[i].form->urcs[k].within_ms)
                return c->forms[i].form->urcs[k].within_ms;
    return 0;
}

static const char *const *captures_of(plan_builder *b, const qat_scenario_step *st)
{
    const char **v = arena_array(b->a, st->n_captures ? st->n_captures : 1, sizeof *v);
    for (size_t i = 0; i < st->n_captures; i++)
        v[i] = plan_printf(b, "%s=%s", st->captures[i].var, st->captures[i].param);
    return v;
}

static void copy_checks(plan_builder *b, plan_step *s, const qat_scenario_step *st)
{
    s->lines = st->lines;
    s->n_lines = st->n_lines;
    s->capture = captures_of(b, st);
    s->n_capture = st->n_captures;
    s->payload = st->payload;
    s->payload_len = st->payload ? strlen(st->payload) : 0;
}

static bool add_send(plan_builder *b, plan_case *pc, const qat_scenario_step *st, char *err, size_t err_size)
{
    scenario_line sl;
    bool parsed = scenario_line_parse(b->c, st->send, &sl);
    if (!sl.form) {
        snprintf(err, err_size, "%s:%u:%u: step sends '%s', which is no form of the spec", st->loc.file, st->loc.line,
                 st->loc.col, st->send);
        return false;
    }
    const qat_form *form = sl.form->form;
    size_t n = st->n_accept;
    const char *const *accept = n ? st->accept : plan_finals(b, sl.form, parsed, &n);
    plan_step *s = plan_add_send(b, st->send, accept, n, form->max_response_ms);
    if (st->data || st->data_bytes) {
        s->data = st->data ? st->data : plan_sample_data(b, st->data_bytes);
        s->data_len = st->data ? strlen(st->data) : st->data_bytes;
        s->data_ctrl_z = st->ctrl_z;
    }
    copy_checks(b, s, st);
    if (form->safety > pc->safety)
        pc->safety = form->safety;
    if (plan_weight_of(b->c, sl.form->cmd, form->name) == PLAN_SHOULD)
        pc->weight = PLAN_SHOULD;
    return true;
}

static void add_urc(plan_builder *b, const qat_scenario_step *st, uint32_t previous_timeout)
{
    plan_step *s = plan_add_step(b, PLAN_STEP_URC);
    s->urc = st->urc;
    uint32_t within = urc_within(b->c, st->urc);
    s->timeout_ms = within ? within : previous_timeout;
    copy_checks(b, s, st);
}

static bool plan_scenario(plan_builder *b, const qat_scenario *sc, char *err, size_t err_size)
{
    plan_case *pc = plan_add_case(b, sc->syntax ? PLAN_SYNTAX : PLAN_SCENARIO, sc->section, sc->n_steps);
    pc->title = sc->title;
    pc->requirement = sc->doc ? sc->doc : sc->title;
    pc->safety = QAT_SAFE;
    pc->weight = PLAN_MUST;
    pc->needs_echo_peer = needs_echo_peer(sc);
    uint32_t previous = plan_bare_at(b->c)->form->max_response_ms;
    for (size_t i = 0; i < sc->n_steps; i++) {
        const qat_scenario_step *st = &sc->steps[i];
        if (st->urc) {
            add_urc(b, st, previous);
        } else {
            if (!add_send(b, pc, st, err, err_size))
                return false;
            previous = pc->steps[pc->n_steps - 1].timeout_ms;
        }
    }
    return true;
}

bool plan_scenario_cases(plan_builder *b, char *err, size_t err_size)
{
    for (size_t i = 0; i < b->c->spec->n_scenarios; i++)
        if (!plan_scenario(b, &b->c->spec->scenarios[i], err, err_size))
            return false;
    return true;
}

bool plan_scenario_sends(const qat_compiled *c, const qat_cform *form)
{
    for (size_t i = 0; i < c->spec->n_scenarios; i++)
        for (size_t k = 0; k < c->spec->scenarios[i].n_steps; k++) {
            const qat_scenario_step *st = &c->spec->scenarios[i].steps[k];
            scenario_line sl;
            if (st->send && scenario_line_parse(c, st->send, &sl) && sl.form->cmd == form->cmd)
                return true;
        }
    return false;
}
