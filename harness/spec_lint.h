/* spec_lint.h — cross-checks of a loaded spec that no single mapping can make on its own.
 * Names used but not defined (and defined but unused), brackets, references, duplicates, the table of contents. */
#ifndef QATSPEC_SPEC_LINT_H
#define QATSPEC_SPEC_LINT_H

#include "diag.h"
#include "spec_load.h"

/* Check S and add a diagnostic to D for every problem found. */
void spec_lint(const spec_loaded *s, diag_list *d);

#endif
