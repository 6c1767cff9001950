/* util/util.h — what two subsystems really share, and nothing else: the arena (one free for a whole model), the
 * heap helpers that never return NULL, and located diagnostics (FILE:LINE:COL: message), sorted and printed.
 * It owns no state and calls nothing of the harness; everything above may use it. */
#ifndef QATSPEC_UTIL_H
#define QATSPEC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* ---- a bump allocator for the loaded spec: many small allocations, all freed at once.
 * Also the one place that decides what running out of memory does (print and exit 2).
 */
typedef struct arena_block arena_block;

/* Zero-initialise (`arena a = {0};`) before first use; arena_free releases every block. */
typedef struct {
    arena_block *head;
    size_t total; /* bytes handed out, for tests and limits */
} arena;

/* SIZE bytes aligned for any type, zeroed. Never returns NULL (exits on out of memory). */
void *arena_alloc(arena *a, size_t size);

/* COUNT elements of SIZE bytes, zeroed; exits when COUNT * SIZE overflows. */
void *arena_array(arena *a, size_t count, size_t size);

/* A copy of COUNT elements of SIZE bytes from SRC (NULL allowed when COUNT is 0): a heap vector made to
 * live as long as the arena. */
void *arena_copy(arena *a, const void *src, size_t count, size_t size);

/* A NUL-terminated copy of S[0..LEN). */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);

/* Release every block; the arena is empty and reusable afterwards. */
void arena_free(arena *a);

/* realloc that exits on failure; for the short-lived heap vectors of the loader. */
void *heap_resize(void *p, size_t count, size_t size);

/* Grow the heap vector ITEMS of *CAP elements of SIZE bytes so that it holds at least NEED;
 * returns the (possibly moved) vector: `v = heap_reserve(v, &cap, n + 1, sizeof *v);`. */
void *heap_reserve(void *items, size_t *cap, size_t need, size_t size);

/* ---- the list of problems a spec has: file, line, column, message.
 * Printed sorted by file, line and column as `FILE:LINE:COL: message`, one per line.
 */
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
