/* qat_synth.c — walks a compiled grammar's ops and writes one line it accepts, a value per field.
 * Values come from each parameter's type and value set; the caller's xorshift state makes every choice. */
#include "qat_synth.h"

#include <stdio.h>
#include <string.h>

#define OPEN_EXTRA 16     /* bytes or digits beyond the minimum when the spec sets no maximum */
#define DEFAULT_REPEAT 3u /* extra repetitions of a "[...]" part when the options say 0 */
#define MAX_REPEAT 255u

/* ---- the random state ---- */

void qat_rng_seed(qat_rng *r, uint64_t seed)
{
    uint64_t z = seed + 0x9E3779B97F4A7C15ull; /* splitmix64: any seed, 0 included, gives a good state */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    r->s = z ? z : 0x9E3779B97F4A7C15ull;
}

uint64_t qat_rng_next(qat_rng *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545F4914F6CDD1Dull;
}

uint64_t qat_rng_below(qat_rng *r, uint64_t n) { return n ? qat_rng_next(r) % n : 0; }

/* ---- writing into the caller's buffer ---- */

typedef struct {
    char *buf;
    size_t cap, len;
    bool full; /* something did not fit: the result is NO_ROOM */
} writer;

typedef struct {
    const qat_synth_opts *o;
    qat_rng *rng;
    writer w;
} synth;

static void put(synth *s, const char *text, size_t n)
{
    if (s->w.full || n > s->w.cap - s->w.len) {
        s->w.full = true;
        return;
    }
    memcpy(s->w.buf + s->w.len, text, n);
    s->w.len += n;
}

static void put_byte(synth *s, char c) { put(s, &c, 1); }
static void put_str(synth *s, const char *text) { put(s, text, strlen(text)); }

static void put_int(synth *s, int64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    put(s, tmp, n > 0 ? (size_t)n : 0);
}

static qat_synth_result finish(synth *s, qat_synth_status st)
{
    qat_synth_result r = {st, 0};
    if (st == QAT_SYNTH_OK && (s->w.full || s->w.len >= s->w.cap))
        r.status = QAT_SYNTH_NO_ROOM;
    if (r.status == QAT_SYNTH_OK) {
        s->w.buf[s->w.len] = '\0';
        r.len = s->w.len;
    } else if (s->w.cap) {
        s->w.buf[0] = '\0';
    }
    return r;
}

static const qat_synth_opts default_opts; /* const: zeroed defaults, never written */

static synth start(const qat_synth_opts *o, qat_rng *rng, char *buf, size_t cap)
{
    synth s = {o ? o : &default_opts, rng, {buf, cap, 0, false}};
    return s;
}

/* ---- choices ---- */

static uint64_t roll(synth *s, uint64_t n) { return qat_rng_below(s->rng, n); }

/* A number in [LO, HI]: an end in the extreme modes; at random one of the bounds half the time. */
static int64_t in_range(synth *s, int64_t lo, int64_t hi)
{
    if (hi < lo) {
        int64_t t = lo;
        lo = hi;
        hi = t;
    }
    if (s->o->values != QAT_SYNTH_RANDOM)
        return s->o->values == QAT_SYNTH_LOWEST ? lo : hi;
    uint64_t kind = roll(s, 4), span = (uint64_t)hi - (uint64_t)lo;
    if (kind < 2)
        return kind == 0 ? lo : hi;
    uint64_t off = span == UINT64_MAX ? qat_rng_next(s->rng) : qat_rng_below(s->rng, span + 1u);
    return (int64_t)((uint64_t)lo + off);
}

static size_t count_in(synth *s, size_t lo, size_t hi) { return (size_t)in_range(s, (int64_t)lo, (int64_t)hi); }

/* An index into N choices: the first or the last in the extreme modes. */
static size_t choose(synth *s, size_t n)
{
    if (s->o->values != QAT_SYNTH_RANDOM)
        return s->o->values == QAT_SYNTH_LOWEST || n == 0 ? 0 : n - 1;
    return (size_t)roll(s, n);
}

/* ---- values ---- */

static bool stopped(const uint8_t *stop, char c)
{
    unsigned char b = (unsigned char)c;
    return stop && (stop[b >> 3] & (1u << (b & 7)));
}

/* No quote, comma, semicolon, space or control byte: safe in every type and every command line. */
static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:";

static char any_byte(synth *s, const uint8_t *stop)
{
    for (int tries = 0; tries < 8; tries++) {
        char c = alphabet[roll(s, sizeof alphabet - 1)];
        if (!stopped(stop, c))
            return c;
    }
    for (const char *a = alphabet; *a; a++)
        if (!stopped(stop, *a))
            return *a;
    return 'x';
}

static int64_t int_value(synth *s, const qat_param *p)
{
    if (p->n_ranges == 0)
        return s->o->values == QAT_SYNTH_RANDOM ? in_range(s, -9999, 99999)
                                                : in_range(s, INT64_MIN, INT64_MAX);
    if (s->o->values == QAT_SYNTH_RANDOM) {
        const qat_range *r = &p->ranges[roll(s, p->n_ranges)];
        return in_range(s, r->lo, r->hi);
    }
    int64_t v = s->o->values == QAT_SYNTH_LOWEST ? p->ranges[0].lo : p->ranges[0].hi;
    for (size_t k = 1; k < p->n_ranges; k++)
        v = s->o->values == QAT_SYNTH_LOWEST ? (p->ranges[k].lo < v ? p->ranges[k].lo : v)
                                             : (p->ranges[k].hi > v ? p->ranges[k].hi : v);
    return v;
}

/* The prefix a string starts with: the shortest (LOWEST), the longest (HIGHEST) or any. */
static const char *string_prefix(synth *s, const qat_param *p)
{
    if (p->n_prefixes == 0)
        return "";
    if (s->o->values == QAT_SYNTH_RANDOM)
        return p->prefixes[roll(s, p->n_prefixes)];
    const char *best = p->prefixes[0];
    for (size_t k = 1; k < p->n_prefixes; k++) {
        size_t n = strlen(p->prefixes[k]), b = strlen(best);
        if (s->o->values == QAT_SYNTH_LOWEST ? n < b : n > b)
            best = p->prefixes[k];
    }
    return best;
}

/* string, token, text: an allowed length, the prefix first, spaces only inside (never at an end). */
static void put_text(synth *s, const qat_param *p, const uint8_t *stop)
{
    size_t lo = p->min_len;
    if (p->type == QAT_TYPE_TOKEN && lo == 0)
        lo = 1;
    size_t hi = p->max_len ? p->max_len : lo + OPEN_EXTRA;
    const char *prefix = string_prefix(s, p);
    size_t plen = strlen(prefix), n = count_in(s, lo, hi < lo ? lo : hi);
    put(s, prefix, plen);
    bool spaces = p->type != QAT_TYPE_TOKEN && !stopped(stop, ' ');
    for (size_t i = plen; i < n; i++) {
        bool inner = i > 0 && i + 1 < n;
        put_byte(s, spaces && inner && roll(s, 8) == 0 ? ' ' : any_byte(s, stop));
    }
}

static void digit_count(const qat_param *p, size_t *lo, size_t *hi)
{
    bool any = p->digits.lo == 0 && p->digits.hi == 0;
    *lo = any ? 1 : (size_t)(p->digits.lo > 0 ? p->digits.lo : 1);
    *hi = any ? OPEN_EXTRA : (size_t)(p->digits.hi > (int64_t)*lo ? p->digits.hi : (int64_t)*lo);
}

/* One digit of BASE (10 or 16): 0 when LOWEST, base-1 when HIGHEST. */
static unsigned digit(synth *s, unsigned base)
{
    if (s->o->values != QAT_SYNTH_RANDOM)
        return s->o->values == QAT_SYNTH_LOWEST ? 0 : base - 1;
    return (unsigned)roll(s, base);
}

static void put_hex(synth *s, const qat_param *p)
{
    size_t lo, hi;
    digit_count(p, &lo, &hi);
    size_t n = count_in(s, lo, hi);
    bool any_upper = s->o->values != QAT_SYNTH_RANDOM || roll(s, 2) == 0; /* the extremes are upper case */
    bool upper = p->hex_case == QAT_CASE_UPPER || (p->hex_case == QAT_CASE_ANY && any_upper);
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (size_t i = 0; i < n; i++)
        put_byte(s, set[digit(s, 16)]);
}

/* The digit that makes BODY[0..N) followed by it pass the Luhn check. */
static char luhn_digit(const char *body, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(body[n - 1 - i] - '0');
        if (i % 2 == 0) /* the check digit will stand right of BODY: BODY's last digit is doubled */
            d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return (char)('0' + (10 - sum % 10) % 10);
}

static void put_digits(synth *s, const qat_param *p)
{
    size_t lo, hi;
    digit_count(p, &lo, &hi);
    size_t n = count_in(s, lo, hi), start = s->w.len, body = p->luhn ? n - 1 : n;
    for (size_t i = 0; i < body; i++)
        put_byte(s, (char)('0' + digit(s, 10)));
    if (p->luhn && !s->w.full)
        put_byte(s, luhn_digit(s->w.buf + start, body));
}

static void put_ipv4(synth *s)
{
    for (int part = 0; part < 4; part++) {
        if (part)
            put_byte(s, '.');
        put_int(s, in_range(s, 0, 255));
    }
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* 2.12: yyyy/MM/dd,hh:mm:ss±zz, a real calendar day, the zone in quarter hours -48..+48. */
static void put_time(synth *s)
{
    int year = (int)(s->o->values == QAT_SYNTH_RANDOM ? 2000 + (int64_t)roll(s, 100) : in_range(s, 0, 9999));
    int month = (int)in_range(s, 1, 12);
    int day = (int)in_range(s, 1, days_in_month(year, month));
    int hour = (int)in_range(s, 0, 23), min = (int)in_range(s, 0, 59), sec = (int)in_range(s, 0, 59);
    int zone = (int)in_range(s, -48, 48);
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp, "%04d/%02d/%02d,%02d:%02d:%02d%c%02d", year, month, day, hour, min, sec,
                     zone < 0 ? '-' : '+', zone < 0 ? -zone : zone);
    put(s, tmp, n > 0 ? (size_t)n : 0);
}

/* The value's content, by type (quotes are the caller's). */
static void put_content(synth *s, const qat_param *p, const uint8_t *stop)
{
    switch (p->type) {
    case QAT_TYPE_INT: put_int(s, int_value(s, p)); break;
    case QAT_TYPE_STRING:
    case QAT_TYPE_TOKEN:
    case QAT_TYPE_TEXT: put_text(s, p, stop); break;
    case QAT_TYPE_HEX: put_hex(s, p); break;
    case QAT_TYPE_DIGITS: put_digits(s, p); break;
    case QAT_TYPE_IPV4: put_ipv4(s); break;
    case QAT_TYPE_ENUM:
        if (p->n_enum_values)
            put_str(s, p->enum_values[choose(s, p->n_enum_values)]);
        break;
    case QAT_TYPE_TIME: put_time(s); break;
    default: break; /* payload: its bytes are not part of the line */
    }
}

/* One field's text; STOP (NULL for none) holds the bytes that would end an unquoted value here. */
static void put_value(synth *s, const qat_param *p, const uint8_t *stop)
{
    bool quoted = p->quoted && p->type != QAT_TYPE_PAYLOAD;
    if (quoted)
        put_byte(s, '"');
    put_content(s, p, quoted ? NULL : stop);
    if (quoted)
        put_byte(s, '"');
}

static void put_field(synth *s, const qat_op *op)
{
    const qat_param *p = op->kind == QAT_OP_EITHER && op->param2 && roll(s, 2) ? op->param2 : op->param;
    const char *picked = s->o->pick ? s->o->pick(s->o->user, p) : NULL;
    if (!picked) {
        put_value(s, p, op->stop);
        return;
    }
    if (p->quoted)
        put_byte(s, '"');
    put_str(s, picked);
    if (p->quoted)
        put_byte(s, '"');
}

_Static_assert(',' / 8 == ')' / 8, "',' and ')' share one byte of the stop set");
static const uint8_t list_item_stops[32] = {[',' / 8] = (1u << (',' % 8)) | (1u << (')' % 8))};

/* "(list of supported <x>s)": an int's ranges "lo-hi", every enum value, else one value. */
static void put_list(synth *s, const qat_param *p)
{
    put_byte(s, '(');
    if (p->type == QAT_TYPE_INT && p->n_ranges && !p->quoted) {
        for (size_t k = 0; k < p->n_ranges; k++) {
            if (k)
                put_byte(s, ',');
            put_int(s, p->ranges[k].lo);
            if (p->ranges[k].hi != p->ranges[k].lo) {
                put_byte(s, '-');
                put_int(s, p->ranges[k].hi);
            }
        }
    } else if (p->type == QAT_TYPE_ENUM && p->n_enum_values) {
        for (size_t k = 0; k < p->n_enum_values; k++) {
            put_str(s, k ? (p->quoted ? ",\"" : ",") : (p->quoted ? "\"" : ""));
            put_str(s, p->enum_values[k]);
            put_str(s, p->quoted ? "\"" : "");
        }
    } else {
        put_value(s, p, list_item_stops);
    }
    put_byte(s, ')');
}

/* ---- optional parts ---- */

static bool include_part(synth *s)
{
    if (s->o->optional != QAT_SYNTH_SOME)
        return s->o->optional == QAT_SYNTH_ALL;
    return roll(s, 2) == 0;
}

static uint8_t extra_repeats(synth *s, const qat_op *group)
{
    unsigned max = s->o->max_repeat ? s->o->max_repeat : DEFAULT_REPEAT;
    if (!group->repeat)
        return 0;
    max = max > MAX_REPEAT ? MAX_REPEAT : max;
    return (uint8_t)(s->o->optional == QAT_SYNTH_ALL ? max : roll(s, max + 1u));
}

static bool op_valid(const qat_grammar *g, size_t i)
{
    const qat_op *op = &g->ops[i];
    switch (op->kind) {
    case QAT_OP_LITERAL: return op->lit || op->lit_len == 0;
    case QAT_OP_FIELD:
    case QAT_OP_EITHER:
    case QAT_OP_LIST: return op->param != NULL;
    case QAT_OP_GROUP: return op->other > i && op->other < g->n_ops && g->ops[op->other].kind == QAT_OP_GROUP_END;
    case QAT_OP_GROUP_END: return op->other < i;
    default: return false;
    }
}

/* Do op I; returns the op to do next. LEFT[k]: repetitions still to make of the part ending at k. */
static size_t step(synth *s, const qat_grammar *g, size_t i, uint8_t *left)
{
    const qat_op *op = &g->ops[i];
    switch (op->kind) {
    case QAT_OP_LITERAL: put(s, op->lit, op->lit_len); return i + 1;
    case QAT_OP_FIELD:
    case QAT_OP_EITHER: put_field(s, op); return i + 1;
    case QAT_OP_LIST: put_list(s, op->param); return i + 1;
    case QAT_OP_GROUP:
        if (!include_part(s))
            return op->other + 1u;
        left[op->other] = extra_repeats(s, op);
        return i + 1;
    default:
        if (op->repeat && left[i]) {
            left[i]--;
            return op->other + 1u;
        }
        return i + 1;
    }
}

/* ---- the API ---- */

qat_synth_result qat_synth_line(const qat_grammar *g, const qat_synth_opts *o, qat_rng *rng, char *buf, size_t cap)
{
    synth s = start(o, rng, buf, cap);
    if (g->n_ops > QAT_GRAMMAR_MAX_OPS)
        return finish(&s, QAT_SYNTH_BAD_GRAMMAR);
    for (size_t i = 0; i < g->n_ops; i++)
        if (!op_valid(g, i))
            return finish(&s, QAT_SYNTH_BAD_GRAMMAR);
    uint8_t left[QAT_GRAMMAR_MAX_OPS] = {0};
    for (size_t i = 0; i < g->n_ops && !s.w.full;)
        i = step(&s, g, i, left);
    return finish(&s, QAT_SYNTH_OK);
}

qat_synth_result qat_synth_value(const qat_param *p, const qat_synth_opts *o, qat_rng *rng, char *buf, size_t cap)
{
    synth s = start(o, rng, buf, cap);
    put_value(&s, p, NULL);
    return finish(&s, QAT_SYNTH_OK);
}

const char *qat_synth_status_text(qat_synth_status st)
{
    static const char *const text[] = {"ok", "buffer too small", "malformed grammar"};
    return (unsigned)st < sizeof text / sizeof text[0] ? text[st] : "unknown status";
}
