/* spec/lint_examples.c — runs each example of the spec through the plain-session reader and the stream parser.
 * What the example shows must be exactly what its `errata:` list says: no violation, no other deviation. */
#include "spec.h"
#include "lint_scenarios.h"
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One example being checked: where to report, and which of the errata it names have shown. */
typedef struct {
    const qat_example *ex;
    const char *owner; /* "AT+CSQ (form exec)", "URC qiopen", "rule concatenation" */
    diag_list *d;
    bool *seen; /* per entry of ex->errata */
} example_run;

static void report(const example_run *x, const char *fmt, ...) DIAG_PRINTF(2, 3);

static void report(const example_run *x, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    diag_add(x->d, x->ex->loc.file, x->ex->loc.line, x->ex->loc.col, "example of %s: %s", x->owner, what);
}

/* The index of erratum ID in the example's list, or SIZE_MAX. */
static size_t named_at(const qat_example *ex, const char *id)
{
    for (size_t i = 0; i < ex->n_errata; i++)
        if (strcmp(ex->errata[i], id) == 0)
            return i;
    return SIZE_MAX;
}

static void on_event(void *user, const qat_event *ev, uint64_t line)
{
    const example_run *x = user;
    char text[DIAG_EXCERPT];
    unsigned long long at = (unsigned long long)line;
    if (transcript_is_violation(ev)) {
        report(x, "line %llu: [%s] %s: %s", at, transcript_event_section(ev), qat_violation_name(ev->violation),
               ev->message);
    } else if (transcript_is_deviation(ev)) {
        size_t i = named_at(x->ex, ev->erratum);
        if (i != SIZE_MAX)
            x->seen[i] = true;
        else
            report(x, "line %llu: [%s] deviation under erratum %s, which the example does not name: \"%s\"", at,
                   transcript_event_section(ev), ev->erratum,
                   diag_excerpt(text, sizeof text, ev->text ? ev->text : "", ev->text ? ev->len : 0));
    }
}

static void check_example(const qat_compiled *c, diag_list *d, const qat_example *ex, const char *owner)
{
    bool *seen = calloc(ex->n_errata ? ex->n_errata : 1, sizeof *seen);
    if (!seen) {
        diag_add(d, ex->loc.file, ex->loc.line, ex->loc.col, "out of memory");
        return;
    }
    example_run x = {ex, owner, d, seen};
    transcript_counts counts;
    transcript_read(c, ex->transcript, strlen(ex->transcript), TRANSCRIPT_PLAIN, on_event, &x, &counts);
    for (size_t i = 0; i < ex->n_errata; i++)
        if (!seen[i])
            report(&x, "erratum %s does not show in the transcript (a stale entry of errata:)", ex->errata[i]);
    free(seen);
}

static void check_examples(const qat_compiled *c, diag_list *d, const qat_example *ex, size_t n, const char *kind,
                           const char *name)
{
    for (size_t i = 0; i < n; i++) {
        char owner[256];
        if (ex[i].form)
            snprintf(owner, sizeof owner, "%s%s (form %s)", kind, name, ex[i].form);
        else
            snprintf(owner, sizeof owner, "%s%s", kind, name);
        check_example(c, d, &ex[i], owner);
    }
}

/* A spec lint accepted that still does not compile: say where, as near as the origins allow. */
static void report_compile_error(const spec_loaded *s, diag_list *d, const qat_spec_compile_error *err)
{
    char why[512];
    spec_compile_error_text(err, why, sizeof why);
    const spec_origin *o = err->pattern ? spec_origin_of(s, err->pattern) : NULL;
    if (o)
        diag_add(d, o->file, o->node->line, o->node->col, "the spec does not compile: %s", why);
    else
        diag_add(d, s->dir, 0, 0, "the spec does not compile: %s", why);
}

void lint_examples(const spec_loaded *s, diag_list *d)
{
    const qat_spec *spec = &s->spec;
    qat_compiled c;
    qat_spec_compile_error err;
    void *mem;
    if (!spec_compile(spec, &c, &mem, &err)) {
        report_compile_error(s, d, &err);
        free(mem);
        return;
    }
    for (size_t i = 0; i < spec->n_commands; i++)
        check_examples(&c, d, spec->commands[i].examples, spec->commands[i].n_examples, "", spec->commands[i].name);
    for (size_t i = 0; i < spec->n_urcs; i++)
        check_examples(&c, d, spec->urcs[i].examples, spec->urcs[i].n_examples, "URC ", spec->urcs[i].name);
    for (size_t i = 0; i < spec->n_rules; i++)
        check_examples(&c, d, spec->rules[i].examples, spec->rules[i].n_examples, "rule ", spec->rules[i].name);
    lint_scenarios(s, &c, d); /* it needs the compiled spec too */
    free(mem);
}
