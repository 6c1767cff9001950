/* runner/observe.c — the stream checker's events of one case, kept for judging (see runner/observe.h).
 * Events carry pointers into the parser's buffers, so what is kept is copied into the case's scratch arena. */
#include "observe.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static run_field *copy_fields(run_observe *o, const qat_event *ev, run_field *into)
{
    for (size_t i = 0; i < ev->n_fields; i++) {
        const qat_field *f = &ev->fields[i];
        into[i] = (run_field){f->param ? f->param->name : "", arena_strndup(o->scratch, f->text, f->len)};
    }
    return into;
}

static void keep_step_fields(run_observe *o, const qat_event *ev)
{
    if (!ev->n_fields)
        return;
    o->fields = heap_reserve(o->fields, &o->fields_cap, o->n_fields + ev->n_fields, sizeof *o->fields);
    copy_fields(o, ev, o->fields + o->n_fields);
    o->n_fields += ev->n_fields;
}

static void keep_line(run_observe *o, const qat_event *ev)
{
    o->lines = heap_reserve(o->lines, &o->lines_cap, o->n_lines + 1, sizeof *o->lines);
    o->lines[o->n_lines++] = (run_line){arena_strndup(o->scratch, ev->text, ev->len), ev->erratum != NULL};
    keep_step_fields(o, ev);
    o->payload_owner = SIZE_MAX;
    o->payload_at = ev->offset + ev->len + 2;
}

static void keep_urc(run_observe *o, const qat_event *ev)
{
    o->urcs = heap_reserve(o->urcs, &o->urcs_cap, o->n_urcs + 1, sizeof *o->urcs);
    run_seen_urc *u = &o->urcs[o->n_urcs];
    *u = (run_seen_urc){.urc = ev->urc, .line = arena_strndup(o->scratch, ev->text, ev->len), .offset = ev->offset,
                        .deviant = ev->erratum != NULL};
    u->fields = copy_fields(o, ev, arena_array(o->scratch, ev->n_fields + 1, sizeof *u->fields));
    u->n_fields = ev->n_fields;
    o->payload_owner = o->n_urcs++;
}

static void keep_erratum(run_observe *o, const char *id)
{
    for (size_t i = 0; i < o->n_errata; i++)
        if (strcmp(o->errata[i], id) == 0)
            return;
    if (o->n_errata < RUN_MAX_ERRATA)
        o->errata[o->n_errata++] = id;
}

static void keep_violation(run_observe *o, const qat_event *ev)
{
    if (o->violation)
        return;
    char text[512];
    snprintf(text, sizeof text, "[%s] %s: %s", ev->section ? ev->section : "?", qat_violation_name(ev->violation),
             ev->message ? ev->message : "");
    o->violation = arena_strdup(o->scratch, text);
    o->violation_at = ev->offset;
}

static void on_event(void *user, const qat_event *ev)
{
    run_observe *o = user;
    if (ev->erratum)
        keep_erratum(o, ev->erratum);
    switch (ev->kind) {
    case QAT_EV_INFO: keep_line(o, ev); break;
    case QAT_EV_URC: keep_urc(o, ev); break;
    case QAT_EV_FINAL:
        keep_step_fields(o, ev);
        o->final = ev->result;
        o->final_at = ev->offset;
        break;
    case QAT_EV_PROMPT: o->prompt = true; break;
    case QAT_EV_PAYLOAD:
        run_text_append(o->payload_owner == SIZE_MAX ? &o->payload : &o->urcs[o->payload_owner].payload, ev->text,
                        ev->len);
        break;
    case QAT_EV_VIOLATION: /* a bad command line is ours, sent on purpose by an invalid-input case: not the device's */
        if (!ev->erratum && ev->violation != QAT_V_BAD_COMMAND)
            keep_violation(o, ev);
        break;
    default: break;
    }
}

void run_observe_init(run_observe *o, const qat_compiled *spec, arena *scratch)
{
    memset(o, 0, sizeof *o);
    o->scratch = scratch;
    o->payload_owner = SIZE_MAX;
    qat_stream_init(&o->s, spec, o->line_buf, sizeof o->line_buf, on_event, o);
}

void run_observe_free(run_observe *o)
{
    for (size_t i = 0; i < o->n_urcs; i++)
        free(o->urcs[i].payload.s);
    free(o->urcs);
    free(o->lines);
    free(o->fields);
    free(o->payload.s);
    free(o->rx.s);
    memset(o, 0, sizeof *o);
}

void run_observe_step(run_observe *o)
{
    o->final = NULL;
    o->prompt = false;
    o->n_lines = o->n_fields = 0;
    o->payload.len = 0;
    o->payload_owner = SIZE_MAX;
}

void run_observe_command(run_observe *o, const char *line, size_t len)
{
    qat_stream_command(&o->s, line, len);
}

void run_observe_feed(run_observe *o, const char *bytes, size_t n)
{
    run_text_append(&o->rx, bytes, n);
    qat_stream_feed(&o->s, bytes, n);
}

const char *run_field_value(const run_field *fields, size_t n, const char *param, size_t param_len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(fields[i].param) == param_len && memcmp(fields[i].param, param, param_len) == 0)
            return fields[i].value;
    return NULL;
}
