/* plan/build.c — the test plan of a spec: a sanity case first and last, then the valid, invalid, syntax
 * and scenario cases (plan/forms.c, plan/invalid.c, plan/rules.c, plan/scenarios.c), numbered per section. */
#include "builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void finish(plan_builder *b, plan *p)
{
    p->cases = arena_copy(b->a, b->cases, b->n, sizeof *b->cases);
    p->n_cases = b->n;
    free(b->cases);
    free(b->sections);
}

bool plan_build(plan *p, const qat_compiled *spec, arena *a, char *err, size_t err_size)
{
    *p = (plan){0};
    if (!plan_bare_at(spec)) {
        snprintf(err, err_size, "the spec has no bare AT command (an exec form with nothing after the prefix)");
        return false;
    }
    plan_builder b = {.a = a, .c = spec};
    /* scenarios before the single-command cases: they start from the state the module boots in, and a
     * valid case of a command without defaults (AT+QIACT=15) may leave state behind */
    plan_sanity_case(&b);
    plan_syntax_cases(&b);
    bool ok = plan_scenario_cases(&b, err, err_size);
    plan_valid_cases(&b);
    plan_invalid_cases(&b);
    plan_sanity_case(&b);
    finish(&b, p);
    return ok;
}

const char *plan_kind_name(plan_kind k)
{
    static const char *const names[PLAN_KIND_COUNT] = {"sanity", "valid", "invalid", "syntax", "scenario"};
    return (unsigned)k < PLAN_KIND_COUNT ? names[k] : NULL;
}

const char *plan_weight_name(plan_weight w) { return w == PLAN_MUST ? "MUST" : w == PLAN_SHOULD ? "SHOULD" : NULL; }
