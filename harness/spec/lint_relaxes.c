/* spec/lint_relaxes.c — the rules a parameter's definition checks, one name each, compared between a command's own
 * parameter and an erratum's override of it: an erratum's reading may change only the rules it names. */
#include "lint_relaxes.h"

#include <string.h>

static bool same_str(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

static bool same_strs(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (!same_str(a[i], b[i]))
            return false;
    return true;
}

static bool same_values(const qat_param *a, const qat_param *b)
{
    if (a->n_ranges != b->n_ranges || !same_strs(a->enum_values, a->n_enum_values, b->enum_values, b->n_enum_values))
        return false;
    for (size_t i = 0; i < a->n_ranges; i++)
        if (a->ranges[i].lo != b->ranges[i].lo || a->ranges[i].hi != b->ranges[i].hi)
            return false;
    return true;
}

static const char *const rule_names[PARAM_RULES] = {"type",   "quoted", "values", "length", "prefixes",
                                                    "digits", "luhn",   "case",   "payload"};

/* Whether rule I checks the same in A and B. */
static bool same_rule(size_t i, const qat_param *a, const qat_param *b)
{
    switch (i) {
    case 0: return a->type == b->type;
    case 1: return a->quoted == b->quoted;
    case 2: return same_values(a, b);
    case 3: return a->min_len == b->min_len && a->max_len == b->max_len;
    case 4: return same_strs(a->prefixes, a->n_prefixes, b->prefixes, b->n_prefixes);
    case 5: return a->digits.lo == b->digits.lo && a->digits.hi == b->digits.hi;
    case 6: return a->luhn == b->luhn;
    case 7: return a->hex_case == b->hex_case;
    default: return same_str(a->length_param, b->length_param);
    }
}

size_t param_rules_changed(const qat_param *own, const qat_param *override, const char **rules)
{
    size_t n = 0;
    for (size_t i = 0; i < PARAM_RULES; i++)
        if (!same_rule(i, own, override))
            rules[n++] = rule_names[i];
    return n;
}

bool erratum_relaxes(const qat_erratum *e, const char *param, const char *rule)
{
    size_t pn = strlen(param);
    for (size_t i = 0; i < e->n_relaxes; i++) {
        const char *r = e->relaxes[i];
        if (strncmp(r, param, pn) == 0 && r[pn] == '.' && strcmp(r + pn + 1, rule) == 0)
            return true;
    }
    return false;
}

bool param_rule_known(const char *name)
{
    for (size_t i = 0; i < PARAM_RULES; i++)
        if (strcmp(name, rule_names[i]) == 0)
            return true;
    return false;
}
