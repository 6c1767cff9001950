/* report/text.h — text made fit for the reports: valid UTF-8 whatever the device sent (a stray byte shown as \xNN),
 * no control characters where XML and HTML forbid them; times in ISO 8601 UTC; scores as people read them. */
#ifndef QATSPEC_REPORT_TEXT_H
#define QATSPEC_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    REPORT_TEXT_JSON,  /* control characters kept: the JSON library escapes them */
    REPORT_TEXT_MARKUP /* XML 1.0 and HTML: control characters other than tab, LF and CR shown as \xNN */
} report_text_use;

/* A heap copy of S[0..N) that is valid UTF-8 for USE; "" for a NULL S. Never NULL (exits when out of memory). */
char *report_text_clean(const char *s, size_t n, report_text_use use);

/* report_text_clean of a whole string. */
char *report_text_clean_str(const char *s, report_text_use use);

/* AT, moved back to the first byte of the UTF-8 character it falls in (S holds at least AT bytes). */
size_t report_text_char_start(const char *s, size_t at);

/* UNIX_MS as "2026-11-24T13:48:12.345Z", or with PLAIN as "2026-11-24T13:48:12" (JUnit's timestamp: no zone). */
void report_time_iso(int64_t unix_ms, bool plain, char *out, size_t size);

/* A 0-100 score to one decimal, cut (not rounded), without a trailing ".0": "100", "87.5", "66.6". */
void report_score_text(double score, char *out, size_t size);

#endif
