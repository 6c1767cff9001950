/* cli/check_json.h — `qatspec check --json`: one JSON document written as the files are read, in bounded memory:
 * each file's violations as they come, its deviations and notes kept (at most CHECK_JSON_KEPT each) until it ends. */
#ifndef QATSPEC_CLI_CHECK_JSON_H
#define QATSPEC_CLI_CHECK_JSON_H

#include "check.h"

#include <stdio.h>

#define CHECK_JSON_KEPT 1000 /* deviations (and notes) listed per file; the rest are counted in "not_listed" */

typedef struct check_json check_json;

/* Start the document on OUT: {"spec": SPEC_DIR, "files": [ ... */
check_json *check_json_begin(FILE *out, const char *spec_dir, const qat_spec *spec);
/* A file's entry begins: {"file": PATH, "format": FORMAT, "violations": [ ... */
void check_json_file(check_json *j, const char *path, transcript_format format);
/* A violation, deviation or note of the file, at its transcript LINE. */
void check_json_event(check_json *j, const qat_event *ev, uint64_t line);
/* The file's entry ends: its deviations, notes, what was not listed, and its summary. */
void check_json_file_end(check_json *j, const transcript_counts *c);
/* A file that could not be read: {"file": PATH, "error": WHY}. */
void check_json_unreadable(check_json *j, const char *path, const char *why);
/* The document ends with the summary TOTAL; J is freed. False when a write failed. */
bool check_json_end(check_json *j, const transcript_counts *total);

#endif
