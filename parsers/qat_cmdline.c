/* qat_cmdline.c — splits a command line by the chapter-1 rules of the spec and matches each command's form.
 * The prefix, separator and command starts come from the spec's rules, never from this file. */
#include "qat_cmdline.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const qat_compiled *c;
    const char *line;
    size_t len;
    qat_cmd *cmds;
    size_t max_cmds;
    qat_field *fields;
    size_t max_fields, n_fields;
    qat_cmdline r;
} parser;

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_letter(char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }
static char lower(char ch) { return ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch; }

/* True when CH is one of ITEM's one-byte values ("+", "*"). */
static bool is_one_of(const qat_grammar_item *item, char ch)
{
    for (size_t i = 0; item && i < item->n_values; i++)
        if (item->values[i][0] == ch && item->values[i][1] == '\0')
            return true;
    return false;
}

static size_t skip_digits(const char *s, size_t at, size_t len)
{
    while (at < len && is_digit(s[at]))
        at++;
    return at;
}

/* AT past the bytes the spec's concatenation rule says are ignored between commands (V.250: spaces). */
static size_t skip_ignored(const parser *p, size_t at)
{
    while (at < p->len && is_one_of(p->c->rules.ignored, p->line[at]))
        at++;
    return at;
}

/* ---- where one command ends, and its name ---- */

typedef struct {
    size_t start, end;       /* the command's bytes */
    size_t name_start, name_len;
    bool extended;
} segment;

/* An extended command runs to the separator outside quotes; its name stops at "=" or "?". */
/* Where the separator outside quotes is from AT on (the line's end when there is none). */
static size_t separator_at(const parser *p, size_t at)
{
    char sep = p->c->rules.separator->values[0][0];
    while (at < p->len) {
        const char *end = memchr(p->line + at, sep, p->len - at);
        size_t stop = end ? (size_t)(end - p->line) : p->len;
        const char *open = memchr(p->line + at, '"', stop - at);
        if (!open)
            return stop; /* no quote before it: the usual case */
        const char *close = memchr(open + 1, '"', p->len - (size_t)(open + 1 - p->line));
        if (!close)
            return p->len; /* an unclosed quote runs to the end */
        at = (size_t)(close - p->line) + 1;
    }
    return p->len;
}

static segment extended_segment(const parser *p, size_t start)
{
    segment s = {start, separator_at(p, start), start, 0, true};
    while (start + s.name_len < s.end && p->line[start + s.name_len] != '=' && p->line[start + s.name_len] != '?')
        s.name_len++;
    return s;
}

/* ATS<n>=<m> or ATS<n>?: the name is "S<n>". */
static segment register_segment(const parser *p, size_t start)
{
    size_t after_index = skip_digits(p->line, start + 1, p->len);
    segment s = {start, after_index, start, after_index - start, false};
    if (s.end < p->len && p->line[s.end] == '=')
        s.end = skip_digits(p->line, s.end + 1, p->len);
    else if (s.end < p->len && p->line[s.end] == '?')
        s.end++;
    return s;
}

/* A basic command: a letter, or "&" and a letter, then an optional number; or one of the spec's to_line_end
 * letters ("D") and the rest of the line. */
static segment basic_segment(const parser *p, size_t start)
{
    size_t at = start + (is_one_of(p->c->rules.basic_starts, p->line[start]) ? 1 : 0);
    size_t name_end = at < p->len && is_letter(p->line[at]) ? at + 1 : at;
    bool whole = at == start && name_end > at && (is_one_of(p->c->rules.to_line_end, p->line[at]) ||
                                                  is_one_of(p->c->rules.to_line_end, (char)(p->line[at] ^ 0x20)));
    segment s = {start, whole ? p->len : skip_digits(p->line, name_end, p->len), start, name_end - start, false};
    return s;
}

static segment next_segment(const parser *p, size_t start)
{
    const char *l = p->line;
    if (is_one_of(p->c->rules.extended_starts, l[start]))
        return extended_segment(p, start);
    if (is_one_of(p->c->rules.register_prefix, l[start]) && start + 1 < p->len && is_digit(l[start + 1]))
        return register_segment(p, start);
    return basic_segment(p, start);
}

/* ---- matching a command against the forms of its name ---- */

/* The command named NAME[0..N), or NULL; names compare without regard to ASCII case (V.250). */
static const qat_ccommand *find_command(const qat_compiled *c, const char *name, size_t n)
{
    uint32_t key = qat_name_key(name, n);
    size_t mask = c->command_slot_mask;
    for (size_t h = qat_name_slot(key, mask); c->command_slots && c->command_slots[h]; h = (h + 1) & mask) {
        const qat_ccommand *cmd = &c->commands[c->command_slots[h] - 1];
        if (cmd->key != key || cmd->name_len != n)
            continue;
        size_t k = 3;
        while (k < n && lower(cmd->name[k]) == lower(name[k]))
            k++;
        if (k >= n)
            return cmd;
    }
    return NULL;
}

static qat_cmdline fail(parser *p, qat_cmdline_status st, size_t offset)
{
    p->r.status = st;
    p->r.offset = offset;
    return p->r;
}

/* No form of NAMED accepts S: keep the refusal that got furthest, for the diagnostic. */
static void explain_refusal(parser *p, const segment *s, const qat_ccommand *named)
{
    qat_field scratch[QAT_GRAMMAR_MAX_OPS];
    qat_match far = {QAT_MATCH_OK, 0, NULL, QAT_VALUE_OK, 0};
    for (size_t i = 0; i < named->n_forms; i++) {
        qat_match m = qat_grammar_match(&named->forms[i].syntax, p->line + s->start, s->end - s->start, scratch,
                                        QAT_GRAMMAR_MAX_OPS);
        if (!p->r.form || m.offset > far.offset) {
            far = m;
            p->r.form = &named->forms[i];
        }
    }
    p->r.match = far;
    p->r.match.offset += s->start;
}

/* Try every form of the command named by S; keep those that accept it with the fewest fields
 * (a literal beats a field: AT+QIRD=0,0 is the counter query, not a read of 0 bytes), and the
 * fields of the first of them in BEST. */
static bool match_forms(parser *p, const segment *s, qat_cmd *cmd, qat_field *best, size_t *n_best)
{
    const qat_ccommand *named = find_command(p->c, p->line + s->name_start, s->name_len);
    qat_field scratch[QAT_GRAMMAR_MAX_OPS];
    size_t fewest = SIZE_MAX, n;
    for (size_t i = 0; named && i < named->n_forms; i++) {
        const qat_cform *f = &named->forms[i];
        if (!qat_grammar_accepts(&f->syntax, p->line + s->start, s->end - s->start, scratch, QAT_GRAMMAR_MAX_OPS, &n))
            continue;
        if (n < fewest) {
            fewest = n;
            cmd->n_forms = 0;
            memcpy(best, scratch, n * sizeof *best);
            *n_best = n;
        }
        if (n == fewest && cmd->n_forms < QAT_CMDLINE_MAX_CANDIDATES)
            cmd->forms[cmd->n_forms++] = f;
    }
    if (named && cmd->n_forms == 0)
        explain_refusal(p, s, named);
    return named != NULL;
}

/* Where the line would parse if a separator stood there: the next command start outside quotes. */
static size_t missing_separator_at(const parser *p, const segment *s)
{
    bool quoted = false;
    for (size_t i = s->name_start + s->name_len; i < s->end; i++) {
        quoted ^= p->line[i] == '"';
        if (!quoted && is_one_of(p->c->rules.extended_starts, p->line[i]))
            return i;
    }
    return 0;
}

static bool record_fields(parser *p, qat_cmd *cmd, const segment *s, const qat_field *fields, size_t n)
{
    if (n > p->max_fields - p->n_fields)
        return false;
    for (size_t i = 0; i < n; i++) {
        p->fields[p->n_fields + i] = fields[i];
        p->fields[p->n_fields + i].offset += s->start;
    }
    cmd->first_field = p->n_fields;
    cmd->n_fields = n;
    p->n_fields += n;
    return true;
}

static bool parse_command(parser *p, const segment *s)
{
    if (p->r.n_cmds >= p->max_cmds) {
        fail(p, QAT_CMDLINE_TOO_MANY, s->start);
        return false;
    }
    qat_cmd *cmd = &p->cmds[p->r.n_cmds];
    memset(cmd, 0, sizeof *cmd);
    cmd->offset = s->start;
    cmd->len = s->end - s->start;
    p->r.form = NULL;
    qat_field fields[QAT_GRAMMAR_MAX_OPS];
    size_t n_fields = 0;
    if (!match_forms(p, s, cmd, fields, &n_fields)) {
        fail(p, QAT_CMDLINE_UNKNOWN_COMMAND, s->start);
        return false;
    }
    if (cmd->n_forms == 0) {
        size_t gap = s->extended ? missing_separator_at(p, s) : 0;
        fail(p, gap ? QAT_CMDLINE_MISSING_SEPARATOR : QAT_CMDLINE_BAD_FORM, gap ? gap : p->r.match.offset);
        return false;
    }
    if (!record_fields(p, cmd, s, fields, n_fields)) {
        fail(p, QAT_CMDLINE_TOO_MANY, s->start);
        return false;
    }
    p->r.n_cmds++;
    p->r.form = NULL;
    return true;
}

qat_cmdline qat_cmdline_parse(const qat_compiled *c, const char *line, size_t len, qat_cmd *cmds, size_t max_cmds,
                              qat_field *fields, size_t max_fields)
{
    parser p = {c, line, len, cmds, max_cmds, fields, max_fields, 0, {QAT_CMDLINE_OK, 0, 0, NULL, {0}}};
    size_t pos = qat_item_prefix(c->rules.prefixes, line, len);
    if (pos == 0)
        return fail(&p, QAT_CMDLINE_NO_PREFIX, 0);
    if (pos == len) {
        segment bare = {pos, pos, pos, 0, false}; /* "AT" alone */
        parse_command(&p, &bare);
        return p.r;
    }
    while ((pos = skip_ignored(&p, pos)) < len) {
        segment s = next_segment(&p, pos);
        if (s.end == s.start || s.name_len == 0)
            return fail(&p, QAT_CMDLINE_UNKNOWN_COMMAND, pos);
        if (!parse_command(&p, &s))
            return p.r;
        pos = s.end;
        if (pos < len && is_one_of(c->rules.separator, line[pos]))
            pos++;
    }
    return p.r;
}

const char *qat_cmdline_status_text(qat_cmdline_status s)
{
    static const char *const text[] = {"ok", "not a command line (no AT prefix)", "unknown command",
                                       "no form of the command accepts it", "missing separator", "too many commands"};
    return (unsigned)s < sizeof text / sizeof text[0] ? text[s] : "unknown status";
}

size_t qat_cmdline_describe(const qat_cmdline *r, const char *line, size_t len, char *buf, size_t n)
{
    if (r->status == QAT_CMDLINE_BAD_FORM && r->form) {
        int w = snprintf(buf, n, "%s: ", r->form->cmd->name);
        size_t used = w > 0 ? (size_t)w : 0;
        return used + qat_match_describe(&r->match, line, len, used < n ? buf + used : NULL, used < n ? n - used : 0);
    }
    size_t at = r->offset < len ? r->offset : len, shown = len - at < 24 ? len - at : 24;
    int w = snprintf(buf, n, "%s at byte %zu: \"%.*s\"", qat_cmdline_status_text(r->status), r->offset, (int)shown,
                     line + at);
    return w > 0 ? (size_t)w : 0;
}

int qat_mode_switch(const qat_mode_rule *m, const qat_cmd *cmd, const qat_field *fields)
{
    const qat_command *command = cmd->forms[0]->cmd;
    if (!m->command)
        return -1;
    if (command == m->command) {
        for (size_t i = 0; i < cmd->n_fields; i++)
            if (fields[cmd->first_field + i].param == m->param)
                return fields[cmd->first_field + i].number == m->value;
        return m->param->has_default && m->param->default_int == m->value;
    }
    return qat_item_has(m->restored_by, command->name) ? 0 : -1;
}
