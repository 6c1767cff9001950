/* stand_in_plan_names.c — plan_kind_name and plan_weight_name for the report test while the plan's own (helper
 * plan) is not in this tree; tests/CMakeLists.txt links it only then. */
#include "plan.h"

const char *plan_kind_name(plan_kind k)
{
    static const char *const names[PLAN_KIND_COUNT] = {"sanity", "valid", "invalid", "syntax", "scenario"};
    return (unsigned)k < PLAN_KIND_COUNT ? names[k] : "?";
}

const char *plan_weight_name(plan_weight w)
{
    return w == PLAN_MUST ? "MUST" : "SHOULD";
}
