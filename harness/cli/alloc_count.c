/* cli/alloc_count.c — the --wrap targets for malloc, calloc, realloc and free: count, then call the real one.
 * The counters are the harness's one piece of global mutable state (single-threaded program; parsers/ has none). */
#include "alloc_count.h"

#include <stddef.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static uint64_t allocations, frees;

void *__wrap_malloc(size_t n)
{
    allocations++;
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    allocations++;
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    allocations++;
    return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    frees += p != NULL;
    __real_free(p);
}

uint64_t alloc_count_allocations(void) { return allocations; }
uint64_t alloc_count_frees(void) { return frees; }
