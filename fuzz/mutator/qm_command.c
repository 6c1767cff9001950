/* qm_command.c — the command line replaced by another form of the spec: mostly another form of
 * the same command (the output now answers the wrong form), else any form of any command. */
#include <string.h>

#include "qat_cmdline.h"
#include "qm_mutation.h"

/* The command of the command line sent, among the compiled ones; NULL when the spec refuses the line. */
static const qat_ccommand *command_sent(const qm_ctx *c)
{
    qat_cmd cmds[QAT_STREAM_MAX_CMDS];
    qat_field fields[QAT_STREAM_MAX_FIELDS];
    qat_cmdline r = qat_cmdline_parse(c->spec, (const char *)c->in->cmd, c->in->cmd_len, cmds, QAT_STREAM_MAX_CMDS,
                                      fields, QAT_STREAM_MAX_FIELDS);
    if (r.status != QAT_CMDLINE_OK || !r.n_cmds)
        return NULL;
    const qat_command *cmd = cmds[0].forms[0]->cmd;
    for (size_t i = 0; i < c->spec->n_commands; i++)
        if (c->spec->commands[i].n_forms && c->spec->commands[i].forms[0].cmd == cmd)
            return &c->spec->commands[i];
    return NULL;
}

static const qat_cform *another_form(const qm_ctx *c)
{
    const qat_ccommand *cmd = command_sent(c);
    if (cmd && cmd->n_forms > 1 && qm_below(c, 4))
        return &cmd->forms[qm_below(c, cmd->n_forms)];
    return c->spec->n_forms ? &c->spec->forms[qm_below(c, c->spec->n_forms)] : NULL;
}

bool qm_command_form(const qm_ctx *c, qm_writer *w)
{
    const qat_cform *f = another_form(c);
    const qat_grammar_item *prefixes = c->spec->rules.prefixes;
    if (!f || !prefixes || !prefixes->n_values)
        return false;
    const char *prefix = prefixes->values[qm_below(c, prefixes->n_values)];
    qat_synth_result r = qat_synth_line(&f->syntax, NULL, c->rng, c->text, QM_TEXT_CAP);
    if (r.status != QAT_SYNTH_OK)
        return false;
    qm_put_str(w, prefix);
    qm_put(w, c->text, r.len);
    qm_put(w, "\n", 1);
    qm_put_out(w, c->in, 0, c->in->out_len);
    return true;
}
