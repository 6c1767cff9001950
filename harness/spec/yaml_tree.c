/* spec/yaml_tree.c — reads one YAML file through libyaml's event API into a ytree_node tree.
 * Bounded whatever the input: depth, node count, alias expansion and file size are capped. */
#include "spec.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    const char *name; /* NULL for an empty slot */
    const ytree_node *node;
} anchor_slot;

typedef struct {
    ytree_node *node;
    size_t first_kid;   /* where its children start on the builder's kid stack */
    const char *anchor; /* its anchor, registered when the collection ends */
} open_collection;

typedef struct {
    arena *a;
    diag_list *d;
    const char *name;
    const char *buf;
    size_t len;
    open_collection open[YTREE_MAX_DEPTH];
    size_t depth;
    const ytree_node **kids; /* children of every open collection, innermost last */
    size_t n_kids, cap_kids;
    anchor_slot *anchors; /* open addressing; capacity a power of two */
    size_t n_anchors, cap_anchors;
    size_t weight; /* nodes so far, aliases expanded */
    const ytree_node *root;
    unsigned documents;
    bool reported; /* a diagnostic was added */
    bool fatal;    /* the tree cannot be used */
    bool stopped;  /* no more events wanted */
} builder;

static unsigned to_unsigned(size_t v) { return v >= UINT_MAX ? UINT_MAX : (unsigned)v; }
static unsigned mark_line(yaml_mark_t m) { return to_unsigned(m.line + 1); }
static unsigned mark_col(yaml_mark_t m) { return to_unsigned(m.column + 1); }

static void report(builder *b, unsigned line, unsigned col, const char *msg)
{
    diag_add(b->d, b->name, line, col, "%s", msg);
    b->reported = true;
}

static void stop(builder *b, yaml_mark_t m, const char *msg)
{
    report(b, mark_line(m), mark_col(m), msg);
    b->fatal = b->stopped = true;
}

/* ---- anchors ---- */

static size_t hash_name(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static anchor_slot *find_slot(anchor_slot *slots, size_t cap, const char *name)
{
    size_t i = hash_name(name) & (cap - 1);
    while (slots[i].name && strcmp(slots[i].name, name) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static void grow_anchors(builder *b)
{
    size_t cap = b->cap_anchors ? b->cap_anchors * 2 : 64;
    anchor_slot *slots = heap_resize(NULL, cap, sizeof *slots);
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < b->cap_anchors; i++)
        if (b->anchors[i].name)
            *find_slot(slots, cap, b->anchors[i].name) = b->anchors[i];
    free(b->anchors);
    b->anchors = slots;
    b->cap_anchors = cap;
}

static void define_anchor(builder *b, const char *name, const ytree_node *node)
{
    if (!name)
        return;
    if ((b->n_anchors + 1) * 2 > b->cap_anchors)
        grow_anchors(b);
    anchor_slot *slot = find_slot(b->anchors, b->cap_anchors, name);
    if (!slot->name)
        b->n_anchors++;
    slot->name = name; /* a later anchor of the same name replaces the earlier one */
    slot->node = node;
}

static const ytree_node *lookup_anchor(const builder *b, const char *name)
{
    if (!b->cap_anchors)
        return NULL;
    return find_slot(b->anchors, b->cap_anchors, name)->node;
}

/* ---- nodes ---- */

static size_t add_capped(size_t a, size_t b)
{
    size_t cap = (size_t)YTREE_MAX_NODES + 1;
    return a >= cap || b >= cap - a ? cap : a + b;
}

/* Count WEIGHT more nodes for the document; false (and stop) past the limit. */
static bool count_nodes(builder *b, size_t weight, yaml_mark_t m, bool through_alias)
{
    b->weight = add_capped(b->weight, weight);
    if (b->weight <= YTREE_MAX_NODES)
        return true;
    char msg[96];
    snprintf(msg, sizeof msg, "%s more than %d nodes", through_alias ? "aliases expand to" : "the file has",
             YTREE_MAX_NODES);
    stop(b, m, msg);
    return false;
}

static ytree_node *new_node(builder *b, ytree_kind kind, yaml_mark_t start)
{
    ytree_node *n = arena_alloc(b->a, sizeof *n);
    n->kind = kind;
    n->line = mark_line(start);
    n->col = mark_col(start);
    n->end_line = n->line;
    n->weight = 1;
    return n;
}

static const char *copy_anchor(builder *b, const yaml_char_t *anchor)
{
    return anchor ? arena_strdup(b->a, (const char *)anchor) : NULL;
}

static void attach(builder *b, const ytree_node *n)
{
    if (b->depth == 0) {
        b->root = n;
        return;
    }
    b->kids = heap_reserve(b->kids, &b->cap_kids, b->n_kids + 1, sizeof *b->kids);
    b->kids[b->n_kids++] = n;
}

static ytree_style scalar_style(yaml_scalar_style_t s)
{
    switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return YTREE_SINGLE_QUOTED;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return YTREE_DOUBLE_QUOTED;
    case YAML_LITERAL_SCALAR_STYLE: return YTREE_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE: return YTREE_FOLDED;
    default: return YTREE_PLAIN;
    }
}

static void on_scalar(builder *b, const yaml_event_t *e)
{
    if (!count_nodes(b, 1, e->start_mark, false))
        return;
    ytree_node *n = new_node(b, YTREE_SCALAR, e->start_mark);
    n->end_line = mark_line(e->end_mark);
    n->style = scalar_style(e->data.scalar.style);
    n->len = e->data.scalar.length;
    n->text = arena_strndup(b->a, (const char *)e->data.scalar.value, n->len);
    if (memchr(n->text, '\0', n->len))
        report(b, n->line, n->col, "a string may not hold a NUL byte");
    define_anchor(b, copy_anchor(b, e->data.scalar.anchor), n);
    attach(b, n);
}

static void on_alias(builder *b, const yaml_event_t *e)
{
    const char *name = (const char *)e->data.alias.anchor;
    const ytree_node *target = lookup_anchor(b, name);
    if (!target) {
        char msg[DIAG_EXCERPT + 64], buf[DIAG_EXCERPT];
        snprintf(msg, sizeof msg, "undefined alias '*%s'", diag_excerpt(buf, sizeof buf, name, strlen(name)));
        stop(b, e->start_mark, msg);
        return;
    }
    if (count_nodes(b, target->weight, e->start_mark, true))
        attach(b, target);
}

static void on_collection_start(builder *b, const yaml_event_t *e, ytree_kind kind, const yaml_char_t *anchor)
{
    if (b->depth == YTREE_MAX_DEPTH) {
        char msg[64];
        snprintf(msg, sizeof msg, "nesting deeper than %d levels", YTREE_MAX_DEPTH);
        stop(b, e->start_mark, msg);
        return;
    }
    if (!count_nodes(b, 1, e->start_mark, false))
        return;
    open_collection *o = &b->open[b->depth++];
    o->node = new_node(b, kind, e->start_mark);
    o->first_kid = b->n_kids;
    o->anchor = copy_anchor(b, anchor);
}

/* ---- duplicate keys ---- */

typedef struct {
    const ytree_node *key;
    size_t index;
} key_ref;

static int compare_keys(const void *pa, const void *pb)
{
    const key_ref *a = pa, *b = pb;
    size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
    int c = memcmp(a->key->text, b->key->text, n);
    if (!c)
        c = (a->key->len > b->key->len) - (a->key->len < b->key->len);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

static bool same_key(const ytree_node *x, const ytree_node *y)
{
    return x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

static void report_duplicate(builder *b, const ytree_node *dup, const ytree_node *first)
{
    char buf[DIAG_EXCERPT];
    diag_add(b->d, b->name, dup->line, dup->col, "duplicate key '%s' (first at %u:%u)",
             diag_excerpt(buf, sizeof buf, dup->text, dup->len), first->line, first->col);
    b->reported = true;
}

static void check_duplicate_keys(builder *b, const ytree_node *map)
{
    size_t pairs = ytree_pairs(map), n = 0;
    if (pairs < 2)
        return;
    key_ref *refs = heap_resize(NULL, pairs, sizeof *refs);
    for (size_t i = 0; i < pairs; i++)
        if (ytree_key(map, i)->kind == YTREE_SCALAR)
            refs[n++] = (key_ref){ytree_key(map, i), i};
    qsort(refs, n, sizeof *refs, compare_keys);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (same_key(refs[i].key, refs[first].key))
            report_duplicate(b, refs[i].key, refs[first].key);
        else
            first = i;
    }
    free(refs);
}

static void on_collection_end(builder *b)
{
    open_collection *o = &b->open[--b->depth];
    ytree_node *n = o->node;
    n->n_items = b->n_kids - o->first_kid;
    const ytree_node **items = arena_array(b->a, n->n_items, sizeof *items);
    for (size_t i = 0; i < n->n_items; i++) {
        items[i] = b->kids[o->first_kid + i];
        n->weight = add_capped(n->weight, items[i]->weight);
    }
    n->items = items;
    b->n_kids = o->first_kid;
    if (n->kind == YTREE_MAPPING)
        check_duplicate_keys(b, n);
    define_anchor(b, o->anchor, n);
    attach(b, n);
}

static void on_document_start(builder *b, const yaml_event_t *e)
{
    if (++b->documents > 1)
        stop(b, e->start_mark, "more than one document in the file (a spec file holds one)");
}

static void on_event(builder *b, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT: on_document_start(b, e); break;
    case YAML_SCALAR_EVENT: on_scalar(b, e); break;
    case YAML_ALIAS_EVENT: on_alias(b, e); break;
    case YAML_SEQUENCE_START_EVENT: on_collection_start(b, e, YTREE_SEQUENCE, e->data.sequence_start.anchor); break;
    case YAML_MAPPING_START_EVENT: on_collection_start(b, e, YTREE_MAPPING, e->data.mapping_start.anchor); break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: on_collection_end(b); break;
    case YAML_STREAM_END_EVENT: b->stopped = true; break;
    default: break;
    }
}

/* ---- libyaml errors ---- */

/* Line and column (1-based, column in characters) of byte OFFSET of the buffer. */
static void offset_position(const builder *b, size_t offset, unsigned *line, unsigned *col)
{
    size_t l = 1, c = 1;
    if (offset > b->len)
        offset = b->len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)b->buf[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = to_unsigned(l);
    *col = to_unsigned(c);
}

/* The byte at 0-based LINE and COLUMN (in characters) of the buffer, or -1 past its end. */
static int byte_at(const builder *b, size_t line, size_t column)
{
    size_t i = 0;
    for (size_t l = 0; l < line && i < b->len; i++)
        l += b->buf[i] == '\n';
    for (size_t c = 0; i < b->len && b->buf[i] != '\n'; i++)
        if (((unsigned char)b->buf[i] & 0xC0) != 0x80 && c++ == column)
            return (unsigned char)b->buf[i];
    return -1;
}

static void report_syntax_error(builder *b, const yaml_parser_t *p, const char *problem)
{
    const char *hint = byte_at(b, p->problem_mark.line, p->problem_mark.column) == '\t'
                           ? "a tab: YAML indents with spaces only"
                           : NULL;
    char context[160] = "";
    if (p->context)
        snprintf(context, sizeof context, "%s, at %u:%u", p->context, mark_line(p->context_mark),
                 mark_col(p->context_mark));
    diag_add(b->d, b->name, mark_line(p->problem_mark), mark_col(p->problem_mark), "%s%s%s%s%s%s", problem,
             hint || p->context ? " (" : "", hint ? hint : "", hint && p->context ? "; " : "", context,
             hint || p->context ? ")" : "");
}

static void report_parser_error(builder *b, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "cannot read the YAML";
    if (p->error == YAML_READER_ERROR) {
        unsigned line, col;
        offset_position(b, p->problem_offset, &line, &col);
        diag_add(b->d, b->name, line, col, "%s", problem);
    } else if (p->error == YAML_SCANNER_ERROR || p->error == YAML_PARSER_ERROR) {
        report_syntax_error(b, p, problem);
    } else {
        diag_add(b->d, b->name, 1, 1, "%s", problem);
    }
    b->reported = b->fatal = b->stopped = true;
}

static void run_parser(builder *b)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        report(b, 1, 1, "cannot start the YAML parser");
        return;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)b->buf, b->len);
    while (!b->stopped) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            report_parser_error(b, &parser);
            break;
        }
        on_event(b, &e);
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&parser);
}

bool ytree_load_buffer(arena *a, diag_list *d, const char *name, const char *buf, size_t len,
                       const ytree_node **root)
{
    builder b = {.a = a, .d = d, .name = name, .buf = buf, .len = len};
    run_parser(&b);
    if (!b.fatal && !b.root)
        report(&b, 1, 1, "the file holds no YAML document");
    *root = b.fatal ? NULL : b.root;
    free(b.kids);
    free(b.anchors);
    return !b.reported;
}

/* ---- files ---- */

static char *read_all(FILE *f, size_t *len, bool *too_big)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;
    *too_big = false;
    for (;;) {
        buf = heap_reserve(buf, &cap, n + 65536, 1);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > YTREE_MAX_FILE_BYTES) {
            *too_big = true;
            break;
        }
        if (got == 0)
            break;
    }
    *len = n;
    return buf;
}

bool ytree_load_file(arena *a, diag_list *d, const char *path, const ytree_node **root)
{
    *root = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(d, path, 0, 0, "cannot read the file: %s", strerror(errno));
        return false;
    }
    size_t len;
    bool too_big;
    char *buf = read_all(f, &len, &too_big);
    bool failed = ferror(f);
    fclose(f);
    bool ok = false;
    if (failed)
        diag_add(d, path, 0, 0, "cannot read the file");
    else if (too_big)
        diag_add(d, path, 0, 0, "the file is larger than %zu MiB", YTREE_MAX_FILE_BYTES / (1024 * 1024));
    else
        ok = ytree_load_buffer(a, d, path, buf, len, root);
    free(buf);
    return ok;
}

/* ---- access ---- */

size_t ytree_pairs(const ytree_node *map) { return map->kind == YTREE_MAPPING ? map->n_items / 2 : 0; }
const ytree_node *ytree_key(const ytree_node *map, size_t i) { return map->items[2 * i]; }
const ytree_node *ytree_value(const ytree_node *map, size_t i) { return map->items[2 * i + 1]; }

bool ytree_is(const ytree_node *n, const char *text)
{
    return n->kind == YTREE_SCALAR && n->len == strlen(text) && memcmp(n->text, text, n->len) == 0;
}

const ytree_node *ytree_get(const ytree_node *map, const char *key)
{
    for (size_t i = 0; i < ytree_pairs(map); i++)
        if (ytree_is(ytree_key(map, i), key))
            return ytree_value(map, i);
    return NULL;
}

const char *ytree_kind_phrase(ytree_kind k)
{
    switch (k) {
    case YTREE_SCALAR: return "a scalar";
    case YTREE_SEQUENCE: return "a sequence";
    default: return "a mapping";
    }
}
