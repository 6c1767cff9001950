/* spec/name_index.h — a sorted index of named items (commands, forms, parameters ...) for lookups in O(log n).
 * Built once over an array of structs, by the string member at a given offset; owns only its entry array. */
#ifndef QATSPEC_NAME_INDEX_H
#define QATSPEC_NAME_INDEX_H

#include <stddef.h>

typedef struct {
    const char *name;
    size_t len;
    const void *item; /* the struct the name belongs to */
    size_t order;     /* its position in the indexed array */
} name_entry;

/* Entries sorted by name, then by order: equal names stand together, the first defined first. */
typedef struct {
    name_entry *entries;
    size_t n;
} name_index;

/* Index the N items of STRIDE bytes at ITEMS by the `const char *` member at NAME_OFFSET.
 * Items whose name is NULL are left out. */
name_index name_index_build(const void *items, size_t n, size_t stride, size_t name_offset);

/* The entries named NAME[0..LEN): returns the first (NULL when none) and sets *COUNT. */
const name_entry *name_index_range(const name_index *ix, const char *name, size_t len, size_t *count);

/* The first-defined item named NAME[0..LEN), or NULL. */
const void *name_index_find(const name_index *ix, const char *name, size_t len);

/* The same for a NUL-terminated NAME (NULL finds nothing). */
const void *name_index_get(const name_index *ix, const char *name);

void name_index_free(name_index *ix);

#endif
