/* report/json.c — report.json: the run's identity, scores, per-chapter and per-command tables and every case,
 * built with cJSON (which escapes); the field names are design.md's, "version" is RUN_REPORT_VERSION. */
#include "report.h"
#include "files.h"
#include "tables.h"
#include "text.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* S as a JSON string (valid UTF-8 whatever the device sent), or null. */
static void add_text(cJSON *obj, const char *name, const char *s)
{
    if (!s) {
        cJSON_AddNullToObject(obj, name);
        return;
    }
    char *clean = report_text_clean_str(s, REPORT_TEXT_JSON);
    cJSON_AddStringToObject(obj, name, clean);
    free(clean);
}

static void add_time(cJSON *obj, const char *name, int64_t unix_ms)
{
    char stamp[40];
    report_time_iso(unix_ms, false, stamp, sizeof stamp);
    cJSON_AddStringToObject(obj, name, stamp);
}

static cJSON *counts_json(const run_score *s)
{
    cJSON *counts = cJSON_CreateObject();
    for (verdict v = 0; v < VERDICT_COUNT; v++)
        cJSON_AddNumberToObject(counts, verdict_name(v), s->run[v]);
    return counts;
}

/* A table row's numbers: cases, counts, weights and both scores (null when nothing of it ran). */
static void add_score(cJSON *obj, const run_score *s, size_t n_cases)
{
    cJSON_AddNumberToObject(obj, "cases", (double)n_cases);
    cJSON_AddItemToObject(obj, "counts", counts_json(s));
    cJSON_AddNumberToObject(obj, "weight_run", s->weight_run);
    cJSON_AddNumberToObject(obj, "weight_pass_lenient", s->weight_pass_lenient);
    cJSON_AddNumberToObject(obj, "weight_pass_strict", s->weight_pass_strict);
    if (s->weight_run > 0) {
        cJSON_AddNumberToObject(obj, "score", s->score);
        cJSON_AddNumberToObject(obj, "strict_score", s->strict_score);
    } else {
        cJSON_AddNullToObject(obj, "score");
        cJSON_AddNullToObject(obj, "strict_score");
    }
}

static cJSON *table_json(const run_result *r, report_grouping by)
{
    report_groups groups = report_groups_make(r, by);
    cJSON *rows = cJSON_CreateArray();
    for (size_t i = 0; i < groups.n; i++) {
        const report_group *g = &groups.items[i];
        cJSON *row = cJSON_CreateObject();
        if (by == REPORT_BY_CHAPTER) {
            add_text(row, "chapter", g->key);
            add_text(row, "title", g->title);
        } else
            add_text(row, "command", g->key[0] ? g->key : NULL);
        add_score(row, &g->score, g->n_cases);
        cJSON_AddItemToArray(rows, row);
    }
    report_groups_free(&groups);
    return rows;
}

/* The errata of a deviation: each id with the erratum's title and its two readings, from the spec. */
static cJSON *errata_json(const run_result *r, const case_result *c)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < c->n_errata; i++) {
        const qat_erratum *e = report_erratum(r, c->errata[i]);
        cJSON *item = cJSON_CreateObject();
        add_text(item, "id", c->errata[i]);
        add_text(item, "section", e ? e->section : NULL);
        add_text(item, "title", e ? e->title : NULL);
        add_text(item, "documented", e ? e->documented : NULL);
        add_text(item, "deviation", e ? e->deviation : NULL);
        cJSON_AddItemToArray(list, item);
    }
    return list;
}

static cJSON *case_json(const run_result *r, const case_result *c)
{
    const plan_case *pc = c->pc;
    cJSON *obj = cJSON_CreateObject();
    add_text(obj, "id", pc->id);
    add_text(obj, "section", pc->section);
    add_text(obj, "command", pc->command);
    add_text(obj, "title", pc->title);
    add_text(obj, "requirement", pc->requirement);
    add_text(obj, "kind", plan_kind_name(pc->kind));
    add_text(obj, "safety", qat_safety_name(pc->safety));
    add_text(obj, "weight", plan_weight_name(pc->weight));
    add_text(obj, "verdict", verdict_name(c->v));
    add_text(obj, "expected", c->expected);
    add_text(obj, "observed", c->observed);
    add_text(obj, "sent", c->sent);
    add_text(obj, "reason", c->reason);
    if (c->mismatch_at != (size_t)-1)
        cJSON_AddNumberToObject(obj, "mismatch_at", (double)c->mismatch_at);
    else
        cJSON_AddNullToObject(obj, "mismatch_at");
    cJSON_AddItemToObject(obj, "errata", errata_json(r, c));
    cJSON_AddNumberToObject(obj, "duration_ms", c->duration_ms);
    return obj;
}

static cJSON *report_json(const run_result *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", RUN_REPORT_VERSION);
    add_text(root, "run_id", r->run_id);
    add_text(root, "target", r->target);
    add_text(root, "spec_dir", r->spec_dir);
    add_text(root, "manual", r->manual);
    add_text(root, "qatspec_version", r->qatspec_version);
    add_time(root, "started", r->started_unix_ms);
    add_time(root, "finished", r->finished_unix_ms);
    cJSON_AddBoolToObject(root, "device_gone", r->device_gone);
    cJSON_AddNumberToObject(root, "score", r->score.score);
    cJSON_AddNumberToObject(root, "strict_score", r->score.strict_score);
    cJSON_AddItemToObject(root, "counts", counts_json(&r->score));
    cJSON_AddNumberToObject(root, "weight_run", r->score.weight_run);
    cJSON_AddNumberToObject(root, "weight_pass_lenient", r->score.weight_pass_lenient);
    cJSON_AddNumberToObject(root, "weight_pass_strict", r->score.weight_pass_strict);
    cJSON_AddItemToObject(root, "chapters", table_json(r, REPORT_BY_CHAPTER));
    cJSON_AddItemToObject(root, "commands", table_json(r, REPORT_BY_COMMAND));
    cJSON *cases = cJSON_AddArrayToObject(root, "cases");
    for (size_t i = 0; i < r->n_results; i++)
        cJSON_AddItemToArray(cases, case_json(r, &r->results[i]));
    return root;
}

bool report_write_json(const run_result *r, const char *dir, char *err, size_t err_size)
{
    cJSON *root = report_json(r);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        snprintf(err, err_size, "%s/report.json: out of memory", dir);
        return false;
    }
    size_t len = strlen(text);
    text[len] = '\n'; /* cJSON_Print's NUL becomes the file's last newline */
    bool ok = report_save(dir, "report.json", text, len + 1, err, err_size);
    free(text);
    return ok;
}
