/* emulator/hostile.c — the mutations of --hostile (see emulator/hostile.h): the answer is cut into its lines, each
 * line read with the spec's patterns (the form's lines, URCs, result codes), then one kind rewrites it by structure. */
#include "hostile.h"
#include "emulator.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LINES 64
#define MAX_FIELDS 40
#define URC_CAP 2048
#define GARBAGE_MAX 16
#define URC_PAYLOAD_MAX 16
#define LENGTH_LIE_MAX 8
#define OUT_OF_RANGE_MAX 10

static const char CRLF[] = "\r\n";

typedef struct {
    size_t at, len;
} span;

/* The answer alone, its non-empty lines (between CR LFs; the last may lack its CR LF, as a prompt does) and the
 * payloads that follow some. */
typedef struct {
    em_out *a;
    span lines[MAX_LINES];
    size_t n;
    span payloads[MAX_LINES]; /* the bytes a line's length field announced */
    size_t n_payloads;
    size_t final; /* the last line that is a final result code, or N */
} shape;

/* A field of the answer: where its value is, its parameter, its number. */
typedef struct {
    span at;
    const qat_param *param;
    int64_t number;
} found_field;

/* ---- reading the answer ---- */

/* The parameter holding the length of PAYLOAD (a parameter of PARAMS[0..N)), or NULL. */
static const char *payload_length(const qat_param *params, size_t n, const char *payload)
{
    for (size_t i = 0; payload && i < n; i++)
        if (strcmp(params[i].name, payload) == 0)
            return params[i].length_param;
    return NULL;
}

static bool form_reads(const qat_cform *form, const char *line, size_t len, qat_field *f, size_t *nf,
                       const char **length_param)
{
    for (size_t i = 0; i < form->n_lines; i++) {
        const qat_cline *l = &form->lines[i];
        for (size_t k = 0; k < l->n_patterns + l->n_deviations; k++) {
            const qat_grammar *g = k < l->n_patterns ? &l->patterns[k].g : &l->deviations[k - l->n_patterns].g;
            if (qat_grammar_accepts(g, line, len, f, MAX_FIELDS, nf)) {
                *length_param = payload_length(form->cmd->params, form->cmd->n_params, l->spec->payload);
                return true;
            }
        }
    }
    return false;
}

/* Read LINE as an information line of the form, a URC or a result code: its fields into F[0..*NF), and the
 * parameter naming the length of a payload that follows it (or NULL). False when no pattern accepts it. */
static bool read_line(const em_hostile *h, const char *line, size_t len, qat_field *f, size_t *nf,
                      const char **length_param)
{
    *length_param = NULL;
    for (size_t i = 0; h->form && i < h->c->n_forms; i++) /* any form of the command: the parser's pick may differ */
        if (h->c->forms[i].cmd == h->form->cmd && form_reads(&h->c->forms[i], line, len, f, nf, length_param))
            return true;
    for (size_t i = 0; i < h->c->n_urcs; i++)
        if (qat_grammar_accepts(&h->c->urcs[i].pattern.g, line, len, f, MAX_FIELDS, nf)) {
            *length_param = h->c->urcs[i].payload ? h->c->urcs[i].payload->length_param : NULL;
            return true;
        }
    for (size_t i = 0; i < h->c->n_results; i++)
        if (qat_grammar_accepts(&h->c->results[i].pattern.g, line, len, f, MAX_FIELDS, nf))
            return true;
    return false;
}

typedef bool (*field_test)(const qat_field *f, const char *length_param);

/* The fields of S's lines that pass TEST: their count, and the PICK-th in *OUT. */
static size_t fields_where(const em_hostile *h, const shape *s, field_test test, size_t pick, found_field *out)
{
    size_t count = 0;
    for (size_t i = 0; i < s->n; i++) {
        const char *line = s->a->data + s->lines[i].at, *length_param;
        qat_field f[MAX_FIELDS];
        size_t nf = 0;
        if (!read_line(h, line, s->lines[i].len, f, &nf, &length_param))
            continue;
        for (size_t k = 0; k < nf; k++)
            if (test(&f[k], length_param) && count++ == pick)
                *out = (found_field){{s->lines[i].at + (size_t)(f[k].text - line), f[k].len}, f[k].param, f[k].number};
    }
    return count;
}

static bool is_length(const qat_field *f, const char *length_param)
{
    return length_param && f->param && strcmp(f->param->name, length_param) == 0;
}

/* The least and greatest value P allows; false when it allows any, or no value outside is an int64. */
static bool bounds(const qat_param *p, int64_t *lo, int64_t *hi)
{
    if (!p || p->type != QAT_TYPE_INT || p->n_ranges == 0)
        return false;
    *lo = p->ranges[0].lo;
    *hi = p->ranges[0].hi;
    for (size_t i = 1; i < p->n_ranges; i++) {
        *lo = p->ranges[i].lo < *lo ? p->ranges[i].lo : *lo;
        *hi = p->ranges[i].hi > *hi ? p->ranges[i].hi : *hi;
    }
    return *hi < INT64_MAX - OUT_OF_RANGE_MAX || *lo > INT64_MIN + OUT_OF_RANGE_MAX;
}

static bool is_ranged_int(const qat_field *f, const char *length_param)
{
    (void)length_param;
    int64_t lo, hi;
    return bounds(f->param, &lo, &hi);
}

static bool is_final(const qat_compiled *c, const char *line, size_t len)
{
    qat_field f[MAX_FIELDS];
    size_t n;
    for (size_t i = 0; i < c->n_results; i++)
        if (c->results[i].result->kind == QAT_RESULT_FINAL &&
            qat_grammar_accepts(&c->results[i].pattern.g, line, len, f, MAX_FIELDS, &n))
            return true;
    return false;
}

/* The payload line L announces (its length field's value), 0 when none. */
static size_t announced(const em_hostile *h, const em_out *a, span l)
{
    qat_field f[MAX_FIELDS];
    size_t nf = 0;
    const char *length_param;
    if (!read_line(h, a->data + l.at, l.len, f, &nf, &length_param))
        return 0;
    for (size_t k = 0; k < nf; k++)
        if (is_length(&f[k], length_param) && f[k].number > 0)
            return (size_t)f[k].number;
    return 0;
}

/* Cut the answer into its lines and the payloads after them (a payload's bytes are not lines). */
static void scan(const em_hostile *h, shape *s)
{
    s->n = s->n_payloads = 0;
    for (size_t at = 0; at < s->a->len && s->n < MAX_LINES;) {
        size_t end = em_out_find(s->a, at, CRLF);
        span l = {at, end - at};
        at = end + 2;
        if (!l.len)
            continue;
        s->lines[s->n++] = l;
        size_t payload = announced(h, s->a, l);
        if (payload && at < s->a->len) {
            s->payloads[s->n_payloads++] = (span){at, payload < s->a->len - at ? payload : s->a->len - at};
            at += s->payloads[s->n_payloads - 1].len;
        }
    }
    s->final = s->n;
    for (size_t i = 0; i < s->n; i++)
        if (is_final(h->c, s->a->data + s->lines[i].at, s->lines[i].len))
            s->final = i;
}

/* ---- writing ---- */

static void put_number(em_out *a, span at, int64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", (long long)v);
    em_out_splice(a, at.at, at.len, text, (size_t)n);
}

static size_t draw(const em_hostile *h, size_t n)
{
    return (size_t)qat_rng_below(h->rng, n);
}

/* ---- the kinds: how many places each has in the answer, and the rewrite of the PICK-th ---- */

static size_t count_lines(const em_hostile *h, const shape *s)
{
    (void)h;
    return s->n;
}

static size_t count_splittable(const em_hostile *h, const shape *s)
{
    (void)h;
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->lines[i].len >= 2;
    return n;
}

/* A CR LF inside a line of two bytes or more. */
static void split_line(const em_hostile *h, shape *s, size_t pick)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->lines[i].len >= 2 && pick-- == 0) {
            em_out_splice(s->a, s->lines[i].at + 1 + draw(h, s->lines[i].len - 1), 0, CRLF, 2);
            return;
        }
}

static size_t count_pairs(const em_hostile *h, const shape *s)
{
    (void)h;
    return s->n > 1 ? s->n - 1 : 0;
}

/* Two neighbouring lines become one: the line ends between them are dropped. */
static void merge_lines(const em_hostile *h, shape *s, size_t pick)
{
    (void)h;
    size_t end = s->lines[pick].at + s->lines[pick].len;
    em_out_splice(s->a, end, s->lines[pick + 1].at - end, "", 0);
}

static size_t count_urc_places(const em_hostile *h, const shape *s)
{
    return h->c->n_urcs ? s->n + s->n_payloads : 0;
}

typedef struct {
    const char *param;
    char value[8];
} length_pick;

static const char *pick_length(void *user, const qat_param *p)
{
    const length_pick *k = user;
    return k->param && strcmp(p->name, k->param) == 0 ? k->value : NULL;
}

/* One of the spec's URCs, drawn (with its payload when it has one), at a drawn byte of a line (before it or inside)
 * or inside a payload. */
static void insert_urc(const em_hostile *h, shape *s, size_t pick)
{
    const qat_curc *u = &h->c->urcs[draw(h, h->c->n_urcs)];
    size_t payload = u->payload ? 1 + draw(h, URC_PAYLOAD_MAX) : 0;
    length_pick k = {u->payload ? u->payload->length_param : NULL, ""};
    snprintf(k.value, sizeof k.value, "%zu", payload);
    qat_synth_opts o = {.pick = pick_length, .user = &k};
    char text[URC_CAP + 4 + URC_PAYLOAD_MAX] = "\r\n";
    size_t n = 2 + qat_synth_line(&u->pattern.g, &o, h->rng, text + 2, URC_CAP).len;
    memcpy(text + n, CRLF, 2);
    n += 2;
    for (size_t i = 0; i < payload; i++)
        text[n++] = (char)draw(h, 256);
    span l = pick < s->n ? s->lines[pick] : s->payloads[pick - s->n];
    size_t at = pick < s->n ? l.at + draw(h, l.len + 1) : l.at + (l.len > 1 ? 1 + draw(h, l.len - 1) : 0);
    em_out_splice(s->a, at, 0, text, n);
}

/* A payload's length field off by 1 to LENGTH_LIE_MAX, up or down (never below 0); the payload stays. */
static void lie_length(const em_hostile *h, shape *s, const found_field *f)
{
    int64_t k = 1 + (int64_t)draw(h, LENGTH_LIE_MAX);
    put_number(s->a, f->at, draw(h, 2) && f->number >= k ? f->number - k : f->number + k);
}

/* The line lengthened to 4-64 KiB by its own bytes, over and over. */
static void long_line(const em_hostile *h, shape *s, size_t pick)
{
    span l = s->lines[pick];
    size_t want = EM_HOSTILE_LONG_MIN + draw(h, EM_HOSTILE_LONG_MAX - EM_HOSTILE_LONG_MIN + 1);
    size_t extra = want > l.len ? want - l.len : 0;
    char *fill = extra ? malloc(extra) : NULL;
    if (!fill)
        return;
    for (size_t i = 0; i < extra; i++)
        fill[i] = s->a->data[l.at + i % l.len];
    em_out_splice(s->a, l.at + l.len, 0, fill, extra);
    free(fill);
}

static const char *prompt_text(const qat_compiled *c)
{
    for (size_t i = 0; i < c->n_results; i++)
        if (c->results[i].result->kind == QAT_RESULT_PROMPT)
            return c->results[i].result->line;
    return NULL;
}

/* The lines that no pattern reads any more with PREFIX[0..N) in front (a free-text line would take it in): their
 * count, and the index of the PICK-th in *INDEX. */
static size_t anchored_lines(const em_hostile *h, const shape *s, const char *prefix, size_t n, size_t pick,
                             size_t *index)
{
    size_t count = 0;
    for (size_t i = 0; i < s->n; i++) {
        char probe[URC_CAP];
        qat_field f[MAX_FIELDS];
        size_t nf;
        const char *length_param;
        if (n + s->lines[i].len > sizeof probe)
            continue;
        memcpy(probe, prefix, n);
        memcpy(probe + n, s->a->data + s->lines[i].at, s->lines[i].len);
        if (!read_line(h, probe, n + s->lines[i].len, f, &nf, &length_param) && count++ == pick)
            *index = i;
    }
    return count;
}

static size_t count_prompt_places(const em_hostile *h, const shape *s)
{
    const char *p = prompt_text(h->c);
    size_t i;
    return p ? anchored_lines(h, s, p, strlen(p), SIZE_MAX, &i) : 0;
}

/* The spec's prompt ("> ") at the start of a line of an answer that has none. */
static void stray_prompt(const em_hostile *h, shape *s, size_t pick)
{
    const char *p = prompt_text(h->c);
    size_t i = 0;
    anchored_lines(h, s, p, strlen(p), pick, &i);
    em_out_splice(s->a, s->lines[i].at, 0, p, strlen(p));
}

static size_t count_finals(const em_hostile *h, const shape *s)
{
    (void)h;
    return s->final < s->n;
}

/* The final result code twice, each framed. */
static void duplicate_final(const em_hostile *h, shape *s, size_t pick)
{
    (void)h;
    (void)pick;
    span l = s->lines[s->final];
    em_out copy = {0};
    em_out_put(&copy, CRLF, 2);
    em_out_put(&copy, CRLF, 2);
    em_out_put(&copy, s->a->data + l.at, l.len);
    em_out_splice(s->a, l.at + l.len, 0, copy.data, copy.len);
    em_out_free(&copy);
}

/* The final result code left out, with its framing. */
static void drop_final(const em_hostile *h, shape *s, size_t pick)
{
    (void)h;
    (void)pick;
    span l = s->lines[s->final];
    size_t from = l.at >= 2 && memcmp(s->a->data + l.at - 2, CRLF, 2) == 0 ? l.at - 2 : l.at;
    size_t to = l.at + l.len + 2 <= s->a->len ? l.at + l.len + 2 : s->a->len;
    em_out_splice(s->a, from, to - from, "", 0);
}

/* An int field with a value just past its parameter's greatest (or below its least) allowed value. */
static void out_of_range(const em_hostile *h, shape *s, const found_field *f)
{
    int64_t lo, hi;
    if (!bounds(f->param, &lo, &hi)) /* not a ranged int: the field was picked as one (is_ranged_int) */
        return;
    int64_t k = (int64_t)draw(h, OUT_OF_RANGE_MAX);
    bool above = hi < INT64_MAX - OUT_OF_RANGE_MAX && (lo <= INT64_MIN + OUT_OF_RANGE_MAX || draw(h, 2));
    put_number(s->a, f->at, above ? hi + 1 + k : lo - 1 - k);
}

static const char GARBAGE_PROBE[] = "\x80"; /* garbage starts with a byte that is not ASCII */

static size_t count_garbage_places(const em_hostile *h, const shape *s)
{
    size_t i;
    return anchored_lines(h, s, GARBAGE_PROBE, 1, SIZE_MAX, &i);
}

/* 1 to GARBAGE_MAX drawn bytes at the start of a line, the first not ASCII. */
static void garbage(const em_hostile *h, shape *s, size_t pick)
{
    char bytes[GARBAGE_MAX];
    size_t n = 1 + draw(h, GARBAGE_MAX), line = 0;
    anchored_lines(h, s, GARBAGE_PROBE, 1, pick, &line);
    for (size_t i = 0; i < n; i++)
        bytes[i] = (char)(i ? draw(h, 256) : 0x80 + draw(h, 0x80));
    em_out_splice(s->a, s->lines[line].at, 0, bytes, n);
}

/* A kind works on places (COUNT of them, APPLY to the PICK-th) or on the fields that pass FIELDS (REWRITE one). */
typedef struct {
    const char *name, *what;
    size_t (*count)(const em_hostile *h, const shape *s);
    void (*apply)(const em_hostile *h, shape *s, size_t pick);
    field_test fields;
    void (*rewrite)(const em_hostile *h, shape *s, const found_field *f);
} kind;

static const kind kinds[] = {
    {"split-line", "a CR LF inside a line", count_splittable, split_line, NULL, NULL},
    {"merge-lines", "two lines run together (the CR LFs between them dropped)", count_pairs, merge_lines, NULL, NULL},
    {"insert-urc", "one of the spec's URCs (its payload too) in a line or a payload", count_urc_places, insert_urc, NULL,
     NULL},
    {"lie-length", "a payload's length field off by 1-8, the bytes unchanged", NULL, NULL, is_length, lie_length},
    {"long-line", "a line lengthened to 4-64 KiB", count_lines, long_line, NULL, NULL},
    {"stray-prompt", "the prompt at the start of a line (not a free-text one)", count_prompt_places, stray_prompt, NULL,
     NULL},
    {"duplicate-final", "the final result code twice", count_finals, duplicate_final, NULL, NULL},
    {"drop-final", "no final result code", count_finals, drop_final, NULL, NULL},
    {"out-of-range", "an int field just outside its parameter's values", NULL, NULL, is_ranged_int, out_of_range},
    {"garbage", "1-16 random bytes at the start of a line (not a free-text one)", count_garbage_places, garbage, NULL,
     NULL},
};

#define N_KINDS (sizeof kinds / sizeof kinds[0])

size_t em_hostile_kind_count(void)
{
    return N_KINDS;
}

const char *em_hostile_kind_name(size_t kind_index)
{
    return kind_index < N_KINDS ? kinds[kind_index].name : "valid";
}

void em_hostile_list(FILE *out)
{
    for (size_t i = 0; i < N_KINDS; i++)
        fprintf(out, "  %-16s %s\n", kinds[i].name, kinds[i].what);
}

static size_t places(const em_hostile *h, const shape *s, const kind *k)
{
    found_field f;
    return k->fields ? fields_where(h, s, k->fields, SIZE_MAX, &f) : k->count(h, s);
}

static void mutate_at(const em_hostile *h, shape *s, const kind *k, size_t pick)
{
    found_field f;
    if (!k->fields) {
        k->apply(h, s, pick);
    } else {
        fields_where(h, s, k->fields, pick, &f);
        k->rewrite(h, s, &f);
    }
}

int em_hostile_mutate(const em_hostile *h, em_out *out, size_t start)
{
    if (out->len == start)
        return -1;
    em_out answer = {0};
    em_out_put(&answer, out->data + start, out->len - start);
    shape s = {.a = &answer};
    scan(h, &s);
    size_t counts[N_KINDS], applicable = 0;
    for (size_t i = 0; i < N_KINDS; i++)
        applicable += (counts[i] = places(h, &s, &kinds[i])) > 0;
    int chosen = -1;
    for (size_t i = 0, nth = draw(h, applicable); applicable && i < N_KINDS && chosen < 0; i++)
        if (counts[i] && nth-- == 0)
            chosen = (int)i;
    if (chosen >= 0) {
        mutate_at(h, &s, &kinds[chosen], draw(h, counts[chosen]));
        out->len = start;
        em_out_put(out, answer.data, answer.len);
    }
    em_out_free(&answer);
    return chosen;
}
