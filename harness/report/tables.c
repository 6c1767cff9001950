/* report/tables.c — a run's cases grouped by manual chapter and by command; each group's score is computed by
 * run_score_compute over the group's cases, so a table can never weigh cases differently from the whole run. */
#include "tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *checked(void *p)
{
    if (!p) {
        fputs("qatspec: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

void report_chapter_of(const case_result *c, char *out, size_t size)
{
    const char *section = c->pc && c->pc->section ? c->pc->section : "?";
    snprintf(out, size, "%.*s", (int)strcspn(section, "."), section);
}

static void key_of(const case_result *c, report_grouping by, char *out, size_t size)
{
    if (by == REPORT_BY_CHAPTER)
        report_chapter_of(c, out, size);
    else
        snprintf(out, size, "%s", c->pc && c->pc->command ? c->pc->command : "");
}

/* The title of the spec's topic whose section is CHAPTER ("2" -> "基本命令 — basic commands"), or NULL. */
static const char *chapter_title(const run_result *r, const char *chapter)
{
    if (!r->spec || !r->spec->spec)
        return NULL;
    const qat_spec *spec = r->spec->spec;
    for (size_t i = 0; i < spec->n_topics; i++)
        if (spec->topics[i].section && strcmp(spec->topics[i].section, chapter) == 0)
            return spec->topics[i].title;
    return NULL;
}

const qat_erratum *report_erratum(const run_result *r, const char *id)
{
    return r->spec && r->spec->spec ? qat_spec_erratum(r->spec->spec, id) : NULL;
}

const report_group *report_group_find(const report_groups *g, const char *key)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].key, key) == 0)
            return &g->items[i];
    return NULL;
}

/* The group's score: its cases gathered into SCRATCH and weighed by run_score_compute. */
static void weigh_group(const run_result *r, report_grouping by, report_group *g, case_result *scratch)
{
    char key[128];
    size_t n = 0;
    for (size_t i = 0; i < r->n_results; i++) {
        key_of(&r->results[i], by, key, sizeof key);
        if (strcmp(key, g->key) == 0)
            scratch[n++] = r->results[i];
    }
    run_result part = {.spec = r->spec, .results = scratch, .n_results = n};
    run_score_compute(&part);
    g->n_cases = n;
    g->score = part.score;
}

report_groups report_groups_make(const run_result *r, report_grouping by)
{
    report_groups g = {checked(calloc(r->n_results + 1, sizeof *g.items)), 0};
    char key[128];
    for (size_t i = 0; i < r->n_results; i++) {
        key_of(&r->results[i], by, key, sizeof key);
        if (report_group_find(&g, key))
            continue;
        report_group *item = &g.items[g.n++];
        item->key = checked(strdup(key));
        item->title = by == REPORT_BY_CHAPTER ? chapter_title(r, key) : NULL;
    }
    case_result *scratch = checked(calloc(r->n_results + 1, sizeof *scratch));
    for (size_t i = 0; i < g.n; i++)
        weigh_group(r, by, &g.items[i], scratch);
    free(scratch);
    return g;
}

void report_groups_free(report_groups *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->items[i].key);
    free(g->items);
    *g = (report_groups){0};
}
