/* qat_grammar.c — compiles the manual's line notation to ops and matches lines by bounded backtracking.
 * The matcher keeps the furthest failure, so a refused line names the byte and what was expected there. */
#include "qat_grammar.h"

#include "qat_pattern.h"

#include <stdio.h>
#include <string.h>

#define MAX_GROUP_DEPTH 16
#define MATCH_STEP_BUDGET 20000
#define MATCH_MAX_DEPTH 400

/* ---- compiling ---- */

typedef struct {
    qat_grammar *g;
    qat_op *ops;
    size_t max_ops, n_ops;
    const qat_param_set *sets;
    size_t n_sets;
    uint16_t open[MAX_GROUP_DEPTH];
    unsigned depth;
    bool swallow_close; /* the "]" of a "[...]" marker */
} compiler;

static qat_compile_result compile_error(qat_compile_status st, size_t offset)
{
    qat_compile_result r = {st, offset};
    return r;
}

static const qat_param *find_param(const compiler *c, const char *name, size_t len)
{
    for (size_t i = 0; i < c->n_sets; i++) {
        const qat_param *p = qat_params_find(c->sets[i].params, c->sets[i].n, name, len);
        if (p)
            return p;
    }
    return NULL;
}

static qat_op *emit(compiler *c, qat_op_kind kind)
{
    if (c->n_ops >= c->max_ops)
        return NULL;
    qat_op *op = &c->ops[c->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = (uint8_t)kind;
    return op;
}

static qat_compile_status add_field(compiler *c, const qat_pat_token *t, qat_op_kind kind)
{
    const qat_param *p = find_param(c, t->name, t->name_len);
    if (!p)
        return QAT_COMPILE_UNKNOWN_PARAM;
    qat_op *prev = c->n_ops ? &c->ops[c->n_ops - 1] : NULL;
    if (kind == QAT_OP_FIELD && prev && prev->kind == QAT_OP_EITHER && !prev->param2) {
        prev->param2 = p; /* the field after "/" */
        return QAT_COMPILE_OK;
    }
    qat_op *op = emit(c, kind);
    if (!op)
        return QAT_COMPILE_TOO_BIG;
    op->param = p;
    return QAT_COMPILE_OK;
}

static qat_compile_status add_either(compiler *c)
{
    qat_op *prev = c->n_ops ? &c->ops[c->n_ops - 1] : NULL;
    if (!prev || prev->kind != QAT_OP_FIELD)
        return QAT_COMPILE_BAD_EITHER;
    prev->kind = QAT_OP_EITHER;
    return QAT_COMPILE_OK;
}

static qat_compile_status open_group(compiler *c)
{
    if (c->depth >= MAX_GROUP_DEPTH)
        return QAT_COMPILE_TOO_BIG;
    if (!emit(c, QAT_OP_GROUP))
        return QAT_COMPILE_TOO_BIG;
    c->open[c->depth++] = (uint16_t)(c->n_ops - 1);
    return QAT_COMPILE_OK;
}

static qat_compile_status close_group(compiler *c)
{
    if (c->swallow_close) {
        c->swallow_close = false;
        return QAT_COMPILE_OK;
    }
    if (c->depth == 0)
        return QAT_COMPILE_SYNTAX;
    uint16_t start = c->open[--c->depth];
    qat_op *end = emit(c, QAT_OP_GROUP_END);
    if (!end)
        return QAT_COMPILE_TOO_BIG;
    end->other = start;
    end->repeat = c->ops[start].repeat;
    c->ops[start].other = (uint16_t)(c->n_ops - 1);
    return QAT_COMPILE_OK;
}

/* "[...]": the marker's own "[" was just opened and holds nothing; it makes the part around it repeat. */
static qat_compile_status mark_repeat(compiler *c)
{
    bool fresh_marker = c->depth >= 2 && c->open[c->depth - 1] == c->n_ops - 1;
    if (!fresh_marker)
        return QAT_COMPILE_BAD_REPEAT;
    c->n_ops--;
    c->depth--;
    c->ops[c->open[c->depth - 1]].repeat = true;
    c->swallow_close = true;
    return QAT_COMPILE_OK;
}

static qat_compile_status add_literal(compiler *c, const char *text, size_t len)
{
    qat_op *prev = c->n_ops ? &c->ops[c->n_ops - 1] : NULL;
    if (prev && prev->kind == QAT_OP_LITERAL && prev->lit + prev->lit_len == text) {
        prev->lit_len += (uint32_t)len; /* the scanner may split a literal; one op is faster to match */
        return QAT_COMPILE_OK;
    }
    qat_op *op = emit(c, QAT_OP_LITERAL);
    if (!op)
        return QAT_COMPILE_TOO_BIG;
    op->lit = text;
    op->lit_len = (uint32_t)len;
    return QAT_COMPILE_OK;
}

static qat_compile_status add_token(compiler *c, const char *pattern, const qat_pat_token *t)
{
    switch (t->kind) {
    case QAT_PAT_LITERAL: return add_literal(c, pattern + t->offset, t->len);
    case QAT_PAT_FIELD: return add_field(c, t, QAT_OP_FIELD);
    case QAT_PAT_LIST: return add_field(c, t, QAT_OP_LIST);
    case QAT_PAT_EITHER: return add_either(c);
    case QAT_PAT_OPEN: return open_group(c);
    case QAT_PAT_CLOSE: return close_group(c);
    case QAT_PAT_REPEAT: return mark_repeat(c);
    default: return QAT_COMPILE_SYNTAX;
    }
}

static void set_bit(uint8_t *set, unsigned char b) { set[b >> 3] |= (uint8_t)(1u << (b & 7)); }
static bool has_bit(const uint8_t *set, unsigned char b) { return set[b >> 3] & (1u << (b & 7)); }

static unsigned char ascii_other_case(unsigned char b)
{
    if (b >= 'a' && b <= 'z')
        return (unsigned char)(b - 32);
    if (b >= 'A' && b <= 'Z')
        return (unsigned char)(b + 32);
    return b;
}

/* The bytes that can start what follows op I (the FIRST set), into SET. */
static void first_bytes(const qat_grammar *g, size_t i, uint8_t *set, uint64_t *visited)
{
    while (i < g->n_ops) {
        if (*visited & (1ull << i))
            return;
        *visited |= 1ull << i;
        const qat_op *op = &g->ops[i];
        switch (op->kind) {
        case QAT_OP_LITERAL:
            set_bit(set, (unsigned char)op->lit[0]);
            if (g->fold_case)
                set_bit(set, ascii_other_case((unsigned char)op->lit[0]));
            return;
        case QAT_OP_LIST: set_bit(set, '('); return;
        case QAT_OP_GROUP:
            first_bytes(g, op->other + 1u, set, visited); /* skipped */
            i++;                                          /* entered */
            break;
        case QAT_OP_GROUP_END:
            if (op->repeat)
                first_bytes(g, op->other + 1u, set, visited);
            i++;
            break;
        default: return; /* a field right after a field: the first takes what it can */
        }
    }
}

/* The one byte of a stop set, QAT_STOP_NONE for an empty set, QAT_STOP_SEVERAL otherwise. */
static int16_t single_stop(const uint8_t *stop)
{
    int16_t found = QAT_STOP_NONE;
    for (unsigned b = 0; b < 256; b++) {
        if (!has_bit(stop, (unsigned char)b))
            continue;
        if (found >= 0)
            return QAT_STOP_SEVERAL;
        found = (int16_t)b;
    }
    return found;
}

static void compute_stops(qat_grammar *g, qat_op *ops)
{
    for (size_t i = 0; i < g->n_ops; i++) {
        ops[i].stop1 = QAT_STOP_SEVERAL;
        if (ops[i].kind == QAT_OP_FIELD || ops[i].kind == QAT_OP_EITHER || ops[i].kind == QAT_OP_LIST) {
            uint64_t visited = 0;
            first_bytes(g, i + 1, ops[i].stop, &visited);
            ops[i].stop1 = single_stop(ops[i].stop);
        }
    }
}

qat_compile_result qat_grammar_compile(qat_grammar *g, const char *pattern, size_t len, const qat_param_set *sets,
                                       size_t n_sets, qat_op *ops, size_t max_ops)
{
    compiler c = {g, ops, max_ops < 64 ? max_ops : 64, 0, sets, n_sets, {0}, 0, false};
    memset(g, 0, sizeof *g);
    qat_pat_scanner s;
    qat_pat_token t;
    qat_pat_init(&s, pattern, len);
    while (qat_pat_next(&s, &t) != QAT_PAT_END) {
        if (t.kind == QAT_PAT_ERROR)
            return compile_error(QAT_COMPILE_SYNTAX, t.offset);
        qat_compile_status st = add_token(&c, pattern, &t);
        if (st != QAT_COMPILE_OK)
            return compile_error(st, t.offset);
    }
    if (c.depth != 0)
        return compile_error(QAT_COMPILE_SYNTAX, len);
    qat_op *last = c.n_ops ? &ops[c.n_ops - 1] : NULL;
    if (last && last->kind == QAT_OP_EITHER && !last->param2)
        return compile_error(QAT_COMPILE_BAD_EITHER, len);
    g->pattern = pattern;
    g->pattern_len = len;
    g->ops = ops;
    g->n_ops = c.n_ops;
    g->linear = true;
    for (size_t i = 0; i < c.n_ops; i++)
        g->linear &= ops[i].kind != QAT_OP_GROUP && ops[i].kind != QAT_OP_LIST;
    compute_stops(g, ops);
    return compile_error(QAT_COMPILE_OK, 0);
}

/* ---- matching ---- */

typedef struct {
    const qat_grammar *g;
    const char *line;
    size_t len;
    qat_field *fields;
    size_t max_fields, n_fields;
    unsigned steps, depth;
    qat_match far; /* the furthest failure seen */
} matcher;

/* Keeps the failure that got furthest into the line (the first one at that offset); a spent budget sticks. */
static void fail_at(matcher *m, qat_match_status st, size_t offset, const qat_op *op, qat_value_status vs)
{
    if (m->far.status == QAT_MATCH_TOO_COMPLEX)
        return;
    if (m->far.status != QAT_MATCH_OK && offset <= m->far.offset && st != QAT_MATCH_TOO_COMPLEX)
        return;
    m->far.status = st;
    m->far.offset = offset;
    m->far.expected = op;
    m->far.value = vs;
}

static bool match_from(matcher *m, size_t i, size_t pos);

static bool same_byte(bool fold, unsigned char a, unsigned char b)
{
    return a == b || (fold && ascii_other_case(a) == b);
}

static bool match_literal(matcher *m, size_t i, size_t pos)
{
    const qat_op *op = &m->g->ops[i];
    bool whole = pos + op->lit_len <= m->len;
    if (whole && memcmp(m->line + pos, op->lit, op->lit_len) == 0)
        return match_from(m, i + 1, pos + op->lit_len); /* the usual case, in one call */
    for (size_t k = 0; k < op->lit_len; k++) {
        if (pos + k >= m->len || !same_byte(m->g->fold_case, (unsigned char)op->lit[k], (unsigned char)m->line[pos + k])) {
            fail_at(m, QAT_MATCH_LITERAL, pos + k, op, QAT_VALUE_OK);
            return false;
        }
    }
    return match_from(m, i + 1, pos + op->lit_len);
}

/* How many bytes from POS make up one value: a quoted string to its closing quote, else up to a stop byte. */
static size_t value_extent(const matcher *m, const uint8_t *stop, size_t pos)
{
    size_t i = pos;
    if (i < m->len && m->line[i] == '"') {
        const char *q = memchr(m->line + i + 1, '"', m->len - i - 1);
        return q ? (size_t)(q - m->line) + 1 - pos : m->len - pos;
    }
    while (i < m->len && !has_bit(stop, (unsigned char)m->line[i]))
        i++;
    return i - pos;
}

static bool push_field(matcher *m, const qat_op *op, const qat_param *p, qat_value v, size_t pos)
{
    if (m->n_fields >= m->max_fields) {
        fail_at(m, QAT_MATCH_TOO_MANY_FIELDS, pos, op, QAT_VALUE_OK);
        return false;
    }
    qat_field f = {p, v.text, v.len, pos, v.number};
    m->fields[m->n_fields++] = f;
    return true;
}

static bool continue_with_field(matcher *m, size_t i, const qat_param *p, qat_value v, size_t pos, size_t n)
{
    size_t saved = m->n_fields;
    if (push_field(m, &m->g->ops[i], p, v, pos) && match_from(m, i + 1, pos + n))
        return true;
    m->n_fields = saved;
    return false;
}

/* How many bytes from POS the value of field OP takes. */
static size_t field_extent(const matcher *m, const qat_op *op, size_t pos)
{
    bool bare = pos >= m->len || m->line[pos] != '"';
    if (bare && op->param->type == QAT_TYPE_TIME) /* its own comma is no stop */
        return m->len - pos < QAT_TIME_LEN ? m->len - pos : QAT_TIME_LEN;
    if (bare && op->stop1 == QAT_STOP_NONE)
        return m->len - pos; /* the last field: the rest of the line */
    if (bare && op->stop1 >= 0) { /* a bare value up to its one stop byte */
        const char *end = memchr(m->line + pos, op->stop1, m->len - pos);
        return end ? (size_t)(end - m->line) - pos : m->len - pos;
    }
    return value_extent(m, op->stop, pos);
}

static bool match_field(matcher *m, size_t i, size_t pos)
{
    const qat_op *op = &m->g->ops[i];
    size_t n = field_extent(m, op, pos);
    qat_value v = qat_value_check(op->param, m->line + pos, n);
    if (v.status == QAT_VALUE_OK)
        return continue_with_field(m, i, op->param, v, pos, n);
    if (op->kind == QAT_OP_EITHER) {
        qat_value w = qat_value_check(op->param2, m->line + pos, n);
        if (w.status == QAT_VALUE_OK)
            return continue_with_field(m, i, op->param2, w, pos, n);
    }
    fail_at(m, QAT_MATCH_VALUE, pos + v.offset, op, v.status);
    return false;
}

/* True when every integer of LO..HI is among the parameter's values. */
static bool range_covered(const qat_param *p, int64_t lo, int64_t hi)
{
    if (p->n_ranges == 0)
        return true;
    while (lo <= hi) {
        const qat_range *r = NULL;
        for (size_t k = 0; k < p->n_ranges && !r; k++)
            if (p->ranges[k].lo <= lo && lo <= p->ranges[k].hi)
                r = &p->ranges[k];
        if (!r)
            return false;
        if (r->hi >= hi)
            return true;
        lo = r->hi + 1;
    }
    return true;
}

/* One item of a "(…)" list: a value of the parameter, or for an int a "lo-hi" range of its values. */
static qat_value_status list_item_status(const qat_param *p, const char *s, size_t n)
{
    qat_range r;
    if (p->type == QAT_TYPE_INT && qat_range_parse(s, n, &r)) {
        if (r.lo > r.hi)
            return QAT_VALUE_OUT_OF_RANGE;
        return range_covered(p, r.lo, r.hi) ? QAT_VALUE_OK : QAT_VALUE_OUT_OF_RANGE;
    }
    return qat_value_check(p, s, n).status;
}

_Static_assert(',' / 8 == ')' / 8, "',' and ')' share one byte of the stop set");
static const uint8_t list_item_stops[32] = {[',' / 8] = (1u << (',' % 8)) | (1u << (')' % 8))};

static bool match_list(matcher *m, size_t i, size_t pos)
{
    const qat_op *op = &m->g->ops[i];
    size_t at = pos, items = 0;
    if (at >= m->len || m->line[at] != '(') {
        fail_at(m, QAT_MATCH_LITERAL, at, op, QAT_VALUE_OK);
        return false;
    }
    do {
        at++;
        size_t n = value_extent(m, list_item_stops, at);
        qat_value_status st = n ? list_item_status(op->param, m->line + at, n) : QAT_VALUE_EMPTY;
        if (st != QAT_VALUE_OK) {
            fail_at(m, QAT_MATCH_LIST, at, op, st);
            return false;
        }
        at += n;
        items++;
    } while (at < m->len && m->line[at] == ',');
    if (at >= m->len || m->line[at] != ')') {
        fail_at(m, QAT_MATCH_LIST, at, op, QAT_VALUE_BAD_CHAR);
        return false;
    }
    at++;
    qat_value v = {QAT_VALUE_OK, 0, m->line + pos, at - pos, (int64_t)items};
    return continue_with_field(m, i, op->param, v, pos, at - pos);
}

static bool match_group(matcher *m, size_t i, size_t pos)
{
    size_t saved = m->n_fields;
    if (match_from(m, i + 1, pos))
        return true;
    m->n_fields = saved;
    return match_from(m, m->g->ops[i].other + 1u, pos);
}

static bool match_group_end(matcher *m, size_t i, size_t pos)
{
    const qat_op *op = &m->g->ops[i];
    if (op->repeat) {
        size_t saved = m->n_fields;
        if (match_from(m, op->other + 1u, pos))
            return true;
        m->n_fields = saved;
    }
    return match_from(m, i + 1, pos);
}

static bool match_end(matcher *m, size_t pos)
{
    if (pos == m->len)
        return true;
    fail_at(m, QAT_MATCH_TRAILING, pos, NULL, QAT_VALUE_OK);
    return false;
}

static bool match_op(matcher *m, size_t i, size_t pos)
{
    switch (m->g->ops[i].kind) {
    case QAT_OP_LITERAL: return match_literal(m, i, pos);
    case QAT_OP_FIELD:
    case QAT_OP_EITHER: return match_field(m, i, pos);
    case QAT_OP_LIST: return match_list(m, i, pos);
    case QAT_OP_GROUP: return match_group(m, i, pos);
    default: return match_group_end(m, i, pos);
    }
}

static bool match_from(matcher *m, size_t i, size_t pos)
{
    if (++m->steps > MATCH_STEP_BUDGET || m->depth >= MATCH_MAX_DEPTH) {
        fail_at(m, QAT_MATCH_TOO_COMPLEX, pos, i < m->g->n_ops ? &m->g->ops[i] : NULL, QAT_VALUE_OK);
        return false;
    }
    if (i >= m->g->n_ops)
        return match_end(m, pos);
    m->depth++;
    bool ok = match_op(m, i, pos);
    m->depth--;
    return ok;
}

static bool literal_at(const matcher *m, const qat_op *op, size_t pos)
{
    if (pos + op->lit_len > m->len)
        return false;
    if (memcmp(m->line + pos, op->lit, op->lit_len) == 0)
        return true; /* folding or not, the usual case: written as the spec writes it */
    if (!m->g->fold_case)
        return false;
    for (size_t k = 0; k < op->lit_len; k++)
        if (!same_byte(true, (unsigned char)op->lit[k], (unsigned char)m->line[pos + k]))
            return false;
    return true;
}

/* A pattern with no choice in it, in one pass; false on any failure (the caller then asks the
 * backtracking matcher, which says where and why). */
static bool match_linear(matcher *m)
{
    size_t pos = 0;
    for (size_t i = 0; i < m->g->n_ops; i++) {
        const qat_op *op = &m->g->ops[i];
        if (op->kind == QAT_OP_LITERAL) {
            if (!literal_at(m, op, pos))
                return false;
            pos += op->lit_len;
            continue;
        }
        size_t n = field_extent(m, op, pos);
        const qat_param *p = op->param;
        qat_value v = qat_value_check(p, m->line + pos, n);
        if (v.status != QAT_VALUE_OK && op->kind == QAT_OP_EITHER)
            v = qat_value_check(p = op->param2, m->line + pos, n);
        if (v.status != QAT_VALUE_OK || m->n_fields >= m->max_fields)
            return false;
        qat_field f = {p, v.text, v.len, pos, v.number};
        m->fields[m->n_fields++] = f;
        pos += n;
    }
    return pos == m->len;
}

qat_match qat_grammar_match(const qat_grammar *g, const char *line, size_t len, qat_field *fields, size_t max_fields)
{
    matcher m = {g, line, len, fields, max_fields, 0, 0, 0, {QAT_MATCH_OK, 0, NULL, QAT_VALUE_OK, 0}};
    if (g->linear) {
        if (match_linear(&m)) {
            qat_match ok = {QAT_MATCH_OK, 0, NULL, QAT_VALUE_OK, m.n_fields};
            return ok;
        }
        m.n_fields = 0;
    }
    if (match_from(&m, 0, 0) && m.far.status != QAT_MATCH_TOO_COMPLEX) {
        qat_match ok = {QAT_MATCH_OK, 0, NULL, QAT_VALUE_OK, m.n_fields};
        return ok;
    }
    return m.far;
}

bool qat_grammar_accepts(const qat_grammar *g, const char *line, size_t len, qat_field *fields, size_t max_fields,
                         size_t *n_fields)
{
    matcher m = {g, line, len, fields, max_fields, 0, 0, 0, {QAT_MATCH_OK, 0, NULL, QAT_VALUE_OK, 0}};
    bool ok = g->linear ? match_linear(&m) : match_from(&m, 0, 0) && m.far.status != QAT_MATCH_TOO_COMPLEX;
    *n_fields = ok ? m.n_fields : 0;
    return ok;
}

/* ---- describing, for people ---- */

/* Appends to BUF as snprintf would, keeping *USED as the length wanted so far. */
static void append(char *buf, size_t n, size_t *used, const char *fmt, const char *a, size_t alen)
{
    size_t room = *used < n ? n - *used : 0;
    int w = snprintf(room ? buf + *used : NULL, room, fmt, (int)alen, a);
    if (w > 0)
        *used += (size_t)w;
}

static void append_ranges(char *buf, size_t n, size_t *used, const qat_param *p)
{
    char item[48];
    for (size_t k = 0; k < p->n_ranges; k++) {
        const qat_range *r = &p->ranges[k];
        int w = r->lo == r->hi ? snprintf(item, sizeof item, "%s%lld", k ? ", " : "", (long long)r->lo)
                               : snprintf(item, sizeof item, "%s%lld-%lld", k ? ", " : "", (long long)r->lo,
                                          (long long)r->hi);
        append(buf, n, used, "%.*s", item, w > 0 ? (size_t)w : 0);
    }
}

static void append_param(char *buf, size_t n, size_t *used, const qat_param *p)
{
    const char *type = qat_type_name(p->type);
    append(buf, n, used, "<%.*s>", p->name, strlen(p->name));
    append(buf, n, used, " (%.*s", type, strlen(type));
    if (p->n_ranges) {
        append(buf, n, used, "%.*s", ": ", 2);
        append_ranges(buf, n, used, p);
    }
    if (p->digits.hi) {
        char width[48];
        int w = p->digits.lo == p->digits.hi
                    ? snprintf(width, sizeof width, ", %lld digits", (long long)p->digits.lo)
                    : snprintf(width, sizeof width, ", %lld-%lld digits", (long long)p->digits.lo, (long long)p->digits.hi);
        append(buf, n, used, "%.*s", width, w > 0 ? (size_t)w : 0);
    }
    if (p->luhn)
        append(buf, n, used, "%.*s", ", Luhn", 6);
    for (size_t k = 0; k < p->n_enum_values; k++)
        append(buf, n, used, k ? ", \"%.*s\"" : ": \"%.*s\"", p->enum_values[k], strlen(p->enum_values[k]));
    if (p->quoted && p->type != QAT_TYPE_STRING && p->type != QAT_TYPE_ENUM)
        append(buf, n, used, "%.*s", ", quoted", 8);
    append(buf, n, used, "%.*s", ")", 1);
}

size_t qat_op_describe(const qat_op *op, char *buf, size_t n)
{
    size_t used = 0;
    if (n)
        buf[0] = '\0';
    if (!op) {
        append(buf, n, &used, "%.*s", "end of line", 11);
        return used;
    }
    switch (op->kind) {
    case QAT_OP_LITERAL: append(buf, n, &used, "\"%.*s\"", op->lit, op->lit_len); break;
    case QAT_OP_LIST:
        append(buf, n, &used, "%.*s", "(list of ", 9);
        append_param(buf, n, &used, op->param);
        append(buf, n, &used, "%.*s", ")", 1);
        break;
    case QAT_OP_EITHER:
        append_param(buf, n, &used, op->param);
        append(buf, n, &used, "%.*s", " or ", 4);
        append_param(buf, n, &used, op->param2);
        break;
    case QAT_OP_FIELD: append_param(buf, n, &used, op->param); break;
    default: append(buf, n, &used, "%.*s", "an optional part", 16); break;
    }
    return used;
}

size_t qat_match_describe(const qat_match *m, const char *line, size_t len, char *buf, size_t n)
{
    char expected[160];
    size_t used = 0;
    const char *why = m->status == QAT_MATCH_VALUE || m->status == QAT_MATCH_LIST ? qat_value_status_text(m->value)
                                                                                   : qat_match_status_text(m->status);
    qat_op_describe(m->expected, expected, sizeof expected);
    char head[64];
    int w = snprintf(head, sizeof head, " at byte %zu: expected ", m->offset);
    append(buf, n, &used, "%.*s", why, strlen(why));
    append(buf, n, &used, "%.*s", head, w > 0 ? (size_t)w : 0);
    append(buf, n, &used, "%.*s", expected, strlen(expected));
    size_t at = m->offset < len ? m->offset : len, shown = len - at < 24 ? len - at : 24;
    if (shown)
        append(buf, n, &used, ", saw \"%.*s\"", line + at, shown);
    else
        append(buf, n, &used, "%.*s", ", saw the end of the line", 25);
    return used;
}

const char *qat_compile_status_text(qat_compile_status s)
{
    static const char *const text[] = {"ok", "bad pattern notation", "unknown parameter", "'/' not between two fields",
                                       "'...' outside an optional part", "pattern too long"};
    return (unsigned)s < sizeof text / sizeof text[0] ? text[s] : "unknown status";
}

const char *qat_match_status_text(qat_match_status s)
{
    static const char *const text[] = {"ok", "mismatch", "bad value", "bad list", "unexpected bytes after the end",
                                       "too many fields", "line too complex"};
    return (unsigned)s < sizeof text / sizeof text[0] ? text[s] : "unknown status";
}
