/* qm_values.c — made-up field values, from the parameter's type and value set as the spec gives them.
 * Out-of-range values are checked against the parameter (our value checker must refuse them). */
#include "qm_values.h"

#include <stdio.h>
#include <string.h>

#define HUGE_MAX 3000 /* bytes of the longest value made up */

static const char *const int_edges[] = {
    "0", "-1", "-0", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "18446744073709551616", "+1", "0x1F", "1e3", "007", " 1", "1 ",
};
static const char *const digit_edges[] = {"0", "G", "-1", " 1", "0x0", "f", "F"};
static const char *const ipv4_edges[] = {
    "0.0.0.0", "255.255.255.255", "256.0.0.1", "999.999.999.999", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..3.4",
    "-1.0.0.0", "::1", "1.2.3.4 ",
};
static const char *const time_edges[] = {
    "0000/00/00,00:00:00+00", "9999/12/31,23:59:59+48", "2024/02/30,12:00:00+00", "2023/02/29,12:00:00+00",
    "2024/12/31,23:59:59-48", "2024/01/01,00:00:00+99", "24/01/01,00:00:00+00", "2024/1/1,0:0:0+0",
};
static const char *const text_edges[] = {" ", ",", ";", "\\", "%s%n", "\xc3\x28", "\xff\xfe", "a\"b", "OK"};

typedef struct {
    const char *const *items;
    size_t n;
} edge_table;

#define TABLE(t) {t, sizeof t / sizeof t[0]}

static edge_table edges_of(qat_type t)
{
    switch (t) {
    case QAT_TYPE_INT: return (edge_table)TABLE(int_edges);
    case QAT_TYPE_HEX:
    case QAT_TYPE_DIGITS: return (edge_table)TABLE(digit_edges);
    case QAT_TYPE_IPV4: return (edge_table)TABLE(ipv4_edges);
    case QAT_TYPE_TIME: return (edge_table)TABLE(time_edges);
    default: return (edge_table)TABLE(text_edges);
    }
}

static bool numeric(qat_type t) { return t == QAT_TYPE_INT || t == QAT_TYPE_HEX || t == QAT_TYPE_DIGITS; }

/* ---- writing a value into C->text ---- */

static void start(qm_writer *t, const qm_ctx *c, bool quote)
{
    qm_writer_init(t, (uint8_t *)c->text, QM_TEXT_CAP);
    if (quote)
        qm_put(t, "\"", 1);
}

/* The value's length with its closing quote; SIZE_MAX when it did not fit or (MUST_FAIL) P accepts it. */
static size_t finish(qm_writer *t, const qat_param *p, bool quote, bool must_fail)
{
    if (quote)
        qm_put(t, "\"", 1);
    if (t->full || (must_fail && qat_value_check(p, (const char *)t->buf, t->len).status == QAT_VALUE_OK))
        return SIZE_MAX;
    return t->len;
}

/* N bytes of filler the type is made of: digits for numbers, letters otherwise. */
static void put_filler(qm_writer *t, const qm_ctx *c, qat_type type, size_t n)
{
    const char *set = numeric(type) ? "0123456789" : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    size_t set_len = strlen(set);
    for (size_t i = 0; i < n && !t->full; i++)
        qm_put(t, &set[qm_below(c, set_len)], 1);
}

static void put_int(qm_writer *t, int64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    qm_put(t, tmp, (size_t)n);
}

/* ---- just outside the value set ---- */

static size_t int_outside(const qm_ctx *c, const qat_param *p)
{
    int64_t chosen = 0;
    size_t seen = 0;
    for (size_t i = 0; i < p->n_ranges; i++) {
        const qat_range *r = &p->ranges[i];
        int64_t below = r->lo - (r->lo > INT64_MIN), above = r->hi + (r->hi < INT64_MAX);
        if (!qat_ranges_contain(p->ranges, p->n_ranges, below) && qm_below(c, ++seen) == 0)
            chosen = below;
        if (!qat_ranges_contain(p->ranges, p->n_ranges, above) && qm_below(c, ++seen) == 0)
            chosen = above;
    }
    if (!seen)
        return SIZE_MAX;
    qm_writer t;
    start(&t, c, p->quoted);
    put_int(&t, chosen);
    return finish(&t, p, p->quoted, true);
}

/* A length the parameter refuses: one past its longest, one short of its shortest. */
static size_t length_outside(const qm_ctx *c, const qat_param *p)
{
    size_t options[2], n = 0;
    if (p->max_len)
        options[n++] = p->max_len + 1;
    if (p->min_len)
        options[n++] = p->min_len - 1;
    if (!n)
        return SIZE_MAX;
    size_t len = options[qm_below(c, n)];
    const char *prefix = p->n_prefixes ? p->prefixes[0] : "";
    size_t prefix_len = strlen(prefix) < len ? strlen(prefix) : 0;
    qm_writer t;
    start(&t, c, p->quoted);
    qm_put(&t, prefix, prefix_len);
    put_filler(&t, c, p->type, len - prefix_len);
    return finish(&t, p, p->quoted, true);
}

/* A value of the right length that starts with none of the allowed prefixes. */
static size_t prefix_outside(const qm_ctx *c, const qat_param *p)
{
    if (!p->n_prefixes)
        return SIZE_MAX;
    qm_writer t;
    start(&t, c, p->quoted);
    qm_put(&t, "~", 1);
    put_filler(&t, c, p->type, p->min_len > 1 ? p->min_len - 1 : 0);
    return finish(&t, p, p->quoted, true);
}

/* A valid value of P in C->text (*LEN bytes) and its last content byte; NULL when none could be made. */
static char *valid_value(const qm_ctx *c, const qat_param *p, size_t *len)
{
    qat_synth_result r = qat_synth_value(p, NULL, c->rng, c->text, QM_TEXT_CAP);
    size_t close = p->quoted ? 1 : 0;
    *len = r.len;
    return r.status == QAT_SYNTH_OK && r.len > 2 * close ? c->text + r.len - close - 1 : NULL;
}

/* LEN, when P refuses the value in C->text; SIZE_MAX when it accepts it. */
static size_t refused(const qm_ctx *c, const qat_param *p, size_t len)
{
    return qat_value_check(p, c->text, len).status == QAT_VALUE_OK ? SIZE_MAX : len;
}

static size_t digit_count_outside(const qm_ctx *c, const qat_param *p)
{
    size_t options[2], n = 0;
    if (p->digits.hi > 0)
        options[n++] = (size_t)p->digits.hi + 1;
    if (p->digits.lo > 1)
        options[n++] = (size_t)p->digits.lo - 1;
    if (!n)
        return SIZE_MAX;
    qm_writer t;
    start(&t, c, p->quoted);
    put_filler(&t, c, p->type, options[qm_below(c, n)]);
    return finish(&t, p, p->quoted, true);
}

static size_t digits_outside(const qm_ctx *c, const qat_param *p)
{
    size_t len;
    char *last;
    switch (qm_below(c, 3)) {
    case 0: /* a wrong check digit: the last one */
        if (p->luhn && (last = valid_value(c, p, &len)) != NULL) {
            *last = (char)('0' + (*last - '0' + 1 + (int)qm_below(c, 9)) % 10);
            return refused(c, p, len);
        }
        break;
    case 1: /* a letter in the wrong case */
        if (p->hex_case != QAT_CASE_ANY && (last = valid_value(c, p, &len)) != NULL) {
            *last = p->hex_case == QAT_CASE_UPPER ? 'a' : 'A';
            return refused(c, p, len);
        }
        break;
    default: break;
    }
    return digit_count_outside(c, p);
}

static size_t ipv4_outside(const qm_ctx *c, const qat_param *p)
{
    qm_writer t;
    start(&t, c, p->quoted);
    size_t bad = qm_below(c, 4);
    for (size_t i = 0; i < 4; i++) {
        if (i)
            qm_put(&t, ".", 1);
        put_int(&t, (int64_t)(i == bad ? 256 + qm_below(c, 744) : qm_below(c, 256)));
    }
    return finish(&t, p, p->quoted, true);
}

/* An enum value one edit away: a byte added, a byte dropped, its first letter's case flipped. */
static size_t enum_outside(const qm_ctx *c, const qat_param *p)
{
    if (!p->n_enum_values)
        return SIZE_MAX;
    const char *v = p->enum_values[qm_below(c, p->n_enum_values)];
    size_t len = strlen(v);
    qm_writer t;
    start(&t, c, p->quoted);
    switch (qm_below(c, 3)) {
    case 0:
        qm_put(&t, v, len);
        qm_put(&t, "X", 1);
        break;
    case 1: qm_put(&t, v, len ? len - 1 : 0); break;
    default:
        qm_put(&t, v, len);
        for (size_t i = p->quoted ? 1 : 0; i < t.len; i++)
            if ((t.buf[i] | 0x20) >= 'a' && (t.buf[i] | 0x20) <= 'z') {
                t.buf[i] ^= 0x20;
                break;
            }
    }
    return finish(&t, p, p->quoted, true);
}

/* A valid time with one part out of its range (month 13, day 32, hour 24, minute 60, zone 49). */
static size_t time_outside(const qm_ctx *c, const qat_param *p)
{
    static const struct {
        size_t at;
        char digits[3];
    } parts[] = {{5, "13"}, {8, "32"}, {11, "24"}, {14, "60"}, {17, "61"}, {20, "49"}};
    size_t k = qm_below(c, sizeof parts / sizeof parts[0]), len;
    size_t at = parts[k].at + (p->quoted ? 1 : 0);
    if (!valid_value(c, p, &len) || at + 2 > len)
        return SIZE_MAX;
    memcpy(c->text + at, parts[k].digits, 2);
    return refused(c, p, len);
}

static size_t text_outside(const qm_ctx *c, const qat_param *p)
{
    size_t n = qm_below(c, 2) ? prefix_outside(c, p) : SIZE_MAX;
    return n != SIZE_MAX ? n : length_outside(c, p);
}

bool qm_has_bounds(const qat_param *p)
{
    switch (p->type) {
    case QAT_TYPE_INT: return p->n_ranges > 0;
    case QAT_TYPE_STRING:
    case QAT_TYPE_TOKEN:
    case QAT_TYPE_TEXT: return p->max_len || p->min_len || p->n_prefixes;
    case QAT_TYPE_HEX:
    case QAT_TYPE_DIGITS: return p->digits.hi > 0 || p->digits.lo > 1 || p->luhn || p->hex_case != QAT_CASE_ANY;
    case QAT_TYPE_ENUM: return p->n_enum_values > 0;
    case QAT_TYPE_IPV4:
    case QAT_TYPE_TIME: return true;
    default: return false;
    }
}

size_t qm_value_out_of_range(const qm_ctx *c, const qat_param *p, const uint8_t *cur, size_t n)
{
    (void)cur;
    (void)n;
    switch (p->type) {
    case QAT_TYPE_INT: return int_outside(c, p);
    case QAT_TYPE_STRING:
    case QAT_TYPE_TOKEN:
    case QAT_TYPE_TEXT: return text_outside(c, p);
    case QAT_TYPE_HEX:
    case QAT_TYPE_DIGITS: return digits_outside(c, p);
    case QAT_TYPE_IPV4: return ipv4_outside(c, p);
    case QAT_TYPE_ENUM: return enum_outside(c, p);
    case QAT_TYPE_TIME: return time_outside(c, p);
    default: return SIZE_MAX;
    }
}

/* ---- the type's extremes ---- */

typedef enum { EXTREME_EMPTY, EXTREME_HUGE, EXTREME_UNTERMINATED, EXTREME_CONTROL, EXTREME_EDGE, EXTREME_COUNT } extreme;

/* A length for a huge value: past the longest the spec allows, or just long. */
static size_t huge_len(const qm_ctx *c, const qat_param *p)
{
    size_t lens[] = {p->max_len * 2 + 1, 20, 64, 256, 1000, HUGE_MAX};
    size_t len = lens[qm_below(c, sizeof lens / sizeof lens[0])];
    return len && len <= HUGE_MAX ? len : HUGE_MAX;
}

size_t qm_value_extreme(const qm_ctx *c, const qat_param *p, const uint8_t *cur, size_t n)
{
    qm_writer t;
    bool quote = p->quoted;
    extreme kind = (extreme)qm_below(c, EXTREME_COUNT);
    start(&t, c, quote || kind == EXTREME_UNTERMINATED);
    switch (kind) {
    case EXTREME_EMPTY: break;
    case EXTREME_HUGE: put_filler(&t, c, p->type, huge_len(c, p)); break;
    case EXTREME_UNTERMINATED: { /* the content as it is, no closing quote */
        size_t skip = n && cur[0] == '"', body = n - skip;
        body -= skip && body && cur[n - 1] == '"';
        qm_put(&t, cur + skip, body);
        quote = false;
        break;
    }
    case EXTREME_CONTROL: {
        static const char controls[] = {'\0', '\t', '\x1a', '\x1b', '\x7f', '\r'};
        put_filler(&t, c, p->type, qm_below(c, 3));
        qm_put(&t, &controls[qm_below(c, sizeof controls)], 1);
        put_filler(&t, c, p->type, qm_below(c, 3));
        break;
    }
    default: {
        edge_table e = edges_of(p->type);
        qm_put_str(&t, e.items[qm_below(c, e.n)]);
    }
    }
    return finish(&t, p, quote, false);
}

/* ---- another type ---- */

/* One parameter of the spec (of its commands and URCs), uniformly. */
static const qat_param *any_param(const qm_ctx *c)
{
    const qat_spec *s = c->spec->spec;
    size_t total = 0;
    for (size_t i = 0; i < s->n_commands; i++)
        total += s->commands[i].n_params;
    for (size_t i = 0; i < s->n_urcs; i++)
        total += s->urcs[i].n_params;
    size_t k = qm_below(c, total);
    for (size_t i = 0; i < s->n_commands; k -= s->commands[i++].n_params)
        if (k < s->commands[i].n_params)
            return &s->commands[i].params[k];
    for (size_t i = 0; i < s->n_urcs; k -= s->urcs[i++].n_params)
        if (k < s->urcs[i].n_params)
            return &s->urcs[i].params[k];
    return NULL;
}

size_t qm_value_other_type(const qm_ctx *c, const qat_param *p, const uint8_t *cur, size_t n)
{
    (void)cur;
    (void)n;
    for (int tries = 0; tries < 16; tries++) {
        const qat_param *q = any_param(c);
        if (!q || q->type == p->type || q->type == QAT_TYPE_PAYLOAD)
            continue;
        qat_synth_result r = qat_synth_value(q, NULL, c->rng, c->text, QM_TEXT_CAP);
        if (r.status == QAT_SYNTH_OK)
            return r.len;
    }
    return SIZE_MAX;
}
