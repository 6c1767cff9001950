/* arena.h — a bump allocator for the loaded spec: many small allocations, all freed at once.
 * Also the one place that decides what running out of memory does (print and exit 2). */
#ifndef QATSPEC_ARENA_H
#define QATSPEC_ARENA_H

#include <stddef.h>

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

#endif
