/* spec/lint_relaxes.h — which rules of a parameter an erratum's override of it changes (spec/lint_relaxes.c), so
 * lint can refuse one that loosens a rule its `relaxes:` does not name. */
#ifndef QATSPEC_SPEC_LINT_RELAXES_H
#define QATSPEC_SPEC_LINT_RELAXES_H

#include "qat_spec.h"

#include <stdbool.h>
#include <stddef.h>

#define PARAM_RULES 9 /* type, quoted, values, length, prefixes, digits, luhn, case, payload */

/* The names of the rules OVERRIDE checks differently from OWN ("type", "quoted", "values", ...) into RULES (room for
 * PARAM_RULES); how many. */
size_t param_rules_changed(const qat_param *own, const qat_param *override, const char **rules);

/* True when erratum E's relaxes list names RULE of parameter PARAM ("time.quoted"). */
bool erratum_relaxes(const qat_erratum *e, const char *param, const char *rule);

/* True when NAME is one of the rule names param_rules_changed gives. */
bool param_rule_known(const char *name);

#endif
