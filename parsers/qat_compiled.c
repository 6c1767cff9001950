/* qat_compiled.c — compiles every pattern of a spec (forms, responses, URCs, results, errata) once.
 * One walk serves two passes: with too little memory it only counts, and reports the bytes needed. */
#include "qat_compiled.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SETS 16

typedef struct {
    char *mem;
    size_t cap, used;
} pool;

/* Memory for N bytes, or NULL once the pool is short (the walk then only counts). */
static void *pool_alloc(pool *p, size_t n)
{
    size_t at = (p->used + 15u) & ~(size_t)15u;
    p->used = at + n;
    return p->mem && p->used <= p->cap ? p->mem + at : NULL;
}

typedef struct {
    pool pool;
    const qat_spec *spec;
    qat_spec_compile_error *err;
    bool failed;
} builder;

static void fail(builder *b, qat_compile_result r, const char *where, const char *pattern)
{
    if (b->failed)
        return;
    b->failed = true;
    b->err->status = r.status;
    b->err->where = where;
    b->err->pattern = pattern;
    b->err->offset = r.offset;
}

/* The literal a line must start with to be shaped like P: its first literal through the first ':'. */
static void set_shape(qat_cpattern *p)
{
    const qat_op *op = p->g.n_ops ? &p->g.ops[0] : NULL;
    if (!op || op->kind != QAT_OP_LITERAL)
        return;
    const char *colon = memchr(op->lit, ':', op->lit_len);
    p->shape = op->lit;
    p->shape_len = colon ? (size_t)(colon - op->lit) + 1 : op->lit_len;
    p->shape4 = qat_pack4(p->shape, p->shape_len);
    p->shape4_mask = p->shape_len >= 4 ? UINT32_MAX : (1u << (8 * p->shape_len)) - 1;
}

/* Compile PATTERN into *DST (or only count it when DST is NULL); the ops land in the pool. */
static void compile_pattern(builder *b, qat_cpattern *dst, const char *pattern, const qat_param_set *sets,
                            size_t n_sets, bool fold_case, const char *where)
{
    qat_op scratch[QAT_GRAMMAR_MAX_OPS];
    qat_grammar g;
    qat_compile_result r = qat_grammar_compile(&g, pattern, strlen(pattern), sets, n_sets, scratch,
                                               QAT_GRAMMAR_MAX_OPS);
    if (r.status != QAT_COMPILE_OK) {
        fail(b, r, where, pattern);
        return;
    }
    qat_op *ops = pool_alloc(&b->pool, g.n_ops * sizeof *ops);
    if (!dst || !ops)
        return;
    memcpy(ops, scratch, g.n_ops * sizeof *ops);
    g.ops = ops;
    g.fold_case = fold_case;
    memset(dst, 0, sizeof *dst);
    dst->g = g;
    dst->stands_for = SIZE_MAX;
    set_shape(dst);
}

static void *alloc_array(builder *b, size_t n, size_t size) { return n ? pool_alloc(&b->pool, n * size) : NULL; }

/* ---- which errata amend a form, and what an accept pattern stands for ---- */

static bool erratum_amends(const qat_erratum *e, const qat_command *cmd, const qat_form *form)
{
    return e->command && strcmp(e->command, cmd->name) == 0 && (!e->form || strcmp(e->form, form->name) == 0);
}

/* The text of a line up to and including its first ':' ("+CME ERROR:"), or 0 when it has none. */
static size_t prefix_len(const char *line)
{
    const char *colon = strchr(line, ':');
    const char *field = strchr(line, '<');
    return colon && (!field || colon < field) ? (size_t)(colon - line) + 1 : 0;
}

static bool same_prefix(const char *a, const char *b)
{
    size_t n = prefix_len(a);
    return n && n == prefix_len(b) && memcmp(a, b, n) == 0;
}

/* True when PATTERN is LINE without its trailing spaces: ">" for the prompt "> ". */
static bool trimmed_variant(const char *pattern, const char *line)
{
    size_t n = strlen(line);
    while (n && line[n - 1] == ' ')
        n--;
    return n && n < strlen(line) && strlen(pattern) == n && memcmp(pattern, line, n) == 0;
}

static const qat_result *result_like(const qat_spec *s, const char *pattern)
{
    for (size_t i = 0; i < s->n_results; i++)
        if (same_prefix(pattern, s->results[i].line) || trimmed_variant(pattern, s->results[i].line))
            return &s->results[i];
    return NULL;
}

static const qat_urc *urc_like(const qat_spec *s, const char *pattern)
{
    for (size_t i = 0; i < s->n_urcs; i++)
        if (same_prefix(pattern, s->urcs[i].line))
            return &s->urcs[i];
    return NULL;
}

/* What an erratum's accept pattern stands for: a result code when it has a result's prefix; else an
 * information line of FORM when the form has any; else a URC when it has a URC's prefix
 * (2.10's example answers AT+CGREG? with "+CEREG:", a response there, not the URC). */
static bool is_info_accept(const qat_spec *s, const qat_form *form, const char *pattern)
{
    return !result_like(s, pattern) && (form->n_response > 0 || !urc_like(s, pattern));
}

static bool is_urc_accept(const qat_spec *s, const qat_form *form, const char *pattern)
{
    return !result_like(s, pattern) && form->n_response == 0 && urc_like(s, pattern);
}

/* ---- parameter sets ---- */

typedef struct {
    qat_param_set sets[MAX_SETS];
    size_t n;
} set_list;

static void add_set(set_list *l, const qat_param *params, size_t n)
{
    if (n && l->n < MAX_SETS) {
        l->sets[l->n].params = params;
        l->sets[l->n].n = n;
        l->n++;
    }
}

/* What an erratum of FORM can see: every override of the form's errata, then the command's
 * parameters, the results' and those of the URCs the form lists (SCHEMA.md, erratum). */
static set_list erratum_sets(const qat_spec *s, const qat_command *cmd, const qat_form *form)
{
    set_list l = {.n = 0};
    for (size_t i = 0; i < s->n_errata; i++)
        if (erratum_amends(&s->errata[i], cmd, form))
            add_set(&l, s->errata[i].params, s->errata[i].n_params);
    add_set(&l, cmd->params, cmd->n_params);
    for (size_t i = 0; i < s->n_results; i++)
        add_set(&l, s->results[i].params, s->results[i].n_params);
    for (size_t i = 0; i < form->n_urcs; i++) {
        const qat_urc *u = qat_spec_urc(s, form->urcs[i].urc);
        if (u)
            add_set(&l, u->params, u->n_params);
    }
    return l;
}

static bool form_has_overrides(const qat_spec *s, const qat_command *cmd, const qat_form *form)
{
    for (size_t i = 0; i < s->n_errata; i++)
        if (erratum_amends(&s->errata[i], cmd, form) && s->errata[i].n_params)
            return true;
    return false;
}

/* ---- forms ---- */

/* A line's patterns (the line and its alts) under the sets L; into ARR, or only counted. */
static const qat_cpattern *compile_line_patterns(builder *b, const qat_line *line, const set_list *l, const char *where)
{
    size_t n = 1 + line->n_alt;
    qat_cpattern *arr = alloc_array(b, n, sizeof *arr);
    for (size_t k = 0; k < n; k++)
        compile_pattern(b, arr ? &arr[k] : NULL, k ? line->alt[k - 1] : line->pattern, l->sets, l->n, false, where);
    return arr;
}

/* The erratum of FORM that leaves LINE out, or NULL. */
static const char *omit_erratum(const qat_spec *s, const qat_command *cmd, const qat_form *form, const qat_line *line)
{
    for (size_t i = 0; i < s->n_errata; i++)
        for (size_t k = 0; erratum_amends(&s->errata[i], cmd, form) && k < s->errata[i].n_omit; k++)
            if (strcmp(s->errata[i].omit[k], line->pattern) == 0)
                return s->errata[i].id;
    return NULL;
}

/* PS[0..N) are patterns of line LINE of form F (the line an `extra` stands for). */
static void own_patterns(qat_cpattern *ps, size_t n, const qat_cform *f, size_t line)
{
    for (size_t k = 0; ps && k < n; k++) {
        ps[k].form = f;
        ps[k].stands_for = line;
    }
}

/* Each line's patterns complete the form when every line after it may be absent (none required, or left out under
 * an erratum). */
static void mark_completing(qat_cline *lines, size_t n)
{
    bool rest_optional = true;
    for (size_t i = n; lines && i-- > 0;) {
        for (size_t k = 0; k < lines[i].n_patterns; k++)
            ((qat_cpattern *)lines[i].patterns)[k].completes = rest_optional;
        for (size_t k = 0; k < lines[i].n_deviations; k++)
            ((qat_cpattern *)lines[i].deviations)[k].completes = rest_optional;
        rest_optional &= lines[i].spec->min == 0 || lines[i].omit_erratum;
    }
}

static void compile_lines(builder *b, qat_cform *f, const qat_command *cmd, const qat_form *form)
{
    qat_cline *lines = alloc_array(b, form->n_response, sizeof *lines);
    set_list own = {.n = 0};
    add_set(&own, cmd->params, cmd->n_params);
    set_list dev = erratum_sets(b->spec, cmd, form);
    bool overrides = form_has_overrides(b->spec, cmd, form);
    for (size_t i = 0; i < form->n_response; i++) {
        const qat_line *spec_line = &form->response[i];
        const qat_cpattern *pats = compile_line_patterns(b, spec_line, &own, cmd->name);
        const qat_cpattern *devs = overrides ? compile_line_patterns(b, spec_line, &dev, cmd->name) : NULL;
        if (lines) {
            qat_cline cl = {spec_line, pats, 1 + spec_line->n_alt, devs, overrides ? 1 + spec_line->n_alt : 0,
                            omit_erratum(b->spec, cmd, form, spec_line)};
            lines[i] = cl;
            own_patterns((qat_cpattern *)pats, cl.n_patterns, f, i);
            own_patterns((qat_cpattern *)devs, cl.n_deviations, f, i);
        }
    }
    if (f) {
        f->lines = lines;
        f->n_lines = form->n_response;
    }
    mark_completing(lines, form->n_response);
}

static size_t count_info_accepts(const qat_spec *s, const qat_command *cmd, const qat_form *form)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_errata; i++)
        for (size_t k = 0; erratum_amends(&s->errata[i], cmd, form) && k < s->errata[i].n_accept; k++)
            n += is_info_accept(s, form, s->errata[i].accept[k]);
    return n;
}

static size_t common_prefix_nocase(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] && b[n] && (a[n] | 0x20) == (b[n] | 0x20))
        n++;
    return n;
}

/* The response line an erratum's reading replaces: the one it shares the longest prefix with
 * ("HWver: <hwver>" for "HWVer: <hwver>"); the only line of a one-line form. */
static size_t stands_for(const qat_form *form, const char *pattern)
{
    size_t best = SIZE_MAX, best_len = 0;
    for (size_t i = 0; i < form->n_response; i++) {
        size_t n = common_prefix_nocase(form->response[i].pattern, pattern);
        if (best == SIZE_MAX || n > best_len) {
            best = i;
            best_len = n;
        }
    }
    return best;
}

static void compile_extras(builder *b, qat_cform *f, const qat_command *cmd, const qat_form *form)
{
    const qat_spec *s = b->spec;
    size_t n = count_info_accepts(s, cmd, form), at = 0;
    qat_cpattern *arr = alloc_array(b, n, sizeof *arr);
    set_list l = erratum_sets(s, cmd, form);
    for (size_t i = 0; i < s->n_errata; i++) {
        const qat_erratum *e = &s->errata[i];
        for (size_t k = 0; erratum_amends(e, cmd, form) && k < e->n_accept; k++) {
            if (!is_info_accept(s, form, e->accept[k]))
                continue;
            qat_cpattern *slot = arr ? &arr[at] : NULL;
            compile_pattern(b, slot, e->accept[k], l.sets, l.n, false, e->id);
            if (slot) {
                slot->erratum = e->id;
                own_patterns(slot, 1, f, stands_for(form, e->accept[k]));
            }
            at++;
        }
    }
    if (f) {
        f->extra = arr;
        f->n_extra = n;
    }
}

/* TEXT after the longest of the spec's command-line prefixes it starts with ("AT+CSQ" -> "+CSQ"):
 * concatenated commands carry no "AT" of their own. */
static const char *after_prefix(const qat_syntax_rules *r, const char *text)
{
    return text + qat_item_prefix(r->prefixes, text, strlen(text));
}

static void compile_form(builder *b, qat_cform *f, const qat_command *cmd, const qat_form *form,
                         const qat_syntax_rules *rules)
{
    qat_param_set own = {cmd->params, cmd->n_params};
    qat_cpattern syntax;
    memset(&syntax, 0, sizeof syntax);
    compile_pattern(b, f ? &syntax : NULL, after_prefix(rules, form->syntax), &own, 1, true, cmd->name);
    if (f) {
        memset(f, 0, sizeof *f);
        f->cmd = cmd;
        f->form = form;
        f->name = after_prefix(rules, cmd->name);
        f->name_len = strlen(f->name);
        f->syntax = syntax.g;
    }
    compile_lines(b, f, cmd, form);
    compile_extras(b, f, cmd, form);
    for (size_t i = 0; f && i < form->n_final; i++) {
        for (size_t r = 0; r < b->spec->n_results; r++)
            if (strcmp(form->final[i], b->spec->results[r].name) == 0)
                f->final_mask |= 1u << r;
    }
    for (size_t i = 0; f && i < b->spec->n_errata; i++) {
        const qat_erratum *e = &b->spec->errata[i];
        if (!erratum_amends(e, cmd, form))
            continue;
        f->no_final_erratum = e->no_final ? e->id : f->no_final_erratum;
        f->out_of_order_erratum = e->out_of_order ? e->id : f->out_of_order_erratum;
    }
}

/* The open-addressing table of the commands by qat_name_key (twice as many slots as commands, a power of two). */
static void index_commands(builder *b, qat_compiled *out)
{
    size_t slots = 2;
    while (slots < 2 * out->n_commands)
        slots *= 2;
    uint16_t *table = out->n_commands < UINT16_MAX ? alloc_array(b, slots, sizeof *table) : NULL;
    if (!table || !out->commands)
        return;
    memset(table, 0, slots * sizeof *table);
    for (size_t i = 0; i < out->n_commands; i++) {
        size_t h = qat_name_slot(out->commands[i].key, slots - 1);
        while (table[h])
            h = (h + 1) & (slots - 1);
        table[h] = (uint16_t)(i + 1);
    }
    out->command_slots = table;
    out->command_slot_mask = slots - 1;
}

static void compile_forms(builder *b, qat_compiled *out)
{
    const qat_spec *s = b->spec;
    size_t n = 0, at = 0;
    for (size_t i = 0; i < s->n_commands; i++)
        n += s->commands[i].n_forms;
    qat_cform *forms = alloc_array(b, n, sizeof *forms);
    qat_ccommand *commands = alloc_array(b, s->n_commands, sizeof *commands);
    for (size_t i = 0; i < s->n_commands; i++) {
        if (forms && commands) {
            commands[i].name = after_prefix(&out->rules, s->commands[i].name);
            commands[i].name_len = strlen(commands[i].name);
            commands[i].key = qat_name_key(commands[i].name, commands[i].name_len);
            commands[i].forms = &forms[at];
            commands[i].n_forms = s->commands[i].n_forms;
        }
        for (size_t k = 0; k < s->commands[i].n_forms; k++, at++)
            compile_form(b, forms ? &forms[at] : NULL, &s->commands[i], &s->commands[i].forms[k], &out->rules);
    }
    out->forms = forms;
    out->n_forms = n;
    out->commands = commands;
    out->n_commands = s->n_commands;
    index_commands(b, out);
}

/* ---- URCs, results, and the errata that stand for them ---- */

static void compile_urcs(builder *b, qat_compiled *out)
{
    const qat_spec *s = b->spec;
    qat_curc *urcs = alloc_array(b, s->n_urcs, sizeof *urcs);
    for (size_t i = 0; i < s->n_urcs; i++) {
        const qat_urc *u = &s->urcs[i];
        qat_param_set own = {u->params, u->n_params};
        qat_curc *slot = urcs ? &urcs[i] : NULL;
        compile_pattern(b, slot ? &slot->pattern : NULL, u->line, &own, 1, false, u->name);
        if (slot) {
            slot->urc = u;
            slot->pattern.urc = u;
            slot->payload = u->payload ? qat_params_find(u->params, u->n_params, u->payload, strlen(u->payload)) : NULL;
        }
    }
    out->urcs = urcs;
    out->n_urcs = s->n_urcs;
}

static void compile_results(builder *b, qat_compiled *out)
{
    const qat_spec *s = b->spec;
    qat_cresult *results = alloc_array(b, s->n_results, sizeof *results);
    for (size_t i = 0; i < s->n_results; i++) {
        const qat_result *r = &s->results[i];
        qat_param_set own = {r->params, r->n_params};
        qat_cresult *slot = results ? &results[i] : NULL;
        compile_pattern(b, slot ? &slot->pattern : NULL, r->line, &own, 1, false, r->name);
        if (slot) {
            slot->result = r;
            slot->pattern.result = r;
        }
    }
    out->results = results;
    out->n_results = s->n_results;
}

/* The form an erratum amends (its own, or the command's first when it names none), for its sets. */
static const qat_form *amended_form(const qat_spec *s, const qat_erratum *e, const qat_command **cmd)
{
    *cmd = e->command ? qat_spec_command(s, e->command) : NULL;
    if (!*cmd || (*cmd)->n_forms == 0)
        return NULL;
    const qat_form *f = e->form ? qat_command_form(*cmd, e->form) : NULL;
    return f ? f : &(*cmd)->forms[0];
}

static bool wanted_deviant(const qat_spec *s, const qat_form *form, const char *pattern, bool want_urc)
{
    return want_urc ? is_urc_accept(s, form, pattern) : result_like(s, pattern) != NULL;
}

/* Erratum patterns standing for a URC (WANT_URC) or a result code: global lists, tried on any line. */
static void compile_deviants(builder *b, bool want_urc, const qat_cpattern **out, size_t *n_out)
{
    const qat_spec *s = b->spec;
    const qat_command *cmd;
    size_t n = 0, at = 0;
    for (size_t i = 0; i < s->n_errata; i++) {
        const qat_form *form = amended_form(s, &s->errata[i], &cmd);
        for (size_t k = 0; form && k < s->errata[i].n_accept; k++)
            n += wanted_deviant(s, form, s->errata[i].accept[k], want_urc);
    }
    qat_cpattern *arr = alloc_array(b, n, sizeof *arr);
    for (size_t i = 0; i < s->n_errata; i++) {
        const qat_erratum *e = &s->errata[i];
        const qat_form *form = amended_form(s, e, &cmd);
        for (size_t k = 0; form && k < e->n_accept; k++) {
            if (!wanted_deviant(s, form, e->accept[k], want_urc))
                continue;
            set_list l = erratum_sets(s, cmd, form);
            qat_cpattern *slot = arr ? &arr[at] : NULL;
            compile_pattern(b, slot, e->accept[k], l.sets, l.n, false, e->id);
            if (slot) {
                slot->erratum = e->id;
                slot->urc = want_urc ? urc_like(s, e->accept[k]) : NULL;
                slot->result = want_urc ? NULL : result_like(s, e->accept[k]);
            }
            at++;
        }
    }
    *out = arr;
    *n_out = at;
}

static const qat_grammar_item *rule_item(const qat_spec *s, const char *rule, const char *key)
{
    for (size_t i = 0; i < s->n_rules; i++) {
        if (strcmp(s->rules[i].name, rule) != 0)
            continue;
        for (size_t k = 0; k < s->rules[i].n_grammar; k++)
            if (strcmp(s->rules[i].grammar[k].key, key) == 0 && s->rules[i].grammar[k].n_values)
                return &s->rules[i].grammar[k];
    }
    return NULL;
}

/* A literal of chapter 1 the command-line parser cannot do without. */
static const qat_grammar_item *require_rule(builder *b, const char *rule, const char *key)
{
    const qat_grammar_item *item = rule_item(b->spec, rule, key);
    if (!item) {
        qat_compile_result missing = {QAT_COMPILE_UNKNOWN_PARAM, 0};
        fail(b, missing, rule, key);
    }
    return item;
}

/* The optional mode rule RULE (its command, param, the value named VALUE_KEY, restored_by) into *M: its command and
 * parameter must be in the spec. False when the spec has no such rule or it is broken. */
static bool find_mode(builder *b, const char *rule, const char *value_key, qat_mode_rule *m)
{
    const qat_grammar_item *cmd = rule_item(b->spec, rule, "command"), *param = rule_item(b->spec, rule, "param");
    const qat_grammar_item *value = rule_item(b->spec, rule, value_key);
    if (!cmd && !param && !value)
        return false;
    const qat_command *c = cmd ? qat_spec_command(b->spec, cmd->values[0]) : NULL;
    m->param = c && param ? qat_params_find(c->params, c->n_params, param->values[0], strlen(param->values[0])) : NULL;
    if (!m->param || !value) {
        fail(b, (qat_compile_result){QAT_COMPILE_UNKNOWN_PARAM, 0}, rule, m->param ? value_key : "command, param");
        return false;
    }
    m->command = c;
    m->value = strtoll(value->values[0], NULL, 10);
    m->restored_by = rule_item(b->spec, rule, "restored_by");
    return true;
}

/* The optional command-echo rule: its mode, and the URC after which the module echoes again. */
static void find_echo(builder *b, qat_syntax_rules *r)
{
    const qat_grammar_item *boot = rule_item(b->spec, "command-echo", "boot_urc");
    if (find_mode(b, "command-echo", "off", &r->echo_off))
        r->echo_boot_urc = boot ? qat_spec_urc(b->spec, boot->values[0]) : NULL;
}

/* The line-characters rule's command NAME and its parameter PARAM, whose default is the character *CH (kept when the
 * rule is absent). */
static void find_line_character(builder *b, const qat_grammar_item *name, const qat_grammar_item *param,
                                const qat_command **cmd, const qat_param **p, unsigned char *ch)
{
    const qat_command *c = name ? qat_spec_command(b->spec, name->values[0]) : NULL;
    const qat_param *v = c && param ? qat_params_find(c->params, c->n_params, param->values[0],
                                                      strlen(param->values[0]))
                                    : NULL;
    if (name && (!v || !v->has_default || v->default_int < 0 || v->default_int > 127)) {
        fail(b, (qat_compile_result){QAT_COMPILE_UNKNOWN_PARAM, 0}, "line-characters", name->values[0]);
        return;
    }
    *cmd = c;
    *p = v;
    *ch = v ? (unsigned char)v->default_int : *ch;
}

static void find_line_characters(builder *b, qat_syntax_rules *r)
{
    static const char rule[] = "line-characters";
    const qat_grammar_item *param = rule_item(b->spec, rule, "param");
    r->cr = '\r';
    r->lf = '\n';
    find_line_character(b, rule_item(b->spec, rule, "termination"), param, &r->termination_command,
                        &r->termination_param, &r->cr);
    find_line_character(b, rule_item(b->spec, rule, "formatting"), param, &r->formatting_command,
                        &r->formatting_param, &r->lf);
    r->line_chars_restored_by = rule_item(b->spec, rule, "restored_by");
}

static void find_rules(builder *b, qat_syntax_rules *r)
{
    const qat_grammar_item *framing = require_rule(b, "response-framing", "line_end");
    for (size_t i = 0; framing && i < b->spec->n_rules; i++)
        if (strcmp(b->spec->rules[i].name, "response-framing") == 0)
            r->framing = &b->spec->rules[i];
    r->prefixes = require_rule(b, "command-line-prefix", "prefixes");
    r->separator = require_rule(b, "concatenation", "separator");
    r->extended_starts = require_rule(b, "concatenation", "extended_starts");
    r->basic_starts = require_rule(b, "concatenation", "basic_starts");
    r->ignored = rule_item(b->spec, "concatenation", "ignored");
    r->to_line_end = rule_item(b->spec, "concatenation", "to_line_end");
    r->register_prefix = require_rule(b, "s-register", "register_prefix");
    find_echo(b, r);
    find_line_characters(b, r);
    find_mode(b, "result-suppression", "on", &r->quiet);
}

/* Patterns to sort into a dispatch, in the order a line should try them; N_MAX is what was allocated (the counting
 * pass cannot count some lists exactly: it allocates their bound). */
typedef struct {
    const qat_cpattern **items;
    size_t n, n_max;
} pattern_list;

static pattern_list list_alloc(builder *b, size_t n_max)
{
    pattern_list l = {alloc_array(b, n_max, sizeof(const qat_cpattern *)), 0, n_max};
    return l;
}

/* Add the N patterns of an array whose entries are STRIDE bytes apart (a pattern inside a bigger struct). */
static void list_add(pattern_list *l, const void *first, size_t n, size_t stride)
{
    for (size_t i = 0; l->items && first && i < n && l->n < l->n_max; i++)
        l->items[l->n++] = (const qat_cpattern *)((const char *)first + i * stride);
}

/* Which bucket P goes in: 0..QAT_DISPATCH_BUCKETS-1 by its shape, QAT_DISPATCH_BUCKETS for a short one. */
static size_t bucket_index(const qat_cpattern *p)
{
    return p->shape_len >= 4 ? qat_bucket_of(p->shape4) : QAT_DISPATCH_BUCKETS;
}

static qat_bucket *bucket_at(qat_dispatch *d, size_t k)
{
    return k < QAT_DISPATCH_BUCKETS ? &d->buckets[k] : &d->short_shapes;
}

/* The prompt is found by its own byte, never as a line. */
static bool dispatched(const qat_cpattern *p) { return !p->result || p->result->kind != QAT_RESULT_PROMPT; }

/* Sort the patterns of L into D's buckets, in trying order: one array of pointers for all of them, cut into
 * buckets by a counting sort. */
static void build_dispatch(builder *b, qat_dispatch *d, const pattern_list *l)
{
    const qat_cpattern **all = alloc_array(b, l->n_max, sizeof *all);
    if (!all || !l->items)
        return; /* counting: the size is what matters */
    size_t start[QAT_DISPATCH_BUCKETS + 1] = {0}, at = 0;
    for (size_t i = 0; i < l->n; i++)
        start[bucket_index(l->items[i])] += dispatched(l->items[i]);
    for (size_t k = 0; k <= QAT_DISPATCH_BUCKETS; k++) {
        size_t n = start[k];
        start[k] = at;
        bucket_at(d, k)->items = all + at;
        bucket_at(d, k)->n = 0;
        at += n;
    }
    for (size_t i = 0; i < l->n; i++) {
        size_t k = bucket_index(l->items[i]);
        if (dispatched(l->items[i]))
            all[start[k] + bucket_at(d, k)->n++] = l->items[i];
    }
}

/* At most how many information-line patterns the forms of S compile to (lines, alts, deviant readings, extras). */
static size_t info_pattern_bound(const qat_spec *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_commands; i++)
        for (size_t k = 0; k < s->commands[i].n_forms; k++) {
            const qat_form *form = &s->commands[i].forms[k];
            for (size_t l = 0; l < form->n_response; l++)
                n += 2 * (1 + form->response[l].n_alt);
            n += count_info_accepts(s, &s->commands[i], form);
        }
    return n;
}

/* Every form's documented line patterns, then their deviant readings, then the forms' extras. */
static pattern_list info_patterns(builder *b, const qat_compiled *c)
{
    pattern_list l = list_alloc(b, info_pattern_bound(b->spec));
    for (size_t pass = 0; pass < 3; pass++)
        for (size_t i = 0; c->forms && i < c->n_forms; i++) {
            const qat_cform *f = &c->forms[i];
            for (size_t k = 0; pass < 2 && k < f->n_lines; k++)
                list_add(&l, pass ? f->lines[k].deviations : f->lines[k].patterns,
                         pass ? f->lines[k].n_deviations : f->lines[k].n_patterns, sizeof(qat_cpattern));
            if (pass == 2)
                list_add(&l, f->extra, f->n_extra, sizeof(qat_cpattern));
        }
    return l;
}

static void build_dispatches(builder *b, qat_compiled *c)
{
    pattern_list results = list_alloc(b, c->n_results + c->n_deviant_results);
    list_add(&results, c->results ? &c->results[0].pattern : NULL, c->n_results, sizeof(qat_cresult));
    list_add(&results, c->deviant_results, c->n_deviant_results, sizeof(qat_cpattern));
    pattern_list urcs = list_alloc(b, c->n_urcs + c->n_deviant_urcs);
    list_add(&urcs, c->urcs ? &c->urcs[0].pattern : NULL, c->n_urcs, sizeof(qat_curc));
    list_add(&urcs, c->deviant_urcs, c->n_deviant_urcs, sizeof(qat_cpattern));
    pattern_list info = info_patterns(b, c);
    build_dispatch(b, &c->results_by_shape, &results);
    build_dispatch(b, &c->urcs_by_shape, &urcs);
    build_dispatch(b, &c->info_by_shape, &info);
}

bool qat_compile_spec(qat_compiled *out, const qat_spec *spec, void *mem, size_t cap, qat_spec_compile_error *err)
{
    builder b = {{mem, cap, 0}, spec, err, false};
    memset(err, 0, sizeof *err);
    memset(out, 0, sizeof *out);
    out->spec = spec;
    if (spec->n_results > 32) { /* final_mask has a bit per result */
        qat_compile_result too_many = {QAT_COMPILE_TOO_BIG, 0};
        fail(&b, too_many, "results", "more than 32 result codes");
        return false;
    }
    find_rules(&b, &out->rules);
    compile_results(&b, out);
    compile_urcs(&b, out);
    compile_forms(&b, out);
    compile_deviants(&b, true, &out->deviant_urcs, &out->n_deviant_urcs);
    compile_deviants(&b, false, &out->deviant_results, &out->n_deviant_results);
    build_dispatches(&b, out);
    for (size_t i = 0; i < spec->n_errata && !out->trailing_spaces_erratum; i++)
        if (spec->errata[i].trailing_spaces)
            out->trailing_spaces_erratum = spec->errata[i].id;
    if (b.failed)
        return false;
    if (!mem || b.pool.used > cap) {
        err->status = QAT_COMPILE_TOO_BIG;
        err->needed = b.pool.used;
        return false;
    }
    return true;
}
