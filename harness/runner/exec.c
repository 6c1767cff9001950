/* runner/exec.c — one case run on the device (see runner/runner.h): steps sent and waited for on poll() deadlines, the
 * answer read by the stream checker (run_observe), judged against the step, and the case's texts for the report. */
#define _GNU_SOURCE /* strndup */
#include "runner.h"

#include "observe.h"
#include "vars.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESYNC_TRIES 3
#define RESYNC_WAIT_MS 1000
#define CTRL_Z "\x1a" /* ends variable-length data after the prompt (the spec's prompt `send: ctrl-z`) */

typedef enum { WAIT_DONE, WAIT_TIMEOUT, WAIT_GONE } wait_end;

typedef struct case_run case_run;
/* How long a step waits: its spec time, or the peer's own bound (the emulator's) or --max-wait's when shorter. */
static uint32_t step_wait_ms(const run_env *env, const plan_step *st)
{
    uint32_t wait = st->timeout_ms, peer = env->link->peer_wait_ms;
    wait = peer && peer < wait ? peer : wait;
    return env->max_wait_ms && env->max_wait_ms < wait ? env->max_wait_ms : wait;
}

struct case_run {
    const run_env *env;
    const plan_case *pc;
    arena scratch;
    run_observe obs;
    run_vars vars;
    run_text tx; /* every byte sent, raw */
    const plan_step *step;
    const char **globs; /* the step's line globs, ${} substituted */
    size_t urcs_before; /* URCs seen before the step began */
    size_t urc_match;   /* a URC step: the URC it took */
    verdict v;
    const char *reason;
    uint64_t mismatch; /* in the received bytes, or UINT64_MAX */
    bool resync;
};

/* ---- outcomes ---- */

/* The case ends as V for the reason FMT, going wrong at byte AT of what came back; false, to return. */
__attribute__((format(printf, 4, 5))) static bool finish(case_run *c, verdict v, uint64_t at, const char *fmt, ...)
{
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (c->reason)
        return false; /* the first reason stands: a later one (a cleanup step's) is its consequence */
    c->v = v;
    c->reason = arena_strdup(&c->scratch, text);
    c->mismatch = at;
    return false;
}

static bool gone(case_run *c)
{
    return finish(c, VERDICT_ERROR, c->obs.rx.len, "%s", c->env->link->gone_why);
}

/* ---- bytes both ways ---- */

static bool send_bytes(case_run *c, const char *bytes, size_t n)
{
    run_text_append(&c->tx, bytes, n);
    return run_link_write(c->env->link, bytes, n);
}

/* LINE and its CR in one write: a module that echoes as bytes come gets no gap for a URC inside the echo. */
static bool send_line(case_run *c, const char *line)
{
    size_t n = strlen(line);
    char *with_cr = arena_alloc(&c->scratch, n + 2);
    memcpy(with_cr, line, n);
    with_cr[n] = '\r';
    return send_bytes(c, with_cr, n + 1);
}

static wait_end wait_for(case_run *c, bool (*done)(case_run *), int64_t deadline)
{
    char buf[4096];
    while (!done(c)) {
        if (run_now_ms() >= deadline)
            return WAIT_TIMEOUT; /* even when bytes keep coming: a flood of noise ends too */
        ssize_t got = run_link_read(c->env->link, buf, sizeof buf, deadline);
        if (got < 0)
            return WAIT_GONE;
        if (got == 0)
            return WAIT_TIMEOUT;
        run_observe_feed(&c->obs, buf, (size_t)got);
    }
    return WAIT_DONE;
}

static bool final_seen(case_run *c) { return c->obs.final != NULL; }
static bool final_or_prompt(case_run *c) { return c->obs.final || c->obs.prompt; }

/* ---- ${} ---- */

static char *subst(case_run *c, const char *text)
{
    char unknown[64];
    char *s = run_vars_subst(&c->vars, text, unknown, sizeof unknown);
    if (!s)
        finish(c, VERDICT_ERROR, UINT64_MAX, "${%s} is not defined here (not captured by an earlier step%s)", unknown,
               c->env->echo_host ? "" : ", or no echo peer");
    return s;
}

static bool subst_globs(case_run *c, const plan_step *st)
{
    c->globs = arena_array(&c->scratch, st->n_lines + 1, sizeof *c->globs);
    for (size_t i = 0; i < st->n_lines; i++)
        if (!(c->globs[i] = subst(c, st->lines[i])))
            return false;
    return true;
}

/* ---- judging a step ---- */

static bool captures(case_run *c, const plan_step *st, const run_field *fields, size_t n, uint64_t at)
{
    for (size_t i = 0; i < st->n_capture; i++) {
        const char *spec = st->capture[i], *eq = strchr(spec, '=');
        const char *param = eq ? eq + 1 : spec; /* "var=param", or "param" for both */
        int name_len = (int)(eq ? (size_t)(eq - spec) : strlen(spec));
        const char *value = run_field_value(fields, n, param, strlen(param));
        if (!value)
            return finish(c, VERDICT_FAIL, at, "no <%s> in the answer to capture as ${%.*s} [%s]", param, name_len,
                          spec, c->pc->section);
        if (!run_vars_set(&c->vars, spec, (size_t)name_len, value))
            return finish(c, VERDICT_ERROR, at, "too many captured values (at most %d)", RUN_MAX_VARS);
    }
    return true;
}

static bool payload_equal(case_run *c, const plan_step *st, const run_text *got, uint64_t at)
{
    if (!st->payload)
        return true;
    size_t n = got->len < st->payload_len ? got->len : st->payload_len, i = 0;
    while (i < n && got->s[i] == st->payload[i])
        i++;
    if (i == n && got->len == st->payload_len)
        return true;
    return finish(c, VERDICT_FAIL, at + i, "payload of %zu bytes differs from the %zu bytes expected at byte %zu [%s]",
                  got->len, st->payload_len, i, c->pc->section);
}

static bool no_violation(case_run *c)
{
    return !c->obs.violation || finish(c, VERDICT_FAIL, c->obs.violation_at, "%s", c->obs.violation);
}

static bool final_accepted(case_run *c, const plan_step *st)
{
    const char *got = c->obs.final->name;
    for (size_t i = 0; i < st->n_accept; i++)
        if (strcmp(st->accept[i], got) == 0)
            return true;
    if (!st->n_accept)
        return true;
    char want[256] = "";
    for (size_t i = 0; i < st->n_accept; i++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", i ? " or " : "", st->accept[i]);
    return finish(c, VERDICT_FAIL, c->obs.final_at, "result code %s where %s was expected [%s]", got, want,
                  c->pc->section);
}

/* S without its spaces, in the case's scratch arena. */
static char *despaced(case_run *c, const char *s)
{
    char *out = arena_strdup(&c->scratch, s), *w = out;
    for (const char *r = s; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    return out;
}

/* A line's glob says what values come; a line read under an erratum (3.3's "+QIRD:5", trailing spaces) is
 * compared without spaces, its spacing being the erratum's business, reported as the deviation. */
static bool line_matches(case_run *c, const char *glob, const char *line, bool deviant)
{
    return fnmatch(glob, line, 0) == 0 || (deviant && fnmatch(despaced(c, glob), despaced(c, line), 0) == 0);
}

static bool lines_present(case_run *c, const plan_step *st)
{
    for (size_t i = 0; i < st->n_lines; i++) {
        size_t k = 0;
        while (k < c->obs.n_lines && !line_matches(c, c->globs[i], c->obs.lines[k].text, c->obs.lines[k].deviant))
            k++;
        if (k == c->obs.n_lines)
            return finish(c, VERDICT_FAIL, c->obs.final_at, "no line matching \"%s\" before %s [%s]", c->globs[i],
                          c->obs.final->name, c->pc->section);
    }
    return true;
}

static bool judge_send(case_run *c, const plan_step *st)
{
    return no_violation(c) && final_accepted(c, st) && lines_present(c, st) &&
           payload_equal(c, st, &c->obs.payload, c->obs.payload_at) &&
           captures(c, st, c->obs.fields, c->obs.n_fields, c->obs.final_at);
}

/* ---- a step that timed out ---- */

/* What came instead, for the reason: "; a URC came instead: RDY". */
static const char *instead(case_run *c)
{
    if (c->obs.n_urcs == c->urcs_before)
        return "";
    char text[256];
    snprintf(text, sizeof text, "; a URC came instead: %s", c->obs.urcs[c->obs.n_urcs - 1].line);
    return arena_strdup(&c->scratch, text);
}

/* No result code within the step's time: wait as long again for a late one, to tell late from silent and leave
 * the device in step. */
static bool late(case_run *c, const plan_step *st, const char *line, int64_t started)
{
    wait_end w = wait_for(c, final_seen, run_now_ms() + step_wait_ms(c->env, st));
    c->resync = w != WAIT_DONE; /* a late answer that came leaves the device in step */
    if (w == WAIT_GONE)
        return gone(c);
    if (w == WAIT_DONE)
        return finish(c, VERDICT_FAIL, c->obs.final_at, "%s answered %s after %lld ms, over its %u ms [%s]", line,
                      c->obs.final->name, (long long)(run_now_ms() - started), step_wait_ms(c->env, st), c->pc->section);
    return finish(c, VERDICT_FAIL, c->obs.rx.len, "timeout: no result code for %s within %u ms%s [%s]", line,
                  step_wait_ms(c->env, st), instead(c), c->pc->section);
}

/* ---- the steps ---- */

static bool send_data(case_run *c, const plan_step *st)
{
    if (st->data && !send_bytes(c, st->data, st->data_len))
        return false;
    return !st->data_ctrl_z || send_bytes(c, CTRL_Z, 1);
}

static bool run_send(case_run *c, const plan_step *st)
{
    char *line = subst(c, st->send);
    if (!line || !subst_globs(c, st))
        return false;
    run_observe_command(&c->obs, line, strlen(line));
    if (!send_line(c, line))
        return gone(c);
    int64_t started = run_now_ms(), deadline = started + step_wait_ms(c->env, st);
    wait_end w = wait_for(c, final_or_prompt, deadline);
    if (w == WAIT_DONE && !c->obs.final) {
        if (!send_data(c, st))
            return gone(c);
        w = wait_for(c, final_seen, deadline);
    }
    if (w == WAIT_GONE)
        return gone(c);
    return w == WAIT_TIMEOUT ? late(c, st, line, started) : judge_send(c, st);
}

static bool urc_matches(case_run *c, const run_seen_urc *u)
{
    if (u->claimed || strcmp(u->urc->name, c->step->urc) != 0)
        return false;
    for (size_t i = 0; i < c->step->n_lines; i++)
        if (!line_matches(c, c->globs[i], u->line, u->deviant))
            return false;
    return true;
}

/* A URC step is done when its URC came, with all of its payload. */
static bool urc_ready(case_run *c)
{
    for (size_t i = 0; i < c->obs.n_urcs; i++)
        if (urc_matches(c, &c->obs.urcs[i]) && (i + 1 < c->obs.n_urcs || !qat_stream_payload_pending(&c->obs.s))) {
            c->urc_match = i;
            return true;
        }
    return false;
}

static const char *urc_section(case_run *c, const char *name)
{
    const qat_urc *u = qat_spec_urc(c->env->spec->spec, name);
    return u ? u->section : c->pc->section;
}

static bool run_urc(case_run *c, const plan_step *st)
{
    if (!subst_globs(c, st))
        return false;
    wait_end w = wait_for(c, urc_ready, run_now_ms() + step_wait_ms(c->env, st));
    if (w == WAIT_GONE)
        return gone(c);
    if (w == WAIT_TIMEOUT)
        return finish(c, VERDICT_FAIL, c->obs.rx.len, "timeout: no URC %s%s%s within %u ms [%s]", st->urc,
                      st->n_lines ? " matching " : "", st->n_lines ? c->globs[0] : "", step_wait_ms(c->env, st),
                      urc_section(c, st->urc));
    run_seen_urc *u = &c->obs.urcs[c->urc_match];
    u->claimed = true;
    return no_violation(c) && payload_equal(c, st, &u->payload, u->offset + strlen(u->line) + 2) &&
           captures(c, st, u->fields, u->n_fields, u->offset);
}

/* After a failure the case's remaining command lines are still sent, unjudged, for what they restore (ATV1 after
 * ATV0, ATE1 after ATE0): each waits for its result code within its time, then the next goes. */
static void cleanup_step(case_run *c, const plan_step *st)
{
    char unknown[64];
    char *line = run_vars_subst(&c->vars, st->send, unknown, sizeof unknown);
    if (!line)
        return;
    run_observe_step(&c->obs);
    run_observe_command(&c->obs, line, strlen(line));
    if (!send_line(c, line))
        return;
    int64_t deadline = run_now_ms() + step_wait_ms(c->env, st);
    wait_end w = wait_for(c, final_or_prompt, deadline);
    if (w == WAIT_DONE && !c->obs.final && send_data(c, st))
        w = wait_for(c, final_seen, deadline);
    c->resync |= w != WAIT_DONE;
}

static bool run_step(case_run *c, const plan_step *st)
{
    c->step = st;
    c->urcs_before = c->obs.n_urcs;
    run_observe_step(&c->obs);
    return st->kind == PLAN_STEP_SEND ? run_send(c, st) : run_urc(c, st);
}

/* ---- the case's texts ---- */

static void describe_step(run_text *t, const plan_step *st)
{
    if (t->len)
        run_text_append(t, "\n", 1);
    if (st->kind == PLAN_STEP_SEND) {
        run_text_appendf(t, "%s ->", st->send);
        for (size_t i = 0; i < st->n_accept; i++)
            run_text_appendf(t, "%s %s", i ? " or" : "", st->accept[i]);
        if (st->data)
            run_text_appendf(t, "; after the prompt %zu bytes of data%s", st->data_len, st->data_ctrl_z ? " and Ctrl-Z" : "");
    } else {
        run_text_appendf(t, "URC %s", st->urc);
    }
    for (size_t i = 0; i < st->n_lines; i++)
        run_text_appendf(t, "; a line \"%s\"", st->lines[i]);
    if (st->payload)
        run_text_appendf(t, "; payload of %zu bytes", st->payload_len);
    for (size_t i = 0; i < st->n_capture; i++)
        run_text_appendf(t, "; capture %s", st->capture[i]);
    run_text_appendf(t, " (within %u ms)", st->timeout_ms);
}

static char *keep(arena *out, run_text *t)
{
    char *s = run_text_take(t);
    char *copy = arena_strdup(out, s);
    free(s);
    return copy;
}

static void fill_result(case_run *c, arena *out, case_result *r)
{
    run_text sent = {0}, expected = {0}, observed = {0};
    run_text_escape(&sent, c->tx.s ? c->tx.s : "", c->tx.len, false);
    for (size_t i = 0; i < c->pc->n_steps; i++)
        describe_step(&expected, &c->pc->steps[i]);
    run_text_escape(&observed, c->obs.rx.s ? c->obs.rx.s : "", c->obs.rx.len, true);
    r->sent = keep(out, &sent);
    r->expected = keep(out, &expected);
    r->observed = keep(out, &observed);
    r->reason = c->reason ? arena_strdup(out, c->reason) : NULL;
    r->errata = arena_copy(out, c->obs.errata, c->obs.n_errata, sizeof *c->obs.errata);
    r->n_errata = c->obs.n_errata;
    uint64_t at = c->mismatch < c->obs.rx.len ? c->mismatch : c->obs.rx.len;
    r->mismatch_at = c->mismatch == UINT64_MAX ? (size_t)-1 : run_escaped_len(c->obs.rx.s, (size_t)at, true);
}

static void provide_echo_peer(case_run *c)
{
    if (!c->env->echo_host)
        return;
    char port[8];
    snprintf(port, sizeof port, "%u", c->env->echo_port);
    run_vars_set(&c->vars, "echo_host", 9, c->env->echo_host);
    run_vars_set(&c->vars, "echo_port", 9, port);
}

bool run_exec_case(const run_env *env, const plan_case *pc, arena *out, case_result *r)
{
    int64_t started = run_now_us();
    case_run c = {.env = env, .pc = pc, .v = VERDICT_PASS, .mismatch = UINT64_MAX};
    c.vars.a = &c.scratch;
    run_observe_init(&c.obs, env->spec, &c.scratch);
    provide_echo_peer(&c);
    if (env->link->log)
        run_transcript_note(env->link->log, "case %s (%s)  %s", pc->id, plan_kind_name(pc->kind), pc->title ? pc->title : "");
    bool ok = true;
    for (size_t i = 0; i < pc->n_steps && !env->link->gone; i++) {
        if (ok)
            ok = run_step(&c, &pc->steps[i]);
        else if (pc->steps[i].kind == PLAN_STEP_SEND)
            cleanup_step(&c, &pc->steps[i]);
    }
    if (ok && c.obs.n_errata)
        c.v = VERDICT_DEVIATION;
    if (c.v == VERDICT_FAIL && pc->informational)
        c.v = VERDICT_INFORMATIONAL; /* a standard command the manual does not require: noted, not scored */
    memset(r, 0, sizeof *r);
    r->pc = pc;
    r->v = c.v;
    fill_result(&c, out, r);
    r->duration_ms = (double)(run_now_us() - started) / 1000.0;
    run_observe_free(&c.obs);
    free(c.tx.s);
    arena_free(&c.scratch);
    return c.resync || env->link->gone;
}

/* ---- resync ---- */

/* One try: PREFIX sent, a successful result code back within RESYNC_WAIT_MS (however malformed its framing: the
 * device is in step, which is all a resync asks). */
static bool resync_once(const run_env *env, const char *prefix)
{
    arena scratch = {0};
    run_observe *o = malloc(sizeof *o);
    if (!o)
        return false;
    run_observe_init(o, env->spec, &scratch);
    run_observe_command(o, prefix, strlen(prefix));
    char line[64];
    int n = snprintf(line, sizeof line, "%s\r", prefix);
    bool sent = n > 0 && (size_t)n < sizeof line && run_link_write(env->link, line, (size_t)n);
    int64_t deadline = run_now_ms() + RESYNC_WAIT_MS;
    char buf[4096];
    ssize_t got = 0;
    while (sent && !o->final && run_now_ms() < deadline &&
           (got = run_link_read(env->link, buf, sizeof buf, deadline)) > 0)
        run_observe_feed(o, buf, (size_t)got);
    bool clean = o->final && o->final->success;
    run_observe_free(o);
    free(o);
    arena_free(&scratch);
    return clean;
}

bool run_exec_resync(const run_env *env)
{
    const qat_grammar_item *prefixes = env->spec->rules.prefixes;
    if (!prefixes || !prefixes->n_values) {
        run_link_mark_gone(env->link, "the spec names no command-line prefix to resync with");
        return false;
    }
    const char *prefix = prefixes->values[0];
    if (env->link->log)
        run_transcript_note(env->link->log, "resync: %s until it is answered", prefix);
    for (int i = 0; i < RESYNC_TRIES && !env->link->gone; i++)
        if (resync_once(env, prefix))
            return true;
    if (!env->link->gone) {
        char why[96];
        snprintf(why, sizeof why, "no answer to %s in %d tries of %d ms", prefix, RESYNC_TRIES, RESYNC_WAIT_MS);
        run_link_mark_gone(env->link, why);
    }
    return false;
}
