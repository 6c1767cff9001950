/* gen/corpus_sessions.c — stream, command-line and transcript seeds from sessions drawn from the spec (check/check.h):
 * each command with its answer kept while it shows something no kept seed shows; every form's syntax at its extremes. */
#include "corpus.h"

#include "util.h"
#include "qat_stream.h"
#include "qat_synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSIONS 8                   /* drawn sessions, seeds 1..SESSIONS */
#define SESSION_BYTES (128 * 1024)   /* output bytes of each */
#define CMDLINE_CAP 1024

/* ---- what the kept seeds show ---- */

typedef struct {
    const void *what, *with; /* a form, a URC or a result; a form's result code */
} shown;

typedef struct {
    shown *items;
    size_t n, cap;
} shown_set;

static bool has(const shown_set *s, const void *what, const void *with)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i].what == what && s->items[i].with == with)
            return true;
    return false;
}

static void put(shown_set *s, const void *what, const void *with)
{
    if (!what || has(s, what, with))
        return;
    s->items = heap_reserve(s->items, &s->cap, s->n + 1, sizeof *s->items);
    s->items[s->n++] = (shown){what, with};
}

/* True when R shows a form, a (form, result), a result or a URC the set lacks. */
static bool shows_new(const shown_set *s, const corpus_scan *r)
{
    bool fresh = (r->form && !has(s, r->form, r->final)) || (r->final && !has(s, r->final, NULL)) ||
                 (r->prompt && !has(s, r->prompt, NULL));
    for (size_t i = 0; i < r->n_urcs; i++)
        fresh |= !has(s, r->urcs[i], NULL);
    return fresh;
}

static void put_all(shown_set *s, const corpus_scan *r)
{
    put(s, r->form, NULL);
    put(s, r->form, r->final);
    put(s, r->final, NULL);
    put(s, r->prompt, NULL);
    for (size_t i = 0; i < r->n_urcs; i++)
        put(s, r->urcs[i], NULL);
}

/* Count WHAT when S has it, else name it in COV's missing list. */
static size_t covered(const shown_set *s, const void *what, const char *name, const char *part, corpus_coverage *cov)
{
    if (has(s, what, NULL))
        return 1;
    size_t used = strlen(cov->missing);
    snprintf(cov->missing + used, sizeof cov->missing - used, "%s%s%s%s", used ? ", " : "", name, part ? "/" : "",
             part ? part : "");
    return 0;
}

static void count_coverage(const shown_set *s, const qat_compiled *c, corpus_coverage *cov)
{
    *cov = (corpus_coverage){0, c->n_forms, 0, c->n_urcs, 0, c->n_results, ""};
    for (size_t i = 0; i < c->n_forms; i++)
        cov->forms += covered(s, c->forms[i].form, c->forms[i].cmd->name, c->forms[i].form->name, cov);
    for (size_t i = 0; i < c->n_urcs; i++)
        cov->urcs += covered(s, c->urcs[i].urc, c->urcs[i].urc->name, NULL, cov);
    for (size_t i = 0; i < c->n_results; i++)
        cov->results += covered(s, c->results[i].result, c->results[i].result->name, NULL, cov);
}

/* ---- transcripts of a kept seed ---- */

/* "> CMD\r" then "< " and the output, escaped as a marked transcript reads it (bytes as they came). */
static void add_marked(corpus *c, const char *cmd, size_t cmd_len, const char *out, size_t out_len)
{
    char *t = heap_resize(NULL, cmd_len + 4 * out_len + 16, 1);
    size_t n = 0;
    if (cmd_len) {
        n += (size_t)sprintf(t, "> ");
        memcpy(t + n, cmd, cmd_len);
        n += cmd_len;
        n += (size_t)sprintf(t + n, "\\r\n");
    }
    n += (size_t)sprintf(t + n, "< ");
    for (size_t i = 0; i < out_len; i++) {
        unsigned char b = (unsigned char)out[i];
        const char *named = b == '\r' ? "\\r" : b == '\n' ? "\\n" : b == '\t' ? "\\t" : b == '\\' ? "\\\\" : NULL;
        if (named)
            n += (size_t)sprintf(t + n, "%s", named);
        else if (b < 0x20 || b >= 0x7f)
            n += (size_t)sprintf(t + n, "\\x%02x", b);
        else
            t[n++] = (char)b;
    }
    t[n++] = '\n';
    corpus_add(c, CORPUS_TRANSCRIPT, "marked", t, n);
    free(t);
}

/* ---- the sessions ---- */

void corpus_session(bench_session *s, const qat_compiled *spec, uint64_t seed, size_t bytes)
{
    memset(s, 0, sizeof *s);
    bench_generate(s, spec, seed, bytes, NULL, NULL);
}

/* Keep each pair of S that shows something new; false when one of them parsed with violations. */
static bool keep_pairs(corpus *c, const qat_compiled *spec, const bench_session *s, shown_set *set)
{
    bool clean = true;
    for (size_t i = 0; i < s->n_pairs; i++) {
        const bench_pair *p = &s->pairs[i];
        const char *cmd = s->cmds + p->cmd_off, *out = s->out + p->out_off;
        corpus_scan r;
        corpus_scan_stream(spec, cmd, p->cmd_len, out, p->out_len, &r);
        if (r.violations) {
            fprintf(stderr, "qatspec gen corpus: a drawn answer to '%.*s' parses with %zu violations: left out\n",
                    (int)p->cmd_len, cmd, r.violations);
            clean = false;
            continue;
        }
        if (!shows_new(set, &r))
            continue;
        put_all(set, &r);
        corpus_add_stream(c, "form", cmd, p->cmd_len, out, p->out_len);
        corpus_add(c, CORPUS_CMDLINE, "form", cmd, p->cmd_len);
        add_marked(c, cmd, p->cmd_len, out, p->out_len);
        corpus_add(c, CORPUS_TRANSCRIPT, "raw", out, p->out_len);
    }
    return clean;
}

/* ---- every form's syntax at its extremes ---- */

/* A command line of F drawn with O and SEED after PREFIX into LINE[0..CAP), that the command-line parser
 * reads as F (among its candidates); its length, or 0. */
static size_t draw_command(const qat_compiled *spec, const qat_cform *f, const char *prefix, const qat_synth_opts *o,
                           uint64_t seed, char *line, size_t cap)
{
    qat_cmd cmds[QAT_STREAM_MAX_CMDS];
    qat_field fields[QAT_STREAM_MAX_FIELDS];
    size_t plen = strlen(prefix);
    if (plen >= cap)
        return 0;
    memcpy(line, prefix, plen);
    qat_rng rng;
    qat_rng_seed(&rng, seed);
    qat_synth_result r = qat_synth_line(&f->syntax, o, &rng, line + plen, cap - plen);
    if (r.status != QAT_SYNTH_OK)
        return 0;
    qat_cmdline m = qat_cmdline_parse(spec, line, plen + r.len, cmds, QAT_STREAM_MAX_CMDS, fields,
                                      QAT_STREAM_MAX_FIELDS);
    bool ok = m.status == QAT_CMDLINE_OK && m.n_cmds == 1;
    for (size_t i = 0; ok && i < cmds[0].n_forms; i++)
        if (cmds[0].forms[i] == f)
            return plen + r.len;
    return 0;
}

static void add_syntaxes(corpus *c, const qat_compiled *spec)
{
    const qat_synth_opts extremes[] = {{QAT_SYNTH_LOWEST, QAT_SYNTH_NONE, 0, NULL, NULL},
                                       {QAT_SYNTH_HIGHEST, QAT_SYNTH_ALL, 0, NULL, NULL},
                                       {QAT_SYNTH_RANDOM, QAT_SYNTH_SOME, 0, NULL, NULL}};
    const qat_grammar_item *prefixes = spec->rules.prefixes;
    char line[CMDLINE_CAP];
    for (size_t i = 0; prefixes && i < spec->n_forms; i++)
        for (size_t k = 0; k < sizeof extremes / sizeof extremes[0]; k++) {
            const char *prefix = prefixes->values[k % prefixes->n_values];
            size_t len = draw_command(spec, &spec->forms[i], prefix, &extremes[k], i, line, sizeof line);
            if (len)
                corpus_add(c, CORPUS_CMDLINE, "syntax", line, len);
        }
}

/* ---- result codes the drawn sessions do not give (an intermediate CONNECT): a command answered by one alone ---- */

#define RESULT_TRIES 8

/* F's command echoed, then result R alone; kept when it reads clean and shows something new. */
static void try_result_alone(corpus *c, const qat_compiled *spec, const qat_cform *f, const qat_cresult *r,
                             shown_set *set)
{
    char cmd[CMDLINE_CAP], out[2 * CMDLINE_CAP];
    const char *prefix = spec->rules.prefixes->values[0];
    for (uint64_t t = 0; t < RESULT_TRIES; t++) {
        size_t len = draw_command(spec, f, prefix, NULL, t, cmd, sizeof cmd);
        qat_rng rng;
        qat_rng_seed(&rng, t);
        size_t n = len ? (size_t)snprintf(out, sizeof out, "%.*s\r\r\n", (int)len, cmd) : 0;
        qat_synth_result line = qat_synth_line(&r->pattern.g, NULL, &rng, out + n, sizeof out - n - 2);
        if (!len || line.status != QAT_SYNTH_OK)
            continue;
        n += line.len;
        memcpy(out + n, "\r\n", 2);
        corpus_scan scan;
        corpus_scan_stream(spec, cmd, len, out, n + 2, &scan);
        if (scan.violations == 0 && shows_new(set, &scan)) {
            put_all(set, &scan);
            corpus_add_stream(c, "form", cmd, len, out, n + 2);
            return;
        }
    }
}

static void add_missing_results(corpus *c, const qat_compiled *spec, shown_set *set)
{
    for (size_t i = 0; spec->rules.prefixes && i < spec->n_forms; i++) {
        const qat_form *form = spec->forms[i].form;
        for (size_t j = 0; j < spec->n_results; j++) {
            const qat_result *r = spec->results[j].result;
            bool listed = false;
            for (size_t k = 0; k < form->n_final; k++)
                listed |= strcmp(form->final[k], r->name) == 0;
            if (listed && !has(set, form, r))
                try_result_alone(c, spec, &spec->forms[i], &spec->results[j], set);
        }
    }
}

bool corpus_from_sessions(corpus *c, const qat_compiled *spec, corpus_coverage *cov)
{
    shown_set set = {0};
    bool clean = true;
    for (uint64_t seed = 1; seed <= SESSIONS; seed++) {
        bench_session s;
        corpus_session(&s, spec, seed, SESSION_BYTES);
        clean &= keep_pairs(c, spec, &s, &set);
        bench_free(&s);
    }
    add_missing_results(c, spec, &set);
    count_coverage(&set, spec, cov);
    free(set.items);
    add_syntaxes(c, spec);
    return clean;
}
