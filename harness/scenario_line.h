/* scenario_line.h — reads a scenario step's command line as the command-line parser would, its ${var}
 * references stood in for by a placeholder value: which form it is, or why no form takes it. */
#ifndef QATSPEC_SCENARIO_LINE_H
#define QATSPEC_SCENARIO_LINE_H

#include "qat_cmdline.h"

#define SCENARIO_PLACEHOLDER "0" /* what ${var} reads as: a valid int, string, token and text */

typedef struct {
    qat_cmdline r;
    const qat_cform *form; /* the form the line is (the first candidate), or the one that got furthest */
    char line[1024];       /* the line after substitution */
    size_t len;
} scenario_line;

/* Parse SEND after substitution into OUT; true when a form of C takes it. */
bool scenario_line_parse(const qat_compiled *c, const char *send, scenario_line *out);

/* True when S holds a ${NAME} reference. */
bool scenario_uses_var(const char *s, const char *name);

#endif
