/* runner/escape.h — wire bytes as readable text for the run's results and transcript: CR as \r, LF as \n, other
 * control and non-ASCII bytes as \xNN, backslash doubled; a growing heap string to append to. */
#ifndef QATSPEC_RUN_ESCAPE_H
#define QATSPEC_RUN_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *s; /* NUL-terminated once anything was appended; free() it */
    size_t len, cap;
} run_text;

void run_text_append(run_text *t, const char *bytes, size_t n);
void run_text_appendf(run_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append BYTES[0..N) escaped; with BREAK_LINES a real line break follows each "\n" shown. */
void run_text_escape(run_text *t, const char *bytes, size_t n, bool break_lines);

/* The length of BYTES[0..N) once escaped (an offset in the raw bytes mapped to one in the text). */
size_t run_escaped_len(const char *bytes, size_t n, bool break_lines);

/* The text, handed over (an empty string when nothing was appended); T is empty afterwards. */
char *run_text_take(run_text *t);

#endif
