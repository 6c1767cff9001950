/* qm_parse.c — runs our stream parser over a mutator input and keeps what its events say:
 * where each line, payload and prompt lies, its kind, its fields, and a payload's length field. */
#include "qm_parse.h"

#include <string.h>

typedef struct {
    qm_parsed *p;
    bool feeding; /* events before the output (a refused command line) are about the command, not a segment */
} parse_ctx;

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

static void add_field(qm_parsed *p, qm_seg *s, const qat_event *ev, const qat_field *f)
{
    const char *raw = ev->text + f->offset;
    size_t n = f->text && f->text >= raw ? (size_t)(f->text + f->len - raw) : 0;
    if (n && raw[0] == '"' && f->offset + n < ev->len && raw[n] == '"')
        n++; /* the closing quote */
    qm_field *out = &p->fields[p->n_fields++];
    out->param = f->param;
    out->start = min_size(s->start + f->offset, p->out_len);
    out->end = min_size(out->start + n, p->out_len);
    s->n_fields++;
}

/* The field of LINE holding the length of the payload its parameters define, or SIZE_MAX. */
static size_t length_field_of(const qm_parsed *p, const qm_seg *line)
{
    const qat_param *params = line->urc ? line->urc->params : line->command ? line->command->params : NULL;
    size_t n = line->urc ? line->urc->n_params : line->command ? line->command->n_params : 0;
    for (size_t k = 0; k < n; k++) {
        if (params[k].type != QAT_TYPE_PAYLOAD || !params[k].length_param)
            continue;
        for (size_t i = line->first_field; i < line->first_field + line->n_fields; i++)
            if (strcmp(p->fields[i].param->name, params[k].length_param) == 0)
                return i;
    }
    return SIZE_MAX;
}

/* What a line event says of segment S: its kind, what it is, its fields, the payload it announces. */
static void describe_line(qm_parsed *p, qm_seg *s, const qat_event *ev)
{
    s->kind = ev->kind;
    s->command = ev->command;
    s->urc = ev->urc;
    s->result = ev->result;
    s->content_end = min_size(s->start + ev->len, p->out_len);
    s->first_field = p->n_fields;
    s->n_fields = 0;
    for (size_t i = 0; i < ev->n_fields && p->n_fields < QM_MAX_FIELDS; i++)
        add_field(p, s, ev, &ev->fields[i]);
    s->length_field = length_field_of(p, s);
}

static qm_seg *last_seg(qm_parsed *p) { return p->n_segs ? &p->segs[p->n_segs - 1] : NULL; }

/* A new segment at START, unless it lies inside the last one or there is no room. */
static qm_seg *new_seg(qm_parsed *p, size_t start)
{
    const qm_seg *last = last_seg(p);
    if ((last && start < last->content_end) || p->n_segs == QM_MAX_SEGS || start > p->out_len)
        return NULL;
    qm_seg *s = &p->segs[p->n_segs++];
    memset(s, 0, sizeof *s);
    s->start = start;
    s->content_end = start;
    s->length_field = SIZE_MAX;
    return s;
}

/* Several events may report one line (violations first, then what it was): they make one segment. */
static void add_line(qm_parsed *p, const qat_event *ev)
{
    qm_seg *last = last_seg(p);
    size_t start = (size_t)ev->offset;
    if (last && last->start == start && last->kind != QAT_EV_PAYLOAD) {
        if (last->kind == QAT_EV_VIOLATION && ev->kind != QAT_EV_VIOLATION)
            describe_line(p, last, ev);
        return;
    }
    qm_seg *s = new_seg(p, start);
    if (s)
        describe_line(p, s, ev);
}

/* Payload bytes: the parser may hand them over in pieces; consecutive pieces make one segment. */
static void add_payload(qm_parsed *p, const qat_event *ev)
{
    size_t start = (size_t)ev->offset;
    qm_seg *last = last_seg(p);
    if (last && last->kind == QAT_EV_PAYLOAD && last->content_end == start) {
        last->content_end = min_size(start + ev->len, p->out_len);
        return;
    }
    qm_seg *s = new_seg(p, start);
    if (!s)
        return;
    s->kind = QAT_EV_PAYLOAD;
    s->content_end = min_size(start + ev->len, p->out_len);
}

static void on_event(void *user, const qat_event *ev)
{
    parse_ctx *ctx = user;
    if (!ctx->feeding)
        return;
    if (ev->kind == QAT_EV_PAYLOAD)
        add_payload(ctx->p, ev);
    else if (ev->text)
        add_line(ctx->p, ev);
}

/* Each segment runs up to the next one: its line end and blank lines are its tail. */
static void close_segments(qm_parsed *p)
{
    for (size_t i = 0; i < p->n_segs; i++) {
        qm_seg *s = &p->segs[i];
        s->end = qm_boundary(p, i + 1);
        s->content_end = min_size(s->content_end, s->end);
    }
}

void qm_parse(qm_parsed *p, qm_parser *parser, const qat_compiled *spec, const uint8_t *data, size_t size)
{
    if (!data)
        data = (const uint8_t *)""; /* no input at all: an empty command line */
    const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
    p->cmd = data;
    p->cmd_len = nl ? (size_t)(nl - data) : size;
    p->out = nl ? nl + 1 : data + size;
    p->out_len = nl ? size - p->cmd_len - 1 : 0;
    p->n_segs = p->n_fields = 0;
    parse_ctx ctx = {p, false};
    qat_stream_init(&parser->stream, spec, parser->line, sizeof parser->line, on_event, &ctx);
    qat_stream_command(&parser->stream, (const char *)p->cmd, p->cmd_len);
    ctx.feeding = true;
    qat_stream_feed(&parser->stream, (const char *)p->out, p->out_len);
    qat_stream_finish(&parser->stream);
    close_segments(p);
}

size_t qm_boundary(const qm_parsed *p, size_t i) { return i < p->n_segs ? p->segs[i].start : p->out_len; }

bool qm_seg_is_line(const qm_seg *s) { return s->kind != QAT_EV_PAYLOAD && s->kind != QAT_EV_PROMPT; }
