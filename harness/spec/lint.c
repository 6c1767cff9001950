/* spec/lint.c — semantic checks on the loaded model: every reference resolves, every pattern scans.
 * Locations come from the origins the loader kept, so a message points at the word it is about. */
#include "spec.h"
#include "lint_relaxes.h"
#include "name_index.h"
#include "qat_pattern.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The spec, indexed by name once so that no check costs the product of two spec sizes. */
typedef struct {
    const spec_loaded *s;
    const qat_spec *spec;
    diag_list *d;
    name_index commands, results, urcs, errata, errata_by_command;
    name_index *forms_of;          /* per command */
    name_index *command_params;    /* per command */
    name_index *result_params;     /* per result */
    name_index *urc_params;        /* per URC */
    size_t *result_stamp, *urc_stamp; /* which erratum last added a result's or URC's parameters to its scope */
} linter;

/* The parameters a pattern may name: the owner's (USED marks them) and any others visible. */
typedef struct {
    const qat_param *params;
    const name_index *index;
    bool *used; /* NULL: no bookkeeping */
} param_set;

typedef struct {
    param_set *sets;
    size_t n, cap;
} scope;

/* ---- locations and messages ---- */

static void report(linter *L, qat_srcloc at, const char *fmt, ...) DIAG_PRINTF(3, 4);

static void report(linter *L, qat_srcloc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(L->d, at.file, at.line, at.col, fmt, ap);
    va_end(ap);
}

/* Where TEXT was written, or FALLBACK when the loader kept no origin for it. */
static qat_srcloc where(const linter *L, const char *text, qat_srcloc fallback)
{
    const spec_origin *o = text ? spec_origin_of(L->s, text) : NULL;
    return o ? (qat_srcloc){o->file, o->node->line, o->node->col} : fallback;
}

static unsigned characters(const char *s, size_t n)
{
    unsigned c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static unsigned count_bytes(const char *s, size_t n, const char *set)
{
    unsigned c = 0;
    for (size_t i = 0; i < n; i++)
        c += s[i] && strchr(set, s[i]) != NULL;
    return c;
}

static bool has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20)
            return true;
    return false;
}

/* The column of byte OFFSET of a pattern, when its scalar sits on one line and its text maps
 * back to the source simply; otherwise the scalar's own column. */
static qat_srcloc pattern_loc(const linter *L, const char *pattern, size_t offset, qat_srcloc fallback)
{
    const spec_origin *o = spec_origin_of(L->s, pattern);
    if (!o)
        return fallback;
    const ytree_node *n = o->node;
    qat_srcloc loc = {o->file, n->line, n->col};
    if (n->end_line != n->line || has_control(pattern, offset))
        return loc;
    unsigned chars = characters(pattern, offset);
    switch (n->style) {
    case YTREE_PLAIN: loc.col += chars; break;
    case YTREE_SINGLE_QUOTED: loc.col += 1 + chars + count_bytes(pattern, offset, "'"); break;
    case YTREE_DOUBLE_QUOTED: loc.col += 1 + chars + count_bytes(pattern, offset, "\"\\"); break;
    default: break;
    }
    return loc;
}

static const char *clip(char buf[DIAG_EXCERPT], const char *s, size_t n) { return diag_excerpt(buf, DIAG_EXCERPT, s, n); }
static const char *clip_str(char buf[DIAG_EXCERPT], const char *s) { return clip(buf, s, strlen(s)); }

/* ---- scopes ---- */

static void scope_add(scope *sc, const qat_param *params, const name_index *index, bool *used)
{
    sc->sets = heap_reserve(sc->sets, &sc->cap, sc->n + 1, sizeof *sc->sets);
    sc->sets[sc->n++] = (param_set){params, index, used};
}

/* The parameter NAME visible in SC (marked used), or NULL. */
static const qat_param *scope_find(const scope *sc, const char *name, size_t len)
{
    for (size_t i = 0; i < sc->n; i++) {
        const qat_param *p = name_index_find(sc->sets[i].index, name, len);
        if (p && sc->sets[i].used)
            sc->sets[i].used[p - sc->sets[i].params] = true;
        if (p)
            return p;
    }
    return NULL;
}

static const qat_param *scope_find_str(const scope *sc, const char *name)
{
    return name ? scope_find(sc, name, strlen(name)) : NULL;
}

static void scope_free(scope *sc) { free(sc->sets); }

/* ---- patterns ---- */

/* Scan PATTERN: mark the parameters it names; when REPORTING, say what is wrong with it. */
static void check_pattern(linter *L, const char *pattern, const scope *sc, qat_srcloc fallback, bool reporting)
{
    qat_pat_scanner s;
    qat_pat_token t;
    char buf[DIAG_EXCERPT];
    if (!pattern)
        return;
    qat_pat_init(&s, pattern, strlen(pattern));
    while (qat_pat_next(&s, &t) != QAT_PAT_END) {
        bool named = t.kind == QAT_PAT_FIELD || t.kind == QAT_PAT_LIST;
        if (named && !scope_find(sc, t.name, t.name_len) && reporting)
            report(L, pattern_loc(L, pattern, t.offset, fallback), "undefined parameter <%s>",
                   clip(buf, t.name, t.name_len));
        else if (t.kind == QAT_PAT_ERROR && reporting)
            report(L, pattern_loc(L, pattern, t.offset, fallback), "%s in pattern", qat_pat_error_text(t.error));
    }
}

static void check_lines(linter *L, const qat_line *lines, size_t n, const scope *sc)
{
    for (size_t i = 0; i < n; i++) {
        check_pattern(L, lines[i].pattern, sc, lines[i].loc, true);
        for (size_t j = 0; j < lines[i].n_alt; j++)
            check_pattern(L, lines[i].alt[j], sc, lines[i].loc, true);
    }
}

/* NAME (read at FALLBACK) must be one of SC's parameters, of type WANT. */
static void check_param_ref(linter *L, const scope *sc, const char *name, qat_type want, const char *what,
                            qat_srcloc fallback)
{
    char buf[DIAG_EXCERPT];
    if (!name)
        return;
    const qat_param *p = scope_find_str(sc, name);
    qat_srcloc at = where(L, name, fallback);
    if (!p)
        report(L, at, "%s '%s' is not a parameter", what, clip_str(buf, name));
    else if (p->type != want && p->type < QAT_TYPE_COUNT)
        report(L, at, "%s '%s' is %s %s parameter, not %s %s one", what, clip_str(buf, name),
               diag_article(qat_type_name(p->type)), qat_type_name(p->type), diag_article(qat_type_name(want)),
               qat_type_name(want));
}

/* Payload parameters: `length` names an int parameter of the same owner. */
static void check_payload_lengths(linter *L, const qat_param *params, size_t n, const scope *sc)
{
    for (size_t i = 0; i < n; i++)
        if (params[i].type == QAT_TYPE_PAYLOAD)
            check_param_ref(L, sc, params[i].length_param, QAT_TYPE_INT, "length", params[i].loc);
}

static void report_unused(linter *L, const qat_param *params, size_t n, const bool *used)
{
    char buf[DIAG_EXCERPT];
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            report(L, params[i].loc, "parameter '%s' is defined but never used", clip_str(buf, params[i].name));
}

/* ---- names ---- */

static void check_result_names(linter *L, const qat_form *form)
{
    char buf[DIAG_EXCERPT];
    for (size_t i = 0; i < form->n_final; i++)
        if (!name_index_get(&L->results, form->final[i]))
            report(L, where(L, form->final[i], form->loc), "unknown result '%s' in final",
                   clip_str(buf, form->final[i]));
}

static void check_urc_names(linter *L, const qat_form *form)
{
    char buf[DIAG_EXCERPT];
    for (size_t i = 0; i < form->n_urcs; i++)
        if (form->urcs[i].urc && !name_index_get(&L->urcs, form->urcs[i].urc))
            report(L, where(L, form->urcs[i].urc, form->loc), "unknown URC '%s' in urcs",
                   clip_str(buf, form->urcs[i].urc));
}

/* Examples: the form they illustrate is one of FORMS (NULL: a URC's or a rule's, which have none);
 * their errata exist. */
static void check_examples(linter *L, const qat_example *ex, size_t n, const name_index *forms, const char *owner)
{
    char buf[DIAG_EXCERPT];
    for (size_t i = 0; i < n; i++) {
        if (ex[i].form && !forms)
            report(L, where(L, ex[i].form, ex[i].loc), "a %s has no forms: its example cannot name form '%s'", owner,
                   clip_str(buf, ex[i].form));
        else if (ex[i].form && !name_index_get(forms, ex[i].form))
            report(L, where(L, ex[i].form, ex[i].loc), "unknown form '%s' (not a form of %s)",
                   clip_str(buf, ex[i].form), owner);
        for (size_t j = 0; j < ex[i].n_errata; j++)
            if (!name_index_get(&L->errata, ex[i].errata[j]))
                report(L, where(L, ex[i].errata[j], ex[i].loc), "unknown erratum '%s'",
                       clip_str(buf, ex[i].errata[j]));
    }
}

/* ---- commands, URCs, results: their own parameters ---- */

/* The parameters of one command, URC or result, and which of them something uses. */
typedef struct {
    const qat_param *params;
    size_t n;
    bool *used;
    scope sc;
} owner;

static void owner_open(owner *o, const qat_param *params, size_t n, const name_index *index)
{
    *o = (owner){params, n, heap_resize(NULL, n ? n : 1, sizeof(bool)), {0}};
    memset(o->used, 0, (n ? n : 1) * sizeof(bool));
    scope_add(&o->sc, params, index, o->used);
}

static void owner_close(linter *L, owner *o)
{
    check_payload_lengths(L, o->params, o->n, &o->sc);
    report_unused(L, o->params, o->n, o->used);
    free(o->used);
    scope_free(&o->sc);
}

static void lint_form(linter *L, const qat_form *form, const scope *sc)
{
    check_pattern(L, form->syntax, sc, form->loc, true);
    check_lines(L, form->response, form->n_response, sc);
    for (size_t i = 0; i < form->n_response; i++)
        check_param_ref(L, sc, form->response[i].payload, QAT_TYPE_PAYLOAD, "payload", form->response[i].loc);
    if (form->has_prompt)
        check_param_ref(L, sc, form->prompt.length, QAT_TYPE_INT, "prompt length", form->loc);
    check_result_names(L, form);
    check_urc_names(L, form);
}

/* A parameter that only an erratum's deviation reading names is still used. */
static void mark_errata_uses(linter *L, const qat_command *cmd, const scope *sc)
{
    size_t n;
    const name_entry *e = name_index_range(&L->errata_by_command, cmd->name, strlen(cmd->name), &n);
    for (size_t i = 0; i < n; i++) {
        const qat_erratum *erratum = e[i].item;
        for (size_t j = 0; j < erratum->n_accept; j++)
            check_pattern(L, erratum->accept[j], sc, erratum->loc, false);
    }
}

static void lint_command(linter *L, size_t at)
{
    const qat_command *cmd = &L->spec->commands[at];
    owner o;
    owner_open(&o, cmd->params, cmd->n_params, &L->command_params[at]);
    for (size_t i = 0; i < cmd->n_forms; i++)
        lint_form(L, &cmd->forms[i], &o.sc);
    mark_errata_uses(L, cmd, &o.sc);
    owner_close(L, &o);
    check_examples(L, cmd->examples, cmd->n_examples, &L->forms_of[at], cmd->name);
}

static void lint_urc(linter *L, size_t at)
{
    const qat_urc *u = &L->spec->urcs[at];
    owner o;
    owner_open(&o, u->params, u->n_params, &L->urc_params[at]);
    check_pattern(L, u->line, &o.sc, u->loc, true);
    check_param_ref(L, &o.sc, u->payload, QAT_TYPE_PAYLOAD, "payload", u->loc);
    owner_close(L, &o);
    check_examples(L, u->examples, u->n_examples, NULL, "URC");
}

static void lint_result(linter *L, size_t at)
{
    const qat_result *r = &L->spec->results[at];
    owner o;
    owner_open(&o, r->params, r->n_params, &L->result_params[at]);
    check_pattern(L, r->line, &o.sc, r->loc, true);
    owner_close(L, &o);
}

/* ---- errata ---- */

/* Add the parameters of the results FORM ends with and of the URCs it announces, each result and
 * URC once per erratum (STAMP tells which erratum added it last). */
static void add_form_scope(linter *L, scope *sc, const qat_form *f, size_t stamp)
{
    for (size_t j = 0; j < f->n_final; j++) {
        const qat_result *r = name_index_get(&L->results, f->final[j]);
        size_t at = r ? (size_t)(r - L->spec->results) : 0;
        if (r && L->result_stamp[at] != stamp) {
            L->result_stamp[at] = stamp;
            scope_add(sc, r->params, &L->result_params[at], NULL);
        }
    }
    for (size_t j = 0; j < f->n_urcs; j++) {
        const qat_urc *u = name_index_get(&L->urcs, f->urcs[j].urc);
        size_t at = u ? (size_t)(u - L->spec->urcs) : 0;
        if (u && L->urc_stamp[at] != stamp) {
            L->urc_stamp[at] = stamp;
            scope_add(sc, u->params, &L->urc_params[at], NULL);
        }
    }
}

/* What an erratum can see: its command's parameters, and those of the results and URCs its
 * forms (FORM alone when it names one) end with or announce. */
static void erratum_scope(linter *L, scope *sc, const qat_command *cmd, const qat_form *only, size_t stamp)
{
    size_t at = (size_t)(cmd - L->spec->commands);
    scope_add(sc, cmd->params, &L->command_params[at], NULL);
    for (size_t i = 0; i < cmd->n_forms; i++)
        if (!only || &cmd->forms[i] == only)
            add_form_scope(L, sc, &cmd->forms[i], stamp);
}

/* The erratum's command and form, reported when they do not exist. */
static const qat_command *erratum_target(linter *L, const qat_erratum *e, const qat_form **form)
{
    char buf[DIAG_EXCERPT];
    const qat_command *cmd = name_index_get(&L->commands, e->command);
    *form = NULL;
    if (e->command && !cmd)
        report(L, where(L, e->command, e->loc), "unknown command '%s'", clip_str(buf, e->command));
    if (e->form && !e->command)
        report(L, where(L, e->form, e->loc), "'form' needs 'command': which command's form '%s'?",
               clip_str(buf, e->form));
    else if (e->form && cmd && !(*form = name_index_get(&L->forms_of[cmd - L->spec->commands], e->form)))
        report(L, where(L, e->form, e->loc), "unknown form '%s' (not a form of %s)", clip_str(buf, e->form),
               cmd->name);
    return cmd;
}

/* True when FORM has a response line written exactly PATTERN. */
static bool form_has_line(const qat_form *form, const char *pattern)
{
    for (size_t i = 0; form && i < form->n_response; i++)
        if (strcmp(form->response[i].pattern, pattern) == 0)
            return true;
    return false;
}

/* An erratum's reading changes only the rules it names: every rule OVERRIDE checks otherwise than OWN is in its
 * relaxes list ("time.quoted"), so a reading cannot let a value through that the deviation does not describe. */
static void check_relaxed(linter *L, const qat_erratum *e, const qat_param *own, const qat_param *override)
{
    const char *rules[PARAM_RULES];
    size_t n = param_rules_changed(own, override, rules);
    for (size_t i = 0; i < n; i++)
        if (!erratum_relaxes(e, override->name, rules[i]))
            report(L, override->loc,
                   "erratum %s changes the %s rule of <%s> without naming it: add '%s.%s' to its relaxes, or keep the "
                   "rule as %s has it",
                   e->id, rules[i], override->name, override->name, rules[i], e->command ? e->command : "the spec");
}

/* Every relaxes item is PARAM.RULE, of a parameter the erratum overrides and a rule that exists. */
static void check_relaxes_names(linter *L, const qat_erratum *e, const scope *sc)
{
    char buf[DIAG_EXCERPT];
    for (size_t i = 0; i < e->n_relaxes; i++) {
        const char *item = e->relaxes[i], *dot = strchr(item, '.');
        bool overridden = false;
        for (size_t k = 0; dot && k < e->n_params; k++)
            overridden |= strlen(e->params[k].name) == (size_t)(dot - item) &&
                          strncmp(e->params[k].name, item, (size_t)(dot - item)) == 0;
        if (!dot || !overridden || !param_rule_known(dot + 1) || !scope_find(sc, item, (size_t)(dot - item)))
            report(L, where(L, item, e->loc),
                   "relaxes '%s' is not PARAM.RULE of a parameter the erratum's params override (rules: type, quoted, "
                   "values, length, prefixes, digits, luhn, case, payload)",
                   clip_str(buf, item));
    }
}

static void lint_erratum(linter *L, size_t at)
{
    const qat_erratum *e = &L->spec->errata[at];
    char buf[DIAG_EXCERPT];
    const qat_form *form;
    const qat_command *cmd = erratum_target(L, e, &form);
    scope sc = {0};
    if (cmd)
        erratum_scope(L, &sc, cmd, form, at + 1);
    for (size_t i = 0; i < e->n_accept; i++)
        check_pattern(L, e->accept[i], &sc, e->loc, true);
    for (size_t i = 0; i < e->n_omit; i++)
        if (!form_has_line(form, e->omit[i]))
            report(L, where(L, e->omit[i], e->loc), "omit names \"%s\", which is no response line of %s%s%s",
                   clip_str(buf, e->omit[i]), cmd ? cmd->name : "the erratum's form", form ? " form " : "",
                   form ? form->name : " (omit needs 'command' and 'form')");
    for (size_t i = 0; i < e->n_params; i++) {
        const qat_param *own = scope_find_str(&sc, e->params[i].name);
        if (!own)
            report(L, e->params[i].loc,
                   "erratum parameter '%s' replaces nothing: it is not a parameter of the command, its results or its URCs",
                   clip_str(buf, e->params[i].name));
        else
            check_relaxed(L, e, own, &e->params[i]);
    }
    check_relaxes_names(L, e, &sc);
    scope_free(&sc);
}

/* ---- across entries: duplicates and sections ---- */

#define NO_OFFSET SIZE_MAX

/* Where the entries of one kind are in qat_spec, and where their name, section and loc are. */
typedef struct {
    const char *what;
    size_t list, count, stride, name, section, loc;
} entry_table;

#define ENTRY_TABLE(what, T, list, count, name)                                                                    \
    {what, offsetof(qat_spec, list), offsetof(qat_spec, count), sizeof(T), offsetof(T, name), offsetof(T, section), \
     offsetof(T, loc)}

static const entry_table entry_tables[] = {
    ENTRY_TABLE("topic", qat_topic, topics, n_topics, name),
    ENTRY_TABLE("rule", qat_rule, rules, n_rules, name),
    ENTRY_TABLE("result", qat_result, results, n_results, name),
    ENTRY_TABLE("command", qat_command, commands, n_commands, name),
    ENTRY_TABLE("URC", qat_urc, urcs, n_urcs, name),
    ENTRY_TABLE("erratum", qat_erratum, errata, n_errata, id),
    ENTRY_TABLE("scenario", qat_scenario, scenarios, n_scenarios, name),
};
#define N_ENTRY_TABLES (sizeof entry_tables / sizeof entry_tables[0])

/* The table of contents, read as a table of names (each item is the string itself). */
static const entry_table toc_table = {"table-of-contents section", offsetof(qat_spec, toc), offsetof(qat_spec, n_toc),
                                      sizeof(const char *), 0, NO_OFFSET, NO_OFFSET};

static const char *table_items(const qat_spec *spec, const entry_table *t, size_t *n)
{
    const void *items;
    memcpy(&items, (const char *)spec + t->list, sizeof items);
    memcpy(n, (const char *)spec + t->count, sizeof *n);
    return items;
}

static const char *string_at(const char *item, size_t offset)
{
    const char *s;
    memcpy(&s, item + offset, sizeof s);
    return s;
}

/* Where item ITEM of table T was defined: its name's scalar, else the entry. */
static qat_srcloc defined_at(const linter *L, const entry_table *t, const char *item)
{
    qat_srcloc loc = {0};
    if (t->loc != NO_OFFSET)
        memcpy(&loc, item + t->loc, sizeof loc);
    return where(L, string_at(item, t->name), loc);
}

/* Every name of table T that an earlier entry already took. */
static void check_unique_names(linter *L, const entry_table *t)
{
    char buf[DIAG_EXCERPT];
    size_t n;
    const char *items = table_items(L->spec, t, &n);
    name_index ix = name_index_build(items, n, t->stride, t->name);
    for (size_t i = 1, first = 0; i < ix.n; i++) {
        const name_entry *a = &ix.entries[first], *b = &ix.entries[i];
        if (a->len != b->len || memcmp(a->name, b->name, a->len) != 0) {
            first = i;
            continue;
        }
        qat_srcloc f = defined_at(L, t, a->item);
        report(L, defined_at(L, t, b->item), "duplicate %s '%s' (first defined at %s:%u:%u)", t->what,
               clip_str(buf, b->name), f.file ? f.file : "?", f.line, f.col);
    }
    name_index_free(&ix);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool sorted_has(const char *const *sorted, size_t n, const char *s)
{
    return n && bsearch(&s, sorted, n, sizeof *sorted, compare_strings) != NULL;
}

/* Every entry's section, sorted. */
static const char **entry_sections(const qat_spec *spec, size_t *n)
{
    const char **all = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t k = 0; k < N_ENTRY_TABLES; k++) {
        size_t count;
        const char *items = table_items(spec, &entry_tables[k], &count);
        for (size_t i = 0; i < count; i++) {
            const char *section = string_at(items + i * entry_tables[k].stride, entry_tables[k].section);
            all = heap_reserve(all, &cap, *n + 1, sizeof *all);
            if (section)
                all[(*n)++] = section;
        }
    }
    if (*n)
        qsort(all, *n, sizeof *all, compare_strings);
    return all;
}

static void check_toc_covered(linter *L, const qat_spec *spec)
{
    char buf[DIAG_EXCERPT];
    size_t n;
    const char **sections = entry_sections(spec, &n);
    qat_srcloc none = {0};
    for (size_t i = 0; i < spec->n_toc; i++)
        if (!sorted_has(sections, n, spec->toc[i]))
            report(L, where(L, spec->toc[i], none), "section %s of the table of contents has no entry",
                   clip_str(buf, spec->toc[i]));
    free(sections);
}

static void check_sections_in_toc(linter *L, const qat_spec *spec, const entry_table *t, const char *const *toc,
                                  size_t n_toc)
{
    char buf[DIAG_EXCERPT];
    size_t n;
    const char *items = table_items(spec, t, &n);
    for (size_t i = 0; i < n; i++) {
        const char *section = string_at(items + i * t->stride, t->section);
        qat_srcloc loc;
        memcpy(&loc, items + i * t->stride + t->loc, sizeof loc);
        if (section && !sorted_has(toc, n_toc, section))
            report(L, where(L, section, loc), "section %s is not in the table of contents", clip_str(buf, section));
    }
}

static void check_toc(linter *L)
{
    const qat_spec *spec = L->spec;
    if (!spec->toc)
        return;
    check_unique_names(L, &toc_table);
    const char **sorted = heap_resize(NULL, spec->n_toc ? spec->n_toc : 1, sizeof *sorted);
    memcpy(sorted, spec->toc, spec->n_toc * sizeof *sorted);
    qsort(sorted, spec->n_toc, sizeof *sorted, compare_strings);
    check_toc_covered(L, spec);
    for (size_t k = 0; k < N_ENTRY_TABLES; k++)
        check_sections_in_toc(L, spec, &entry_tables[k], sorted, spec->n_toc);
    free(sorted);
}

/* ---- the indexes ---- */

#define INDEX(T, items, n, member) name_index_build(items, n, sizeof(T), offsetof(T, member))

static name_index *index_each_params(const void *owners, size_t n, size_t stride, size_t params, size_t count)
{
    name_index *ix = heap_resize(NULL, n ? n : 1, sizeof *ix);
    for (size_t i = 0; i < n; i++) {
        const char *item = (const char *)owners + i * stride;
        const qat_param *p;
        size_t np;
        memcpy(&p, item + params, sizeof p);
        memcpy(&np, item + count, sizeof np);
        ix[i] = INDEX(qat_param, p, np, name);
    }
    return ix;
}

#define INDEX_PARAMS(T, items, n) index_each_params(items, n, sizeof(T), offsetof(T, params), offsetof(T, n_params))

static size_t *zeroed(size_t n)
{
    size_t *p = heap_resize(NULL, n ? n : 1, sizeof *p);
    memset(p, 0, (n ? n : 1) * sizeof *p);
    return p;
}

static void linter_open(linter *L, const spec_loaded *s, diag_list *d)
{
    const qat_spec *spec = &s->spec;
    *L = (linter){.s = s, .spec = spec, .d = d};
    L->commands = INDEX(qat_command, spec->commands, spec->n_commands, name);
    L->results = INDEX(qat_result, spec->results, spec->n_results, name);
    L->urcs = INDEX(qat_urc, spec->urcs, spec->n_urcs, name);
    L->errata = INDEX(qat_erratum, spec->errata, spec->n_errata, id);
    L->errata_by_command = INDEX(qat_erratum, spec->errata, spec->n_errata, command);
    L->forms_of = heap_resize(NULL, spec->n_commands ? spec->n_commands : 1, sizeof *L->forms_of);
    for (size_t i = 0; i < spec->n_commands; i++)
        L->forms_of[i] = INDEX(qat_form, spec->commands[i].forms, spec->commands[i].n_forms, name);
    L->command_params = INDEX_PARAMS(qat_command, spec->commands, spec->n_commands);
    L->result_params = INDEX_PARAMS(qat_result, spec->results, spec->n_results);
    L->urc_params = INDEX_PARAMS(qat_urc, spec->urcs, spec->n_urcs);
    L->result_stamp = zeroed(spec->n_results);
    L->urc_stamp = zeroed(spec->n_urcs);
}

static void free_indexes(name_index *ix, size_t n)
{
    for (size_t i = 0; i < n; i++)
        name_index_free(&ix[i]);
    free(ix);
}

static void linter_close(linter *L)
{
    name_index_free(&L->commands);
    name_index_free(&L->results);
    name_index_free(&L->urcs);
    name_index_free(&L->errata);
    name_index_free(&L->errata_by_command);
    free_indexes(L->forms_of, L->spec->n_commands);
    free_indexes(L->command_params, L->spec->n_commands);
    free_indexes(L->result_params, L->spec->n_results);
    free_indexes(L->urc_params, L->spec->n_urcs);
    free(L->result_stamp);
    free(L->urc_stamp);
}

void spec_lint(const spec_loaded *s, diag_list *d)
{
    linter L;
    linter_open(&L, s, d);
    const qat_spec *spec = L.spec;
    for (size_t i = 0; i < spec->n_commands; i++)
        lint_command(&L, i);
    for (size_t i = 0; i < spec->n_urcs; i++)
        lint_urc(&L, i);
    for (size_t i = 0; i < spec->n_results; i++)
        lint_result(&L, i);
    for (size_t i = 0; i < spec->n_errata; i++)
        lint_erratum(&L, i);
    for (size_t i = 0; i < spec->n_rules; i++)
        check_examples(&L, spec->rules[i].examples, spec->rules[i].n_examples, NULL, "rule");
    for (size_t k = 0; k < N_ENTRY_TABLES; k++)
        check_unique_names(&L, &entry_tables[k]);
    check_toc(&L);
    linter_close(&L);
}
