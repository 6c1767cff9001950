/* report/junit.c — junit.xml for CI tools, valid against the Ant/Jenkins JUnit schema (tests/report/JUnit.xsd):
 * one <testsuite> per manual chapter, <failure> for fail and <error> for error kept apart, <skipped> for skip.
 * libxml2's xmlTextWriter does all escaping; report_text_clean removes what XML 1.0 cannot hold at all. */
#include "report.h"
#include "files.h"
#include "tables.h"
#include "text.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool attr(xmlTextWriterPtr w, const char *name, const char *value)
{
    char *clean = report_text_clean_str(value, REPORT_TEXT_MARKUP);
    bool ok = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST clean) >= 0;
    free(clean);
    return ok;
}

static bool attr_num(xmlTextWriterPtr w, const char *name, const char *fmt, double value)
{
    char text[64];
    snprintf(text, sizeof text, fmt, value);
    return attr(w, name, text);
}

static bool text(xmlTextWriterPtr w, const char *s)
{
    char *clean = report_text_clean_str(s, REPORT_TEXT_MARKUP);
    bool ok = xmlTextWriterWriteString(w, BAD_CAST clean) >= 0;
    free(clean);
    return ok;
}

static bool start(xmlTextWriterPtr w, const char *element)
{
    return xmlTextWriterStartElement(w, BAD_CAST element) >= 0;
}

static bool end(xmlTextWriterPtr w)
{
    return xmlTextWriterEndElement(w) >= 0;
}

static bool property(xmlTextWriterPtr w, const char *name, const char *value)
{
    return start(w, "property") && attr(w, "name", name) && attr(w, "value", value ? value : "") && end(w);
}

static bool properties(xmlTextWriterPtr w, const run_result *r, const report_group *chapter)
{
    char score[32], strict[32];
    report_score_text(chapter->score.score, score, sizeof score);
    report_score_text(chapter->score.strict_score, strict, sizeof strict);
    return start(w, "properties") && property(w, "run_id", r->run_id) && property(w, "target", r->target) &&
           property(w, "spec_dir", r->spec_dir) && property(w, "manual", r->manual) &&
           property(w, "qatspec_version", r->qatspec_version) && property(w, "chapter_title", chapter->title) &&
           property(w, "score", chapter->score.weight_run > 0 ? score : "") &&
           property(w, "strict_score", chapter->score.weight_run > 0 ? strict : "") && end(w);
}

/* What a person needs to see why a case did not pass: what was sent, expected and observed. */
static bool case_details(xmlTextWriterPtr w, const case_result *c)
{
    return text(w, "sent: ") && text(w, c->sent) && text(w, "\nexpected: ") && text(w, c->expected) &&
           text(w, "\nobserved: ") && text(w, c->observed) && text(w, "\n");
}

/* <failure>, <error> or <skipped> under a testcase; nothing for pass and deviation. */
static bool outcome(xmlTextWriterPtr w, const case_result *c)
{
    const char *reason = c->reason ? c->reason : verdict_name(c->v);
    switch (c->v) {
    case VERDICT_FAIL:
    case VERDICT_ERROR:
        return start(w, c->v == VERDICT_FAIL ? "failure" : "error") && attr(w, "message", reason) &&
               attr(w, "type", verdict_name(c->v)) && case_details(w, c) && end(w);
    case VERDICT_SKIP:
    case VERDICT_INFORMATIONAL:
        return start(w, "skipped") && attr(w, "message", reason) && end(w);
    default:
        return true;
    }
}

/* "qat.2.AT+CSQ": the chapter as the package and the command (or the section) as the class, as CI tools group. */
static void classname(const case_result *c, const char *chapter, char *out, size_t size)
{
    const char *what = c->pc->command;
    char section[64];
    if (!what) {
        snprintf(section, sizeof section, "s%s", c->pc->section ? c->pc->section : "");
        for (char *p = section; *p; p++)
            *p = *p == '.' ? '_' : *p;
        what = section;
    }
    snprintf(out, size, "qat.%s.%s", chapter, what);
}

static bool testcase(xmlTextWriterPtr w, const case_result *c, const char *chapter)
{
    char name[512], cls[256];
    snprintf(name, sizeof name, "%s %s", c->pc->id, c->pc->title ? c->pc->title : "");
    classname(c, chapter, cls, sizeof cls);
    return start(w, "testcase") && attr(w, "name", name) && attr(w, "classname", cls) &&
           attr_num(w, "time", "%.3f", c->duration_ms / 1000.0) && outcome(w, c) && end(w);
}

/* "  erratum ID: title", then its documented and deviation readings when the spec has it. */
static bool erratum_note(xmlTextWriterPtr w, const run_result *r, const char *id)
{
    const qat_erratum *e = report_erratum(r, id);
    if (!e)
        return text(w, "  erratum ") && text(w, id) && text(w, "\n");
    return text(w, "  erratum ") && text(w, id) && text(w, ": ") && text(w, e->title) &&
           text(w, "\n    documented: ") && text(w, e->documented) && text(w, "\n    deviation: ") &&
           text(w, e->deviation) && text(w, "\n");
}

/* The testsuite's <system-out>: each deviation and the erratum it matched, with both readings. The schema has no
 * per-testcase output, so the notes of a chapter's deviations are gathered here. */
static bool deviation_notes(xmlTextWriterPtr w, const run_result *r, const char *chapter)
{
    bool ok = start(w, "system-out");
    char ch[64];
    for (size_t i = 0; ok && i < r->n_results; i++) {
        const case_result *c = &r->results[i];
        report_chapter_of(c, ch, sizeof ch);
        if (c->v != VERDICT_DEVIATION || strcmp(ch, chapter) != 0)
            continue;
        ok = text(w, c->pc->id) && text(w, ": deviation (passes leniently, fails strictly)\n");
        for (size_t k = 0; ok && k < c->n_errata; k++)
            ok = erratum_note(w, r, c->errata[k]);
    }
    return ok && end(w);
}

static double chapter_seconds(const run_result *r, const char *chapter)
{
    double ms = 0;
    char ch[64];
    for (size_t i = 0; i < r->n_results; i++) {
        report_chapter_of(&r->results[i], ch, sizeof ch);
        ms += strcmp(ch, chapter) == 0 ? r->results[i].duration_ms : 0;
    }
    return ms / 1000.0;
}

static bool testsuite(xmlTextWriterPtr w, const run_result *r, const report_group *g, size_t id)
{
    char name[512], stamp[32], host[256] = "localhost", ch[64];
    snprintf(name, sizeof name, "chapter %s%s%s", g->key, g->title ? ": " : "", g->title ? g->title : "");
    report_time_iso(r->started_unix_ms, true, stamp, sizeof stamp);
    if (gethostname(host, sizeof host - 1) != 0 || !host[0])
        strcpy(host, "localhost");
    bool ok = start(w, "testsuite") && attr(w, "name", name) && attr(w, "package", "qatspec") &&
              attr_num(w, "id", "%.0f", (double)id) && attr(w, "timestamp", stamp) && attr(w, "hostname", host) &&
              attr_num(w, "tests", "%.0f", (double)g->n_cases) &&
              attr_num(w, "failures", "%.0f", g->score.run[VERDICT_FAIL]) &&
              attr_num(w, "errors", "%.0f", g->score.run[VERDICT_ERROR]) &&
              attr_num(w, "skipped", "%.0f", g->score.run[VERDICT_SKIP] + g->score.run[VERDICT_INFORMATIONAL]) &&
              attr_num(w, "time", "%.3f", chapter_seconds(r, g->key)) && properties(w, r, g);
    for (size_t i = 0; ok && i < r->n_results; i++) {
        report_chapter_of(&r->results[i], ch, sizeof ch);
        ok = strcmp(ch, g->key) != 0 || testcase(w, &r->results[i], g->key);
    }
    return ok && deviation_notes(w, r, g->key) && start(w, "system-err") && end(w) && end(w);
}

static bool write_document(xmlTextWriterPtr w, const run_result *r)
{
    report_groups chapters = report_groups_make(r, REPORT_BY_CHAPTER);
    bool ok = xmlTextWriterSetIndent(w, 1) >= 0 && xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) >= 0 &&
              start(w, "testsuites");
    for (size_t i = 0; ok && i < chapters.n; i++)
        ok = testsuite(w, r, &chapters.items[i], i);
    report_groups_free(&chapters);
    return ok && xmlTextWriterEndDocument(w) >= 0;
}

bool report_write_junit(const run_result *r, const char *dir, char *err, size_t err_size)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    bool ok = w && write_document(w, r);
    xmlFreeTextWriter(w); /* flushes into BUF */
    if (ok)
        ok = report_save(dir, "junit.xml", xmlBufferContent(buf), (size_t)xmlBufferLength(buf), err, err_size);
    else
        snprintf(err, err_size, "%s/junit.xml: the XML writer failed (out of memory)", dir);
    xmlBufferFree(buf);
    return ok;
}
