/* test_plan.c — plan_build on the shipped spec: every form has a valid case, every int bound and enum value
 * is sent, ids are unique and name sections of the spec, invalid cases are refused and end with AT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "qat_cmdline.h"
#include "spec.h"

static spec_opened spec;
static plan the_plan;

static int setup(void **state)
{
    (void)state;
    char err[512] = "";
    if (!spec_open(&spec, QAT_SPEC_DIR, "test_plan") || !plan_build(&the_plan, &spec.c, &spec.a, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    spec_close(&spec);
    return 0;
}

/* LINE with each ${var} read as "0" (a valid int and string), as lint reads scenario lines. */
static const char *placeholders(const char *line)
{
    static char out[1024];
    size_t n = 0;
    for (const char *p = line; *p && n + 2 < sizeof out;) {
        const char *end = p[0] == '$' && p[1] == '{' ? strchr(p, '}') : NULL;
        out[n++] = end ? '0' : *p;
        p = end ? end + 1 : p + 1;
    }
    out[n] = '\0';
    return out;
}

/* The form of the spec LINE is, by the command-line parser, or NULL. */
static const qat_cform *form_of(const char *line)
{
    qat_cmd cmds[8];
    qat_field fields[64];
    qat_cmdline r = qat_cmdline_parse(&spec.c, line, strlen(line), cmds, 8, fields, 64);
    return r.status == QAT_CMDLINE_OK && r.n_cmds == 1 ? cmds[0].forms[0] : NULL;
}

/* True when a command of a step of a valid case is a line of F. */
static bool valid_case_sends_form(const qat_cform *f)
{
    for (size_t i = 0; i < the_plan.n_cases; i++) {
        const plan_case *pc = &the_plan.cases[i];
        for (size_t s = 0; pc->kind == PLAN_VALID && s < pc->n_steps; s++) {
            qat_cmd cmds[8];
            qat_field fields[64];
            const char *line = placeholders(pc->steps[s].send);
            qat_cmdline r = qat_cmdline_parse(&spec.c, line, strlen(line), cmds, 8, fields, 64);
            for (size_t c = 0; r.status == QAT_CMDLINE_OK && c < r.n_cmds; c++)
                for (size_t k = 0; k < cmds[c].n_forms; k++)
                    if (cmds[c].forms[k] == f)
                        return true;
        }
    }
    return false;
}

static void every_form_has_a_valid_case(void **state)
{
    (void)state;
    for (size_t i = 0; i < spec.c.n_forms; i++) {
        const qat_cform *f = &spec.c.forms[i];
        if (!valid_case_sends_form(f))
            fail_msg("%s %s has no valid case", f->cmd->name, f->form->name);
    }
}

static bool has_field(const qat_field *fields, size_t n, const qat_param *p, const char *text)
{
    for (size_t k = 0; k < n; k++)
        if (fields[k].param == p && fields[k].len == strlen(text) && memcmp(fields[k].text, text, fields[k].len) == 0)
            return true;
    return false;
}

/* True when the first command of a step of a valid case of FORM's command sends P at TEXT (quotes
 * stripped; a later command of the line undoes it); the line is also read by FORM's own syntax
 * (AT+QIRD=0,0 is both the set form's <read_length> 0 and the query form). */
static bool value_sent(const qat_cform *form, const qat_param *p, const char *text)
{
    size_t prefix = strlen(spec.c.rules.prefixes->values[0]);
    for (size_t i = 0; i < the_plan.n_cases; i++) {
        const plan_case *pc = &the_plan.cases[i];
        if (pc->kind != PLAN_VALID || !pc->command || strcmp(pc->command, form->cmd->name) != 0)
            continue;
        for (size_t s = 0; s < pc->n_steps; s++) {
            const char *line = placeholders(pc->steps[s].send);
            qat_cmd cmds[8];
            qat_field fields[64];
            qat_cmdline r = qat_cmdline_parse(&spec.c, line, strlen(line), cmds, 8, fields, 64);
            if (r.status == QAT_CMDLINE_OK && has_field(fields + cmds[0].first_field, cmds[0].n_fields, p, text))
                return true;
            qat_match m = qat_grammar_match(&form->syntax, line + prefix, strlen(line + prefix), fields, 64);
            if (m.status == QAT_MATCH_OK && has_field(fields, m.n_fields, p, text))
                return true;
        }
    }
    return false;
}

static void check_values_of(const qat_cform *f, const qat_param *p)
{
    char text[32];
    for (size_t r = 0; p->type == QAT_TYPE_INT && r < p->n_ranges; r++) {
        int64_t ends[2] = {p->ranges[r].lo, p->ranges[r].hi};
        for (size_t e = 0; e < 2; e++) {
            snprintf(text, sizeof text, "%" PRId64, ends[e]);
            if (!value_sent(f, p, text))
                fail_msg("%s %s: <%s> bound %s is never sent", f->cmd->name, f->form->name, p->name, text);
        }
    }
    for (size_t v = 0; p->type == QAT_TYPE_ENUM && v < p->n_enum_values; v++)
        if (!value_sent(f, p, p->enum_values[v]))
            fail_msg("%s %s: <%s> value %s is never sent", f->cmd->name, f->form->name, p->name, p->enum_values[v]);
}

static void every_bound_and_enum_value_is_sent(void **state)
{
    (void)state;
    for (size_t i = 0; i < spec.c.n_forms; i++) {
        const qat_cform *f = &spec.c.forms[i];
        for (size_t o = 0; o < f->syntax.n_ops; o++)
            if (f->syntax.ops[o].kind == QAT_OP_FIELD)
                check_values_of(f, f->syntax.ops[o].param);
    }
}

static bool section_in_toc(const char *section)
{
    for (size_t i = 0; i < spec.c.spec->n_toc; i++)
        if (strcmp(spec.c.spec->toc[i], section) == 0)
            return true;
    return false;
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void ids_are_unique_and_sections_exist(void **state)
{
    (void)state;
    const char **ids = calloc(the_plan.n_cases, sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 0; i < the_plan.n_cases; i++) {
        const plan_case *pc = &the_plan.cases[i];
        char prefix[64];
        snprintf(prefix, sizeof prefix, "qat/%s/", pc->section);
        assert_true(strncmp(pc->id, prefix, strlen(prefix)) == 0);
        if (!section_in_toc(pc->section))
            fail_msg("case %s: section %s is not in the spec", pc->id, pc->section);
        ids[i] = pc->id;
    }
    qsort(ids, the_plan.n_cases, sizeof *ids, compare_ids);
    for (size_t i = 1; i < the_plan.n_cases; i++)
        if (strcmp(ids[i - 1], ids[i]) == 0)
            fail_msg("id %s given twice", ids[i]);
    free(ids);
}

static void invalid_cases_are_refused_then_at(void **state)
{
    (void)state;
    const qat_cform *at = form_of("AT");
    assert_non_null(at);
    size_t n = 0;
    for (size_t i = 0; i < the_plan.n_cases; i++) {
        const plan_case *pc = &the_plan.cases[i];
        if (pc->kind != PLAN_INVALID)
            continue;
        n++;
        assert_int_equal(pc->n_steps, 2);
        const plan_step *bad = &pc->steps[0], *after = &pc->steps[1];
        assert_null(form_of(bad->send)); /* the grammar refuses it */
        assert_true(bad->n_accept > 0);
        for (size_t k = 0; k < bad->n_accept; k++)
            if (strcmp(bad->accept[k], "ERROR") != 0 && strcmp(bad->accept[k], "CME_ERROR") != 0)
                fail_msg("case %s accepts %s", pc->id, bad->accept[k]);
        assert_ptr_equal(form_of(after->send), at);
        assert_int_equal(after->n_accept, 1);
        assert_string_equal(after->accept[0], "OK");
    }
    assert_true(n > 0);
}

static void sanity_first_and_last_and_counts(void **state)
{
    (void)state;
    assert_true(the_plan.n_cases >= 2);
    const plan_case *first = &the_plan.cases[0], *last = &the_plan.cases[the_plan.n_cases - 1];
    assert_int_equal(first->kind, PLAN_SANITY);
    assert_int_equal(last->kind, PLAN_SANITY);
    assert_string_equal(first->steps[0].send, "AT");
    size_t counts[PLAN_KIND_COUNT] = {0};
    for (size_t i = 0; i < the_plan.n_cases; i++)
        counts[the_plan.cases[i].kind]++;
    printf("plan: %zu cases:", the_plan.n_cases);
    for (int k = 0; k < PLAN_KIND_COUNT; k++)
        printf(" %zu %s", counts[k], plan_kind_name((plan_kind)k));
    printf("\n");
    assert_int_equal(counts[PLAN_SANITY], 2);
    for (int k = 0; k < PLAN_KIND_COUNT; k++)
        assert_true(counts[k] > 0);
}

static void scenarios_are_planned(void **state)
{
    (void)state;
    const qat_spec *s = spec.c.spec;
    assert_true(s->n_scenarios > 0);
    for (size_t i = 0; i < s->n_scenarios; i++) {
        const qat_scenario *sc = &s->scenarios[i];
        const plan_case *found = NULL;
        for (size_t k = 0; k < the_plan.n_cases && !found; k++)
            if (the_plan.cases[k].title == sc->title)
                found = &the_plan.cases[k];
        if (!found)
            fail_msg("scenario %s is not planned", sc->name);
        assert_int_equal(found->n_steps, sc->n_steps);
        assert_int_equal(found->kind, sc->syntax ? PLAN_SYNTAX : PLAN_SCENARIO);
        bool peer = false;
        for (size_t k = 0; k < sc->n_steps; k++) {
            peer |= sc->steps[k].send && strstr(sc->steps[k].send, "${echo_host}");
            assert_true(found->steps[k].timeout_ms > 0);
        }
        assert_int_equal(found->needs_echo_peer, peer);
    }
}

/* A disruptive value away from its default is set and put back on one line; a stateful one in a later step. */
static void changed_state_is_put_back(void **state)
{
    (void)state;
    size_t one_line = 0, later = 0;
    for (size_t i = 0; i < the_plan.n_cases; i++) {
        const plan_case *pc = &the_plan.cases[i];
        if (pc->kind != PLAN_VALID || pc->safety == QAT_SAFE)
            continue;
        qat_cmd cmds[8];
        qat_field fields[64];
        const char *line = placeholders(pc->steps[pc->n_steps - 1].send);
        qat_cmdline r = qat_cmdline_parse(&spec.c, line, strlen(line), cmds, 8, fields, 64);
        if (pc->safety == QAT_DISRUPTIVE && r.status == QAT_CMDLINE_OK && r.n_cmds == 2)
            one_line++;
        if (pc->safety == QAT_STATEFUL && pc->n_steps >= 2)
            later++;
    }
    assert_true(one_line > 0);
    assert_true(later > 0);
    const plan_case *cfun = NULL;
    for (size_t i = 0; i < the_plan.n_cases && !cfun; i++)
        if (the_plan.cases[i].kind == PLAN_VALID && the_plan.cases[i].n_steps == 2 &&
            the_plan.cases[i].steps[0].n_capture == 1 && strstr(the_plan.cases[i].steps[1].send, "${"))
            cfun = &the_plan.cases[i];
    assert_non_null(cfun); /* a value without a default is read first (AT+CFUN?) and written back as ${var} */
}

/* The plan written as JSON and parsed back with cJSON holds every case, its steps and the counts. */
static void json_round_trip(void **state)
{
    (void)state;
    cJSON *tree = plan_to_json(&the_plan);
    char *text = cJSON_PrintUnformatted(tree);
    cJSON_Delete(tree);
    assert_non_null(text);
    cJSON *back = cJSON_Parse(text);
    cJSON_free(text);
    assert_non_null(back);
    assert_int_equal(cJSON_GetObjectItem(back, "version")->valueint, PLAN_JSON_VERSION);
    const cJSON *cases = cJSON_GetObjectItem(back, "cases");
    assert_int_equal(cJSON_GetArraySize(cases), (int)the_plan.n_cases);
    size_t i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cases) {
        const plan_case *pc = &the_plan.cases[i++];
        assert_string_equal(cJSON_GetObjectItem(c, "id")->valuestring, pc->id);
        assert_string_equal(cJSON_GetObjectItem(c, "kind")->valuestring, plan_kind_name(pc->kind));
        assert_string_equal(cJSON_GetObjectItem(c, "weight")->valuestring, plan_weight_name(pc->weight));
        assert_string_equal(cJSON_GetObjectItem(c, "safety")->valuestring, qat_safety_name(pc->safety));
        const cJSON *steps = cJSON_GetObjectItem(c, "steps");
        assert_int_equal(cJSON_GetArraySize(steps), (int)pc->n_steps);
        const cJSON *first = cJSON_GetArrayItem(steps, 0);
        assert_int_equal(cJSON_GetObjectItem(first, "timeout_ms")->valuedouble, pc->steps[0].timeout_ms);
        if (pc->steps[0].send)
            assert_string_equal(cJSON_GetObjectItem(first, "send")->valuestring, pc->steps[0].send);
        if (pc->steps[0].data)
            assert_int_equal(cJSON_GetObjectItem(first, "data_len")->valuedouble, pc->steps[0].data_len);
    }
    size_t total = 0;
    const cJSON *n;
    cJSON_ArrayForEach(n, cJSON_GetObjectItem(back, "counts")) total += (size_t)n->valuedouble;
    assert_int_equal(total, the_plan.n_cases);
    cJSON_Delete(back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_form_has_a_valid_case),
        cmocka_unit_test(every_bound_and_enum_value_is_sent),
        cmocka_unit_test(ids_are_unique_and_sections_exist),
        cmocka_unit_test(invalid_cases_are_refused_then_at),
        cmocka_unit_test(sanity_first_and_last_and_counts),
        cmocka_unit_test(scenarios_are_planned),
        cmocka_unit_test(changed_state_is_put_back),
        cmocka_unit_test(json_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

