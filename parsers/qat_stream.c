/* qat_stream.c — frames the module's output into lines, prompts and payloads, and checks each line.
 * A line is tried as echo, result code, response of the command in flight, then URC; what fits none is a violation. */
#include "qat_stream.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

typedef enum { END_CRLF, END_LF, END_CR, END_NONE } line_end;

/* A pattern a line was shaped like (it starts with the pattern's shape) and still failed. When it
 * is an information line of the command line in flight, FORM, CMD and LINE say which. Why it
 * failed is worked out only if the line matches nothing at all. */
typedef struct {
    const qat_cpattern *p;
    const char *section;
    const qat_cform *form;
    size_t cmd, line;
} miss;

#define MAX_MISSES 8

typedef struct {
    miss items[MAX_MISSES];
    size_t n;
} attempt;

/* ---- events ---- */

/* The line (or the bytes) being read starts here. Two copies, kept apart: copied as one 16-byte load of offset and
 * lfs, the load would wait for the two 8-byte stores that just wrote them (a store-forwarding stall on every line). */
static void mark_line_start(qat_stream *s)
{
    s->line_start = s->offset;
    atomic_signal_fence(memory_order_seq_cst);
    s->line_lfs = s->lfs;
}

static qat_event base_event(const qat_stream *s, qat_event_kind kind, const char *text, size_t len)
{
    qat_event ev = {.kind = kind, .offset = s->line_start, .line_no = s->line_lfs + 1, .text = text, .len = len};
    if (s->in_flight && s->cur_cmd < s->n_cmds) {
        ev.command = s->cmds[s->cur_cmd].forms[0]->cmd;
        ev.form = s->cmds[s->cur_cmd].forms[0]->form;
    }
    ev.inferred = s->in_flight && s->inferred;
    return ev;
}

static void violate(qat_stream *s, qat_violation v, const char *section, const char *erratum, const char *text,
                    size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->message, sizeof s->message, fmt, ap);
    va_end(ap);
    bool unjudged = s->capture && !erratum && (!s->anchored || (s->ending && !s->announced));
    qat_event ev = base_event(s, unjudged ? QAT_EV_NOTE : QAT_EV_VIOLATION, text, len);
    ev.violation = v;
    ev.section = section;
    ev.erratum = erratum;
    ev.message = s->message;
    s->cb(s->user, &ev);
}

static void emit_line(qat_stream *s, qat_event_kind kind, const char *text, size_t len, const qat_cpattern *p,
                      size_t n_fields, const char *erratum)
{
    qat_event ev = base_event(s, kind, text, len);
    ev.urc = p ? p->urc : NULL;
    ev.result = p ? p->result : NULL;
    ev.fields = s->fields;
    ev.n_fields = n_fields;
    ev.erratum = erratum;
    s->cb(s->user, &ev);
}

static const char *framing_section(const qat_stream *s) { return s->spec->rules.framing->section; }

static const char *current_section(const qat_stream *s)
{
    return s->in_flight && s->n_cmds ? s->cmds[s->cur_cmd].forms[0]->cmd->section : framing_section(s);
}

/* ---- matching one line against patterns ---- */

/* The manual's section of the result code, URC or command whose line P is. */
static const char *pattern_section(const qat_cpattern *p)
{
    return p->result ? p->result->section : p->urc ? p->urc->section : p->form->cmd->section;
}

static bool try_pattern(qat_stream *s, const qat_cpattern *p, const char *text, size_t len, attempt *best,
                        size_t *n_fields)
{
    if (p->shape_len && (len < p->shape_len || (s->line4 & p->shape4_mask) != p->shape4 ||
                         memcmp(text, p->shape, p->shape_len) != 0))
        return false; /* the usual case: another line altogether, decided without the matcher */
    if (qat_grammar_accepts(&p->g, text, len, s->fields, QAT_STREAM_MAX_FIELDS, n_fields))
        return true;
    if (best && p->shape_len && best->n < MAX_MISSES) {
        miss m = {p, pattern_section(p), NULL, 0, 0};
        best->items[best->n++] = m;
    }
    return false;
}

static const qat_cpattern *try_patterns(qat_stream *s, const qat_cpattern *ps, size_t n, const char *text, size_t len,
                                        attempt *best, size_t *n_fields)
{
    for (size_t i = 0; i < n; i++)
        if (try_pattern(s, &ps[i], text, len, best, n_fields))
            return &ps[i];
    return NULL;
}

/* The raw text of a matched field, quotes included, so it can be checked again under another parameter. */
static size_t raw_field(const qat_field *f, const char *line, const char **raw)
{
    *raw = line + f->offset;
    size_t n = (size_t)(f->text + f->len - *raw);
    return n + ((*raw)[0] == '"' ? 1 : 0);
}

/* The erratum whose parameter override FIELD needed (the command's own parameter refuses it), or NULL. */
static const char *field_override(const qat_stream *s, const qat_command *cmd, const qat_field *f, const char *line)
{
    const qat_spec *spec = s->spec->spec;
    for (size_t k = 0; k < spec->n_errata; k++) {
        const qat_erratum *e = &spec->errata[k];
        if (!e->n_params || f->param < e->params || f->param >= e->params + e->n_params)
            continue;
        const qat_param *own = qat_params_find(cmd->params, cmd->n_params, f->param->name, strlen(f->param->name));
        const char *raw;
        size_t raw_len = raw_field(f, line, &raw);
        return !own || qat_value_check(own, raw, raw_len).status != QAT_VALUE_OK ? e->id : NULL;
    }
    return NULL;
}

/* The errata a line matched under parameter overrides shows. The first one not already the line's
 * (PRIMARY) is returned when PRIMARY is NULL; every other one is reported on its own. */
static const char *override_errata(qat_stream *s, const qat_command *cmd, const char *line, size_t len,
                                   size_t n_fields, const char *primary)
{
    for (size_t i = 0; i < n_fields; i++) {
        const char *e = field_override(s, cmd, &s->fields[i], line);
        bool seen = e == primary;
        for (size_t j = 0; e && !seen && j < i; j++) /* once per erratum and line */
            seen = field_override(s, cmd, &s->fields[j], line) == e;
        if (!e || seen)
            continue;
        if (!primary) {
            primary = e;
            continue;
        }
        violate(s, QAT_V_BAD_LINE, cmd->section, e, line, len, "<%s> read as erratum %s says", s->fields[i].param->name, e);
    }
    return primary;
}

/* ---- the framing's characters: S3 and S4 (line-characters) ---- */

/* C ends a line as the framing's <CR> or <LF> does; while a command line that sets them is answered, the old and the
 * new characters both do (its result code says which it was). */
static bool is_cr(const qat_stream *s, unsigned char c) { return c == s->cr || (s->line_chars_pending && c == s->next_cr); }
static bool is_lf(const qat_stream *s, unsigned char c) { return c == s->lf || (s->line_chars_pending && c == s->next_lf); }

/* In P[0..N): *NL the first <LF>, and *CR the first <CR> before it (NULL: none). memchr does it, but for the one
 * answer where two characters may stand for each. */
static void find_line_end(const qat_stream *s, const char *p, size_t n, const char **nl, const char **cr)
{
    if (!s->line_chars_pending) {
        *nl = memchr(p, s->lf, n);
        *cr = memchr(p, s->cr, *nl ? (size_t)(*nl - p) : n);
        return;
    }
    *nl = *cr = NULL;
    for (size_t i = 0; i < n && !*nl; i++) {
        if (!*cr && is_cr(s, (unsigned char)p[i]))
            *cr = p + i;
        else if (is_lf(s, (unsigned char)p[i]))
            *nl = p + i;
    }
}

/* The command line just begun sets S3 or S4 (its last setting of each counts): its answer may use the new ones. */
static void expect_line_chars(qat_stream *s)
{
    const qat_syntax_rules *r = &s->spec->rules;
    s->next_cr = s->cr;
    s->next_lf = s->lf;
    for (size_t i = 0; i < s->n_cmds; i++) {
        const qat_cmd *c = &s->cmds[i];
        const qat_command *cmd = c->forms[0]->cmd;
        if (qat_item_has(r->line_chars_restored_by, cmd->name)) { /* AT&F: the factory's characters */
            s->next_cr = r->cr;
            s->next_lf = r->lf;
        }
        for (size_t k = 0; k < c->n_fields && (cmd == r->termination_command || cmd == r->formatting_command); k++) {
            const qat_field *f = &s->cmd_fields[c->first_field + k];
            if (f->param == r->termination_param && cmd == r->termination_command)
                s->next_cr = (unsigned char)f->number;
            else if (f->param == r->formatting_param && cmd == r->formatting_command)
                s->next_lf = (unsigned char)f->number;
        }
    }
    s->line_chars_pending = s->next_cr != s->cr || s->next_lf != s->lf;
}

/* The result code of the command line that set them: success keeps the new characters, an error the old ones. */
static void settle_line_chars(qat_stream *s, bool success)
{
    if (s->line_chars_pending && success) {
        s->cr = s->next_cr;
        s->lf = s->next_lf;
    }
    s->line_chars_pending = false;
}

/* ---- payloads ---- */

/* A line that announces a payload: its length field says how many raw bytes follow. */
static void start_payload(qat_stream *s, const qat_param *params, size_t n_params, const char *payload,
                          size_t n_fields, const char *section, bool pushed)
{
    s->payload_pushed = pushed;
    const qat_param *p = payload ? qat_params_find(params, n_params, payload, strlen(payload)) : NULL;
    if (!p || !p->length_param)
        return;
    for (size_t i = 0; i < n_fields; i++) {
        if (strcmp(s->fields[i].param->name, p->length_param) == 0 && s->fields[i].number > 0) {
            s->payload_left = s->payload_len = (uint64_t)s->fields[i].number;
            s->payload_section = section;
        }
    }
}

static size_t feed_payload(qat_stream *s, const char *p, size_t n)
{
    size_t k = n < s->payload_left ? n : (size_t)s->payload_left;
    qat_event ev = base_event(s, QAT_EV_PAYLOAD, p, k);
    ev.offset = s->offset;
    ev.line_no = s->lfs + 1;
    s->cb(s->user, &ev);
    for (const char *q = p; (q = memchr(q, '\n', k - (size_t)(q - p))) != NULL; q++)
        s->lfs++;
    s->payload_left -= k;
    if (s->payload_left == 0) { /* an answer's data ends with <CR><LF> (3.3); a push's bytes are the line's end (3.2) */
        s->tail_left = s->payload_pushed ? 0 : 2;
        s->resync = s->payload_pushed ? 2 : 0;
        s->after_payload = s->payload_pushed;
    }
    return k;
}

static void report_payload_length(qat_stream *s, const char *text, size_t len)
{
    violate(s, QAT_V_PAYLOAD_LENGTH, s->payload_section, NULL, text, len,
            "the %llu bytes announced %s: more or fewer came", (unsigned long long)s->payload_len,
            s->payload_pushed ? "are followed by no line the stream expects" : "are not followed by <CR><LF>");
}

/* The <CR><LF> after an answer's payload (3.3): anything else means its length lied, more bytes or fewer came.
 * One payload-length violation where it shows; the line from there on is read only if it is a result code or URC
 * (a length too long ate into what followed), else dropped as the rest of the payload (too short). */
static size_t payload_tail(qat_stream *s, const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (s->tail_left == 2 ? is_cr(s, c) : is_lf(s, c)) {
        s->lfs += is_lf(s, c);
        s->after_payload = --s->tail_left == 0;
        return 1;
    }
    s->tail_left = 0;
    s->after_payload = true;
    s->resync = 1;
    mark_line_start(s);
    report_payload_length(s, p, 1);
    return 0;
}

/* ---- the command in flight ---- */

static const qat_cform *cur_form(const qat_stream *s) { return s->cmds[s->cur_cmd].forms[0]; }

/* True when the form has every required line from (LINE, COUNT) on. */
static bool lines_done(const qat_cform *f, size_t line, uint32_t count)
{
    for (size_t i = line; i < f->n_lines; i++)
        if ((i == line ? count : 0) < f->lines[i].spec->min && !f->lines[i].omit_erratum)
            return false;
    return true;
}

/* The first line of F from (LINE0, COUNT0) on that TEXT matches; SIZE_MAX when none can. */
static size_t match_form_lines(qat_stream *s, size_t cmd, const qat_cform *f, size_t line0, uint32_t count0,
                               const char *text, size_t len, attempt *best, size_t *n_fields, const char **erratum)
{
    for (size_t i = line0; i < f->n_lines; i++) {
        const qat_cline *cl = &f->lines[i];
        uint32_t seen = i == line0 ? count0 : 0;
        if (seen < cl->spec->max) {
            size_t before = best->n;
            if (try_patterns(s, cl->patterns, cl->n_patterns, text, len, best, n_fields))
                return i;
            for (size_t k = before; k < best->n; k++) {
                best->items[k].form = f;
                best->items[k].cmd = cmd;
                best->items[k].line = i;
            }
            if (try_patterns(s, cl->deviations, cl->n_deviations, text, len, best, n_fields)) {
                *erratum = override_errata(s, f->cmd, text, len, *n_fields, NULL);
                return i;
            }
        }
        if (seen < cl->spec->min && !cl->omit_erratum)
            break;
    }
    return SIZE_MAX;
}

/* Up to 40 bytes of TEXT for a message, control and non-ASCII bytes as \xNN (a NUL must not end it). */
static const char *excerpt(char *out, size_t cap, const char *text, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && i < 40 && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)text[i];
        static const char hex[] = "0123456789abcdef";
        if (c >= 0x20 && c < 0x7f) {
            out[o++] = (char)c;
        } else { /* \xNN, by hand: a line of raw bytes must not cost a snprintf a byte */
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
    return out;
}

/* Required lines of F from (LINE0, COUNT0) up to END that never came: a deviation where an erratum
 * leaves the line out, a violation otherwise. TEXT is the line that showed they are gone. */
static void report_absent(qat_stream *s, const qat_cform *f, size_t line0, uint32_t count0, size_t end,
                          const char *text, size_t len)
{
    char shown[200];
    for (size_t i = line0; i < end && i < f->n_lines; i++) {
        const qat_cline *cl = &f->lines[i];
        if ((i == line0 ? count0 : 0) < cl->spec->min)
            violate(s, QAT_V_MISSING_LINE, f->cmd->section, cl->omit_erratum, text, len, "no line \"%s\" before \"%s\"",
                    cl->spec->pattern, excerpt(shown, sizeof shown, text, len));
    }
}

/* Line LINE of form F of command CMD has come (well formed or not): move that command's cursor past it. */
static void advance_to(qat_stream *s, size_t cmd, const qat_cform *f, size_t line)
{
    s->cmds[cmd].forms[0] = f; /* the line tells which candidate form answers */
    s->cmds[cmd].n_forms = 1;
    s->count_at[cmd] = line == s->line_at[cmd] ? s->count_at[cmd] + 1 : 1;
    s->line_at[cmd] = line;
    s->cur_cmd = cmd;
}

static void accept_info(qat_stream *s, size_t cmd, const qat_cform *f, size_t line, const char *text, size_t len,
                        size_t n_fields, const char *erratum)
{
    report_absent(s, f, s->line_at[cmd], s->count_at[cmd], line, text, len);
    advance_to(s, cmd, f, line);
    emit_line(s, QAT_EV_INFO, text, len, NULL, n_fields, erratum);
    const qat_line *spec_line = f->lines[line].spec;
    start_payload(s, f->cmd->params, f->cmd->n_params, spec_line->payload, n_fields, f->cmd->section, false);
}

/* The line of F a deviation stands in for: the first from the cursor that can still come. */
static size_t expected_line(const qat_stream *s, const qat_cform *f)
{
    size_t at = s->line_at[s->cur_cmd];
    for (size_t i = at; i < f->n_lines; i++)
        if ((i == at ? s->count_at[s->cur_cmd] : 0) < f->lines[i].spec->max)
            return i;
    return SIZE_MAX;
}

static bool command_done(const qat_stream *s, size_t c)
{
    return lines_done(s->cmds[c].forms[0], s->line_at[c], s->count_at[c]);
}

/* A line of command C's candidate forms that TEXT is; its form, line, fields and erratum. */
typedef struct {
    const qat_cform *form;
    size_t line, n_fields;
    const char *erratum;
} info_match;

static bool match_command(qat_stream *s, size_t c, const char *text, size_t len, attempt *best, info_match *out)
{
    for (size_t k = 0; k < s->cmds[c].n_forms; k++) {
        const qat_cform *f = s->cmds[c].forms[k];
        out->form = f;
        out->erratum = NULL;
        out->line = match_form_lines(s, c, f, s->line_at[c], s->count_at[c], text, len, best, &out->n_fields,
                                     &out->erratum);
        if (out->line != SIZE_MAX)
            return true;
    }
    return false;
}

typedef enum { LINE_NO_FINAL, LINE_OUT_OF_ORDER } line_deviation;

/* The erratum under which the command line in flight may show deviation D, or NULL. */
static const char *line_erratum(const qat_stream *s, line_deviation d)
{
    for (size_t c = 0; c < s->n_cmds; c++)
        for (size_t k = 0; k < s->cmds[c].n_forms; k++) {
            const qat_cform *f = s->cmds[c].forms[k];
            const char *e = d == LINE_NO_FINAL ? f->no_final_erratum : f->out_of_order_erratum;
            if (e)
                return e;
        }
    return NULL;
}

/* A response of a command of the line that still owes one, out of the order the commands were sent. */
static bool match_out_of_order(qat_stream *s, size_t tried_to, const char *text, size_t len, attempt *best)
{
    info_match m;
    for (size_t c = 0; c < s->n_cmds; c++) {
        bool tried = c >= s->cur_cmd && c <= tried_to;
        if (tried || command_done(s, c) || !match_command(s, c, text, len, best, &m))
            continue;
        violate(s, QAT_V_OUT_OF_ORDER, m.form->cmd->section, line_erratum(s, LINE_OUT_OF_ORDER), text, len,
                "the answer of %s came out of the order of the command line", m.form->cmd->name);
        accept_info(s, c, m.form, m.line, text, len, m.n_fields, m.erratum);
        return true;
    }
    return false;
}

/* An erratum's reading of a line of the command answered last. */
static bool match_extra(qat_stream *s, const char *text, size_t len, attempt *best)
{
    const qat_cform *f = cur_form(s);
    size_t n_fields = 0, before = best->n;
    const qat_cpattern *p = try_patterns(s, f->extra, f->n_extra, text, len, best, &n_fields);
    size_t at = s->line_at[s->cur_cmd];
    for (size_t k = before; !p && k < best->n; k++) { /* a reading that stands for a line, malformed: that line came */
        size_t line = best->items[k].p->stands_for;
        if (line != SIZE_MAX && line >= at && line < f->n_lines) {
            best->items[k].form = f;
            best->items[k].cmd = s->cur_cmd;
            best->items[k].line = line;
        }
    }
    if (!p)
        return false;
    size_t line = p->stands_for != SIZE_MAX && p->stands_for >= at ? p->stands_for : expected_line(s, f);
    if (line != SIZE_MAX) {
        report_absent(s, f, at, s->count_at[s->cur_cmd], line, text, len);
        advance_to(s, s->cur_cmd, f, line);
    }
    override_errata(s, f->cmd, text, len, n_fields, p->erratum);
    emit_line(s, QAT_EV_INFO, text, len, NULL, n_fields, p->erratum);
    if (line != SIZE_MAX) /* the reading stands in for that line, payload included */
        start_payload(s, f->cmd->params, f->cmd->n_params, f->lines[line].spec->payload, n_fields, f->cmd->section,
                      false);
    return true;
}

/* An information line of the command in flight, of a later command of the same line once the ones
 * before it are answered, or, out of order, of any command of the line still owing one. */
static bool match_info(qat_stream *s, const char *text, size_t len, attempt *best)
{
    info_match m;
    size_t c = s->cur_cmd;
    for (; c < s->n_cmds; c++) {
        if (match_command(s, c, text, len, best, &m)) {
            accept_info(s, c, m.form, m.line, text, len, m.n_fields, m.erratum);
            return true;
        }
        if (!command_done(s, c))
            break;
    }
    return match_out_of_order(s, c, text, len, best) || match_extra(s, text, len, best);
}

/* infer: a command is in flight from now on, named by its answer's form F from line LINE on (NULL: by a result
 * code alone, which any command may end with). */
static void infer_command(qat_stream *s, const qat_cform *f, size_t line)
{
    s->in_flight = s->inferred = true;
    s->echo_pending = s->announced = s->after_prompt = s->prompt_space_pending = false;
    s->cmdline_len = 0;
    s->n_cmds = f != NULL;
    s->cur_cmd = 0;
    memset(s->line_at, 0, sizeof s->line_at);
    memset(s->count_at, 0, sizeof s->count_at);
    if (!f)
        return;
    memset(&s->cmds[0], 0, sizeof s->cmds[0]);
    s->cmds[0].forms[0] = f;
    s->cmds[0].n_forms = 1;
    s->line_at[0] = line < f->n_lines ? line : 0; /* a capture may begin in the middle of an answer */
}

static bool final_allowed(const qat_stream *s, const qat_result *r)
{
    if (s->n_cmds == 0)
        return !r->success; /* a command line the spec refuses must be refused */
    size_t index = (size_t)(r - s->spec->spec->results);
    for (size_t c = 0; c < s->n_cmds; c++)
        for (size_t k = 0; k < s->cmds[c].n_forms; k++)
            if (s->cmds[c].forms[k]->final_mask & (1u << index))
                return true;
    return false;
}

/* Every required information line still missing when the result code TEXT came. */
static void report_missing(qat_stream *s, const char *text, size_t len)
{
    for (size_t c = 0; c < s->n_cmds; c++) {
        const qat_cform *f = s->cmds[c].forms[0];
        report_absent(s, f, s->line_at[c], s->count_at[c], f->n_lines, text, len);
    }
}

static void check_final(qat_stream *s, const qat_result *r, const char *text, size_t len)
{
    if (!s->in_flight) {
        violate(s, QAT_V_UNEXPECTED_FINAL, r->section, NULL, text, len, "%s with no command in flight", r->name);
        return;
    }
    if (s->inferred && s->n_cmds == 0)
        return; /* named by nothing but this result code */
    if (!final_allowed(s, r)) {
        const char *name = s->n_cmds ? cur_form(s)->cmd->name : "a command line the spec refuses";
        violate(s, QAT_V_FINAL_NOT_ALLOWED, current_section(s), NULL, text, len, "%s is not a result of %s", r->name,
                name);
    }
    if (r->success && r->kind == QAT_RESULT_FINAL && s->n_cmds)
        report_missing(s, text, len);
}

/* A result code or URC must follow the <CR><LF> that starts every response (1.2). */
static void check_crlf_before(qat_stream *s, const char *text, size_t len)
{
    char shown[200];
    if (!s->prev_blank && !s->after_payload)
        violate(s, QAT_V_MISSING_CRLF, framing_section(s), NULL, text, len, "no <CR><LF> before \"%s\"",
                excerpt(shown, sizeof shown, text, len));
}

/* A command line succeeded: what its commands did to the echo (the spec's command-echo rule). While the echo is
 * on only the echo command can change it: one pointer compare per command. */
static void track_echo(qat_stream *s)
{
    const qat_mode_rule *echo_off = &s->spec->rules.echo_off;
    for (size_t i = 0; echo_off->command && i < s->n_cmds; i++) {
        if (!s->echo_off && s->cmds[i].forms[0]->cmd != echo_off->command)
            continue;
        int off = qat_mode_switch(echo_off, &s->cmds[i], s->cmd_fields);
        if (off >= 0)
            s->echo_off = off == 1;
    }
}

static void on_result(qat_stream *s, const qat_cpattern *p, const char *text, size_t len, size_t n_fields)
{
    if (s->online) { /* the online data state's end (V.250 §6.3.7, §5.7.1): OK after the escape, NO CARRIER */
        s->online = false;
        emit_line(s, QAT_EV_FINAL, text, len, p, n_fields, p->erratum);
        return;
    }
    check_crlf_before(s, text, len);
    if (s->infer && !s->in_flight)
        infer_command(s, NULL, 0); /* a result code alone: a command whose answer has no information line */
    s->anchored = s->infer;
    check_final(s, p->result, text, len);
    if (s->in_flight && p->result->success && !s->inferred)
        track_echo(s);
    else if (s->inferred)
        s->echo_off = false; /* a command nobody saw (ATE1, AT&F?) may have turned the echo back on */
    if (s->in_flight)
        settle_line_chars(s, p->result->success);
    s->online = s->in_flight && p->result->kind == QAT_RESULT_INTERMEDIATE && p->result->success; /* CONNECT */
    emit_line(s, QAT_EV_FINAL, text, len, p, n_fields, p->erratum);
    s->in_flight = false;
    s->after_prompt = false;
}

/* A URC; its documented pattern (not an erratum's reading) may announce a payload. */
static void on_urc(qat_stream *s, const qat_cpattern *p, const char *text, size_t len, size_t n_fields)
{
    check_crlf_before(s, text, len);
    if (p->urc == s->spec->rules.echo_boot_urc) { /* restarted: the power-on characters frame what follows */
        s->quiet = false;
        s->cr = s->spec->rules.cr;
        s->lf = s->spec->rules.lf;
        s->line_chars_pending = false;
    }
    if (p->urc == s->spec->rules.echo_boot_urc)
        s->echo_off = false; /* restarted: the power-on echo */
    s->anchored = s->infer;
    emit_line(s, QAT_EV_URC, text, len, p, n_fields, p->erratum);
    if (!p->erratum)
        start_payload(s, p->urc->params, p->urc->n_params, p->urc->payload, n_fields, p->urc->section, true);
}

/* ---- classifying one line ---- */

/* The first pattern of bucket BK that TEXT matches, or NULL. */
static const qat_cpattern *try_bucket(qat_stream *s, const qat_bucket *bk, const char *text, size_t len,
                                      attempt *best, size_t *n_fields)
{
    for (size_t i = 0; i < bk->n; i++) {
        const qat_cpattern *p = bk->items[i];
        if (try_pattern(s, p, text, len, best, n_fields))
            return p;
    }
    return NULL;
}

/* The pattern of D that TEXT is: among the short shapes, then among those sharing its first bytes. */
static const qat_cpattern *dispatch(qat_stream *s, const qat_dispatch *d, const char *text, size_t len,
                                    attempt *best, size_t *n_fields)
{
    const qat_cpattern *p = try_bucket(s, &d->short_shapes, text, len, best, n_fields);
    if (!p && len >= 4)
        p = try_bucket(s, &d->buckets[qat_bucket_of(s->line4)], text, len, best, n_fields);
    return p;
}

static bool match_results(qat_stream *s, const char *text, size_t len, attempt *best)
{
    size_t n_fields = 0;
    const qat_cpattern *p = dispatch(s, &s->spec->results_by_shape, text, len, best, &n_fields);
    if (p)
        on_result(s, p, text, len, n_fields);
    return p != NULL;
}

static bool match_urcs(qat_stream *s, const char *text, size_t len, attempt *best)
{
    size_t n_fields = 0;
    const qat_cpattern *p = dispatch(s, &s->spec->urcs_by_shape, text, len, best, &n_fields);
    if (p)
        on_urc(s, p, text, len, n_fields);
    return p != NULL;
}

/* Of the patterns of BK that TEXT fits, the first whose form this line completes (a result code may come next: "013"
 * is ATS3?'s whole answer before it is the middle line of ATI's), else the first; each is matched once at most, and
 * s->fields (*N_FIELDS of them) hold the one returned. */
static const qat_cpattern *likeliest_answer(qat_stream *s, const qat_bucket *bk, const char *text, size_t len,
                                            attempt *best, size_t *n_fields)
{
    for (int completing = 1; completing >= 0; completing--)
        for (size_t i = 0; i < bk->n; i++) {
            const qat_cpattern *p = bk->items[i];
            if (p->completes == (completing != 0) && try_pattern(s, p, text, len, best, n_fields))
                return p;
        }
    return NULL;
}

/* True when P is one of the deviation readings of its line (its errata come from the fields it matched). */
static bool is_deviation(const qat_cpattern *p)
{
    const qat_cline *cl = p->stands_for < p->form->n_lines ? &p->form->lines[p->stands_for] : NULL;
    return cl && cl->n_deviations && p >= cl->deviations && p < cl->deviations + cl->n_deviations;
}

/* infer: the first line of an answer with no command known names its form (the first whose line it fits, documented
 * readings first, patterns with a prefix before those without); the line is then that form's, errata and payload
 * included. */
static bool infer_answer(qat_stream *s, const char *text, size_t len, attempt *best)
{
    const qat_dispatch *d = &s->spec->info_by_shape;
    size_t n_fields = 0;
    const qat_cpattern *p =
        len >= 4 ? likeliest_answer(s, &d->buckets[qat_bucket_of(s->line4)], text, len, best, &n_fields) : NULL;
    if (!p && text[0] != '+') /* a prefix-less answer (digits, a name) never looks like "+XYZ:" */
        p = likeliest_answer(s, &d->short_shapes, text, len, best, &n_fields);
    if (!p || (!p->shape_len && !s->anchored))
        return false; /* a line any text fits cannot anchor a capture */
    infer_command(s, p->form, p->stands_for);
    s->anchored = true;
    if (p->erratum) /* a form's extra reading: it says which line it stands for */
        return match_info(s, text, len, best);
    const char *erratum = is_deviation(p) ? override_errata(s, p->form->cmd, text, len, n_fields, NULL) : NULL;
    accept_info(s, 0, p->form, p->stands_for, text, len, n_fields, erratum);
    return true;
}

/* The miss that got furthest into the line (the first at that point), and why it failed. */
static const miss *furthest_miss(qat_stream *s, const char *text, size_t len, const attempt *a, qat_match *why)
{
    const miss *far = NULL;
    for (size_t i = 0; i < a->n; i++) {
        qat_match m = qat_grammar_match(&a->items[i].p->g, text, len, s->fields, QAT_STREAM_MAX_FIELDS);
        if (!far || m.offset > why->offset) {
            far = &a->items[i];
            *why = m;
        }
    }
    return far;
}

static void report_unmatched(qat_stream *s, const char *text, size_t len, const attempt *best)
{
    qat_match m;
    const miss *far = furthest_miss(s, text, len, best, &m);
    if (far && far->form)
        advance_to(s, far->cmd, far->form, far->line); /* the expected line came, malformed */
    if (far) {
        char why[200];
        qat_match_describe(&m, text, len, why, sizeof why);
        const char *erratum = far->p->erratum; /* the line follows that reading, and breaks a value all the same */
        violate(s, QAT_V_BAD_LINE, far->section, NULL, text, len, "%s%s%s%s", why, erratum ? " (read as erratum " : "",
                erratum ? erratum : "", erratum ? " says)" : "");
    } else if (s->in_flight) {
        char shown[200];
        const char *name = s->n_cmds ? cur_form(s)->cmd->name : "the command";
        violate(s, QAT_V_UNEXPECTED_LINE, current_section(s), NULL, text, len, "no response of %s and no URC is \"%s\"",
                name, excerpt(shown, sizeof shown, text, len));
    } else {
        char shown[200];
        violate(s, QAT_V_UNKNOWN_URC, framing_section(s), NULL, text, len, "unknown unsolicited line \"%s\"",
                excerpt(shown, sizeof shown, text, len));
    }
}

/* The echo of the command line; bytes left over from an earlier answer may precede it. */
static bool match_echo(qat_stream *s, const char *text, size_t len)
{
    size_t n = s->cmdline_len;
    if (!s->echo_pending || len < n || memcmp(text + len - n, s->cmdline, n) != 0)
        return false;
    if (len > n)
        violate(s, QAT_V_UNEXPECTED_LINE, framing_section(s), NULL, text, len - n, "%zu stray bytes before the echo",
                len - n);
    emit_line(s, QAT_EV_ECHO, text + len - n, n, NULL, 0, NULL);
    if (s->echo_off)
        violate(s, QAT_V_ECHO_WHILE_OFF, s->spec->rules.echo_off.command->section, NULL, text + len - n, n,
                "command line echoed after %s turned echo off", s->spec->rules.echo_off.command->name);
    return true;
}

static void begin_command(qat_stream *s, const char *line, size_t len);

/* capture: TEXT, ended by END, is the module echoing a command line (its S3 ends it; a line ended by <CR><LF> only
 * when it is a well-formed command line and no answer is in flight): the command from now on. */
static bool take_echo(qat_stream *s, const char *text, size_t len, line_end end)
{
    if (!s->capture || s->after_prompt || (text[0] != 'A' && text[0] != 'a') || (end != END_CR && end != END_CRLF) ||
        (end == END_CRLF && s->in_flight))
        return false;
    qat_cmd cmds[QAT_STREAM_MAX_CMDS];
    qat_field fields[QAT_STREAM_MAX_FIELDS];
    qat_cmdline r = qat_cmdline_parse(s->spec, text, len, cmds, QAT_STREAM_MAX_CMDS, fields, QAT_STREAM_MAX_FIELDS);
    if (r.status == QAT_CMDLINE_NO_PREFIX || (end == END_CRLF && r.status != QAT_CMDLINE_OK))
        return false;
    begin_command(s, text, len);
    s->anchored = true;
    return match_echo(s, text, len);
}

/* LEN is the line as matched (trailing spaces gone under their erratum); WIRE_LEN as it came. */
static void classify(qat_stream *s, const char *text, size_t len, size_t wire_len)
{
    s->line4 = qat_pack4(text, len);
    bool echo_pending = s->echo_pending;
    s->echo_pending = false; /* any answer means echo is off... */
    attempt best;
    best.n = 0;
    if (match_results(s, text, len, &best))
        return;
    if (s->in_flight && s->after_prompt) {
        emit_line(s, QAT_EV_DATA_ECHO, text, len, NULL, 0, NULL);
        return;
    }
    if (s->in_flight && s->n_cmds && match_info(s, text, len, &best))
        return;
    if (match_urcs(s, text, len, &best)) {
        s->echo_pending = echo_pending; /* ...but a URC may come before the echo (RDY after a reset) */
        return;
    }
    if (s->infer && !s->in_flight && infer_answer(s, text, len, &best))
        return;
    report_unmatched(s, text, wire_len, &best);
}

/* True when a line of the command in flight's candidate forms, from its cursor on, is TEXT. */
static bool fits_answer(qat_stream *s, const char *text, size_t len)
{
    size_t n_fields;
    for (size_t c = s->cur_cmd; s->in_flight && c < s->n_cmds; c++)
        for (size_t k = 0; k < s->cmds[c].n_forms; k++) {
            const qat_cform *f = s->cmds[c].forms[k];
            for (size_t i = s->line_at[c]; i < f->n_lines; i++)
                if (try_patterns(s, f->lines[i].patterns, f->lines[i].n_patterns, text, len, NULL, &n_fields))
                    return true;
        }
    return false;
}

/* infer, nothing in flight: TEXT is the first line, with a prefix, of some form's answer. */
static bool fits_new_answer(qat_stream *s, const char *text, size_t len)
{
    const qat_dispatch *d = &s->spec->info_by_shape;
    size_t n_fields;
    if (!s->infer || s->in_flight)
        return false;
    if (len >= 4 && try_bucket(s, &d->buckets[qat_bucket_of(s->line4)], text, len, NULL, &n_fields))
        return true;
    for (size_t i = 0; i < d->short_shapes.n; i++)
        if (d->short_shapes.items[i]->shape_len &&
            try_pattern(s, d->short_shapes.items[i], text, len, NULL, &n_fields))
            return true;
    return false;
}

/* Right after a payload (no blank line between): TEXT is a line the stream expects (a result code, a URC, an answer's
 * line, a command's echo), not bytes of a payload longer than announced. */
static bool resync_fits(qat_stream *s, const char *text, size_t len)
{
    size_t n_fields;
    s->line4 = qat_pack4(text, len);
    bool echo = s->echo_pending && len >= s->cmdline_len && memcmp(text + len - s->cmdline_len, s->cmdline,
                                                                     s->cmdline_len) == 0;
    return echo || (s->capture && (text[0] == 'A' || text[0] == 'a')) ||
           dispatch(s, &s->spec->results_by_shape, text, len, NULL, &n_fields) ||
           dispatch(s, &s->spec->urcs_by_shape, text, len, NULL, &n_fields) || fits_answer(s, text, len) ||
           fits_new_answer(s, text, len);
}

static void check_framing(qat_stream *s, const char *text, size_t len, line_end end, bool echo)
{
    if (end == END_LF)
        violate(s, QAT_V_LF_WITHOUT_CR, framing_section(s), NULL, text, len, "line ended by <LF> without <CR>");
    else if (end == END_CR && !echo)
        violate(s, QAT_V_STRAY_CR, framing_section(s), NULL, text, len, "<CR> not followed by <LF>");
}

/* The online data state: a line is data, its framing unchecked (PPP escapes CR and LF, so a line end is a result
 * code's framing), unless it is a result code, which ends the state. True when the line was data. */
static bool online_data(qat_stream *s, const char *text, size_t len)
{
    size_t n_fields;
    s->line4 = qat_pack4(text, len);
    if (!s->overlong && len && dispatch(s, &s->spec->results_by_shape, text, len, NULL, &n_fields))
        return false;
    if (len || s->overlong)
        emit_line(s, QAT_EV_DATA, text, len, NULL, 0, NULL);
    s->prev_blank = true;
    return true;
}

static void process_line(qat_stream *s, const char *text, size_t len, line_end end)
{
    if (s->online && online_data(s, text, len))
        return;
    if (s->overlong) {
        violate(s, QAT_V_LINE_TOO_LONG, framing_section(s), NULL, text, len, "line longer than %zu bytes, not checked",
                s->cap);
        s->prev_blank = false;
        return;
    }
    if (len && s->resync && !resync_fits(s, text, len)) {
        if (s->resync == 2)
            report_payload_length(s, text, len);
        s->resync = 0;
        return; /* the rest of a payload longer than announced */
    }
    s->resync = 0; /* a blank line first: the framing goes on as it should */
    bool echo = len && (match_echo(s, text, len) || take_echo(s, text, len, end));
    check_framing(s, text, len, end, echo);
    if (echo || (len == 0 && s->echo_pending)) {
        s->echo_pending = echo ? false : s->echo_pending;
        s->prev_blank = echo ? end == END_CR : true; /* "AT\r\r\n": the echo's own CR, then the CR LF framing */
        return;
    }
    if (len == 0) {
        s->prev_blank = true;
        return;
    }
    size_t kept = len;
    while (kept && text[kept - 1] == ' ' && s->spec->trailing_spaces_erratum)
        kept--;
    if (kept < len && kept)
        violate(s, QAT_V_TRAILING_SPACE, framing_section(s), s->spec->trailing_spaces_erratum, text, len,
                "%zu spaces at the end of the line", len - kept);
    classify(s, text, kept ? kept : len, len);
    s->prev_blank = false;
    s->after_payload = false;
}

/* ---- framing bytes into lines ---- */

static void buffer_bytes(qat_stream *s, const char *p, size_t n)
{
    size_t room = s->cap - s->len;
    if (n > room)
        s->overlong = true;
    if (n && room)
        memcpy(s->buf + s->len, p, n < room ? n : room);
    s->len += n < room ? n : room;
}

/* A line ends with P[0..N): deliver it from the input when it is all there, else from the buffer. */
static void end_line(qat_stream *s, const char *p, size_t n, line_end end)
{
    if (s->len == 0 && !s->overlong && n <= s->cap) {
        process_line(s, p, n, end);
    } else {
        buffer_bytes(s, p, n);
        process_line(s, s->buf, s->len, end);
    }
    s->len = 0;
    s->overlong = false;
}

static size_t feed_line(qat_stream *s, const char *p, size_t n)
{
    if (s->len == 0 && !s->overlong) {
        mark_line_start(s);
    }
    const char *nl, *cr;
    find_line_end(s, p, n, &nl, &cr);
    size_t upto = nl ? (size_t)(nl - p) : n;
    if (cr) {
        size_t k = (size_t)(cr - p);
        if (k + 1 == n) { /* the CR is the last byte we have: its LF may be in the next piece */
            buffer_bytes(s, p, k);
            s->pending_cr = true;
            return n;
        }
        bool crlf = is_lf(s, (unsigned char)p[k + 1]);
        end_line(s, p, k, crlf ? END_CRLF : END_CR);
        s->lfs += crlf;
        return k + 1 + crlf;
    }
    if (nl) {
        end_line(s, p, upto, END_LF);
        s->lfs++;
        return upto + 1;
    }
    buffer_bytes(s, p, n);
    return n;
}

/* The <CR><LF> of the framing at the start of a line, with no echo awaited: what process_line does with an empty
 * line then, without framing it first (every response line comes after one). */
static size_t blank_line(qat_stream *s)
{
    mark_line_start(s); /* as feed_line does: what the stream reports next without a line of its own is placed here */
    s->resync = 0;
    s->prev_blank = true;
    s->lfs++;
    return 2;
}

/* The CR that ended the previous piece: with an LF it ends a line, alone it ends one too. */
static size_t finish_cr(qat_stream *s, const char *p)
{
    s->pending_cr = false;
    bool crlf = is_lf(s, (unsigned char)*p);
    end_line(s, NULL, 0, crlf ? END_CRLF : END_CR);
    s->lfs += crlf;
    return crlf;
}

/* ---- the prompt ---- */

static bool prompt_expected(const qat_stream *s)
{
    if (!s->in_flight || s->after_prompt || s->cur_cmd >= s->n_cmds)
        return false;
    for (size_t k = 0; k < s->cmds[s->cur_cmd].n_forms; k++)
        if (s->cmds[s->cur_cmd].forms[k]->form->has_prompt)
            return true;
    return false;
}

/* infer: a prompt at the start of a line with no command in flight opens a command of the first form that prompts. */
static bool prompt_inferred(qat_stream *s)
{
    if (!s->infer || s->in_flight || !s->prev_blank || s->online)
        return false;
    for (size_t i = 0; i < s->spec->n_forms; i++)
        if (s->spec->forms[i].form->has_prompt) {
            infer_command(s, &s->spec->forms[i], 0);
            return true;
        }
    return false;
}

static const qat_cresult *prompt_result(const qat_stream *s)
{
    for (size_t i = 0; i < s->spec->n_results; i++)
        if (s->spec->results[i].result->kind == QAT_RESULT_PROMPT)
            return &s->spec->results[i];
    return NULL;
}

static size_t take_prompt(qat_stream *s, const char *p)
{
    mark_line_start(s);
    const qat_cresult *r = prompt_result(s);
    qat_event ev = base_event(s, QAT_EV_PROMPT, p, 1);
    ev.result = r ? r->result : NULL;
    s->cb(s->user, &ev);
    s->after_prompt = true;
    s->prompt_space_pending = true;
    s->echo_pending = false;
    s->anchored = s->infer;
    return 1;
}

/* After ">": a space completes the documented prompt; anything else is the deviation of 3.2's example. */
static size_t after_prompt_byte(qat_stream *s, const char *p)
{
    s->prompt_space_pending = false;
    if (*p == ' ')
        return 1;
    const char *erratum = NULL;
    for (size_t i = 0; i < s->spec->n_deviant_results; i++)
        if (s->spec->deviant_results[i].result->kind == QAT_RESULT_PROMPT)
            erratum = s->spec->deviant_results[i].erratum;
    violate(s, QAT_V_STRAY_CR, framing_section(s), erratum, ">", 1, "prompt \">\" without its space");
    s->prev_blank = true;
    return 0;
}

/* ---- the API ---- */

void qat_stream_init(qat_stream *s, const qat_compiled *spec, char *line_buf, size_t cap, qat_event_cb cb, void *user)
{
    memset(s, 0, sizeof *s);
    s->spec = spec;
    s->buf = line_buf;
    s->cap = cap;
    s->cb = cb;
    s->user = user;
    s->prev_blank = true;
    s->cr = spec->rules.cr;
    s->lf = spec->rules.lf;
}

static void end_command(qat_stream *s)
{
    if (s->payload_left)
        violate(s, QAT_V_PAYLOAD_CUT, s->payload_section, NULL, NULL, 0, "payload cut short: %llu bytes never came",
                (unsigned long long)s->payload_left);
    s->payload_left = 0;
    if (s->in_flight && !s->quiet)
        violate(s, QAT_V_MISSING_LINE, current_section(s), line_erratum(s, LINE_NO_FINAL), NULL, 0, "%s%s got no result code",
                s->n_cmds ? cur_form(s)->cmd->name : "the command line",
                s->inferred ? " (named by its answer, no command was seen)" : "");
    s->in_flight = false;
}

void qat_stream_infer(qat_stream *s, qat_infer mode)
{
    s->infer = mode != QAT_INFER_NONE;
    s->capture = mode == QAT_INFER_CAPTURE;
}

void qat_stream_command(qat_stream *s, const char *line, size_t len)
{
    if (s->pending_cr) { /* the last piece ended in a CR, and no LF can follow it now: the DTE sent another line */
        s->pending_cr = false;
        end_line(s, NULL, 0, END_CR);
    }
    begin_command(s, line, len);
    s->announced = true;
}

static void begin_command(qat_stream *s, const char *line, size_t len)
{
    end_command(s);
    s->cmdline_len = len < sizeof s->cmdline ? len : sizeof s->cmdline;
    memcpy(s->cmdline, line, s->cmdline_len);
    qat_cmdline r = qat_cmdline_parse(s->spec, s->cmdline, s->cmdline_len, s->cmds, QAT_STREAM_MAX_CMDS, s->cmd_fields,
                                      QAT_STREAM_MAX_FIELDS);
    s->n_cmds = r.status == QAT_CMDLINE_OK ? r.n_cmds : 0;
    expect_line_chars(s);
    for (size_t i = 0; i < s->n_cmds; i++) { /* its own result code is already sent, or not, as Q ends the line */
        int quiet = qat_mode_switch(&s->spec->rules.quiet, &s->cmds[i], s->cmd_fields);
        s->quiet = quiet >= 0 ? quiet == 1 : s->quiet;
    }
    s->cur_cmd = 0;
    memset(s->line_at, 0, sizeof s->line_at);
    memset(s->count_at, 0, sizeof s->count_at);
    s->in_flight = s->echo_pending = true;
    s->inferred = s->announced = s->after_prompt = s->prompt_space_pending = false;
    s->online = false; /* a command line: the DTE is in command state */
    s->anchored = s->infer;
    if (r.status != QAT_CMDLINE_OK) {
        qat_cmdline_describe(&r, s->cmdline, s->cmdline_len, s->message, sizeof s->message);
        const char *section = r.form ? r.form->cmd->section : framing_section(s);
        char why[sizeof s->message];
        memcpy(why, s->message, sizeof why);
        violate(s, QAT_V_BAD_COMMAND, section, NULL, s->cmdline, s->cmdline_len, "%s", why);
    }
}

void qat_stream_feed(qat_stream *s, const char *bytes, size_t n)
{
    while (n) {
        size_t used;
        if (s->pending_cr)
            used = finish_cr(s, bytes);
        else if (s->payload_left)
            used = feed_payload(s, bytes, n);
        else if (s->tail_left)
            used = payload_tail(s, bytes);
        else if (s->prompt_space_pending)
            used = after_prompt_byte(s, bytes);
        else if (s->len == 0 && !s->overlong && *bytes == '>' && (prompt_expected(s) || prompt_inferred(s)))
            used = take_prompt(s, bytes);
        else if (n >= 2 && (unsigned char)bytes[0] == s->cr && (unsigned char)bytes[1] == s->lf && !s->line_chars_pending &&
                 s->len == 0 && !s->overlong && !s->echo_pending)
            used = blank_line(s);
        else
            used = feed_line(s, bytes, n);
        s->offset += used;
        bytes += used;
        n -= used;
    }
}

void qat_stream_finish(qat_stream *s)
{
    if (s->pending_cr) {
        s->pending_cr = false;
        end_line(s, NULL, 0, END_CR);
    } else if (s->len || s->overlong) {
        end_line(s, NULL, 0, END_NONE);
    }
    s->ending = s->infer;
    end_command(s);
}

uint64_t qat_stream_payload_pending(const qat_stream *s) { return s->payload_left; }

const char *qat_violation_name(qat_violation v)
{
    static const char *const names[QAT_V_COUNT] = {
        "none",           "lf-without-cr", "stray-cr",           "missing-crlf",     "line-too-long",
        "bad-line",       "unexpected-line", "unknown-urc",      "missing-line",     "final-not-allowed",
        "unexpected-final", "payload-cut", "bad-command", "trailing-space", "out-of-order", "echo-while-off",
        "payload-length",
    };
    return (unsigned)v < QAT_V_COUNT ? names[v] : "unknown";
}
