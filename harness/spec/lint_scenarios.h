/* spec/lint_scenarios.h — lint's check of the spec's scenarios against the compiled spec: every step's line is a
 * form of the spec, every URC, result and captured parameter it names exists where the step looks for it. */
#ifndef QATSPEC_LINT_SCENARIOS_H
#define QATSPEC_LINT_SCENARIOS_H

#include "util.h"
#include "qat_compiled.h"
#include "spec.h"

/* Check every scenario of S against C (S compiled); a located diagnostic in D for each problem. */
void lint_scenarios(const spec_loaded *s, const qat_compiled *c, diag_list *d);

#endif
