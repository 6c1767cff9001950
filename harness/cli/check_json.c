/* cli/check_json.c — the --json document of `qatspec check`, framed by hand around items cJSON writes one at a time,
 * so that no file's findings have to be held whole (see cli/check_json.h). */
#include "check_json.h"
#include "printable.h"
#include "util.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Findings of one kind kept until the file ends, and how many more there were. */
typedef struct {
    cJSON *items;
    uint64_t not_listed;
} kept;

struct check_json {
    FILE *out;
    const qat_spec *spec;
    bool first_file, first_violation;
    kept deviations, notes;
};

/* Print ITEM (freed) unformatted, after a comma unless *FIRST. */
static void put_item(check_json *j, cJSON *item, bool *first)
{
    char *text = cJSON_PrintUnformatted(item);
    if (text)
        fprintf(j->out, "%s%s", *first ? "" : ",", text);
    *first = false;
    cJSON_free(text);
    cJSON_Delete(item);
}

/* Print ITEM (freed) unformatted: a value after a key. */
static void put_value(check_json *j, cJSON *item)
{
    bool first = true;
    put_item(j, item, &first);
}

/* "KEY": S as a JSON string, after a comma unless FIRST. */
static void put_string(check_json *j, const char *key, const char *s, bool first)
{
    cJSON *str = cJSON_CreateString(s);
    char *text = cJSON_PrintUnformatted(str);
    fprintf(j->out, "%s\"%s\":%s", first ? "" : ",", key, text ? text : "\"\"");
    cJSON_free(text);
    cJSON_Delete(str);
}

/* Add KEY: S[0..N), made printable, to the JSON object O. */
static void add_text(cJSON *o, const char *key, const char *s, size_t n)
{
    char *text = printable(s ? s : "", s ? n : 0);
    cJSON_AddStringToObject(o, key, text);
    free(text);
}

static void add_str(cJSON *o, const char *key, const char *s) { add_text(o, key, s, s ? strlen(s) : 0); }

/* A deviation's message: the parser's, else the title of the erratum whose reading the line follows. */
static const char *deviation_message(const check_json *j, const qat_event *ev)
{
    const qat_erratum *e = qat_spec_erratum(j->spec, ev->erratum);
    return ev->message ? ev->message : e && e->title ? e->title : "";
}

static cJSON *event_object(const check_json *j, const qat_event *ev, uint64_t line)
{
    cJSON *o = cJSON_CreateObject();
    bool deviation = transcript_is_deviation(ev);
    cJSON_AddNumberToObject(o, "line", (double)line);
    add_str(o, "section", transcript_event_section(ev));
    if (deviation)
        add_str(o, "erratum", ev->erratum);
    else
        add_str(o, "kind", qat_violation_name(ev->violation));
    add_str(o, "message", deviation ? deviation_message(j, ev) : ev->message);
    add_text(o, "text", ev->text, ev->len);
    return o;
}

static cJSON *counts_object(const transcript_counts *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "lines", (double)c->lines);
    cJSON_AddNumberToObject(o, "commands", (double)c->commands);
    cJSON_AddNumberToObject(o, "inferred", (double)c->inferred);
    cJSON_AddNumberToObject(o, "urcs", (double)c->urcs);
    cJSON_AddNumberToObject(o, "violations", (double)c->violations);
    cJSON_AddNumberToObject(o, "deviations", (double)c->deviations);
    cJSON_AddNumberToObject(o, "notes", (double)c->notes);
    return o;
}

check_json *check_json_begin(FILE *out, const char *spec_dir, const qat_spec *spec)
{
    check_json *j = heap_resize(NULL, 1, sizeof *j);
    *j = (check_json){out, spec, true, true, {NULL, 0}, {NULL, 0}};
    fputc('{', out);
    put_string(j, "spec", spec_dir, true);
    fputs(",\"files\":[", out);
    return j;
}

void check_json_file(check_json *j, const char *path, transcript_format format)
{
    fprintf(j->out, "%s{", j->first_file ? "" : ",");
    j->first_file = false;
    put_string(j, "file", path, true);
    put_string(j, "format", transcript_format_name(format), false);
    fputs(",\"violations\":[", j->out);
    j->first_violation = true;
    j->deviations = (kept){cJSON_CreateArray(), 0};
    j->notes = (kept){cJSON_CreateArray(), 0};
}

static void keep(kept *k, cJSON *item)
{
    if (cJSON_GetArraySize(k->items) < CHECK_JSON_KEPT && cJSON_AddItemToArray(k->items, item))
        return;
    cJSON_Delete(item);
    k->not_listed++;
}

void check_json_event(check_json *j, const qat_event *ev, uint64_t line)
{
    cJSON *o = event_object(j, ev, line);
    if (transcript_is_deviation(ev))
        keep(&j->deviations, o);
    else if (transcript_is_note(ev))
        keep(&j->notes, o);
    else
        put_item(j, o, &j->first_violation);
}

void check_json_file_end(check_json *j, const transcript_counts *c)
{
    fputs("],\"deviations\":", j->out);
    put_value(j, j->deviations.items);
    fputs(",\"notes\":", j->out);
    put_value(j, j->notes.items);
    cJSON *not_listed = cJSON_CreateObject();
    cJSON_AddNumberToObject(not_listed, "deviations", (double)j->deviations.not_listed);
    cJSON_AddNumberToObject(not_listed, "notes", (double)j->notes.not_listed);
    fputs(",\"not_listed\":", j->out);
    put_value(j, not_listed);
    fputs(",\"summary\":", j->out);
    put_value(j, counts_object(c));
    fputc('}', j->out);
}

void check_json_unreadable(check_json *j, const char *path, const char *why)
{
    fprintf(j->out, "%s{", j->first_file ? "" : ",");
    j->first_file = false;
    put_string(j, "file", path, true);
    put_string(j, "error", why, false);
    fputc('}', j->out);
}

bool check_json_end(check_json *j, const transcript_counts *total)
{
    fputs("],\"summary\":", j->out);
    put_value(j, counts_object(total));
    fputs("}\n", j->out);
    bool ok = fflush(j->out) == 0 && !ferror(j->out);
    free(j);
    return ok;
}
