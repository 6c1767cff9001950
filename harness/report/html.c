/* report/html.c — report.html: the template (reports/template/report.html, compiled in) with its holes filled.
 * Every piece of run data goes through html_text, the one escaping function (& < > " ' as entities, after
 * report_text_clean). A fixed page with holes reads best as HTML itself; libxml2's HTML serializer would need the
 * page rebuilt as a tree in C, harder to read and to change than a template and one five-character escape. */
#include "report.h"
#include "files.h"
#include "tables.h"
#include "template.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *out;
    const run_result *r;
    report_groups chapters;
} page;

static void html_text_n(FILE *out, const char *s, size_t n)
{
    char *clean = report_text_clean(s, n, REPORT_TEXT_MARKUP);
    for (const char *p = clean; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out);
        }
    }
    free(clean);
}

static void html_text(FILE *out, const char *s)
{
    html_text_n(out, s, s ? strlen(s) : 0);
}

static void html_score(FILE *out, const run_score *s)
{
    char text[32];
    report_score_text(s->score, text, sizeof text);
    fputs(text, out);
}

static void html_strict_score(FILE *out, const run_score *s)
{
    char text[32];
    report_score_text(s->strict_score, text, sizeof text);
    fputs(text, out);
}

static void html_time(FILE *out, int64_t unix_ms)
{
    char stamp[40];
    report_time_iso(unix_ms, false, stamp, sizeof stamp);
    fputs(stamp, out);
}

/* OBSERVED with the part from the mismatch on in <mark> (moved back to a whole UTF-8 character). */
static void html_observed(FILE *out, const case_result *c)
{
    size_t len = c->observed ? strlen(c->observed) : 0;
    if (c->v != VERDICT_FAIL || c->mismatch_at == (size_t)-1 || c->mismatch_at > len) {
        html_text(out, c->observed);
        return;
    }
    size_t at = report_text_char_start(c->observed, c->mismatch_at);
    html_text_n(out, c->observed, at);
    fputs("<mark>", out);
    if (at < len)
        html_text(out, c->observed + at);
    else
        fputs("(the answer ends here: more was expected)", out);
    fputs("</mark>", out);
}

static void html_erratum(FILE *out, const run_result *r, const char *id)
{
    const qat_erratum *e = report_erratum(r, id);
    fputs("<div class=\"erratum\"><p><b>erratum <code>", out);
    html_text(out, id);
    fputs("</code></b>", out);
    if (e) {
        fputs(" (§", out);
        html_text(out, e->section);
        fputs("): ", out);
        html_text(out, e->title);
        fputs("</p><p>documented (a pass): ", out);
        html_text(out, e->documented);
        fputs("</p><p>deviation (what came): ", out);
        html_text(out, e->deviation);
    }
    fputs("</p></div>\n", out);
}

static void html_field(FILE *out, const char *name, const char *value)
{
    fprintf(out, "<dt>%s</dt><dd><pre>", name);
    html_text(out, value);
    fputs("</pre></dd>\n", out);
}

static void html_case_meta(FILE *out, const case_result *c)
{
    const plan_case *pc = c->pc;
    fputs("<p class=\"meta\">§", out);
    html_text(out, pc->section);
    if (pc->command) {
        fputs(" · ", out);
        html_text(out, pc->command);
    }
    fprintf(out, " · %s · %s · %s · %.1f ms</p>\n", plan_kind_name(pc->kind), qat_safety_name(pc->safety),
            plan_weight_name(pc->weight), c->duration_ms);
}

static void html_case(FILE *out, const run_result *r, const case_result *c)
{
    const char *v = verdict_name(c->v);
    fprintf(out, "<details class=\"case v-%s\" id=\"", v);
    html_text(out, c->pc->id);
    fprintf(out, "\"%s><summary><span class=\"verdict\">%s</span> <code>", c->v == VERDICT_PASS ? "" : " open", v);
    html_text(out, c->pc->id);
    fputs("</code> ", out);
    html_text(out, c->pc->title);
    fputs("</summary>\n<p class=\"requirement\">", out);
    html_text(out, c->pc->requirement);
    fputs("</p>\n", out);
    html_case_meta(out, c);
    if (c->reason) {
        fputs("<p class=\"reason\">", out);
        html_text(out, c->reason);
        fputs("</p>\n", out);
    }
    fputs("<dl>\n", out);
    html_field(out, "sent", c->sent);
    html_field(out, "expected", c->expected);
    fputs("<dt>observed</dt><dd><pre>", out);
    html_observed(out, c);
    fputs("</pre></dd>\n</dl>\n", out);
    for (size_t i = 0; i < c->n_errata; i++)
        html_erratum(out, r, c->errata[i]);
    fputs("</details>\n", out);
}

/* BEFORE, the chapter's key (the end of an id "chapter-2"), BETWEEN, then its name: "2: 基本命令 — basic commands". */
static void html_chapter_anchor(FILE *out, const char *before, const report_group *g, const char *between)
{
    fputs(before, out);
    html_text(out, g->key);
    fputs(between, out);
    html_text(out, g->key);
    if (g->title) {
        fputs(": ", out);
        html_text(out, g->title);
    }
}

static void html_group_scores(FILE *out, const run_score *s)
{
    if (s->weight_run <= 0) {
        fputs("<td class=\"n\">—</td><td class=\"n\">—</td>", out);
        return;
    }
    fputs("<td class=\"n\">", out);
    html_score(out, s);
    fputs(" %</td><td class=\"n\">", out);
    html_strict_score(out, s);
    fputs(" %</td>", out);
}

static void hole_chapter_rows(page *p)
{
    for (size_t i = 0; i < p->chapters.n; i++) {
        const report_group *g = &p->chapters.items[i];
        html_chapter_anchor(p->out, "<tr><td><a href=\"#chapter-", g, "\">");
        fprintf(p->out, "</a></td><td class=\"n\">%zu</td>", g->n_cases);
        for (verdict v = 0; v < VERDICT_COUNT; v++)
            fprintf(p->out, "<td class=\"n\">%u</td>", (unsigned)g->score.run[v]);
        html_group_scores(p->out, &g->score);
        fputs("</tr>\n", p->out);
    }
}

static void hole_chapters(page *p)
{
    char chapter[64];
    for (size_t i = 0; i < p->chapters.n; i++) {
        const report_group *g = &p->chapters.items[i];
        html_chapter_anchor(p->out, "<section id=\"chapter-", g, "\">\n<h2>Chapter ");
        fputs("</h2>\n", p->out);
        for (size_t k = 0; k < p->r->n_results; k++) {
            report_chapter_of(&p->r->results[k], chapter, sizeof chapter);
            if (strcmp(chapter, g->key) == 0)
                html_case(p->out, p->r, &p->r->results[k]);
        }
        fputs("</section>\n", p->out);
    }
}

static void hole_verdict_headers(page *p)
{
    for (verdict v = 0; v < VERDICT_COUNT; v++)
        fprintf(p->out, "<th class=\"v-%s\">%s</th>", verdict_name(v), verdict_name(v));
}

static void hole_summary(page *p)
{
    char line[512];
    report_summary_line(p->r, line, sizeof line);
    html_text(p->out, line);
}

static void hole_device_gone(page *p)
{
    if (p->r->device_gone)
        fputs("<p class=\"gone\">The device went away during the run: this report is partial, and the cases not "
              "reached are skipped.</p>",
              p->out);
}

static void hole_score(page *p) { html_score(p->out, &p->r->score); }
static void hole_strict_score(page *p) { html_strict_score(p->out, &p->r->score); }
static void hole_target(page *p) { html_text(p->out, p->r->target); }
static void hole_run_id(page *p) { html_text(p->out, p->r->run_id); }
static void hole_manual(page *p) { html_text(p->out, p->r->manual); }
static void hole_spec_dir(page *p) { html_text(p->out, p->r->spec_dir); }
static void hole_version(page *p) { html_text(p->out, p->r->qatspec_version); }
static void hole_started(page *p) { html_time(p->out, p->r->started_unix_ms); }
static void hole_finished(page *p) { html_time(p->out, p->r->finished_unix_ms); }

static const struct {
    const char *name;
    void (*fill)(page *p);
} holes[] = {
    {"score", hole_score},           {"strict_score", hole_strict_score},
    {"target", hole_target},         {"run_id", hole_run_id},
    {"manual", hole_manual},         {"spec_dir", hole_spec_dir},
    {"qatspec_version", hole_version}, {"started", hole_started},
    {"finished", hole_finished},     {"device_gone", hole_device_gone},
    {"summary", hole_summary},       {"verdict_headers", hole_verdict_headers},
    {"chapter_rows", hole_chapter_rows}, {"chapters", hole_chapters},
};

/* Fill the hole NAME[0..N); false when the template names no such hole. */
static bool fill_hole(page *p, const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof holes / sizeof holes[0]; i++)
        if (strlen(holes[i].name) == n && memcmp(holes[i].name, name, n) == 0) {
            holes[i].fill(p);
            return true;
        }
    return false;
}

/* The template copied to P's output with each <!--@name--> replaced; false, with ERR, on an unknown hole. */
static bool fill_template(page *p, char *err, size_t err_size)
{
    static const char open[] = "<!--@", close[] = "-->";
    const char *t = report_template_html;
    for (const char *hole; (hole = strstr(t, open)) != NULL;) {
        const char *name = hole + sizeof open - 1;
        const char *end = strstr(name, close);
        fwrite(t, 1, (size_t)(hole - t), p->out);
        if (!end || !fill_hole(p, name, (size_t)(end - name))) {
            snprintf(err, err_size, "report.html's template: unknown hole at \"%.24s\"", hole);
            return false;
        }
        t = end + sizeof close - 1;
    }
    fputs(t, p->out);
    return true;
}

bool report_write_html(const run_result *r, const char *dir, char *err, size_t err_size)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) {
        snprintf(err, err_size, "%s/report.html: %s", dir, strerror(errno));
        return false;
    }
    page p = {out, r, report_groups_make(r, REPORT_BY_CHAPTER)};
    bool ok = fill_template(&p, err, err_size);
    bool stream_ok = !ferror(out);
    stream_ok = fclose(out) == 0 && stream_ok;
    report_groups_free(&p.chapters);
    if (ok && !stream_ok) {
        snprintf(err, err_size, "%s/report.html: out of memory", dir);
        ok = false;
    }
    ok = ok && report_save(dir, "report.html", text, len, err, err_size);
    free(text);
    return ok;
}
