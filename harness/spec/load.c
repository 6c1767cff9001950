/* spec/load.c — builds the qat_spec model from the YAML trees of a spec directory.
 * The schema is data: each mapping kind is a table of its keys and how to read each one. */
#include "spec.h"
#include "qat_value.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NO_SLOT SIZE_MAX

/* field flags */
#define REQUIRED 1u  /* the key must be there */
#define NONEMPTY 2u  /* a string or a list that may not be empty */
#define POSITIVE 4u  /* an integer above zero */
#define SECTION 8u   /* a quoted section number: "2.11" */
#define AT_NAME 16u  /* a command name: starts with AT */

typedef struct loader loader;
typedef struct field field;
typedef struct record_kind record_kind;

typedef void (*field_fn)(loader *ld, const ytree_node *value, void *rec, const field *f);

/* The words an enum-like key takes: from a list, or from qat_spec.h's name functions. */
typedef struct {
    const char *const *names;
    const char *(*name_of)(unsigned index);
    unsigned count;
} word_set;

/* One key of a mapping. */
struct field {
    const char *key;
    field_fn load;
    unsigned flags;
    size_t offset;       /* where the value goes in the record; NO_SLOT: checked, not kept */
    size_t count_offset; /* lists: where their length goes */
    size_t size;         /* integers and words: the size of the slot */
    const void *sub;     /* words: a word_set; nested mappings: a record_kind */
    unsigned types;      /* parameter keys: the types (1 << qat_type) they apply to; 0: all */
};

/* One kind of mapping: a command, a form, a parameter ... */
struct record_kind {
    const char *what; /* for messages: "command", "form" */
    const field *fields;
    size_t n_fields;
    size_t size;        /* the C struct */
    size_t name_offset; /* records named by their key (forms, parameters): where the name goes */
    size_t loc_offset;  /* where the qat_srcloc goes, or NO_SLOT */
    void (*prepare)(loader *ld, void *rec, const void *parent);
    void (*finish)(loader *ld, void *rec, const ytree_node *map, const ytree_node *key, unsigned long seen);
};

/* A growing array in the arena. */
typedef struct {
    void *items;
    size_t n, cap;
} arena_vec;

enum { ENTRY_MANUAL, ENTRY_TOPIC, ENTRY_RULE, ENTRY_RESULT, ENTRY_COMMAND, ENTRY_URC, ENTRY_ERRATUM, ENTRY_SCENARIO, ENTRY_KINDS };

struct loader {
    arena *a;
    diag_list *d;
    const char *file; /* the file being read (arena copy) */
    qat_spec *spec;
    arena_vec entries[ENTRY_KINDS];
    spec_origin *origins; /* heap while loading */
    size_t n_origins, cap_origins;
    qat_srcloc first_manual;
};

/* ---- small helpers ---- */

static void problem(loader *ld, const ytree_node *at, const char *fmt, ...) DIAG_PRINTF(3, 4);

static void problem(loader *ld, const ytree_node *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(ld->d, ld->file, at->line, at->col, fmt, ap);
    va_end(ap);
}

static const char *excerpt(char buf[DIAG_EXCERPT], const ytree_node *n)
{
    return diag_excerpt(buf, DIAG_EXCERPT, n->text, n->len);
}

static void *slot(void *rec, size_t offset) { return offset == NO_SLOT ? NULL : (char *)rec + offset; }

static void put(void *rec, size_t offset, const void *value, size_t size)
{
    void *p = slot(rec, offset);
    if (p)
        memcpy(p, value, size);
}

static void put_pointer(void *rec, const field *f, const void *p) { put(rec, f->offset, &p, sizeof p); }

static void put_list(void *rec, const field *f, const void *items, size_t n)
{
    put_pointer(rec, f, items);
    put(rec, f->count_offset, &n, sizeof n);
}

static qat_srcloc loc_of(const loader *ld, const ytree_node *n) { return (qat_srcloc){ld->file, n->line, n->col}; }

static void *vec_push(loader *ld, arena_vec *v, size_t size)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *items = arena_array(ld->a, cap, size);
        if (v->n)
            memcpy(items, v->items, v->n * size);
        v->items = items;
        v->cap = cap;
    }
    void *item = (char *)v->items + size * v->n++;
    memset(item, 0, size); /* a slot given back by an entry without a name is reused */
    return item;
}

static void remember_origin(loader *ld, const ytree_node *n)
{
    ld->origins = heap_reserve(ld->origins, &ld->cap_origins, ld->n_origins + 1, sizeof *ld->origins);
    ld->origins[ld->n_origins++] = (spec_origin){n->text, n, ld->file};
}

static int compare_position(const ytree_node *a, const ytree_node *b)
{
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static bool is_null(const ytree_node *n)
{
    return n->kind == YTREE_SCALAR && n->style == YTREE_PLAIN &&
           (n->len == 0 || ytree_is(n, "~") || ytree_is(n, "null"));
}

/* True when N is of KIND; otherwise says "expected WHAT, found ...". */
static bool expect(loader *ld, const ytree_node *n, ytree_kind kind, const char *what)
{
    if (n->kind == kind && !(kind == YTREE_SCALAR && is_null(n)))
        return true;
    if (is_null(n))
        problem(ld, n, "expected %s, found an empty value", what);
    else
        problem(ld, n, "expected %s, found %s", what, ytree_kind_phrase(n->kind));
    return false;
}

bool spec_section_valid(const char *s, size_t len)
{
    bool digit_before = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digit_before = true;
        else if (s[i] == '.' && digit_before)
            digit_before = false;
        else
            return false;
    }
    return digit_before;
}

static bool check_section(loader *ld, const ytree_node *n)
{
    char buf[DIAG_EXCERPT];
    if (!spec_section_valid(n->text, n->len)) {
        problem(ld, n, "section '%s' is not a section number (digits and dots: \"2.11\")", excerpt(buf, n));
        return false;
    }
    if (n->style == YTREE_PLAIN) {
        problem(ld, n, "write the section in quotes, \"%s\": YAML reads a bare %s as a number", n->text, n->text);
        return false;
    }
    return true;
}

/* The text of a string scalar, checked against F's flags and remembered as an origin; NULL when wrong. */
static const char *take_string(loader *ld, const ytree_node *n, const field *f)
{
    char buf[DIAG_EXCERPT];
    if (!expect(ld, n, YTREE_SCALAR, "a string"))
        return NULL;
    if ((f->flags & NONEMPTY) && n->len == 0) {
        problem(ld, n, "'%s' may not be empty", f->key);
        return NULL;
    }
    if ((f->flags & SECTION) && !check_section(ld, n))
        return NULL;
    if ((f->flags & AT_NAME) && strncmp(n->text, "AT", 2) != 0)
        problem(ld, n, "command name '%s' does not start with AT", excerpt(buf, n));
    remember_origin(ld, n);
    return n->text;
}

/* A decimal integer written as a plain scalar. */
static bool take_integer(loader *ld, const ytree_node *n, int64_t *out)
{
    char buf[DIAG_EXCERPT];
    if (!expect(ld, n, YTREE_SCALAR, "an integer"))
        return false;
    const char *s = n->text;
    bool digits = n->len > 0 && ((s[0] >= '0' && s[0] <= '9') || (s[0] == '-' && n->len > 1));
    for (size_t i = 1; digits && i < n->len; i++)
        digits = s[i] >= '0' && s[i] <= '9';
    if (!digits || n->style != YTREE_PLAIN) {
        problem(ld, n, "expected an integer, found %s'%s'", n->style == YTREE_PLAIN ? "" : "the string ",
                excerpt(buf, n));
        return false;
    }
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE) {
        problem(ld, n, "integer %s does not fit in 64 bits", excerpt(buf, n));
        return false;
    }
    *out = v;
    return true;
}

/* ---- words ---- */

static const char *word_at(const word_set *w, unsigned i) { return w->names ? w->names[i] : w->name_of(i); }

static void list_words(const word_set *w, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < w->count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", word_at(w, i));
}

static bool find_word(const word_set *w, const ytree_node *n, unsigned *index)
{
    for (unsigned i = 0; i < w->count; i++)
        if (ytree_is(n, word_at(w, i))) {
            *index = i;
            return true;
        }
    return false;
}

/* An enum-like key: the word's index goes into a bool or an enum slot. */
static void load_word(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    const word_set *w = f->sub;
    unsigned index;
    if (!expect(ld, v, YTREE_SCALAR, "a word"))
        return;
    if (!find_word(w, v, &index)) {
        char words[256], buf[DIAG_EXCERPT];
        list_words(w, words, sizeof words);
        problem(ld, v, "unknown %s '%s' (expected one of: %s)", f->key, excerpt(buf, v), words);
        return;
    }
    if (f->size == sizeof(bool)) {
        bool b = index != 0;
        put(rec, f->offset, &b, sizeof b);
    } else {
        put(rec, f->offset, &index, sizeof index);
    }
}

_Static_assert(sizeof(qat_type) == sizeof(unsigned), "enum slots are written as unsigned");
_Static_assert(sizeof(qat_safety) == sizeof(unsigned), "enum slots are written as unsigned");
_Static_assert(sizeof(qat_form_kind) == sizeof(unsigned), "enum slots are written as unsigned");
_Static_assert(sizeof(qat_source) == sizeof(unsigned), "enum slots are written as unsigned");
_Static_assert(sizeof(qat_timing) == sizeof(unsigned), "enum slots are written as unsigned");
_Static_assert(sizeof(qat_result_kind) == sizeof(unsigned), "enum slots are written as unsigned");
_Static_assert(sizeof(qat_hex_case) == sizeof(unsigned), "enum slots are written as unsigned");

static const char *type_word(unsigned i) { return qat_type_name((qat_type)i); }
static const char *safety_word(unsigned i) { return qat_safety_name((qat_safety)i); }
static const char *form_kind_word(unsigned i) { return qat_form_kind_name((qat_form_kind)i); }

static const char *const source_names[] = {"manual", "referenced", "standard"};
static const char *const timing_names[] = {"manual", "convention"};
static const char *const result_kind_names[] = {"final", "intermediate", "prompt"};
static const char *const outcome_names[] = {"failure", "success"};
static const char *const case_names[] = {"any", "upper", "lower"};
static const char *const bool_names[] = {"false", "true"};

static const word_set type_words = {NULL, type_word, QAT_TYPE_COUNT};
static const word_set safety_words = {NULL, safety_word, QAT_SAFETY_COUNT};
static const word_set form_kind_words = {NULL, form_kind_word, QAT_FORM_KIND_COUNT};
static const word_set source_words = {source_names, NULL, 3};
static const word_set timing_words = {timing_names, NULL, 2};
static const word_set result_kind_words = {result_kind_names, NULL, 3};
static const word_set outcome_words = {outcome_names, NULL, 2};
static const word_set case_words = {case_names, NULL, 3};
static const word_set bool_words = {bool_names, NULL, 2};

/* ---- scalar keys ---- */

static void load_string(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    const char *s = take_string(ld, v, f);
    if (s)
        put_pointer(rec, f, s);
}

/* A non-negative integer into a uint32_t or size_t slot. */
static void load_count(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    int64_t n;
    if (!take_integer(ld, v, &n))
        return;
    uint64_t limit = f->size == sizeof(uint32_t) ? UINT32_MAX : SIZE_MAX;
    if (n < 0 || (n == 0 && (f->flags & POSITIVE))) {
        problem(ld, v, "%s must be a %s integer, found %" PRId64, f->key,
                f->flags & POSITIVE ? "positive" : "non-negative", n);
        return;
    }
    if ((uint64_t)n > limit) {
        problem(ld, v, "%s is too large: %" PRId64 " (at most %" PRIu64 ")", f->key, n, limit);
        return;
    }
    if (f->size == sizeof(uint32_t)) {
        uint32_t u = (uint32_t)n;
        put(rec, f->offset, &u, sizeof u);
    } else {
        size_t u = (size_t)n;
        put(rec, f->offset, &u, sizeof u);
    }
}

/* A line's `max`: a count of at least 1, or `n` for unbounded. */
static void load_repeat_max(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    if (ytree_is(v, "n") && v->style == YTREE_PLAIN) {
        uint32_t u = QAT_REPEAT_UNBOUNDED;
        put(rec, f->offset, &u, sizeof u);
        return;
    }
    load_count(ld, v, rec, f);
}

/* ---- lists ---- */

static void load_strings(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    if (!expect(ld, v, YTREE_SEQUENCE, "a list"))
        return;
    if ((f->flags & NONEMPTY) && v->n_items == 0) {
        problem(ld, v, "'%s' may not be an empty list", f->key);
        return;
    }
    const char **items = arena_array(ld->a, v->n_items, sizeof *items);
    size_t n = 0;
    field item = *f;
    item.flags &= ~NONEMPTY;
    for (size_t i = 0; i < v->n_items; i++) {
        const char *s = take_string(ld, v->items[i], &item);
        if (s)
            items[n++] = s;
    }
    put_list(rec, f, items, n);
}

static bool load_record(loader *ld, const ytree_node *map, const record_kind *k, void *rec, const ytree_node *key,
                        const void *parent);

/* A list of mappings of the kind f->sub (examples, follow-up URCs). */
static void load_record_list(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    const record_kind *k = f->sub;
    if (!expect(ld, v, YTREE_SEQUENCE, "a list"))
        return;
    char *items = arena_array(ld->a, v->n_items, k->size);
    size_t n = 0;
    for (size_t i = 0; i < v->n_items; i++)
        n += load_record(ld, v->items[i], k, items + n * k->size, NULL, rec);
    put_list(rec, f, items, n);
}

/* A mapping from names to mappings of the kind f->sub (forms, parameters). */
static void load_named_records(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    const record_kind *k = f->sub;
    if (!expect(ld, v, YTREE_MAPPING, "a mapping"))
        return;
    size_t pairs = ytree_pairs(v);
    if ((f->flags & NONEMPTY) && pairs == 0) {
        problem(ld, v, "'%s' may not be empty", f->key);
        return;
    }
    char *items = arena_array(ld->a, pairs, k->size);
    size_t n = 0;
    for (size_t i = 0; i < pairs; i++) {
        const ytree_node *key = ytree_key(v, i);
        field name = {.key = k->what, .flags = NONEMPTY};
        if (!take_string(ld, key, &name))
            continue;
        if (load_record(ld, ytree_value(v, i), k, items + n * k->size, key, rec))
            n++;
    }
    put_list(rec, f, items, n);
}

/* ---- the generic mapping reader ---- */

static void list_keys(const record_kind *k, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < k->n_fields && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", k->fields[i].key);
}

static const field *find_field(const record_kind *k, const ytree_node *key)
{
    for (size_t i = 0; i < k->n_fields; i++)
        if (ytree_is(key, k->fields[i].key))
            return &k->fields[i];
    return NULL;
}

static void check_keys(loader *ld, const ytree_node *map, const record_kind *k)
{
    for (size_t i = 0; i < ytree_pairs(map); i++) {
        const ytree_node *key = ytree_key(map, i);
        if (!expect(ld, key, YTREE_SCALAR, "a key") || find_field(k, key))
            continue;
        char keys[512], buf[DIAG_EXCERPT];
        list_keys(k, keys, sizeof keys);
        problem(ld, key, "unknown key '%s' in %s %s (expected one of: %s)", excerpt(buf, key),
                diag_article(k->what), k->what, keys);
    }
}

static bool find_pair(const ytree_node *map, const char *key, const ytree_node **k, const ytree_node **v)
{
    for (size_t i = 0; i < ytree_pairs(map); i++)
        if (ytree_is(ytree_key(map, i), key)) {
            *k = ytree_key(map, i);
            *v = ytree_value(map, i);
            return true;
        }
    return false;
}

/* Parameters (the only records whose fields have `types`): a key that does not apply to the
 * parameter's type is an error. */
static bool key_applies(loader *ld, const void *rec, const field *f, const ytree_node *key)
{
    if (!f->types)
        return true;
    qat_type t = ((const qat_param *)rec)->type;
    if (t >= QAT_TYPE_COUNT || (f->types & (1u << t)))
        return true;
    problem(ld, key, "'%s' does not apply to a parameter of type %s", f->key, qat_type_name(t));
    return false;
}

/* Read every key of MAP into REC in the order of K's table; returns a bit per field found. */
static unsigned long load_fields(loader *ld, const ytree_node *map, const record_kind *k, void *rec)
{
    unsigned long seen = 0;
    check_keys(ld, map, k);
    for (size_t i = 0; i < k->n_fields; i++) {
        const field *f = &k->fields[i];
        const ytree_node *key, *value;
        if (!find_pair(map, f->key, &key, &value)) {
            if (f->flags & REQUIRED)
                problem(ld, map, "missing required key '%s' in %s %s", f->key,
                        diag_article(k->what), k->what);
            continue;
        }
        seen |= 1ul << i;
        if (key_applies(ld, rec, f, key))
            f->load(ld, value, rec, f);
    }
    return seen;
}

static bool was_seen(const record_kind *k, unsigned long seen, const char *key)
{
    for (size_t i = 0; i < k->n_fields; i++)
        if (strcmp(k->fields[i].key, key) == 0)
            return (seen >> i) & 1;
    return false;
}

/* Read MAP as a K into REC (zeroed by the caller); KEY names it when it is a named record. */
static bool load_record(loader *ld, const ytree_node *map, const record_kind *k, void *rec, const ytree_node *key,
                        const void *parent)
{
    if (!expect(ld, map, YTREE_MAPPING, "a mapping"))
        return false;
    if (k->prepare)
        k->prepare(ld, rec, parent);
    qat_srcloc loc = loc_of(ld, key ? key : map);
    put(rec, k->loc_offset, &loc, sizeof loc);
    if (key)
        put(rec, k->name_offset, &key->text, sizeof key->text);
    unsigned long seen = load_fields(ld, map, k, rec);
    if (k->finish)
        k->finish(ld, rec, map, key, seen);
    return true;
}

/* ---- parameters: values, default, digits ---- */

typedef struct {
    qat_range r;
    const ytree_node *node;
} placed_range;

static int compare_placed(const void *pa, const void *pb)
{
    const placed_range *a = pa, *b = pb;
    if (a->r.lo != b->r.lo)
        return a->r.lo < b->r.lo ? -1 : 1;
    if (a->r.hi != b->r.hi)
        return a->r.hi < b->r.hi ? -1 : 1;
    return compare_position(a->node, b->node);
}

static const char *format_range(char *buf, size_t size, qat_range r)
{
    if (r.lo == r.hi)
        snprintf(buf, size, "%" PRId64, r.lo);
    else
        snprintf(buf, size, "%" PRId64 "-%" PRId64, r.lo, r.hi);
    return buf;
}

static void report_overlap(loader *ld, const placed_range *x, const placed_range *y)
{
    if (compare_position(x->node, y->node) > 0) {
        const placed_range *t = x;
        x = y;
        y = t;
    }
    char a[48], b[48];
    if (x->r.lo == y->r.lo && x->r.hi == y->r.hi)
        problem(ld, y->node, "duplicate value %s (first at %u:%u)", format_range(a, sizeof a, y->r), x->node->line,
                x->node->col);
    else
        problem(ld, y->node, "value %s overlaps %s (at %u:%u)", format_range(a, sizeof a, y->r),
                format_range(b, sizeof b, x->r), x->node->line, x->node->col);
}

static void check_overlaps(loader *ld, placed_range *ranges, size_t n)
{
    qsort(ranges, n, sizeof *ranges, compare_placed);
    const placed_range *widest = NULL;
    for (size_t i = 0; i < n; i++) {
        if (widest && ranges[i].r.lo <= widest->r.hi)
            report_overlap(ld, widest, &ranges[i]);
        if (!widest || ranges[i].r.hi > widest->r.hi)
            widest = &ranges[i];
    }
}

/* An integer or a "lo-hi" range, quoted or not; false (reported) when it is neither or empty. */
static bool take_range(loader *ld, const ytree_node *n, const char *what, qat_range *r)
{
    char buf[DIAG_EXCERPT];
    if (!expect(ld, n, YTREE_SCALAR, what))
        return false;
    if (!qat_range_parse(n->text, n->len, r)) {
        problem(ld, n, "expected %s, found '%s'", what, excerpt(buf, n));
        return false;
    }
    if (r->lo > r->hi) {
        problem(ld, n, "range %s is empty (lo > hi)", excerpt(buf, n));
        return false;
    }
    return true;
}

static void load_int_values(loader *ld, const ytree_node *v, qat_param *p)
{
    placed_range *placed = heap_resize(NULL, v->n_items, sizeof *placed);
    size_t n = 0;
    for (size_t i = 0; i < v->n_items; i++)
        if (take_range(ld, v->items[i], "an integer or a \"lo-hi\" range", &placed[n].r))
            placed[n++].node = v->items[i];
    qat_range *ranges = arena_array(ld->a, n, sizeof *ranges);
    for (size_t i = 0; i < n; i++)
        ranges[i] = placed[i].r;
    check_overlaps(ld, placed, n);
    free(placed);
    p->ranges = ranges;
    p->n_ranges = n;
}

static int compare_texts(const void *pa, const void *pb)
{
    const ytree_node *a = *(const ytree_node *const *)pa, *b = *(const ytree_node *const *)pb;
    int c = strcmp(a->text, b->text);
    return c ? c : compare_position(a, b);
}

static void check_duplicate_words(loader *ld, const ytree_node **nodes, size_t n)
{
    char buf[DIAG_EXCERPT];
    qsort(nodes, n, sizeof *nodes, compare_texts);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(nodes[i]->text, nodes[first]->text) == 0)
            problem(ld, nodes[i], "duplicate value '%s' (first at %u:%u)", excerpt(buf, nodes[i]), nodes[first]->line,
                    nodes[first]->col);
        else
            first = i;
    }
}

static void load_enum_values(loader *ld, const ytree_node *v, qat_param *p)
{
    const char **words = arena_array(ld->a, v->n_items, sizeof *words);
    const ytree_node **nodes = heap_resize(NULL, v->n_items, sizeof *nodes);
    field item = {.key = "value", .flags = NONEMPTY};
    size_t n = 0;
    for (size_t i = 0; i < v->n_items; i++) {
        words[n] = take_string(ld, v->items[i], &item);
        if (words[n])
            nodes[n++] = v->items[i];
    }
    check_duplicate_words(ld, nodes, n);
    free(nodes);
    p->enum_values = words;
    p->n_enum_values = n;
}

static void load_values(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    qat_param *p = rec;
    (void)f;
    if (!expect(ld, v, YTREE_SEQUENCE, "a list of values"))
        return;
    if (v->n_items == 0)
        problem(ld, v, "empty values list (leave 'values' out when any value goes)");
    else if (p->type == QAT_TYPE_INT)
        load_int_values(ld, v, p);
    else if (p->type == QAT_TYPE_ENUM)
        load_enum_values(ld, v, p);
}

static bool enum_has(const qat_param *p, const char *word)
{
    for (size_t i = 0; i < p->n_enum_values; i++)
        if (strcmp(p->enum_values[i], word) == 0)
            return true;
    return false;
}

static void load_default(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    qat_param *p = rec;
    char buf[DIAG_EXCERPT];
    if (p->type == QAT_TYPE_INT && take_integer(ld, v, &p->default_int)) {
        p->has_default = true;
        if (p->n_ranges && !qat_ranges_contain(p->ranges, p->n_ranges, p->default_int))
            problem(ld, v, "default %" PRId64 " is not among the values", p->default_int);
    } else if (p->type == QAT_TYPE_ENUM && (p->default_str = take_string(ld, v, f)) != NULL) {
        p->has_default = true;
        if (p->n_enum_values && !enum_has(p, p->default_str))
            problem(ld, v, "default '%s' is not among the values", excerpt(buf, v));
    }
}

static void load_digits(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    qat_param *p = rec;
    qat_range r;
    (void)f;
    if (!take_range(ld, v, "a digit count or a \"lo-hi\" range", &r))
        return;
    if (r.lo < 1) {
        problem(ld, v, "digits must be at least 1");
        return;
    }
    p->digits = r;
}

static void prepare_param(loader *ld, void *rec, const void *parent)
{
    (void)ld;
    (void)parent;
    ((qat_param *)rec)->type = QAT_TYPE_COUNT; /* until `type` is read */
}

static bool quoted_by_default(qat_type t)
{
    return t == QAT_TYPE_STRING || t == QAT_TYPE_ENUM || t == QAT_TYPE_IPV4 || t == QAT_TYPE_TIME;
}

static void finish_param(loader *ld, void *rec, const ytree_node *map, const ytree_node *key, unsigned long seen);

/* ---- forms, lines, prompts, grammar ---- */

static void load_prompt_length(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    if (ytree_is(v, "variable"))
        return; /* NULL: Ctrl-Z ends the data */
    load_string(ld, v, rec, f);
}

static void prepare_line(loader *ld, void *rec, const void *parent)
{
    qat_line *l = rec;
    (void)ld;
    (void)parent;
    l->min = l->max = 1;
}

static void finish_line(loader *ld, void *rec, const ytree_node *map, const ytree_node *key, unsigned long seen)
{
    const qat_line *l = rec;
    (void)key;
    (void)seen;
    if (l->max != QAT_REPEAT_UNBOUNDED && l->min > l->max)
        problem(ld, map, "min %" PRIu32 " is more than max %" PRIu32, l->min, l->max);
}

static const record_kind line_record;

static void load_lines(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    if (!expect(ld, v, YTREE_SEQUENCE, "a list of lines"))
        return;
    qat_line *lines = arena_array(ld->a, v->n_items, sizeof *lines);
    size_t n = 0;
    for (size_t i = 0; i < v->n_items; i++) {
        const ytree_node *item = v->items[i];
        qat_line *l = &lines[n];
        if (item->kind == YTREE_MAPPING) {
            n += load_record(ld, item, &line_record, l, NULL, rec);
        } else if ((l->pattern = take_string(ld, item, f)) != NULL) {
            l->min = l->max = 1;
            l->loc = loc_of(ld, item);
            n++;
        }
    }
    put_list(rec, f, lines, n);
}

static const record_kind prompt_record;

static void load_prompt(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    qat_form *form = rec;
    (void)f;
    form->has_prompt = load_record(ld, v, &prompt_record, &form->prompt, NULL, rec);
}

static void prepare_form(loader *ld, void *rec, const void *parent)
{
    qat_form *form = rec;
    const qat_command *cmd = parent;
    (void)ld;
    form->safety = cmd->safety; /* until the form says otherwise */
    form->max_response_ms = cmd->max_response_ms;
}

static void finish_form(loader *ld, void *rec, const ytree_node *map, const ytree_node *key, unsigned long seen);

static const field grammar_values = {.key = "grammar value",
                                     .offset = offsetof(qat_grammar_item, values),
                                     .count_offset = offsetof(qat_grammar_item, n_values)};

/* One named literal of a rule: a string or a list of strings. */
static void load_grammar_item(loader *ld, const ytree_node *value, qat_grammar_item *g)
{
    if (value->kind == YTREE_SEQUENCE) {
        load_strings(ld, value, g, &grammar_values);
        return;
    }
    const char *s = take_string(ld, value, &grammar_values);
    if (!s)
        return;
    const char **one = arena_alloc(ld->a, sizeof *one);
    one[0] = s;
    g->values = one;
    g->n_values = 1;
}

static void load_grammar(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    if (!expect(ld, v, YTREE_MAPPING, "a mapping of names to literals"))
        return;
    size_t pairs = ytree_pairs(v), n = 0;
    qat_grammar_item *items = arena_array(ld->a, pairs, sizeof *items);
    for (size_t i = 0; i < pairs; i++) {
        qat_grammar_item *g = &items[n];
        if ((g->key = take_string(ld, ytree_key(v, i), f)) == NULL)
            continue;
        load_grammar_item(ld, ytree_value(v, i), g);
        n++;
    }
    put_list(rec, f, items, n);
}

/* ---- the schema (SCHEMA.md), as tables ---- */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SIZE_OF(T, m) sizeof(((T *)0)->m)
#define TBIT(t) (1u << (t))

#define F(k, fn, fl, T, m) {.key = k, .load = fn, .flags = fl, .offset = offsetof(T, m)}
#define WORD(k, fl, T, m, w) {.key = k, .load = load_word, .flags = fl, .offset = offsetof(T, m), .size = SIZE_OF(T, m), .sub = &w}
#define COUNT(k, fn, fl, T, m) {.key = k, .load = fn, .flags = fl, .offset = offsetof(T, m), .size = SIZE_OF(T, m)}
#define LIST(k, fn, fl, T, m, n, s) {.key = k, .load = fn, .flags = fl, .offset = offsetof(T, m), .count_offset = offsetof(T, n), .sub = s}
#define CHECKED(k, fn, w) {.key = k, .load = fn, .offset = NO_SLOT, .sub = w}
#define STRING(k, fl, T, m) F(k, load_string, fl, T, m)
#define DESCRIBED(T) STRING("section", REQUIRED | SECTION, T, section), STRING("title", REQUIRED, T, title), STRING("doc", 0, T, doc)
#define SOURCED(T) WORD("source", 0, T, source, source_words), STRING("reference", 0, T, reference)
#define SOURCE_CHECKED CHECKED("source", load_word, &source_words), CHECKED("reference", load_string, NULL)
#define PARAMS(T) LIST("params", load_named_records, 0, T, params, n_params, &param_record)
#define EXAMPLES(T) LIST("examples", load_record_list, 0, T, examples, n_examples, &example_record)
#define RECORD(what, T, fields, name, loc, prepare, finish) \
    {what, fields, ARRAY_LEN(fields), sizeof(T), name, loc, prepare, finish}

static const field param_fields[] = {
    WORD("type", REQUIRED, qat_param, type, type_words),
    STRING("doc", 0, qat_param, doc),
    {.key = "values", .load = load_values, .types = TBIT(QAT_TYPE_INT) | TBIT(QAT_TYPE_ENUM)},
    {.key = "default", .load = load_default, .types = TBIT(QAT_TYPE_INT) | TBIT(QAT_TYPE_ENUM)},
    {.key = "quoted", .load = load_word, .offset = offsetof(qat_param, quoted), .size = sizeof(bool),
     .sub = &bool_words, .types = ~TBIT(QAT_TYPE_PAYLOAD)},
    {.key = "min_len", .load = load_count, .offset = offsetof(qat_param, min_len), .size = sizeof(size_t),
     .types = TBIT(QAT_TYPE_STRING) | TBIT(QAT_TYPE_TOKEN) | TBIT(QAT_TYPE_TEXT)},
    {.key = "max_len", .load = load_count, .flags = POSITIVE, .offset = offsetof(qat_param, max_len),
     .size = sizeof(size_t), .types = TBIT(QAT_TYPE_STRING) | TBIT(QAT_TYPE_TOKEN) | TBIT(QAT_TYPE_TEXT)},
    {.key = "prefix", .load = load_strings, .flags = NONEMPTY, .offset = offsetof(qat_param, prefixes),
     .count_offset = offsetof(qat_param, n_prefixes), .types = TBIT(QAT_TYPE_STRING)},
    {.key = "digits", .load = load_digits, .types = TBIT(QAT_TYPE_HEX) | TBIT(QAT_TYPE_DIGITS) | TBIT(QAT_TYPE_INT)},
    {.key = "luhn", .load = load_word, .offset = offsetof(qat_param, luhn), .size = sizeof(bool),
     .sub = &bool_words, .types = TBIT(QAT_TYPE_DIGITS)},
    {.key = "case", .load = load_word, .offset = offsetof(qat_param, hex_case), .size = sizeof(qat_hex_case),
     .sub = &case_words, .types = TBIT(QAT_TYPE_HEX)},
    {.key = "length", .load = load_string, .flags = NONEMPTY, .offset = offsetof(qat_param, length_param),
     .types = TBIT(QAT_TYPE_PAYLOAD)},
    STRING("unit", 0, qat_param, unit),
    STRING("sample", 0, qat_param, sample),
};
static const record_kind param_record = RECORD("parameter", qat_param, param_fields, offsetof(qat_param, name),
                                               offsetof(qat_param, loc), prepare_param, finish_param);

static const field example_fields[] = {
    STRING("transcript", REQUIRED, qat_example, transcript),
    STRING("form", NONEMPTY, qat_example, form),
    LIST("errata", load_strings, 0, qat_example, errata, n_errata, NULL),
};
static const record_kind example_record =
    RECORD("example", qat_example, example_fields, NO_SLOT, offsetof(qat_example, loc), NULL, NULL);

static const field line_fields[] = {
    STRING("line", REQUIRED, qat_line, pattern),
    LIST("alt", load_strings, NONEMPTY, qat_line, alt, n_alt, NULL),
    COUNT("min", load_count, 0, qat_line, min),
    COUNT("max", load_repeat_max, POSITIVE, qat_line, max),
    STRING("payload", NONEMPTY, qat_line, payload),
    STRING("when", 0, qat_line, when),
};
static const record_kind line_record =
    RECORD("response line", qat_line, line_fields, NO_SLOT, offsetof(qat_line, loc), prepare_line, finish_line);

static const field prompt_fields[] = {
    F("length", load_prompt_length, REQUIRED | NONEMPTY, qat_prompt, length),
    COUNT("max", load_count, POSITIVE, qat_prompt, max),
    STRING("send", 0, qat_prompt, send),
    STRING("cancel", 0, qat_prompt, cancel),
};
static const record_kind prompt_record = RECORD("prompt", qat_prompt, prompt_fields, NO_SLOT, NO_SLOT, NULL, NULL);

static const field follow_fields[] = {
    STRING("urc", REQUIRED | NONEMPTY, qat_follow_urc, urc),
    COUNT("within_ms", load_count, POSITIVE, qat_follow_urc, within_ms),
};
static const record_kind follow_record = RECORD("urcs item", qat_follow_urc, follow_fields, NO_SLOT, NO_SLOT, NULL, NULL);

static const field form_fields[] = {
    WORD("kind", 0, qat_form, kind, form_kind_words),
    STRING("syntax", REQUIRED, qat_form, syntax),
    LIST("response", load_lines, 0, qat_form, response, n_response, NULL),
    LIST("final", load_strings, REQUIRED | NONEMPTY, qat_form, final, n_final, NULL),
    {.key = "prompt", .load = load_prompt},
    LIST("urcs", load_record_list, 0, qat_form, urcs, n_urcs, &follow_record),
    STRING("when", 0, qat_form, when),
    WORD("safety", 0, qat_form, safety, safety_words),
    COUNT("max_response_ms", load_count, POSITIVE, qat_form, max_response_ms),
    STRING("doc", 0, qat_form, doc),
};
static const record_kind form_record = RECORD("form", qat_form, form_fields, offsetof(qat_form, name),
                                              offsetof(qat_form, loc), prepare_form, finish_form);

static const field command_fields[] = {
    STRING("command", REQUIRED | NONEMPTY | AT_NAME, qat_command, name),
    DESCRIBED(qat_command),
    SOURCED(qat_command),
    WORD("safety", REQUIRED, qat_command, safety, safety_words),
    COUNT("max_response_ms", load_count, REQUIRED | POSITIVE, qat_command, max_response_ms),
    WORD("timing", REQUIRED, qat_command, timing, timing_words),
    LIST("forms", load_named_records, REQUIRED | NONEMPTY, qat_command, forms, n_forms, &form_record),
    PARAMS(qat_command),
    EXAMPLES(qat_command),
};

static const field urc_fields[] = {
    STRING("urc", REQUIRED | NONEMPTY, qat_urc, name),
    DESCRIBED(qat_urc),
    SOURCED(qat_urc),
    STRING("line", REQUIRED, qat_urc, line),
    PARAMS(qat_urc),
    STRING("payload", NONEMPTY, qat_urc, payload),
    STRING("when", 0, qat_urc, when),
    EXAMPLES(qat_urc),
};

static const field result_fields[] = {
    STRING("result", REQUIRED | NONEMPTY, qat_result, name),
    DESCRIBED(qat_result),
    SOURCED(qat_result),
    STRING("line", REQUIRED, qat_result, line),
    WORD("kind", REQUIRED, qat_result, kind, result_kind_words),
    WORD("outcome", REQUIRED, qat_result, success, outcome_words),
    PARAMS(qat_result),
};

static const field rule_fields[] = {
    STRING("rule", REQUIRED | NONEMPTY, qat_rule, name),
    DESCRIBED(qat_rule),
    SOURCE_CHECKED,
    LIST("grammar", load_grammar, 0, qat_rule, grammar, n_grammar, NULL),
    EXAMPLES(qat_rule),
};

static const field topic_fields[] = {
    STRING("topic", REQUIRED | NONEMPTY, qat_topic, name),
    DESCRIBED(qat_topic),
    SOURCE_CHECKED,
};

static const field erratum_fields[] = {
    STRING("erratum", REQUIRED | NONEMPTY, qat_erratum, id),
    DESCRIBED(qat_erratum),
    SOURCE_CHECKED,
    STRING("command", NONEMPTY, qat_erratum, command),
    STRING("form", NONEMPTY, qat_erratum, form),
    STRING("documented", REQUIRED, qat_erratum, documented),
    STRING("deviation", REQUIRED, qat_erratum, deviation),
    LIST("accept", load_strings, NONEMPTY, qat_erratum, accept, n_accept, NULL),
    LIST("omit", load_strings, NONEMPTY, qat_erratum, omit, n_omit, NULL),
    PARAMS(qat_erratum),
    LIST("relaxes", load_strings, NONEMPTY, qat_erratum, relaxes, n_relaxes, NULL),
    {.key = "trailing_spaces", .load = load_word, .offset = offsetof(qat_erratum, trailing_spaces),
     .size = sizeof(bool), .sub = &bool_words},
    {.key = "no_final", .load = load_word, .offset = offsetof(qat_erratum, no_final), .size = sizeof(bool),
     .sub = &bool_words},
    {.key = "out_of_order", .load = load_word, .offset = offsetof(qat_erratum, out_of_order), .size = sizeof(bool),
     .sub = &bool_words},
    STRING("evidence", REQUIRED, qat_erratum, evidence),
};

/* A step's `capture`: a mapping from variable names to the parameters they take. */
static void load_captures(loader *ld, const ytree_node *v, void *rec, const field *f)
{
    if (!expect(ld, v, YTREE_MAPPING, "a mapping"))
        return;
    size_t pairs = ytree_pairs(v);
    qat_capture *items = arena_array(ld->a, pairs, sizeof *items);
    size_t n = 0;
    field name = {.key = "capture", .flags = NONEMPTY};
    for (size_t i = 0; i < pairs; i++) {
        const char *var = take_string(ld, ytree_key(v, i), &name);
        const char *param = take_string(ld, ytree_value(v, i), &name);
        if (var && param)
            items[n++] = (qat_capture){var, param, loc_of(ld, ytree_value(v, i))};
    }
    put_list(rec, f, items, n);
}

static const field step_fields[] = {
    STRING("send", NONEMPTY, qat_scenario_step, send),
    STRING("urc", NONEMPTY, qat_scenario_step, urc),
    STRING("data", 0, qat_scenario_step, data),
    COUNT("data_bytes", load_count, POSITIVE, qat_scenario_step, data_bytes),
    WORD("ctrl_z", 0, qat_scenario_step, ctrl_z, bool_words),
    LIST("accept", load_strings, NONEMPTY, qat_scenario_step, accept, n_accept, NULL),
    LIST("lines", load_strings, NONEMPTY, qat_scenario_step, lines, n_lines, NULL),
    LIST("capture", load_captures, 0, qat_scenario_step, captures, n_captures, NULL),
    STRING("payload", 0, qat_scenario_step, payload),
};

static void finish_step(loader *ld, void *rec, const ytree_node *map, const ytree_node *key, unsigned long seen)
{
    (void)key;
    (void)seen;
    const qat_scenario_step *st = rec;
    if (!st->send == !st->urc)
        problem(ld, map, "a scenario step needs exactly one of 'send' and 'urc'");
    else if (st->urc && (st->data || st->data_bytes || st->n_accept))
        problem(ld, map, "a 'urc' step takes no 'data', 'data_bytes' or 'accept'");
    else if (st->data && st->data_bytes)
        problem(ld, map, "a step takes 'data' or 'data_bytes', not both");
}

static const record_kind step_record =
    RECORD("scenario step", qat_scenario_step, step_fields, NO_SLOT, offsetof(qat_scenario_step, loc), NULL, finish_step);

static const field scenario_fields[] = {
    STRING("scenario", REQUIRED | NONEMPTY, qat_scenario, name),
    DESCRIBED(qat_scenario),
    WORD("syntax", 0, qat_scenario, syntax, bool_words),
    LIST("steps", load_record_list, REQUIRED, qat_scenario, steps, n_steps, &step_record),
};

static const field manual_fields[] = {
    STRING("manual", REQUIRED | NONEMPTY, qat_spec, manual),
    STRING("title", 0, qat_spec, title),
    LIST("toc", load_strings, REQUIRED | NONEMPTY | SECTION, qat_spec, toc, n_toc, NULL),
    CHECKED("doc", load_string, NULL),
};

typedef struct {
    const char *key; /* the kind key */
    record_kind record;
    size_t list_offset, count_offset; /* where its array goes in qat_spec; NO_SLOT for the manual */
} entry_kind;

#define ENTRY(key, what, T, fields, list, count) \
    {key, RECORD(what, T, fields, NO_SLOT, offsetof(T, loc), NULL, NULL), offsetof(qat_spec, list), offsetof(qat_spec, count)}

static const entry_kind entry_kinds[ENTRY_KINDS] = {
    [ENTRY_MANUAL] = {"manual", RECORD("manual", qat_spec, manual_fields, NO_SLOT, NO_SLOT, NULL, NULL), NO_SLOT, NO_SLOT},
    [ENTRY_TOPIC] = ENTRY("topic", "topic", qat_topic, topic_fields, topics, n_topics),
    [ENTRY_RULE] = ENTRY("rule", "rule", qat_rule, rule_fields, rules, n_rules),
    [ENTRY_RESULT] = ENTRY("result", "result", qat_result, result_fields, results, n_results),
    [ENTRY_COMMAND] = ENTRY("command", "command", qat_command, command_fields, commands, n_commands),
    [ENTRY_URC] = ENTRY("urc", "URC", qat_urc, urc_fields, urcs, n_urcs),
    [ENTRY_ERRATUM] = ENTRY("erratum", "erratum", qat_erratum, erratum_fields, errata, n_errata),
    [ENTRY_SCENARIO] = ENTRY("scenario", "scenario", qat_scenario, scenario_fields, scenarios, n_scenarios),
};

/* ---- checks across the keys of one mapping ---- */

/* A sample is a value of its parameter, as a line would carry it (in quotes when the parameter is quoted). */
static void check_sample(loader *ld, const qat_param *p, const ytree_node *map)
{
    if (!p->sample || p->type == QAT_TYPE_PAYLOAD)
        return;
    char text[256];
    int n = snprintf(text, sizeof text, p->quoted ? "\"%s\"" : "%s", p->sample);
    qat_value v = qat_value_check(p, text, n > 0 && (size_t)n < sizeof text ? (size_t)n : 0);
    if (v.status != QAT_VALUE_OK)
        problem(ld, ytree_get(map, "sample"), "sample '%s' is not a value of the parameter: %s", p->sample,
                qat_value_status_text(v.status));
}

static void finish_param(loader *ld, void *rec, const ytree_node *map, const ytree_node *key, unsigned long seen)
{
    qat_param *p = rec;
    char buf[DIAG_EXCERPT];
    if (p->type >= QAT_TYPE_COUNT)
        return;
    if (!was_seen(&param_record, seen, "quoted"))
        p->quoted = quoted_by_default(p->type);
    if (p->type == QAT_TYPE_ENUM && !was_seen(&param_record, seen, "values"))
        problem(ld, map, "enum parameter '%s' needs 'values'", excerpt(buf, key));
    if (p->type == QAT_TYPE_PAYLOAD && !was_seen(&param_record, seen, "length"))
        problem(ld, map, "payload parameter '%s' needs 'length' (the int parameter holding its size)",
                excerpt(buf, key));
    if (p->max_len && p->min_len > p->max_len)
        problem(ld, map, "min_len %zu is more than max_len %zu", p->min_len, p->max_len);
    check_sample(ld, p, map);
}

static void finish_form(loader *ld, void *rec, const ytree_node *map, const ytree_node *key, unsigned long seen)
{
    qat_form *form = rec;
    qat_form_kind named, declared;
    bool is_kind = qat_form_kind_from_name(key->text, &named);
    char buf[DIAG_EXCERPT];
    if (was_seen(&form_record, seen, "kind")) {
        const ytree_node *kind = ytree_get(map, "kind");
        if (is_kind && qat_form_kind_from_name(kind->text, &declared) && named != declared)
            problem(ld, kind, "form '%s' has kind '%s': a form named after a kind must be of that kind", key->text,
                    kind->text);
    } else if (is_kind) {
        form->kind = named;
    } else {
        problem(ld, key, "form '%s' is not named after a kind (test, query, set, exec): it needs a 'kind' key",
                excerpt(buf, key));
    }
}

/* ---- entries ---- */

static void list_kind_keys(char *buf, size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < ENTRY_KINDS && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", entry_kinds[i].key);
}

static int kind_of_key(const ytree_node *key)
{
    for (int k = 0; k < ENTRY_KINDS; k++)
        if (ytree_is(key, entry_kinds[k].key))
            return k;
    return -1;
}

/* Which kind keys ENTRY has (bit k for entry_kinds[k]), and the node of each. */
static unsigned kind_keys(const ytree_node *entry, const ytree_node *nodes[ENTRY_KINDS])
{
    unsigned present = 0;
    for (size_t i = 0; i < ytree_pairs(entry); i++) {
        int k = kind_of_key(ytree_key(entry, i));
        if (k >= 0 && !(present & (1u << k))) {
            present |= 1u << k;
            nodes[k] = ytree_key(entry, i);
        }
    }
    return present;
}

/* True when every kind key present but K's own is an ordinary key of K (an erratum's `command`). */
static bool others_are_fields(unsigned present, int k, const ytree_node *const nodes[ENTRY_KINDS])
{
    for (int other = 0; other < ENTRY_KINDS; other++)
        if (other != k && (present & (1u << other)) && !find_field(&entry_kinds[k].record, nodes[other]))
            return false;
    return true;
}

static void report_kind_keys(loader *ld, const ytree_node *entry, unsigned present,
                             const ytree_node *const nodes[ENTRY_KINDS])
{
    char keys[128];
    const ytree_node *first = NULL, *second = NULL;
    for (int k = 0; k < ENTRY_KINDS; k++) {
        if (!(present & (1u << k)))
            continue;
        if (!first || compare_position(nodes[k], first) < 0) {
            second = first;
            first = nodes[k];
        } else if (!second || compare_position(nodes[k], second) < 0) {
            second = nodes[k];
        }
    }
    if (second) {
        problem(ld, second, "an entry has one kind key, this one has two: '%s' and '%s'", first->text, second->text);
        return;
    }
    list_kind_keys(keys, sizeof keys);
    problem(ld, entry, "an entry needs a kind key (one of: %s)", keys);
}

/* The entry's kind, from its one kind key; -1 (reported) when it has none or several. */
static int entry_kind_of(loader *ld, const ytree_node *entry)
{
    const ytree_node *nodes[ENTRY_KINDS] = {0};
    unsigned present = kind_keys(entry, nodes);
    for (int k = 0; k < ENTRY_KINDS; k++)
        if ((present & (1u << k)) && others_are_fields(present, k, nodes))
            return k;
    report_kind_keys(ld, entry, present, nodes);
    return -1;
}

/* The first manual entry fills the spec; a later one is reported and read into scratch. */
static void *manual_target(loader *ld, const ytree_node *entry)
{
    if (!ld->first_manual.file) {
        ld->first_manual = loc_of(ld, entry);
        return ld->spec;
    }
    problem(ld, entry, "more than one manual entry (the first is at %s:%u:%u)", ld->first_manual.file,
            ld->first_manual.line, ld->first_manual.col);
    return arena_alloc(ld->a, sizeof(qat_spec));
}

static void check_reference(loader *ld, const ytree_node *entry)
{
    const ytree_node *source = ytree_get(entry, "source");
    if (source && (ytree_is(source, "referenced") || ytree_is(source, "standard")) && !ytree_get(entry, "reference"))
        problem(ld, source, "source: %s needs a 'reference' (the standard's section that defines it)",
                ytree_is(source, "standard") ? "standard" : "referenced");
}

static void load_entry(loader *ld, const ytree_node *entry)
{
    if (!expect(ld, entry, YTREE_MAPPING, "an entry (a mapping)"))
        return;
    int k = entry_kind_of(ld, entry);
    if (k < 0)
        return;
    const record_kind *record = &entry_kinds[k].record;
    void *rec = k == ENTRY_MANUAL ? manual_target(ld, entry) : vec_push(ld, &ld->entries[k], record->size);
    load_record(ld, entry, record, rec, NULL, NULL);
    check_reference(ld, entry);
    const char *name;
    memcpy(&name, (char *)rec + record->fields[0].offset, sizeof name);
    if (!name && k != ENTRY_MANUAL)
        ld->entries[k].n--; /* reported; every entry of the model has its name */
}

/* Load one file's entries; false when it could not be read as YAML at all. */
/* Load the entries of ROOT, the tree of the file ld->file (NULL when it could not be read as YAML). */
static bool load_root(loader *ld, const ytree_node *root)
{
    if (!root)
        return false;
    if (expect(ld, root, YTREE_SEQUENCE, "a sequence of entries"))
        for (size_t i = 0; i < root->n_items; i++)
            load_entry(ld, root->items[i]);
    return true;
}

static bool load_file(loader *ld, const char *path)
{
    const ytree_node *root;
    ld->file = arena_strdup(ld->a, path);
    ytree_load_file(ld->a, ld->d, ld->file, &root);
    return load_root(ld, root);
}

/* ---- the directory ---- */

static bool is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml names in DIR, sorted; NULL (with errno set) when DIR cannot be listed. */
static char **yaml_names(const char *dir, size_t *n)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        if (!is_yaml_name(e->d_name))
            continue;
        names = heap_reserve(names, &cap, *n + 1, sizeof *names);
        size_t len = strlen(e->d_name);
        names[*n] = heap_resize(NULL, len + 1, 1);
        memcpy(names[(*n)++], e->d_name, len + 1);
    }
    closedir(dp);
    if (*n)
        qsort(names, *n, sizeof *names, compare_names);
    return names ? names : heap_resize(NULL, 1, sizeof *names);
}

static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl > 0 && dir[dl - 1] != '/';
    char *p = heap_resize(NULL, dl + slash + nl + 1, 1);
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

/* ---- the result ---- */

static int compare_origins(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t)((const spec_origin *)pa)->text, b = (uintptr_t)((const spec_origin *)pb)->text;
    return (a > b) - (a < b);
}

static void finish_model(loader *ld, spec_loaded *out)
{
    for (int k = 0; k < ENTRY_KINDS; k++) {
        if (entry_kinds[k].list_offset == NO_SLOT)
            continue;
        put(ld->spec, entry_kinds[k].list_offset, &ld->entries[k].items, sizeof ld->entries[k].items);
        put(ld->spec, entry_kinds[k].count_offset, &ld->entries[k].n, sizeof ld->entries[k].n);
    }
    if (ld->n_origins)
        qsort(ld->origins, ld->n_origins, sizeof *ld->origins, compare_origins);
    out->origins = arena_copy(ld->a, ld->origins, ld->n_origins, sizeof *ld->origins);
    out->n_origins = ld->n_origins;
    free(ld->origins);
}

bool spec_load_dir(arena *a, diag_list *d, const char *dir, spec_loaded *out)
{
    memset(out, 0, sizeof *out);
    out->dir = arena_strdup(a, dir);
    size_t n;
    char **names = yaml_names(dir, &n);
    if (!names) {
        diag_add(d, dir, 0, 0, "cannot read the spec directory: %s", strerror(errno));
        return false;
    }
    if (n == 0)
        diag_add(d, dir, 0, 0, "no *.yaml files in the spec directory");
    loader ld = {.a = a, .d = d, .spec = &out->spec};
    out->complete = true;
    for (size_t i = 0; i < n; i++) {
        char *path = join_path(dir, names[i]);
        if (!load_file(&ld, path))
            out->complete = false;
        free(path);
        free(names[i]);
    }
    free(names);
    out->n_files = n;
    finish_model(&ld, out);
    return true;
}

void spec_load_buffer(arena *a, diag_list *d, const char *name, const char *buf, size_t len, spec_loaded *out)
{
    memset(out, 0, sizeof *out);
    out->dir = arena_strdup(a, name);
    loader ld = {.a = a, .d = d, .spec = &out->spec, .file = out->dir};
    const ytree_node *root;
    ytree_load_buffer(a, d, ld.file, buf, len, &root);
    out->complete = load_root(&ld, root);
    out->n_files = 1;
    finish_model(&ld, out);
}

const spec_origin *spec_origin_of(const spec_loaded *s, const char *text)
{
    size_t lo = 0, hi = s->n_origins;
    uintptr_t key = (uintptr_t)text;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t at = (uintptr_t)s->origins[mid].text;
        if (at == key)
            return &s->origins[mid];
        if (at < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
