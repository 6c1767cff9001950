/* gen/dict.c — `qatspec gen dict --out FILE`: every literal of the spec as a fuzzing dictionary, in the
 * `name="value"` format libFuzzer's -dict and AFL++'s -x share. Literals come from the pattern scanner. */
#include "util.h"
#include "gen.h"

#include "qat_pattern.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: qatspec gen dict --out FILE [--spec DIR]\n"
    "\n"
    "Write a dictionary of every literal of the spec, one `name=\"value\"` line each (the format of\n"
    "libFuzzer's -dict=FILE and AFL++'s -x FILE; bytes outside printable ASCII, '\"' and '\\' as \\xNN):\n"
    "the chapter-1 rule literals (\"AT\", \"\\r\\n\", \";\"...), result code lines (\"OK\", the prompt \"> \"),\n"
    "command names and the literal parts of every syntax and response line (\"AT+CSQ\", \"+CSQ: \") with\n"
    "the line prefixes the parser dispatches on (\"+CSQ:\"), URC literals, enum values bare and quoted,\n"
    "string prefixes, erratum patterns, quoted strings inside patterns, and the prompt's Ctrl-Z and ESC.\n"
    "Entries are deduplicated, in spec order; values longer than 64 bytes (libFuzzer's limit) are left out.\n"
    "Exit 0, or 2 on a usage, spec or write error.\n";

#define MAX_ENTRY 64 /* libFuzzer ignores longer dictionary words (AFL++ takes up to 128) */

typedef struct {
    const char *kind; /* the entry's name stem: "rule", "command", ... */
    char *bytes;
    size_t len;
} dict_entry;

typedef struct {
    arena a;
    dict_entry *items;
    size_t n, cap;
} dict;

static void add_bytes(dict *d, const char *kind, const char *s, size_t len)
{
    if (len == 0 || len > MAX_ENTRY)
        return;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].len == len && memcmp(d->items[i].bytes, s, len) == 0)
            return;
    d->items = heap_reserve(d->items, &d->cap, d->n + 1, sizeof *d->items);
    d->items[d->n++] = (dict_entry){kind, arena_strndup(&d->a, s, len), len};
}

static void add_string(dict *d, const char *kind, const char *s)
{
    if (s)
        add_bytes(d, kind, s, strlen(s));
}

/* Each "..." inside a literal ("+QIURC: \"recv\","), with and without its quotes. */
static void add_quoted_parts(dict *d, const char *kind, const char *s, size_t len)
{
    const char *end = s + len;
    for (const char *open = memchr(s, '"', len); open; open = memchr(open, '"', (size_t)(end - open))) {
        const char *close = memchr(open + 1, '"', (size_t)(end - open - 1));
        if (!close)
            return;
        add_bytes(d, kind, open, (size_t)(close - open + 1));
        add_bytes(d, kind, open + 1, (size_t)(close - open - 1));
        open = close + 1;
    }
}

/* The literal parts of a pattern ("AT+CSQ", "+CSQ: ", ","), and the quoted strings inside them. */
static void add_pattern(dict *d, const char *kind, const char *pattern)
{
    if (!pattern)
        return;
    qat_pat_scanner s;
    qat_pat_token t;
    qat_pat_init(&s, pattern, strlen(pattern));
    while (qat_pat_next(&s, &t) != QAT_PAT_END) {
        if (t.kind != QAT_PAT_LITERAL)
            continue;
        add_bytes(d, kind, pattern + t.offset, t.len);
        add_quoted_parts(d, kind, pattern + t.offset, t.len);
    }
}

static void add_patterns(dict *d, const char *kind, const char *const *patterns, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add_pattern(d, kind, patterns[i]);
}

/* An enum's values as the wire shows them: bare, and in quotes when the parameter is quoted; string prefixes. */
static void add_params(dict *d, const qat_param *params, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const qat_param *p = &params[i];
        for (size_t j = 0; j < p->n_enum_values; j++) {
            add_string(d, "enum", p->enum_values[j]);
            if (p->quoted) {
                char quoted[MAX_ENTRY + 1];
                int len = snprintf(quoted, sizeof quoted, "\"%s\"", p->enum_values[j]);
                if (len > 0 && (size_t)len < sizeof quoted)
                    add_bytes(d, "enum", quoted, (size_t)len);
            }
        }
        for (size_t j = 0; j < p->n_prefixes; j++)
            add_string(d, "prefix", p->prefixes[j]);
    }
}

/* The byte a prompt's `send`/`cancel` key name stands for, as SCHEMA.md names them. */
static void add_prompt_key(dict *d, const char *name)
{
    static const struct {
        const char *name;
        char byte;
    } keys[] = {{"ctrl-z", 0x1A}, {"esc", 0x1B}};
    for (size_t i = 0; name && i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].name, name) == 0)
            add_bytes(d, "key", &keys[i].byte, 1);
}

static void add_form(dict *d, const qat_form *f)
{
    add_pattern(d, "syntax", f->syntax);
    for (size_t i = 0; i < f->n_response; i++) {
        add_pattern(d, "response", f->response[i].pattern);
        add_patterns(d, "response", f->response[i].alt, f->response[i].n_alt);
    }
    if (f->has_prompt) {
        add_prompt_key(d, f->prompt.send);
        add_prompt_key(d, f->prompt.cancel);
    }
}

static void add_model(dict *d, const qat_spec *spec)
{
    for (size_t i = 0; i < spec->n_rules; i++)
        for (size_t j = 0; j < spec->rules[i].n_grammar; j++)
            add_patterns(d, "rule", spec->rules[i].grammar[j].values, spec->rules[i].grammar[j].n_values);
    for (size_t i = 0; i < spec->n_results; i++) {
        add_pattern(d, "result", spec->results[i].line);
        add_params(d, spec->results[i].params, spec->results[i].n_params);
    }
    for (size_t i = 0; i < spec->n_commands; i++) {
        const qat_command *c = &spec->commands[i];
        add_string(d, "command", c->name);
        for (size_t j = 0; j < c->n_forms; j++)
            add_form(d, &c->forms[j]);
        add_params(d, c->params, c->n_params);
    }
    for (size_t i = 0; i < spec->n_urcs; i++) {
        add_pattern(d, "urc", spec->urcs[i].line);
        add_params(d, spec->urcs[i].params, spec->urcs[i].n_params);
    }
    for (size_t i = 0; i < spec->n_errata; i++) {
        add_patterns(d, "erratum", spec->errata[i].accept, spec->errata[i].n_accept);
        add_patterns(d, "erratum", spec->errata[i].omit, spec->errata[i].n_omit);
        add_params(d, spec->errata[i].params, spec->errata[i].n_params);
    }
}

/* ---- the line prefixes the stream parser dispatches on ("+CSQ:"), from the compiled spec ---- */

static void add_shapes(dict *d, const qat_cpattern *ps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ps[i].shape)
            add_bytes(d, "shape", ps[i].shape, ps[i].shape_len);
}

static void add_compiled(dict *d, const qat_compiled *c)
{
    for (size_t i = 0; i < c->n_forms; i++) {
        for (size_t j = 0; j < c->forms[i].n_lines; j++) {
            add_shapes(d, c->forms[i].lines[j].patterns, c->forms[i].lines[j].n_patterns);
            add_shapes(d, c->forms[i].lines[j].deviations, c->forms[i].lines[j].n_deviations);
        }
        add_shapes(d, c->forms[i].extra, c->forms[i].n_extra);
    }
    for (size_t i = 0; i < c->n_urcs; i++)
        add_shapes(d, &c->urcs[i].pattern, 1);
    for (size_t i = 0; i < c->n_results; i++)
        add_shapes(d, &c->results[i].pattern, 1);
    add_shapes(d, c->deviant_urcs, c->n_deviant_urcs);
    add_shapes(d, c->deviant_results, c->n_deviant_results);
}

/* ---- writing ---- */

static void write_entry(FILE *out, const dict_entry *e, size_t index)
{
    fprintf(out, "%s_%zu=\"", e->kind, index);
    for (size_t i = 0; i < e->len; i++) {
        unsigned char c = (unsigned char)e->bytes[i];
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
            fprintf(out, "\\x%02X", c);
        else
            fputc(c, out);
    }
    fputs("\"\n", out);
}

static void write_dict(FILE *out, const dict *d)
{
    fputs("# Generated by `qatspec gen dict` from the spec: every literal of the QAT grammar.\n"
          "# For libFuzzer (-dict=FILE) and AFL++ (-x FILE).\n",
          out);
    for (size_t i = 0; i < d->n; i++)
        write_entry(out, &d->items[i], i + 1);
}

static bool write_dict_file(const spec_opened *s, const gen_options *o)
{
    FILE *out = gen_create(o->out, "dict");
    if (!out)
        return false;
    dict d = {0};
    add_model(&d, &s->loaded.spec);
    add_compiled(&d, &s->c);
    write_dict(out, &d);
    bool ok = gen_close(out, o->out, "dict");
    if (ok)
        printf("gen dict: %zu entries in %s\n", d.n, o->out);
    free(d.items);
    arena_free(&d.a);
    return ok;
}

int gen_dict(int argc, char **argv)
{
    return gen_run(argc, argv, "dict", usage_text, write_dict_file);
}
