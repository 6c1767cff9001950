/* check/bench_stream.c — draws a modem session from the compiled spec with qat_synth: commands, answers, URCs, data.
 * Each drawn line is checked to read as what it is meant to be (the spec's own ambiguities): valid unless corrupted. */
#include "check.h"

#include "util.h"
#include "qat_stream.h"
#include "qat_synth.h"

#include <stdlib.h>
#include <string.h>

/* ---- the scenario: what a socket application does, and how often ---- */

enum { STEP_READ, STEP_PUSH, STEP_SEND, STEP_COMMAND, STEP_URC, N_STEPS };
static const unsigned step_weight[N_STEPS] = {
    /* Tuned for a byte mix of about half payload (53% with the shipped spec), a tenth echoed data. */
    [STEP_READ] = 2,     /* +QIURC "recv" (buffer mode), then AT+QIRD=<id>,1500 and its data */
    [STEP_PUSH] = 1,     /* a URC with data (direct push) between commands */
    [STEP_SEND] = 2,     /* AT+QISEND: prompt, data echo, SEND OK */
    [STEP_COMMAND] = 80, /* any other form of any command: status polls, configuration */
    [STEP_URC] = 12,     /* any URC between commands */
};
#define READ_NOTICE_URC "qiurc-recv-buffer" /* the spec's URC that says data waits in the buffer */
#define READ_LENGTH_PARAM "read_length"     /* the read form's requested length: ask for as much as allowed */
#define READ_LENGTH_ASK "1500"
#define PAYLOAD_MAX 1500       /* the most bytes one payload carries (3.3) */
#define URC_INSIDE_PERCENT 10  /* chance of a URC after each information line and before the result */
#define FAILURE_PERCENT 5      /* chance a command fails (ERROR, +CME ERROR) */
#define TRIES 16               /* draws of one line before giving up on it */
#define MAX_FIXES 8
#define FIX_TEXT 48
#define LINE_CAP 4096
#define CORRUPT_SEED 0x9e3779b97f4a7c15u /* mixed into the seed for the corruptions' own generator */

typedef struct {
    const char *name;
    char text[FIX_TEXT];
} fix;

typedef struct {
    const qat_compiled *c;
    bench_session *s;
    qat_rng rng;
    bench_draw draw;
    qat_rng corrupt_rng; /* draws only the corruptions, so the stream is otherwise the same */
    qat_synth_opts opts;
    fix fixes[MAX_FIXES];
    size_t n_fixes;
    char cr_text[8], lf_text[8]; /* S3's and S4's power-on values, the only ones drawn (see pick_fixed) */
    char line[LINE_CAP];
    char cmdline[QAT_STREAM_MAX_CMDLINE + 1];
    qat_cmd cmds[QAT_STREAM_MAX_CMDS];
    qat_field cmd_fields[QAT_STREAM_MAX_FIELDS];
    qat_field fields[QAT_STREAM_MAX_FIELDS]; /* the fields of the line drawn last */
    size_t n_fields;
    qat_field probe[QAT_STREAM_MAX_FIELDS]; /* scratch of the ambiguity checks */
    size_t cur;     /* the parser's cursor in the answer drawn now: line CUR seen COUNT times */
    uint32_t count;
} gen;

/* ---- the caller's values: fixed fields ---- */

static const char *pick_fixed(void *user, const qat_param *p)
{
    const gen *g = user;
    if (p == g->c->rules.termination_param) /* S3 and S4 keep their values: a session's framing does not change */
        return g->cr_text;
    if (p == g->c->rules.formatting_param)
        return g->lf_text;
    for (size_t i = g->n_fixes; i-- > 0;)
        if (strcmp(g->fixes[i].name, p->name) == 0)
            return g->fixes[i].text;
    return NULL;
}

static void fix_value(gen *g, const char *name, const char *text, size_t len)
{
    if (g->n_fixes >= MAX_FIXES)
        return;
    fix *f = &g->fixes[g->n_fixes++];
    f->name = name;
    len = len < FIX_TEXT - 1 ? len : FIX_TEXT - 1;
    memcpy(f->text, text, len);
    f->text[len] = '\0';
}

/* Every field of a matched line keeps its value for the lines drawn next (a socket's connectID). */
static void fix_fields(gen *g, const qat_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].param->type == QAT_TYPE_INT)
            fix_value(g, f[i].param->name, f[i].text, f[i].len);
}

/* ---- output ---- */

static void out_put(gen *g, const char *bytes, size_t n) { bench_add_output(g->s, bytes, n); }

static bool is_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Change one letter of TEXT's prefix (up to its first ':' or space) to the next one, so no pattern takes it. */
static void corrupt_prefix(gen *g, char *text, size_t n)
{
    size_t letters = 0, end = 0;
    for (; end < n && text[end] != ':' && text[end] != ' '; end++)
        letters += is_letter(text[end]);
    size_t k = letters ? (size_t)qat_rng_below(&g->corrupt_rng, letters) : 0;
    for (size_t i = 0; i < end; i++)
        if (is_letter(text[i]) && k-- == 0) {
            text[i] = (char)((text[i] | 0x20) == 'z' ? text[i] - 25 : text[i] + 1);
            return;
        }
}

/* A line in its CR LF framing; one that no payload follows may get its prefix corrupted (bench_draw). */
static void out_line(gen *g, char *text, size_t n, bool payload_follows)
{
    if (!payload_follows && g->draw.corrupt_percent && qat_rng_below(&g->corrupt_rng, 100) < g->draw.corrupt_percent)
        corrupt_prefix(g, text, n);
    out_put(g, "\r\n", 2);
    out_put(g, text, n);
    out_put(g, "\r\n", 2);
    g->s->mix.lines++;
}

/* Bytes a modem's peer might send: anything, with the texts a careless parser would stop at. */
static void out_payload(gen *g, size_t n)
{
    static const struct {
        const char *text;
        size_t len;
    } bait[] = {{"\r\nOK\r\n", 6}, {"\r\nERROR\r\n", 9}, {"+QIURC: \"recv\",0,10\r\n", 21}, {"\r\n> ", 4},
                {"\0\0\0\0", 4},   {"\r\n+CME ERROR: 3\r\n", 17}};
    bench_session *s = g->s;
    s->out = heap_reserve(s->out, &s->out_cap, s->out_len + n, 1);
    char *p = s->out + s->out_len;
    uint64_t r = 0;
    for (size_t i = 0; i < n; i++, r >>= 8) /* eight bytes a draw, the same on any byte order */
        p[i] = (char)(unsigned char)(i % 8 ? r : (r = qat_rng_next(&g->rng)));
    for (size_t k = qat_rng_below(&g->rng, n / 256 + 2); k > 0; k--) {
        size_t b = (size_t)qat_rng_below(&g->rng, sizeof bait / sizeof bait[0]);
        size_t at = (size_t)qat_rng_below(&g->rng, n);
        memcpy(p + at, bait[b].text, n - at < bait[b].len ? n - at : bait[b].len);
    }
    s->out_len += n;
    s->mix.payload_bytes += n;
    s->mix.payloads++;
}

/* ---- what the stream parser will read a line as ---- */

static bool matches(gen *g, const qat_cpattern *ps, size_t n, const char *line, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (qat_grammar_match(&ps[i].g, line, len, g->probe, QAT_STREAM_MAX_FIELDS).status == QAT_MATCH_OK)
            return true;
    return false;
}

static bool line_matches(gen *g, const qat_cline *cl, const char *line, size_t len)
{
    return matches(g, cl->patterns, cl->n_patterns, line, len) || matches(g, cl->deviations, cl->n_deviations, line, len);
}

/* A result code (documented or deviant) would take the line first. */
static bool reads_as_result(gen *g, const char *line, size_t len)
{
    for (size_t i = 0; i < g->c->n_results; i++)
        if (matches(g, &g->c->results[i].pattern, 1, line, len))
            return true;
    return matches(g, g->c->deviant_results, g->c->n_deviant_results, line, len);
}

/* The line of F that would take LINE, as the parser looks for it from its cursor (line g->cur seen
 * g->count times): F->n_lines when none would. */
static size_t line_taking(gen *g, const qat_cform *f, const char *line, size_t len)
{
    for (size_t k = g->cur; k < f->n_lines; k++) {
        uint32_t seen = k == g->cur ? g->count : 0;
        if (seen < f->lines[k].spec->max && line_matches(g, &f->lines[k], line, len))
            return k;
        if (seen < f->lines[k].spec->min)
            break;
    }
    return f->n_lines;
}

/* The answer of F in flight (NULL: none) would take LINE as an information line, or an erratum's. */
static bool reads_as_info(gen *g, const qat_cform *f, const char *line, size_t len)
{
    return f && (line_taking(g, f, line, len) < f->n_lines || matches(g, f->extra, f->n_extra, line, len));
}

/* ---- drawing lines ---- */

/* Draw a line of P into g->line; its fields land in g->fields. 0 when it would not fit. */
static size_t draw(gen *g, const qat_grammar *p)
{
    qat_synth_result r = qat_synth_line(p, &g->opts, &g->rng, g->line, sizeof g->line);
    if (r.status != QAT_SYNTH_OK)
        return 0;
    qat_match m = qat_grammar_match(p, g->line, r.len, g->fields, QAT_STREAM_MAX_FIELDS);
    g->n_fields = m.status == QAT_MATCH_OK ? m.n_fields : 0;
    return r.len;
}

/* The length of the payload that follows a line: the value of its length field, 0 when none. */
static size_t payload_length(const gen *g, const qat_param *payload)
{
    for (size_t i = 0; payload && i < g->n_fields; i++)
        if (strcmp(g->fields[i].param->name, payload->length_param) == 0 && g->fields[i].number > 0)
            return (size_t)g->fields[i].number;
    return 0;
}

/* Ask for a payload of a realistic length: the most a read gives half the time, else any. */
static void fix_payload_length(gen *g, const qat_param *params, size_t n_params, const qat_param *payload)
{
    const qat_param *len_p = payload && payload->length_param
                                 ? qat_params_find(params, n_params, payload->length_param, strlen(payload->length_param))
                                 : NULL;
    int64_t n = qat_rng_below(&g->rng, 2) ? PAYLOAD_MAX : 1 + (int64_t)qat_rng_below(&g->rng, PAYLOAD_MAX);
    if (!len_p || !qat_ranges_contain(len_p->ranges, len_p->n_ranges, n))
        return;
    char text[24];
    size_t k = sizeof text;
    do
        text[--k] = (char)('0' + n % 10);
    while ((n /= 10) > 0);
    fix_value(g, len_p->name, text + k, sizeof text - k);
}

static const qat_param *payload_param(const qat_param *params, size_t n, const char *name)
{
    return name ? qat_params_find(params, n, name, strlen(name)) : NULL;
}

/* ---- URCs ---- */

/* A URC between lines; IN_FLIGHT is the form whose answer it interrupts (NULL between commands).
 * False when no draw read as this URC alone; else g->fields hold its fields. */
static bool emit_urc(gen *g, const qat_curc *u, const qat_cform *in_flight)
{
    size_t fixes = g->n_fixes;
    fix_payload_length(g, u->urc->params, u->urc->n_params, u->payload);
    for (int t = 0; t < TRIES; t++) {
        size_t len = draw(g, &u->pattern.g);
        if (!len || reads_as_result(g, g->line, len) || reads_as_info(g, in_flight, g->line, len)) {
            g->s->mix.rejected++;
            continue;
        }
        size_t data = payload_length(g, u->payload);
        out_line(g, g->line, len, data > 0);
        if (data)
            out_payload(g, data);
        g->s->mix.urcs++;
        g->n_fixes = fixes;
        return true;
    }
    g->n_fixes = fixes;
    return false;
}

static const qat_curc *urc_named(const qat_compiled *c, const char *name)
{
    for (size_t i = 0; i < c->n_urcs; i++)
        if (strcmp(c->urcs[i].urc->name, name) == 0)
            return &c->urcs[i];
    return NULL;
}

/* A random URC; WITH_PAYLOAD: only those data follows. NULL when there is none. */
static const qat_curc *any_urc(gen *g, bool with_payload)
{
    size_t n = 0;
    for (size_t i = 0; i < g->c->n_urcs; i++)
        n += !with_payload || g->c->urcs[i].payload;
    size_t k = (size_t)qat_rng_below(&g->rng, n);
    for (size_t i = 0; i < g->c->n_urcs; i++)
        if ((!with_payload || g->c->urcs[i].payload) && k-- == 0)
            return &g->c->urcs[i];
    return NULL;
}

static void maybe_urc_inside(gen *g, const qat_cform *f)
{
    const qat_curc *u = qat_rng_below(&g->rng, 100) < URC_INSIDE_PERCENT ? any_urc(g, false) : NULL;
    if (u)
        emit_urc(g, u, f);
}

/* ---- a command's answer ---- */

static bool emit_info(gen *g, const qat_cform *f, size_t i)
{
    const qat_cline *cl = &f->lines[i];
    const qat_param *payload = payload_param(f->cmd->params, f->cmd->n_params, cl->spec->payload);
    size_t fixes = g->n_fixes;
    fix_payload_length(g, f->cmd->params, f->cmd->n_params, payload);
    for (int t = 0; t < TRIES; t++) {
        const qat_cpattern *p = &cl->patterns[qat_rng_below(&g->rng, cl->n_patterns)];
        size_t len = draw(g, &p->g);
        if (!len || reads_as_result(g, g->line, len) || line_taking(g, f, g->line, len) != i) {
            g->s->mix.rejected++;
            continue;
        }
        size_t data = payload_length(g, payload);
        out_line(g, g->line, len, data > 0);
        if (data) {
            out_payload(g, data);
            out_put(g, "\r\n", 2);
        }
        g->count = g->cur == i ? g->count + 1 : 1;
        g->cur = i;
        g->n_fixes = fixes;
        return true;
    }
    g->n_fixes = fixes;
    return false;
}

/* How many times a line comes: its minimum, and a few more when it may repeat. */
static uint32_t repeats(gen *g, const qat_line *l)
{
    uint32_t room = l->max == QAT_REPEAT_UNBOUNDED ? 3 : l->max - l->min;
    return l->min + (uint32_t)qat_rng_below(&g->rng, (room < 3 ? room : 3) + 1u);
}

static bool emit_lines(gen *g, const qat_cform *f)
{
    for (size_t i = 0; i < f->n_lines; i++) {
        for (uint32_t k = repeats(g, f->lines[i].spec); k > 0; k--) {
            if (!emit_info(g, f, i))
                return false;
            maybe_urc_inside(g, f);
        }
    }
    return true;
}

/* Bytes a DTE sends after the prompt, as the module echoes them: printable, no line end. */
static void out_data_echo(gen *g, size_t n)
{
    static const char printable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:;-_/{}\"=";
    bench_session *s = g->s;
    s->out = heap_reserve(s->out, &s->out_cap, s->out_len + n, 1);
    for (size_t i = 0; i < n; i++) {
        char c = printable[qat_rng_below(&g->rng, sizeof printable - 1)];
        s->out[s->out_len + i] = c == ' ' && i + 1 == n ? '.' : c; /* no trailing space: an erratum reads those */
    }
    s->out_len += n;
}

/* How many bytes follow the prompt: the command's length field, else any up to the form's maximum. */
static size_t prompt_length(gen *g, const qat_cform *f)
{
    const qat_prompt *pr = &f->form->prompt;
    const qat_cmd *cmd = &g->cmds[0];
    for (size_t i = 0; pr->length && i < cmd->n_fields; i++) {
        const qat_field *fl = &g->cmd_fields[cmd->first_field + i];
        if (strcmp(fl->param->name, pr->length) == 0 && fl->number > 0)
            return (size_t)fl->number;
    }
    uint32_t max = pr->max ? pr->max : 100;
    return 1 + (size_t)qat_rng_below(&g->rng, max);
}

/* "> ", the echoed data and its CR LF; the result code follows. */
static void emit_prompt(gen *g, const qat_cform *f)
{
    size_t n = prompt_length(g, f);
    out_put(g, "\r\n> ", 4);
    size_t at = g->s->out_len;
    for (int t = 0; t < TRIES; t++) {
        g->s->out_len = at;
        out_data_echo(g, n);
        if (!reads_as_result(g, g->s->out + at, n))
            break;
        g->s->mix.rejected++;
    }
    out_put(g, "\r\n", 2);
    g->s->mix.prompts++;
    g->s->mix.lines++;
    g->s->mix.data_echo_bytes += n;
}

/* ---- result codes ---- */

static const qat_cresult *result_named(const qat_compiled *c, const char *name)
{
    for (size_t i = 0; i < c->n_results; i++)
        if (strcmp(c->results[i].result->name, name) == 0)
            return &c->results[i];
    return NULL;
}

/* A final result of F with the outcome SUCCESS, drawn among those it lists; NULL when none. */
static const qat_cresult *final_of(gen *g, const qat_cform *f, bool success)
{
    const qat_cresult *pick = NULL;
    size_t seen = 0;
    for (size_t i = 0; i < f->form->n_final; i++) {
        const qat_cresult *r = result_named(g->c, f->form->final[i]);
        if (r && r->result->kind == QAT_RESULT_FINAL && r->result->success == success &&
            qat_rng_below(&g->rng, ++seen) == 0)
            pick = r;
    }
    return pick;
}

static const qat_cresult *choose_final(gen *g, const qat_cform *f)
{
    bool success = qat_rng_below(&g->rng, 100) >= FAILURE_PERCENT;
    const qat_cresult *r = final_of(g, f, success);
    return r ? r : final_of(g, f, !success);
}

static bool emit_result(gen *g, const qat_cresult *r)
{
    size_t len = draw(g, &r->pattern.g);
    if (len)
        out_line(g, g->line, len, false);
    return len > 0;
}

/* The URCs the form says follow its result (+QIOPEN after AT+QIOPEN), with the command's values. */
static void emit_follow_urcs(gen *g, const qat_cform *f)
{
    size_t fixes = g->n_fixes;
    fix_fields(g, &g->cmd_fields[g->cmds[0].first_field], g->cmds[0].n_fields);
    for (size_t i = 0; i < f->form->n_urcs; i++) {
        const qat_curc *u = urc_named(g->c, f->form->urcs[i].urc);
        if (u)
            emit_urc(g, u, NULL);
    }
    g->n_fixes = fixes;
}

/* ---- commands and pairs ---- */

static bool is_candidate(const qat_cmd *cmd, const qat_cform *f)
{
    for (size_t i = 0; i < cmd->n_forms; i++)
        if (cmd->forms[i] == f)
            return true;
    return false;
}

/* Draw a command line of F into g->cmdline that the command-line parser reads as F; its length, or 0. */
static size_t draw_command(gen *g, const qat_cform *f)
{
    const char *prefix = g->c->rules.prefixes->values[0];
    size_t plen = strlen(prefix);
    memcpy(g->cmdline, prefix, plen);
    for (int t = 0; t < TRIES; t++) {
        qat_synth_result r = qat_synth_line(&f->syntax, &g->opts, &g->rng, g->cmdline + plen, sizeof g->cmdline - plen);
        if (r.status == QAT_SYNTH_OK) {
            qat_cmdline m = qat_cmdline_parse(g->c, g->cmdline, plen + r.len, g->cmds, QAT_STREAM_MAX_CMDS,
                                              g->cmd_fields, QAT_STREAM_MAX_FIELDS);
            if (m.status == QAT_CMDLINE_OK && m.n_cmds == 1 && is_candidate(&g->cmds[0], f) &&
                qat_mode_switch(&g->c->rules.echo_off, &g->cmds[0], g->cmd_fields) != 1) /* the session echoes every line */
                return plen + r.len;
        }
        g->s->mix.rejected++;
    }
    return 0;
}

static void start_pair(gen *g, const char *cmd, size_t cmd_len) { bench_add_command(g->s, cmd, cmd_len); }

/* Forget the pair begun last, and everything it wrote. */
static void drop_pair(gen *g, const bench_mix *before)
{
    bench_session *s = g->s;
    bench_pair *p = &s->pairs[--s->n_pairs];
    s->out_len = p->out_off;
    s->cmds_len = p->cmd_off;
    uint64_t rejected = s->mix.rejected + 1;
    s->mix = *before;
    s->mix.rejected = rejected;
}

/* The module's answer to F's command line in g->cmdline: echo, lines or prompt, URCs, result. */
static bool emit_answer(gen *g, const qat_cform *f, size_t cmd_len)
{
    const qat_cresult *final = choose_final(g, f);
    if (!final)
        return false;
    if (!g->draw.echo_off) {
        out_put(g, g->cmdline, cmd_len);
        out_put(g, "\r", 1); /* ATE1: the echo ends with the command's own CR */
        g->s->mix.lines++;
    }
    g->cur = 0;
    g->count = 0;
    bool success = final->result->success;
    if (success && f->form->has_prompt)
        emit_prompt(g, f);
    else if (success && !emit_lines(g, f))
        return false;
    if (!f->form->has_prompt || !success)
        maybe_urc_inside(g, f);
    if (!emit_result(g, final))
        return false;
    if (success)
        emit_follow_urcs(g, f);
    return true;
}

static bool emit_command(gen *g, const qat_cform *f)
{
    size_t len = draw_command(g, f);
    if (!len)
        return false;
    bench_mix before = g->s->mix;
    start_pair(g, g->cmdline, len);
    if (!emit_answer(g, f, len)) {
        drop_pair(g, &before);
        return false;
    }
    g->s->mix.commands++;
    return true;
}

/* Output between commands goes to the last pair; before the first command, to a pair of its own. */
static void between_commands(gen *g)
{
    if (g->s->n_pairs == 0)
        start_pair(g, NULL, 0);
}

/* ---- steps ---- */

typedef bool (*form_filter)(const qat_cform *f);

static bool prompt_form(const qat_cform *f) { return f->form->has_prompt; }

static bool read_form(const qat_cform *f)
{
    for (size_t i = 0; i < f->n_lines; i++)
        if (f->lines[i].spec->payload)
            return true;
    return false;
}

/* Neither a read nor a send: those come in their own steps, so the weights set the byte mix. */
static bool plain_form(const qat_cform *f) { return !prompt_form(f) && !read_form(f); }

static const qat_cform *random_form(gen *g, form_filter keep)
{
    size_t n = 0;
    for (size_t i = 0; i < g->c->n_forms; i++)
        n += keep(&g->c->forms[i]);
    size_t k = (size_t)qat_rng_below(&g->rng, n);
    for (size_t i = 0; i < g->c->n_forms; i++)
        if (keep(&g->c->forms[i]) && k-- == 0)
            return &g->c->forms[i];
    return NULL;
}

static bool step_command(gen *g, form_filter keep)
{
    const qat_cform *f = random_form(g, keep);
    return f && emit_command(g, f);
}

/* Data waits: the notice, then a read of the same socket asking for all it may. */
static bool step_read(gen *g)
{
    const qat_curc *notice = urc_named(g->c, READ_NOTICE_URC);
    const qat_cform *f = random_form(g, read_form);
    if (!notice || !f)
        return step_command(g, plain_form);
    between_commands(g);
    if (!emit_urc(g, notice, NULL))
        return false;
    size_t fixes = g->n_fixes;
    fix_fields(g, g->fields, g->n_fields); /* the notice's connectID: read that socket */
    fix_value(g, READ_LENGTH_PARAM, READ_LENGTH_ASK, strlen(READ_LENGTH_ASK));
    bool ok = emit_command(g, f);
    g->n_fixes = fixes;
    return ok;
}

static bool step_urc(gen *g, bool with_payload)
{
    const qat_curc *u = any_urc(g, with_payload);
    if (!u)
        return false;
    between_commands(g);
    return emit_urc(g, u, NULL);
}

static bool step(gen *g)
{
    unsigned total = 0;
    for (int i = 0; i < N_STEPS; i++)
        total += step_weight[i];
    unsigned r = (unsigned)qat_rng_below(&g->rng, total), k = 0;
    while (r >= step_weight[k])
        r -= step_weight[k++];
    switch (k) {
    case STEP_READ: return step_read(g);
    case STEP_PUSH: return step_urc(g, true);
    case STEP_SEND: return step_command(g, prompt_form);
    case STEP_COMMAND: return step_command(g, plain_form);
    default: return step_urc(g, false);
    }
}

/* ---- the API ---- */

bool bench_generate(bench_session *s, const qat_compiled *c, uint64_t seed, size_t target, bench_progress progress,
                    void *user)
{
    return bench_generate_as(s, c, seed, target, NULL, progress, user);
}

bool bench_generate_as(bench_session *s, const qat_compiled *c, uint64_t seed, size_t target, const bench_draw *d,
                       bench_progress progress, void *user)
{
    gen *g = calloc(1, sizeof *g);
    if (!g)
        return false;
    g->c = c;
    g->s = s;
    if (d)
        g->draw = *d;
    qat_rng_seed(&g->rng, seed);
    qat_rng_seed(&g->corrupt_rng, seed ^ CORRUPT_SEED);
    g->opts.pick = pick_fixed;
    g->opts.user = g;
    snprintf(g->cr_text, sizeof g->cr_text, "%u", c->rules.cr);
    snprintf(g->lf_text, sizeof g->lf_text, "%u", c->rules.lf);
    s->out = heap_reserve(s->out, &s->out_cap, target + 65536, 1);
    unsigned failures = 0;
    size_t reported = 0;
    while (s->out_len < target && failures < 1000) {
        failures = step(g) ? 0 : failures + 1;
        if (progress && s->out_len - reported >= (1u << 20)) {
            reported = s->out_len;
            progress(user, s->out_len, target);
        }
    }
    bench_end_pairs(s);
    free(g);
    return s->out_len >= target;
}

void bench_add_output(bench_session *s, const char *bytes, size_t n)
{
    if (s->n_pairs == 0)
        bench_add_command(s, NULL, 0); /* output before any command: a pair of its own */
    s->out = heap_reserve(s->out, &s->out_cap, s->out_len + n, 1);
    memcpy(s->out + s->out_len, bytes, n);
    s->out_len += n;
}

void bench_add_command(bench_session *s, const char *cmd, size_t cmd_len)
{
    bench_end_pairs(s);
    s->pairs = heap_reserve(s->pairs, &s->pairs_cap, s->n_pairs + 1, sizeof *s->pairs);
    s->cmds = heap_reserve(s->cmds, &s->cmds_cap, s->cmds_len + cmd_len + 1, 1);
    bench_pair p = {s->cmds_len, cmd_len, s->out_len, 0};
    s->pairs[s->n_pairs++] = p;
    memcpy(s->cmds + s->cmds_len, cmd ? cmd : "", cmd_len);
    s->cmds_len += cmd_len;
}

void bench_end_pairs(bench_session *s)
{
    if (s->n_pairs)
        s->pairs[s->n_pairs - 1].out_len = s->out_len - s->pairs[s->n_pairs - 1].out_off;
}

void bench_adopt(bench_session *s, char *bytes, size_t len)
{
    s->out = bytes;
    s->out_len = s->out_cap = len;
    bench_output_only(s);
}

void bench_output_only(bench_session *s)
{
    s->pairs = heap_reserve(s->pairs, &s->pairs_cap, 1, sizeof *s->pairs);
    bench_pair p = {0, 0, 0, s->out_len};
    s->pairs[0] = p;
    s->n_pairs = 1;
}

void bench_free(bench_session *s)
{
    free(s->out);
    free(s->cmds);
    free(s->pairs);
    memset(s, 0, sizeof *s);
}
