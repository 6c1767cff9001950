/* qat_pattern.c — the pattern-notation scanner: literals, <fields>, lists, [optional] parts, "...".
 * One token per call; errors are tokens too, and the scan goes on after them. */
#include "qat_pattern.h"

#include <string.h>

#define LIST_OPEN "(list of supported <"
#define LIST_CLOSE ">s)"

void qat_pat_init(qat_pat_scanner *s, const char *text, size_t len)
{
    s->text = text;
    s->len = text ? len : 0;
    s->pos = 0;
    s->depth = 0;
    s->last_kind = QAT_PAT_END;
}

const char *qat_pat_error_text(qat_pat_error e)
{
    switch (e) {
    case QAT_PAT_UNMATCHED_CLOSE: return "unmatched ']'";
    case QAT_PAT_UNCLOSED_OPEN: return "unclosed '['";
    case QAT_PAT_UNCLOSED_FIELD: return "unclosed '<'";
    case QAT_PAT_EMPTY_FIELD: return "empty '<>'";
    default: return "no error";
    }
}

static bool has_at(const qat_pat_scanner *s, size_t at, const char *lit)
{
    size_t n = strlen(lit);
    return at <= s->len && s->len - at >= n && memcmp(s->text + at, lit, n) == 0;
}

/* The length of the field name starting at AT, up to its ">"; false when no ">" closes it. */
static bool name_length(const qat_pat_scanner *s, size_t at, size_t *n)
{
    for (size_t i = at; i < s->len; i++) {
        char c = s->text[i];
        if (c == '>') {
            *n = i - at;
            return true;
        }
        if (c == '<' || c == '[' || c == ']')
            return false;
    }
    return false;
}

static bool is_list_at(const qat_pat_scanner *s, size_t at, size_t *name_len)
{
    size_t open = strlen(LIST_OPEN);
    return has_at(s, at, LIST_OPEN) && name_length(s, at + open, name_len) && *name_len > 0 &&
           has_at(s, at + open + *name_len, LIST_CLOSE);
}

static bool is_either_at(const qat_pat_scanner *s, size_t at)
{
    return s->last_kind == QAT_PAT_FIELD && s->text[at] == '/' && has_at(s, at + 1, "<");
}

static bool starts_token(const qat_pat_scanner *s, size_t at)
{
    char c = s->text[at];
    size_t n;
    return c == '[' || c == ']' || c == '<' || has_at(s, at, "...") || (c == '(' && is_list_at(s, at, &n));
}

static qat_pat_kind emit(qat_pat_scanner *s, qat_pat_token *t, qat_pat_kind kind, size_t len)
{
    t->kind = kind;
    t->offset = s->pos;
    t->len = len;
    t->depth = s->depth;
    s->pos += len;
    s->last_kind = kind;
    return kind;
}

static qat_pat_kind emit_error(qat_pat_scanner *s, qat_pat_token *t, qat_pat_error e, size_t len)
{
    t->error = e;
    return emit(s, t, QAT_PAT_ERROR, len);
}

static qat_pat_kind scan_field(qat_pat_scanner *s, qat_pat_token *t)
{
    size_t n;
    if (!name_length(s, s->pos + 1, &n))
        return emit_error(s, t, QAT_PAT_UNCLOSED_FIELD, 1);
    if (n == 0)
        return emit_error(s, t, QAT_PAT_EMPTY_FIELD, 2);
    t->name = s->text + s->pos + 1;
    t->name_len = n;
    return emit(s, t, QAT_PAT_FIELD, n + 2);
}

static qat_pat_kind scan_list(qat_pat_scanner *s, qat_pat_token *t, size_t name_len)
{
    size_t open = strlen(LIST_OPEN);
    t->name = s->text + s->pos + open;
    t->name_len = name_len;
    return emit(s, t, QAT_PAT_LIST, open + name_len + strlen(LIST_CLOSE));
}

static qat_pat_kind scan_close(qat_pat_scanner *s, qat_pat_token *t)
{
    if (s->depth == 0)
        return emit_error(s, t, QAT_PAT_UNMATCHED_CLOSE, 1);
    qat_pat_kind k = emit(s, t, QAT_PAT_CLOSE, 1);
    s->depth--;
    return k;
}

static qat_pat_kind scan_literal(qat_pat_scanner *s, qat_pat_token *t)
{
    size_t end = s->pos + 1;
    while (end < s->len && !starts_token(s, end))
        end++;
    return emit(s, t, QAT_PAT_LITERAL, end - s->pos);
}

/* The outermost "[" that no "]" closes. Fields hold no brackets, so counting them from the end
 * pairs them as the forward scan did. */
static size_t outermost_unclosed(const qat_pat_scanner *s)
{
    size_t found = 0, pending = 0;
    for (size_t i = s->len; i-- > 0;) {
        if (s->text[i] == ']')
            pending++;
        else if (s->text[i] == '[' && pending > 0)
            pending--;
        else if (s->text[i] == '[')
            found = i;
    }
    return found;
}

static qat_pat_kind scan_end(qat_pat_scanner *s, qat_pat_token *t)
{
    if (s->depth == 0) {
        t->kind = QAT_PAT_END;
        t->offset = s->len;
        t->len = 0;
        t->depth = 0;
        return QAT_PAT_END;
    }
    size_t at = outermost_unclosed(s);
    t->kind = QAT_PAT_ERROR;
    t->error = QAT_PAT_UNCLOSED_OPEN;
    t->offset = at;
    t->len = 1;
    t->depth = s->depth;
    s->depth = 0;
    return QAT_PAT_ERROR;
}

qat_pat_kind qat_pat_next(qat_pat_scanner *s, qat_pat_token *t)
{
    t->error = QAT_PAT_OK;
    t->name = NULL;
    t->name_len = 0;
    if (s->pos >= s->len)
        return scan_end(s, t);
    size_t list_name;
    char c = s->text[s->pos];
    if (c == '[') {
        s->depth++;
        return emit(s, t, QAT_PAT_OPEN, 1);
    }
    if (c == ']')
        return scan_close(s, t);
    if (c == '<')
        return scan_field(s, t);
    if (has_at(s, s->pos, "..."))
        return emit(s, t, QAT_PAT_REPEAT, 3);
    if (c == '(' && is_list_at(s, s->pos, &list_name))
        return scan_list(s, t, list_name);
    if (is_either_at(s, s->pos))
        return emit(s, t, QAT_PAT_EITHER, 1);
    return scan_literal(s, t);
}
