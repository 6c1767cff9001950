/* gen/corpus_spec.c — seeds from the spec itself: its files and each of their entries alone (spec target), its
 * examples as plain transcripts (transcript target) and their command lines the parser accepts (cmdline target). */
#include "corpus.h"

#include "qat_cmdline.h"
#include "qat_stream.h"
#include "check.h"
#include "spec.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the examples ---- */

/* The lines of TEXT the command-line parser reads as commands: the example's commands. */
static void add_example_commands(corpus *c, const qat_compiled *spec, const char *text)
{
    qat_cmd cmds[QAT_STREAM_MAX_CMDS];
    qat_field fields[QAT_STREAM_MAX_FIELDS];
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\r\n");
        qat_cmdline m = qat_cmdline_parse(spec, line, len, cmds, QAT_STREAM_MAX_CMDS, fields, QAT_STREAM_MAX_FIELDS);
        if (len && m.status == QAT_CMDLINE_OK)
            corpus_add(c, CORPUS_CMDLINE, "example", line, len);
        line += len;
        line += strspn(line, "\r\n");
    }
}

static void add_examples(corpus *c, const qat_compiled *spec, const qat_example *ex, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!ex[i].transcript)
            continue;
        corpus_add(c, CORPUS_TRANSCRIPT, "example", ex[i].transcript, strlen(ex[i].transcript));
        add_example_commands(c, spec, ex[i].transcript);
    }
}

/* ---- the files, and their entries alone ---- */

/* The offset of line LINE (1-based) of TEXT[0..LEN), or LEN when it has fewer lines. */
static size_t line_offset(const char *text, size_t len, unsigned line)
{
    size_t at = 0;
    for (unsigned l = 1; l < line && at < len; l++) {
        const char *nl = memchr(text + at, '\n', len - at);
        at = nl ? (size_t)(nl - text) + 1 : len;
    }
    return at;
}

/* Where the sequence item whose node starts on LINE starts: the line of its "-" (the same, or one above). */
static size_t item_start(const char *text, size_t len, unsigned line)
{
    for (unsigned l = line; l > 0; l--) {
        size_t at = line_offset(text, len, l);
        at += strspn(text + at, " ");
        if (at < len && text[at] == '-')
            return line_offset(text, len, l);
    }
    return line_offset(text, len, line);
}

/* The root of TEXT[0..LEN) when it is a YAML sequence read without a complaint, in A; else NULL. */
static const ytree_node *read_sequence(arena *a, const char *name, const char *text, size_t len)
{
    diag_list d = {0};
    const ytree_node *root = NULL;
    bool ok = ytree_load_buffer(a, &d, name, text, len, &root) && root && root->kind == YTREE_SEQUENCE;
    diag_free(&d);
    return ok ? root : NULL;
}

/* Each entry that reads alone (one that names another's anchor does not) as a spec of its own. */
static void add_entries(corpus *c, const char *path, const char *text, size_t len)
{
    arena a = {0};
    const ytree_node *root = read_sequence(&a, path, text, len);
    for (size_t i = 0; root && i < root->n_items; i++) {
        size_t from = item_start(text, len, root->items[i]->line);
        size_t to = i + 1 < root->n_items ? item_start(text, len, root->items[i + 1]->line) : len;
        arena alone = {0};
        if (to > from && read_sequence(&alone, path, text + from, to - from))
            corpus_add(c, CORPUS_SPEC, "entry", text + from, to - from);
        arena_free(&alone);
    }
    arena_free(&a);
}

static void add_file(corpus *c, const char *path)
{
    size_t len;
    char *text = transcript_load(path, &len);
    if (!text) {
        fprintf(stderr, "qatspec gen corpus: cannot read %s\n", path);
        c->failed = true;
        return;
    }
    corpus_add(c, CORPUS_SPEC, "file", text, len);
    add_entries(c, path, text, len);
    free(text);
}

/* Each file once, in the order the model met them (its entries' locations name them). */
static void add_file_once(corpus *c, const char **done, size_t *n_done, const char *path)
{
    for (size_t i = 0; i < *n_done; i++)
        if (strcmp(done[i], path) == 0)
            return;
    done[(*n_done)++] = path;
    add_file(c, path);
}

typedef struct {
    const char **done;
    size_t n_done;
} file_list;

/* The files of N entries at ITEMS, each STRIDE bytes with its qat_srcloc at LOC_OFFSET. */
static void add_entry_files(corpus *c, file_list *f, const void *items, size_t n, size_t stride, size_t loc_offset)
{
    for (size_t i = 0; i < n; i++) {
        qat_srcloc loc;
        memcpy(&loc, (const char *)items + i * stride + loc_offset, sizeof loc);
        if (loc.file)
            add_file_once(c, f->done, &f->n_done, loc.file);
    }
}

static void add_files(corpus *c, const qat_spec *s)
{
    size_t most = s->n_topics + s->n_rules + s->n_results + s->n_commands + s->n_urcs + s->n_errata + s->n_scenarios;
    file_list f = {calloc(most + 1, sizeof(const char *)), 0};
    if (!f.done)
        return;
    add_entry_files(c, &f, s->topics, s->n_topics, sizeof *s->topics, offsetof(qat_topic, loc));
    add_entry_files(c, &f, s->rules, s->n_rules, sizeof *s->rules, offsetof(qat_rule, loc));
    add_entry_files(c, &f, s->results, s->n_results, sizeof *s->results, offsetof(qat_result, loc));
    add_entry_files(c, &f, s->commands, s->n_commands, sizeof *s->commands, offsetof(qat_command, loc));
    add_entry_files(c, &f, s->urcs, s->n_urcs, sizeof *s->urcs, offsetof(qat_urc, loc));
    add_entry_files(c, &f, s->errata, s->n_errata, sizeof *s->errata, offsetof(qat_erratum, loc));
    add_entry_files(c, &f, s->scenarios, s->n_scenarios, sizeof *s->scenarios, offsetof(qat_scenario, loc));
    free(f.done);
}

void corpus_from_spec(corpus *c, const qat_compiled *spec, const spec_loaded *loaded)
{
    const qat_spec *s = &loaded->spec;
    for (size_t i = 0; i < s->n_commands; i++)
        add_examples(c, spec, s->commands[i].examples, s->commands[i].n_examples);
    for (size_t i = 0; i < s->n_urcs; i++)
        add_examples(c, spec, s->urcs[i].examples, s->urcs[i].n_examples);
    for (size_t i = 0; i < s->n_rules; i++)
        add_examples(c, spec, s->rules[i].examples, s->rules[i].n_examples);
    add_files(c, s);
}
