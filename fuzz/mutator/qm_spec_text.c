/* qm_spec_text.c — lines the spec allows, made up for insertion: a URC, a result code, a response
 * line of the command sent. Drawn by our synthesizer from the compiled patterns, never written here. */
#include <string.h>

#include "qat_cmdline.h"
#include "qm_mutation.h"

static size_t synth(const qm_ctx *c, const qat_grammar *g)
{
    static const qat_synth_values values[] = {QAT_SYNTH_RANDOM, QAT_SYNTH_RANDOM, QAT_SYNTH_LOWEST, QAT_SYNTH_HIGHEST};
    qat_synth_opts o;
    memset(&o, 0, sizeof o);
    o.values = values[qm_below(c, sizeof values / sizeof values[0])];
    qat_synth_result r = qat_synth_line(g, &o, c->rng, c->text, QM_TEXT_CAP);
    return r.status == QAT_SYNTH_OK ? r.len : 0;
}

size_t qm_synth_urc(const qm_ctx *c)
{
    size_t n = c->spec->n_urcs;
    return n ? synth(c, &c->spec->urcs[qm_below(c, n)].pattern.g) : 0;
}

size_t qm_synth_result(const qm_ctx *c)
{
    size_t chosen = SIZE_MAX, seen = 0;
    for (size_t i = 0; i < c->spec->n_results; i++)
        if (c->spec->results[i].result->kind != QAT_RESULT_PROMPT && qm_below(c, ++seen) == 0)
            chosen = i;
    return chosen == SIZE_MAX ? 0 : synth(c, &c->spec->results[chosen].pattern.g);
}

/* The form answering the command line of the input, or NULL when the spec refuses the line. */
static const qat_cform *form_sent(const qm_ctx *c)
{
    qat_cmd cmds[QAT_STREAM_MAX_CMDS];
    qat_field fields[QAT_STREAM_MAX_FIELDS];
    qat_cmdline r = qat_cmdline_parse(c->spec, (const char *)c->in->cmd, c->in->cmd_len, cmds, QAT_STREAM_MAX_CMDS,
                                      fields, QAT_STREAM_MAX_FIELDS);
    return r.status == QAT_CMDLINE_OK && r.n_cmds ? cmds[qm_below(c, r.n_cmds)].forms[0] : NULL;
}

size_t qm_synth_response(const qm_ctx *c)
{
    const qat_cform *f = form_sent(c);
    for (size_t tries = 0; (!f || !f->n_lines) && tries < 8 && c->spec->n_forms; tries++)
        f = &c->spec->forms[qm_below(c, c->spec->n_forms)];
    if (!f || !f->n_lines)
        return 0;
    const qat_cline *line = &f->lines[qm_below(c, f->n_lines)];
    return line->n_patterns ? synth(c, &line->patterns[qm_below(c, line->n_patterns)].g) : 0;
}
