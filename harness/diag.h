/* diag.h — the list of problems a spec has: file, line, column, message.
 * Printed sorted by file, line and column as `FILE:LINE:COL: message`, one per line. */
#ifndef QATSPEC_DIAG_H
#define QATSPEC_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>

typedef struct {
    char *file;    /* owned copy */
    unsigned line; /* 1-based; 0 for a problem with the whole file (printed `FILE: message`) */
    unsigned col;  /* 1-based, in characters */
    char *message; /* owned copy; control bytes replaced by '?' */
    size_t order;  /* insertion order, to keep ties stable */
} diag;

/* Zero-initialise (`diag_list d = {0};`); diag_free releases it. */
typedef struct {
    diag *items;
    size_t n, cap;
} diag_list;

#if defined(__GNUC__)
#define DIAG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DIAG_PRINTF(a, b)
#endif

void diag_add(diag_list *d, const char *file, unsigned line, unsigned col, const char *fmt, ...) DIAG_PRINTF(5, 6);
void diag_vadd(diag_list *d, const char *file, unsigned line, unsigned col, const char *fmt, va_list ap)
    DIAG_PRINTF(5, 0);

/* Sort by file, line, column (then insertion order) and drop exact repeats, which a spec
 * produces when one anchored node is reached through several aliases. */
void diag_sort(diag_list *d);

/* Write every diagnostic as `FILE:LINE:COL: message\n`. */
void diag_print(const diag_list *d, FILE *out);

void diag_free(diag_list *d);

/* Copy S[0..LEN) into BUF (SIZE bytes, at least 8) for quoting in a message: cut at a UTF-8
 * character boundary with "..." when it does not fit. Returns BUF. */
const char *diag_excerpt(char *buf, size_t size, const char *s, size_t len);

/* "a" or "an", for the noun WORD: "an int", "a URC". */
const char *diag_article(const char *word);

/* A buffer size that diag_excerpt callers use for names and values in messages. */
#define DIAG_EXCERPT 72

#endif
