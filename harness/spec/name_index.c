/* spec/name_index.c — sorted arrays of (name, item) pairs, searched by binary search.
 * The lint uses them so that no check grows with the product of two spec sizes. */
#include "name_index.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int compare_name(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c ? c : (alen > blen) - (alen < blen);
}

static int compare_entries(const void *pa, const void *pb)
{
    const name_entry *a = pa, *b = pb;
    int c = compare_name(a->name, a->len, b->name, b->len);
    return c ? c : (a->order > b->order) - (a->order < b->order);
}

name_index name_index_build(const void *items, size_t n, size_t stride, size_t name_offset)
{
    name_index ix = {heap_resize(NULL, n ? n : 1, sizeof(name_entry)), 0};
    for (size_t i = 0; i < n; i++) {
        const char *item = (const char *)items + i * stride;
        const char *name;
        memcpy(&name, item + name_offset, sizeof name);
        if (name)
            ix.entries[ix.n++] = (name_entry){name, strlen(name), item, i};
    }
    if (ix.n > 1)
        qsort(ix.entries, ix.n, sizeof *ix.entries, compare_entries);
    return ix;
}

/* The first entry whose name is above NAME (STRICT) or not below it. */
static size_t bound(const name_index *ix, const char *name, size_t len, int strict)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (compare_name(ix->entries[mid].name, ix->entries[mid].len, name, len) < strict)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const name_entry *name_index_range(const name_index *ix, const char *name, size_t len, size_t *count)
{
    size_t first = bound(ix, name, len, 0), end = bound(ix, name, len, 1);
    *count = end - first;
    return end > first ? &ix->entries[first] : NULL;
}

const void *name_index_find(const name_index *ix, const char *name, size_t len)
{
    size_t first = bound(ix, name, len, 0);
    if (first < ix->n && compare_name(ix->entries[first].name, ix->entries[first].len, name, len) == 0)
        return ix->entries[first].item;
    return NULL;
}

const void *name_index_get(const name_index *ix, const char *name)
{
    return name ? name_index_find(ix, name, strlen(name)) : NULL;
}

void name_index_free(name_index *ix)
{
    free(ix->entries);
    ix->entries = NULL;
    ix->n = 0;
}
