/* emulator/answer.c — how the responder writes (see emulator/answer.h): information lines synthesized to satisfy
 * their grammar with state values, URCs, and result codes (verbose or numeric, ERROR or +CME ERROR). */
#include "answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYNTH_CAP 2048

/* ---- values for the synthesizer ---- */

typedef struct {
    const em_state *st;
    const char *command; /* the command answered, or NULL (a URC) */
    const em_kv *kv;
    size_t n_kv;
    char buf[EM_VALUE_MAX];
} picker;

static const char *pick(void *user, const qat_param *p)
{
    picker *k = user;
    for (size_t i = 0; i < k->n_kv; i++)
        if (strcmp(k->kv[i].param, p->name) == 0)
            return k->kv[i].value;
    const char *v = k->command ? em_state_setting(k->st, k->command, p->name, k->buf, sizeof k->buf) : NULL;
    if (!v)
        v = em_state_value(k->st, p->name, k->buf, sizeof k->buf);
    if (!v && p->sample)
        return p->sample; /* what the spec says a module shows: a value a person recognises */
    if (!v && p->has_default) {
        if (p->default_str)
            return p->default_str;
        snprintf(k->buf, sizeof k->buf, "%lld", (long long)p->default_int);
        v = k->buf;
    }
    return em_state_width(p, v, k->buf, sizeof k->buf);
}

/* ---- the framing's characters ---- */

/* The character S-register CMD's parameter P is set to now, else its power-on value DEFAULT_CH. */
static char line_char(const em_responder *r, const qat_command *cmd, const qat_param *p, unsigned char default_ch)
{
    char buf[EM_VALUE_MAX];
    const char *v = cmd && p ? em_state_setting(r->st, cmd->name, p->name, buf, sizeof buf) : NULL;
    return (char)(v ? (unsigned char)strtoul(v, NULL, 10) : default_ch);
}

void em_respond_cr(em_responder *r)
{
    const qat_syntax_rules *rules = &r->c->rules;
    char cr = line_char(r, rules->termination_command, rules->termination_param, rules->cr);
    em_out_put(r->out, &cr, 1);
}

void em_respond_line_end(em_responder *r)
{
    const qat_syntax_rules *rules = &r->c->rules;
    char end[2] = {line_char(r, rules->termination_command, rules->termination_param, rules->cr),
                   line_char(r, rules->formatting_command, rules->formatting_param, rules->lf)};
    em_out_put(r->out, end, 2);
}

/* Synthesize a line of G with K's values into R->out, framed as the verbose setting says, TAIL after it. */
static void write_line(em_responder *r, const qat_grammar *g, picker *k, bool first, const char *tail,
                       qat_synth_optional optional)
{
    qat_synth_opts o = {.optional = optional, .pick = pick, .user = k};
    char line[SYNTH_CAP];
    qat_synth_result s = qat_synth_line(g, &o, &r->rng, line, sizeof line);
    bool verbose = em_state_get(r->st, EM_VERBOSE) != 0;
    if (first && verbose)
        em_respond_line_end(r);
    em_out_put(r->out, line, s.len);
    em_out_str(r->out, tail);
    em_respond_line_end(r);
}

/* Line INDEX of F as the profile writes it: the documented pattern, or under `firmware` the erratum's
 * `accept` pattern standing for it, else its first deviation; NULL when an erratum omits it. */
static const qat_grammar *line_grammar(const em_responder *r, const qat_cform *f, size_t index)
{
    const qat_cline *l = &f->lines[index];
    if (!r->firmware)
        return &l->patterns[0].g;
    if (l->omit_erratum)
        return NULL;
    for (size_t i = 0; i < f->n_extra; i++)
        if (f->extra[i].stands_for == index)
            return &f->extra[i].g;
    return l->n_deviations ? &l->deviations[0].g : &l->patterns[0].g;
}

static void emit_line(em_call *call, size_t index, const em_kv *kv, size_t n_kv, qat_synth_optional optional)
{
    em_responder *r = call->r;
    if (index >= call->form->n_lines || call->form->lines[index].n_patterns == 0)
        return;
    const qat_grammar *g = line_grammar(r, call->form, index);
    if (!g)
        return;
    picker k = {.st = r->st, .command = call->form->cmd->name, .kv = kv, .n_kv = n_kv};
    write_line(r, g, &k, !r->block_open, r->firmware && r->c->trailing_spaces_erratum ? "  " : "", optional);
    r->block_open = true;
}

void em_emit(em_call *call, size_t index, const em_kv *kv, size_t n_kv)
{
    emit_line(call, index, kv, n_kv, QAT_SYNTH_NONE);
}

void em_emit_whole(em_call *call, size_t index, const em_kv *kv, size_t n_kv)
{
    emit_line(call, index, kv, n_kv, QAT_SYNTH_ALL);
}

bool em_respond_urc_kv(em_responder *r, const char *name, const em_kv *kv, size_t n_kv)
{
    for (size_t i = 0; i < r->c->n_urcs; i++)
        if (strcmp(r->c->urcs[i].urc->name, name) == 0) {
            picker k = {.st = r->st, .kv = kv, .n_kv = n_kv};
            write_line(r, &r->c->urcs[i].pattern.g, &k, true, "", QAT_SYNTH_NONE);
            return true;
        }
    return false;
}

bool em_respond_urc(em_responder *r, const char *name)
{
    return em_respond_urc_kv(r, name, NULL, 0);
}

const qat_field *em_field(const em_call *call, const char *param)
{
    for (size_t i = 0; i < call->n_fields; i++)
        if (call->fields[i].param && strcmp(call->fields[i].param->name, param) == 0)
            return &call->fields[i];
    return NULL;
}

/* ---- the generic answer ---- */

/* Store what a set or exec form sets: its fields, and the defaults of the fields it left out (ATE = ATE1). */
static bool store_fields(em_call *call)
{
    em_state *st = call->r->st;
    const char *name = call->form->cmd->name;
    for (size_t i = 0; i < call->n_fields; i++)
        if (call->fields[i].param && !em_state_store(st, name, call->fields[i].param->name, call->fields[i].text,
                                                     call->fields[i].len))
            return false;
    const qat_grammar *g = &call->form->syntax;
    for (size_t i = 0; i < g->n_ops; i++) {
        const qat_param *p = g->ops[i].param;
        if (g->ops[i].kind != QAT_OP_FIELD || !p->has_default || em_field(call, p->name))
            continue;
        char v[32];
        int n = p->default_str ? snprintf(v, sizeof v, "%s", p->default_str)
                               : snprintf(v, sizeof v, "%lld", (long long)p->default_int);
        if (!em_state_store(st, name, p->name, v, (size_t)n))
            return false;
    }
    return true;
}

em_verdict em_generic(em_call *call)
{
    qat_form_kind kind = call->form->form->kind;
    if ((kind == QAT_FORM_SET || kind == QAT_FORM_EXEC) && !store_fields(call))
        return EM_FAIL(EM_ERR_NOT_ALLOWED);
    for (size_t i = 0; i < call->form->n_lines; i++) {
        const qat_line *l = call->form->lines[i].spec;
        uint32_t times = l->min ? l->min : (l->max ? 1 : 0);
        for (uint32_t t = 0; t < times && !l->payload; t++)
            em_emit(call, i, NULL, 0);
    }
    return EM_OK;
}

/* ---- result codes ---- */

static const qat_cresult *result_named(const em_responder *r, const char *name, size_t *index)
{
    for (size_t i = 0; i < r->c->n_results; i++)
        if (strcmp(r->c->results[i].result->name, name) == 0) {
            *index = i;
            return &r->c->results[i];
        }
    return NULL;
}

/* V.250 §5.7.1's numeric codes of the verbose results, for ATV0. */
static int numeric_code(const char *name)
{
    static const struct {
        const char *name;
        int code;
    } codes[] = {{"OK", 0}, {"CONNECT", 1}, {"ERROR", 4}};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(codes[i].name, name) == 0)
            return codes[i].code;
    return -1;
}

/* ATQ1 took effect (the spec's result-suppression rule, V.250 §6.2.5): result codes are not sent. */
static bool results_suppressed(const em_responder *r)
{
    const qat_mode_rule *quiet = &r->c->rules.quiet;
    char buf[EM_VALUE_MAX];
    const char *v = quiet->command ? em_state_setting(r->st, quiet->command->name, quiet->param->name, buf, sizeof buf)
                                   : NULL;
    return v && strtoll(v, NULL, 10) == quiet->value;
}

static void write_result(em_responder *r, const char *name, int err)
{
    if (results_suppressed(r))
        return;
    size_t index;
    const qat_cresult *res = result_named(r, name, &index);
    int code = numeric_code(name);
    if (em_state_get(r->st, EM_VERBOSE) == 0 && code >= 0) {
        char num[16];
        snprintf(num, sizeof num, "%d", code);
        em_out_str(r->out, num);
        em_respond_cr(r);
        return;
    }
    char text[16];
    snprintf(text, sizeof text, "%d", err);
    em_kv kv = {"err", text};
    picker k = {.st = r->st, .kv = &kv, .n_kv = 1};
    if (res)
        write_line(r, &res->pattern.g, &k, true, "", QAT_SYNTH_NONE);
}

void em_respond_final(em_responder *r, const char *name)
{
    write_result(r, name, 0);
}

static bool form_allows(const em_responder *r, const qat_cform *f, const char *name)
{
    size_t index;
    return result_named(r, name, &index) && (!f || (f->final_mask & (1u << index)));
}

void em_respond_failure(em_responder *r, const qat_cform *f, int err)
{
    bool cme = em_state_get(r->st, EM_CMEE) != 0 || !form_allows(r, f, "ERROR");
    write_result(r, cme && form_allows(r, f, "CME_ERROR") ? "CME_ERROR" : "ERROR", err);
}

void em_respond_refuse(em_responder *r)
{
    em_respond_failure(r, NULL, EM_ERR_BAD_PARAM);
}
