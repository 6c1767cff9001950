/* plan/builder.c — what every case generator builds with: cases numbered per section, steps, command lines' texts
 * in the arena, the result codes a form accepts or refuses with, a case's weight. Calls nothing else of plan/. */
#include "builder.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned next_number(plan_builder *b, const char *section)
{
    for (size_t i = 0; i < b->n_sections; i++)
        if (strcmp(b->sections[i].section, section) == 0)
            return ++b->sections[i].n;
    b->sections = heap_reserve(b->sections, &b->cap_sections, b->n_sections + 1, sizeof *b->sections);
    b->sections[b->n_sections++] = (plan_section_count){section, 1};
    return 1;
}

plan_case *plan_add_case(plan_builder *b, plan_kind kind, const char *section, size_t max_steps)
{
    b->cases = heap_reserve(b->cases, &b->cap, b->n + 1, sizeof *b->cases);
    plan_case *pc = &b->cases[b->n++];
    *pc = (plan_case){0};
    pc->kind = kind;
    pc->section = section;
    pc->id = plan_printf(b, "qat/%s/%u", section, next_number(b, section));
    pc->steps = arena_array(b->a, max_steps ? max_steps : 1, sizeof(plan_step));
    b->step_cap = max_steps;
    return pc;
}

plan_step *plan_add_step(plan_builder *b, plan_step_kind kind)
{
    plan_case *pc = &b->cases[b->n - 1];
    if (pc->n_steps == b->step_cap) {
        fprintf(stderr, "qatspec: internal error: case %s wants more than %zu steps\n", pc->id, b->step_cap);
        abort();
    }
    plan_step *s = (plan_step *)&pc->steps[pc->n_steps++];
    s->kind = kind;
    return s;
}

plan_step *plan_add_send(plan_builder *b, const char *line, const char *const *accept, size_t n, uint32_t timeout_ms)
{
    plan_step *s = plan_add_step(b, PLAN_STEP_SEND);
    s->send = arena_strdup(b->a, line);
    s->accept = accept;
    s->n_accept = n;
    s->timeout_ms = timeout_ms;
    return s;
}

char *plan_printf(plan_builder *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = arena_alloc(b->a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static bool result_listed(const qat_cform *f, size_t result_index) { return f->final_mask >> result_index & 1u; }

const char *const *plan_finals(plan_builder *b, const qat_cform *form, bool success, size_t *n)
{
    const char **names = arena_array(b->a, b->c->n_results, sizeof *names);
    *n = 0;
    for (size_t i = 0; i < b->c->n_results; i++)
        if (result_listed(form, i) && b->c->results[i].result->success == success)
            names[(*n)++] = b->c->results[i].result->name;
    return names;
}

bool plan_goes_online(const plan_builder *b, const qat_cform *f)
{
    for (size_t i = 0; i < b->c->n_results; i++)
        if (b->c->results[i].result->kind == QAT_RESULT_INTERMEDIATE && result_listed(f, i))
            return true;
    return false;
}

const char *const *plan_refusals(plan_builder *b, size_t *n)
{
    const char **names = arena_array(b->a, b->c->n_results, sizeof *names);
    *n = 0;
    for (size_t i = 0; i < b->c->n_results; i++) {
        const qat_result *r = b->c->results[i].result;
        if (r->kind != QAT_RESULT_FINAL || r->success)
            continue;
        for (size_t f = 0; f < b->c->n_forms; f++)
            if (!b->c->forms[f].form->has_prompt && !plan_goes_online(b, &b->c->forms[f]) &&
                result_listed(&b->c->forms[f], i)) {
                names[(*n)++] = r->name;
                break;
            }
    }
    return names;
}

const qat_cform *plan_bare_at(const qat_compiled *c)
{
    for (size_t i = 0; i < c->n_commands; i++)
        if (c->commands[i].name_len == 0)
            for (size_t f = 0; f < c->commands[i].n_forms; f++)
                if (c->commands[i].forms[f].form->kind == QAT_FORM_EXEC)
                    return &c->commands[i].forms[f];
    return NULL;
}

plan_weight plan_weight_of(const qat_compiled *c, const qat_command *cmd, const char *form)
{
    if (cmd->source != QAT_SOURCE_MANUAL)
        return PLAN_SHOULD;
    for (size_t i = 0; i < c->spec->n_errata; i++) {
        const qat_erratum *e = &c->spec->errata[i];
        if (e->command && strcmp(e->command, cmd->name) == 0 && (!e->form || !form || strcmp(e->form, form) == 0))
            return PLAN_SHOULD;
    }
    return PLAN_MUST;
}
