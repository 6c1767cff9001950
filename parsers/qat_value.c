/* qat_value.c — checks one field's text against its parameter (int, string, hex, time, ...).
 * Reads only text[0..len), never allocates, no locale: every byte class is a small helper here. */
#include "qat_value.h"

#include <string.h>

#define NO_LIMIT ((size_t)-1)

/* ---- byte classes (ASCII only, locale-free) ---- */

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_upper_hex(unsigned char c) { return c >= 'A' && c <= 'F'; }
static bool is_lower_hex(unsigned char c) { return c >= 'a' && c <= 'f'; }
static bool is_hex(unsigned char c) { return is_digit(c) || is_upper_hex(c) || is_lower_hex(c); }
static bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }
static bool string_byte_ok(unsigned char c) { return !is_control(c) && c != '"'; }
static bool token_byte_ok(unsigned char c) { return string_byte_ok(c) && c != ',' && c != ' '; }
static bool text_byte_ok(unsigned char c) { return c != '\r' && c != '\n' && c != '\0'; }
static bool not_quote(unsigned char c) { return c != '"'; }
static bool not_lower_hex(unsigned char c) { return !is_lower_hex(c); }
static bool not_upper_hex(unsigned char c) { return !is_upper_hex(c); }

typedef bool (*byte_class)(unsigned char c);

/* Index of the first byte of S[0..N) outside the class, or N when all are in it. */
static size_t first_outside(const char *s, size_t n, byte_class in_class)
{
    size_t i = 0;
    while (i < n && in_class((unsigned char)s[i]))
        i++;
    return i;
}

/* ---- the field and its result ---- */

/* The field under check: its content (quotes stripped) and where that content starts. */
typedef struct {
    const qat_param *p;
    const char *s; /* content */
    size_t n;      /* content length */
    size_t at;     /* offset of the content in the field text (1 when quoted) */
} field;

static qat_value fail_at(qat_value v, qat_value_status st, size_t offset)
{
    v.status = st;
    v.offset = offset;
    return v;
}

/* A failure at byte I of the content. */
static qat_value fail(const field *f, qat_value v, qat_value_status st, size_t i)
{
    return fail_at(v, st, f->at + i);
}

/* A passing result for the field: its content, no offset. */
static qat_value value_of(const field *f)
{
    qat_value v = {QAT_VALUE_OK, 0, f->s, f->n, 0};
    return v;
}

/* ---- shared pieces ---- */

/* Whether a field of this type keeps a leading '"' as data when unquoted: only text, "as is". */
static bool bare_quote_is_data(qat_type t) { return t == QAT_TYPE_TEXT; }

/* Strips the quotes of a quoted field, or refuses quotes on a bare one. The one place quotes are
 * handled: an opening '"' at 0, a closing '"' as the last byte, no '"' in between. */
static qat_value_status unquote(const qat_param *p, const char *text, size_t len, field *f, size_t *offset)
{
    f->p = p;
    f->s = text;
    f->n = len;
    f->at = 0;
    *offset = 0;
    if (!p->quoted) {
        if (len > 0 && text[0] == '"' && !bare_quote_is_data(p->type))
            return QAT_VALUE_UNEXPECTED_QUOTE;
        return QAT_VALUE_OK;
    }
    if (len == 0)
        return QAT_VALUE_EMPTY;
    if (text[0] != '"')
        return QAT_VALUE_MISSING_QUOTE;
    if (len < 2 || text[len - 1] != '"') {
        *offset = len; /* where the closing quote was expected */
        return QAT_VALUE_MISSING_QUOTE;
    }
    f->s = text + 1;
    f->n = len - 2;
    f->at = 1;
    size_t inner = first_outside(f->s, f->n, not_quote);
    if (inner < f->n) {
        *offset = 1 + inner;
        return QAT_VALUE_BAD_CHAR;
    }
    return QAT_VALUE_OK;
}

/* Checks a count N against [LO, HI] (HI NO_LIMIT: unbounded). Too short points past the last
 * byte (where more was expected), too long at the first byte beyond the bound. */
static qat_value check_count(const field *f, qat_value v, size_t lo, size_t hi)
{
    if (f->n < lo)
        return fail(f, v, QAT_VALUE_TOO_SHORT, f->n);
    if (f->n > hi)
        return fail(f, v, QAT_VALUE_TOO_LONG, hi);
    return v;
}

static size_t clamp_size(int64_t x)
{
    if (x <= 0)
        return 0;
    return (uint64_t)x >= (uint64_t)NO_LIMIT ? NO_LIMIT : (size_t)x;
}

/* The digit-count bounds of a hex or digits parameter: {0,0} is "one or more". */
static void digit_bounds(const qat_param *p, size_t *lo, size_t *hi)
{
    if (p->digits.lo == 0 && p->digits.hi == 0) {
        *lo = 1;
        *hi = NO_LIMIT;
        return;
    }
    *lo = clamp_size(p->digits.lo);
    *hi = clamp_size(p->digits.hi);
}

/* Length in bytes of the longest common prefix of S[0..N) and the NUL-terminated W. */
static size_t common_prefix(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    while (i < n && w[i] != '\0' && s[i] == w[i])
        i++;
    return i;
}

/* Whether S[0..N) equals (EXACT) or starts with one of the words; else *BEST is the longest
 * common prefix with any of them, which is where the mismatch starts. */
static bool match_words(const char *s, size_t n, const char *const *words, size_t count, bool exact, size_t *best)
{
    *best = 0;
    for (size_t i = 0; i < count; i++) {
        size_t k = common_prefix(s, n, words[i]);
        if (words[i][k] == '\0' && (!exact || k == n))
            return true;
        if (k > *best)
            *best = k;
    }
    return false;
}

/* ---- integers ---- */

typedef struct {
    size_t end;     /* one past the last byte consumed */
    bool digits;    /* at least one digit */
    bool overflow;  /* the digits do not fit in int64_t */
    int64_t value;
} int_scan;

/* Scans [-]digits from S[POS..LEN); stops at the first non-digit. No UB on overflow. */
static int_scan scan_int(const char *s, size_t len, size_t pos)
{
    int_scan r = {pos, false, false, 0};
    bool neg = pos < len && s[pos] == '-';
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    uint64_t mag = 0;
    size_t i = pos + (neg ? 1 : 0);
    for (; i < len && is_digit((unsigned char)s[i]); i++) {
        unsigned d = (unsigned)(s[i] - '0');
        r.digits = true;
        if (r.overflow || mag > (limit - d) / 10u)
            r.overflow = true;
        else
            mag = mag * 10u + d;
    }
    r.end = r.digits ? i : pos + (neg ? 1 : 0);
    if (!r.overflow)
        r.value = neg ? (mag == 0 ? 0 : -(int64_t)(mag - 1u) - 1) : (int64_t)mag;
    return r;
}

static qat_value check_int(const field *f, qat_value v)
{
    int_scan r = scan_int(f->s, f->n, 0);
    if (!r.digits || r.end != f->n)
        return fail(f, v, QAT_VALUE_NOT_A_NUMBER, r.end);
    if (r.overflow)
        return fail(f, v, QAT_VALUE_OVERFLOW, 0);
    v.number = r.value;
    if (!qat_ranges_contain(f->p->ranges, f->p->n_ranges, r.value))
        return fail(f, v, QAT_VALUE_OUT_OF_RANGE, 0);
    return v;
}

/* ---- byte strings: string, token, text ---- */

static qat_value check_bytes(const field *f, qat_value v, byte_class cls)
{
    size_t bad = first_outside(f->s, f->n, cls);
    if (bad < f->n)
        return fail(f, v, QAT_VALUE_BAD_CHAR, bad);
    return check_count(f, v, f->p->min_len, f->p->max_len ? f->p->max_len : NO_LIMIT);
}

static qat_value check_string(const field *f, qat_value v)
{
    v = check_bytes(f, v, string_byte_ok);
    size_t best;
    if (v.status == QAT_VALUE_OK && f->p->n_prefixes > 0 &&
        !match_words(f->s, f->n, f->p->prefixes, f->p->n_prefixes, false, &best))
        return fail(f, v, QAT_VALUE_BAD_PREFIX, best);
    return v;
}

static qat_value check_token(const field *f, qat_value v) { return check_bytes(f, v, token_byte_ok); }
static qat_value check_text(const field *f, qat_value v) { return check_bytes(f, v, text_byte_ok); }

/* ---- digit strings: hex, digits ---- */

static qat_value check_digit_string(const field *f, qat_value v, byte_class cls)
{
    size_t bad = first_outside(f->s, f->n, cls);
    if (bad < f->n)
        return fail(f, v, QAT_VALUE_BAD_CHAR, bad);
    size_t lo, hi;
    digit_bounds(f->p, &lo, &hi);
    return check_count(f, v, lo, hi);
}

static qat_value check_hex(const field *f, qat_value v)
{
    v = check_digit_string(f, v, is_hex);
    if (v.status != QAT_VALUE_OK || f->p->hex_case == QAT_CASE_ANY)
        return v;
    byte_class right = f->p->hex_case == QAT_CASE_UPPER ? not_lower_hex : not_upper_hex;
    size_t bad = first_outside(f->s, f->n, right);
    return bad < f->n ? fail(f, v, QAT_VALUE_BAD_CASE, bad) : v;
}

static qat_value check_digits(const field *f, qat_value v)
{
    v = check_digit_string(f, v, is_digit);
    if (v.status == QAT_VALUE_OK && f->p->luhn && !qat_luhn_valid(f->s, f->n))
        return fail(f, v, QAT_VALUE_BAD_LUHN, f->n - 1);
    return v;
}

/* ---- ipv4 ---- */

/* Leading zeros ("010") are refused: inet_aton reads them as octal, so they are ambiguous. */
static qat_value check_ipv4(const field *f, qat_value v)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= f->n || f->s[i] != '.')
                return fail(f, v, QAT_VALUE_BAD_IPV4, i);
            i++;
        }
        size_t start = i;
        unsigned value = 0;
        while (i < f->n && is_digit((unsigned char)f->s[i]) && i - start < 4)
            value = value * 10u + (unsigned)(f->s[i++] - '0');
        size_t ndig = i - start;
        if (ndig == 0)
            return fail(f, v, QAT_VALUE_BAD_IPV4, i);
        if (ndig > 3 || value > 255 || (ndig > 1 && f->s[start] == '0'))
            return fail(f, v, QAT_VALUE_BAD_IPV4, start);
    }
    return i < f->n ? fail(f, v, QAT_VALUE_BAD_IPV4, i) : v;
}

/* ---- time: yyyy/MM/dd,hh:mm:ss±zz ---- */

enum { T_YEAR, T_MONTH, T_DAY, T_HOUR, T_MIN, T_SEC, T_ZONE, T_PARTS };

typedef struct {
    char sep; /* the byte before the part ('\0' none; '+' stands for '+' or '-') */
    unsigned width;
    int lo, hi;
} time_part;

static const time_part time_parts[T_PARTS] = {
    {'\0', 4, 0, 9999}, {'/', 2, 1, 12}, {'/', 2, 1, 31}, {',', 2, 0, 23},
    {':', 2, 0, 59},    {':', 2, 0, 59}, {'+', 2, 0, 48},
};

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool time_sep_ok(char want, char got) { return want == '+' ? got == '+' || got == '-' : want == got; }

/* Reads part K at *I into VAL[K]. Returns NO_LIMIT when it is good, else the offset of the
 * problem: the bad (or missing) byte, or the part's first digit when its value is out of range. */
static size_t read_time_part(const field *f, int k, size_t *i, int val[T_PARTS])
{
    const time_part *tp = &time_parts[k];
    if (tp->sep != '\0') {
        if (*i >= f->n || !time_sep_ok(tp->sep, f->s[*i]))
            return *i;
        (*i)++;
    }
    size_t start = *i;
    val[k] = 0;
    for (unsigned d = 0; d < tp->width; d++, (*i)++) {
        if (*i >= f->n || !is_digit((unsigned char)f->s[*i]))
            return *i;
        val[k] = val[k] * 10 + (f->s[*i] - '0');
    }
    int hi = k == T_DAY ? days_in_month(val[T_YEAR], val[T_MONTH]) : tp->hi;
    return val[k] < tp->lo || val[k] > hi ? start : NO_LIMIT;
}

static qat_value check_time(const field *f, qat_value v)
{
    int val[T_PARTS];
    size_t i = 0;
    for (int k = 0; k < T_PARTS; k++) {
        size_t bad = read_time_part(f, k, &i, val);
        if (bad != NO_LIMIT)
            return fail(f, v, QAT_VALUE_BAD_TIME, bad);
    }
    return i < f->n ? fail(f, v, QAT_VALUE_BAD_TIME, i) : v;
}

/* ---- enum ---- */

static qat_value check_enum(const field *f, qat_value v)
{
    size_t best;
    if (match_words(f->s, f->n, f->p->enum_values, f->p->n_enum_values, true, &best))
        return v;
    return fail(f, v, QAT_VALUE_NOT_IN_ENUM, best);
}

/* ---- dispatch ---- */

typedef qat_value (*type_check)(const field *f, qat_value v);

static const type_check type_checks[QAT_TYPE_COUNT] = {
    [QAT_TYPE_INT] = check_int,       [QAT_TYPE_STRING] = check_string, [QAT_TYPE_TOKEN] = check_token,
    [QAT_TYPE_TEXT] = check_text,     [QAT_TYPE_HEX] = check_hex,       [QAT_TYPE_DIGITS] = check_digits,
    [QAT_TYPE_IPV4] = check_ipv4,     [QAT_TYPE_ENUM] = check_enum,     [QAT_TYPE_TIME] = check_time,
    /* QAT_TYPE_PAYLOAD: checks nothing, answered before unquoting in qat_value_check */
};

/* Whether empty content is a value of this parameter: strings and text with no minimum. */
static bool empty_allowed(const qat_param *p)
{
    return (p->type == QAT_TYPE_STRING || p->type == QAT_TYPE_TEXT) && p->min_len == 0;
}

/* The common case of a bare int of 1 to 18 digits (it cannot overflow), checked in one pass; false
 * when the text is anything else, and the general path decides. */
static bool small_int(const qat_param *p, const char *text, size_t len, qat_value *out)
{
    if (p->type != QAT_TYPE_INT || p->quoted || len == 0 || len > 18)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned)(unsigned char)text[i] - '0';
        if (d > 9)
            return false;
        v = v * 10 + (int64_t)d;
    }
    qat_value r = {QAT_VALUE_OK, 0, text, len, v};
    if (!qat_ranges_contain(p->ranges, p->n_ranges, v))
        r.status = QAT_VALUE_OUT_OF_RANGE;
    *out = r;
    return true;
}

qat_value qat_value_check(const qat_param *p, const char *text, size_t len)
{
    qat_value raw = {QAT_VALUE_OK, 0, text, len, 0};
    if (small_int(p, text, len, &raw))
        return raw;
    if ((unsigned)p->type >= QAT_TYPE_COUNT)
        return fail_at(raw, QAT_VALUE_BAD_CHAR, 0);
    if (p->type == QAT_TYPE_PAYLOAD) /* its bytes are counted by the stream parser */
        return raw;
    field f;
    size_t offset;
    qat_value_status st = unquote(p, text, len, &f, &offset);
    if (st != QAT_VALUE_OK)
        return fail_at(raw, st, offset);
    qat_value v = value_of(&f);
    if (f.n == 0 && !empty_allowed(p))
        return fail(&f, v, QAT_VALUE_EMPTY, 0);
    return type_checks[p->type](&f, v);
}

/* ---- public helpers ---- */

const char *qat_value_status_text(qat_value_status s)
{
    static const char *const texts[QAT_VALUE_STATUS_COUNT] = {
        [QAT_VALUE_OK] = "ok",
        [QAT_VALUE_EMPTY] = "empty value",
        [QAT_VALUE_MISSING_QUOTE] = "missing quote",
        [QAT_VALUE_UNEXPECTED_QUOTE] = "unexpected quote",
        [QAT_VALUE_NOT_A_NUMBER] = "not a number",
        [QAT_VALUE_OVERFLOW] = "number too large",
        [QAT_VALUE_OUT_OF_RANGE] = "out of range",
        [QAT_VALUE_BAD_CHAR] = "bad character",
        [QAT_VALUE_TOO_SHORT] = "too short",
        [QAT_VALUE_TOO_LONG] = "too long",
        [QAT_VALUE_BAD_LUHN] = "bad Luhn check digit",
        [QAT_VALUE_BAD_CASE] = "hex digits in the wrong case",
        [QAT_VALUE_NOT_IN_ENUM] = "not one of the allowed values",
        [QAT_VALUE_BAD_PREFIX] = "none of the allowed prefixes",
        [QAT_VALUE_BAD_IPV4] = "not an IPv4 address",
        [QAT_VALUE_BAD_TIME] = "not a valid network time",
    };
    return (unsigned)s < QAT_VALUE_STATUS_COUNT ? texts[s] : "unknown status";
}

bool qat_range_parse(const char *s, size_t len, qat_range *out)
{
    int_scan lo = scan_int(s, len, 0);
    if (!lo.digits || lo.overflow)
        return false;
    int_scan hi = lo;
    if (lo.end < len) {
        if (s[lo.end] != '-')
            return false;
        hi = scan_int(s, len, lo.end + 1);
        if (!hi.digits || hi.overflow || hi.end != len)
            return false;
    }
    out->lo = lo.value;
    out->hi = hi.value;
    return true;
}

bool qat_ranges_contain(const qat_range *ranges, size_t n, int64_t v)
{
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++)
        if (ranges[i].lo <= v && v <= ranges[i].hi)
            return true;
    return false;
}

bool qat_luhn_valid(const char *s, size_t len)
{
    if (len == 0)
        return false;
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[len - 1 - i];
        if (!is_digit(c))
            return false;
        unsigned d = (unsigned)(c - '0');
        if (i % 2 == 1)
            d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return sum % 10 == 0;
}
