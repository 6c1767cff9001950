/* util/arena.c — the bump allocator behind the loaded spec and its YAML trees.
 * Blocks of at least 64 KiB are chained; an allocation larger than that gets a block of its own. */
#include "util.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_MIN ((size_t)64 * 1024)
#define ARENA_ALIGN alignof(max_align_t)

struct arena_block {
    arena_block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

static void out_of_memory(void)
{
    fputs("qatspec: out of memory\n", stderr);
    exit(2);
}

static size_t round_up(size_t n)
{
    if (n > SIZE_MAX - ARENA_ALIGN)
        out_of_memory();
    return (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
}

static arena_block *new_block(arena *a, size_t need)
{
    size_t size = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
    if (size > SIZE_MAX - sizeof(arena_block))
        out_of_memory();
    arena_block *b = malloc(sizeof(arena_block) + size);
    if (!b)
        out_of_memory();
    b->used = 0;
    b->size = size;
    b->next = a->head;
    a->head = b;
    return b;
}

void *arena_alloc(arena *a, size_t size)
{
    size_t need = round_up(size ? size : 1);
    arena_block *b = a->head;
    if (!b || b->size - b->used < need)
        b = new_block(a, need);
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    memset(p, 0, size);
    return p;
}

void *arena_array(arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        out_of_memory();
    return arena_alloc(a, count * size);
}

void *arena_copy(arena *a, const void *src, size_t count, size_t size)
{
    void *p = arena_array(a, count, size);
    if (count && size)
        memcpy(p, src, count * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        out_of_memory();
    char *p = arena_alloc(a, len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

void *heap_resize(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        out_of_memory();
    size_t bytes = count * size;
    void *q = realloc(p, bytes ? bytes : 1);
    if (!q)
        out_of_memory();
    return q;
}

void *heap_reserve(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t grown = *cap ? *cap : 16;
    while (grown < need) {
        if (grown > SIZE_MAX / 2)
            out_of_memory();
        grown *= 2;
    }
    *cap = grown;
    return heap_resize(items, grown, size);
}
