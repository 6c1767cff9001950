/* spec/scenario_line.c — a scenario's command line, ${var} references replaced by a placeholder, read by the
 * command-line parser: lint checks every step with it, and the plan takes each step's form (timeout, safety). */
#include "spec.h"

#include <stdio.h>
#include <string.h>

static size_t substitute(const char *send, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = send; *p && n + 1 < cap;) {
        const char *end = p[0] == '$' && p[1] == '{' ? strchr(p, '}') : NULL;
        if (end) {
            size_t k = strlen(SCENARIO_PLACEHOLDER);
            if (n + k + 1 >= cap)
                break;
            memcpy(out + n, SCENARIO_PLACEHOLDER, k);
            n += k;
            p = end + 1;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return n;
}

bool scenario_line_parse(const qat_compiled *c, const char *send, scenario_line *out)
{
    qat_cmd cmds[8];
    qat_field fields[64];
    out->len = substitute(send, out->line, sizeof out->line);
    out->r = qat_cmdline_parse(c, out->line, out->len, cmds, 8, fields, 64);
    out->form = out->r.status == QAT_CMDLINE_OK && out->r.n_cmds ? cmds[0].forms[0] : out->r.form;
    return out->r.status == QAT_CMDLINE_OK;
}

bool scenario_uses_var(const char *s, const char *name)
{
    char ref[64];
    snprintf(ref, sizeof ref, "${%s}", name);
    return s && strstr(s, ref) != NULL;
}
