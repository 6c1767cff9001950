/* lint_examples.h — lint's last check: every example of the spec, read as a pasted session, must parse.
 * It compiles the spec, so it runs only once every other check has passed. */
#ifndef QATSPEC_LINT_EXAMPLES_H
#define QATSPEC_LINT_EXAMPLES_H

#include "diag.h"
#include "spec_load.h"

/* Read every example of S (commands', URCs', rules') as a plain session through the stream parser
 * of S. An example passes when it shows no violation, no deviation under an erratum it does not
 * name, and every erratum it names; each failure is a diagnostic at the example, in D. */
void lint_examples(const spec_loaded *s, diag_list *d);

#endif
