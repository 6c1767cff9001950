/* fuzz_cmdline.c — fuzz target: the DTE command-line parser (qat_cmdline) on the whole input as one line.
 * Every command and field it returns must lie inside the line; the description must be a C string. */
#include "fuzz_spec_env.h"
#include "fuzz_target.h"
#include "qat_cmdline.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CMDS 8
#define MAX_FIELDS 32

static bool inside(size_t offset, size_t len, size_t line_len) { return offset <= line_len && len <= line_len - offset; }

/* Abort unless every command and field of R lies in the line of LEN bytes. */
static void check_result(const qat_cmdline *r, const qat_cmd *cmds, const qat_field *fields, const char *line,
                         size_t len)
{
    if (r->status != QAT_CMDLINE_OK)
        return;
    if (r->n_cmds > MAX_CMDS)
        abort();
    for (size_t i = 0; i < r->n_cmds; i++) {
        const qat_cmd *c = &cmds[i];
        if (!inside(c->offset, c->len, len) || c->n_forms == 0 || c->n_forms > QAT_CMDLINE_MAX_CANDIDATES ||
            c->first_field > MAX_FIELDS || c->n_fields > MAX_FIELDS - c->first_field)
            abort();
        for (size_t f = c->first_field; f < c->first_field + c->n_fields; f++)
            if (!inside(fields[f].offset, 0, len) || fields[f].text < line || fields[f].text + fields[f].len > line + len)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    qat_cmd cmds[MAX_CMDS];
    qat_field fields[MAX_FIELDS];
    qat_cmdline r = qat_cmdline_parse(fuzz_spec(), line, size, cmds, MAX_CMDS, fields, MAX_FIELDS);
    check_result(&r, cmds, fields, line, size);
    char why[256];
    size_t n = qat_cmdline_describe(&r, line, size, why, sizeof why);
    if (n >= sizeof why ? strlen(why) != sizeof why - 1 : strlen(why) != n)
        abort();
    qat_cmdline_status_text(r.status);
    return 0;
}
