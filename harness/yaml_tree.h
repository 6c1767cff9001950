/* yaml_tree.h — one YAML file read into a small tree of scalars, sequences and mappings.
 * Built from libyaml's event API with hard bounds: nesting depth, node count, alias expansion. */
#ifndef QATSPEC_YAML_TREE_H
#define QATSPEC_YAML_TREE_H

#include "arena.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define YTREE_MAX_DEPTH 64            /* collections nested deeper are an error */
#define YTREE_MAX_NODES 1000000       /* nodes a walk may visit, aliases expanded */
#define YTREE_MAX_FILE_BYTES ((size_t)64 * 1024 * 1024)

typedef enum { YTREE_SCALAR, YTREE_SEQUENCE, YTREE_MAPPING } ytree_kind;

typedef enum {
    YTREE_PLAIN,
    YTREE_SINGLE_QUOTED,
    YTREE_DOUBLE_QUOTED,
    YTREE_LITERAL, /* | */
    YTREE_FOLDED,  /* > */
} ytree_style;

typedef struct ytree_node ytree_node;

/* A node. An alias is not a node: it is the anchored node itself, reached from two parents. */
struct ytree_node {
    ytree_kind kind;
    unsigned line, col;     /* where the node starts, 1-based (column in characters) */
    unsigned end_line;      /* scalars: the line the node ends on */
    ytree_style style;      /* scalars */
    const char *text;       /* scalars: the value, NUL-terminated */
    size_t len;             /* scalars: its length in bytes */
    const ytree_node *const *items; /* sequences: the items; mappings: key, value, key, value ... */
    size_t n_items;
    size_t weight;          /* nodes in this subtree with aliases expanded (capped) */
};

/* Read the YAML file PATH into a tree allocated in A. Problems go to D under the name PATH.
 * *ROOT is the document's root node, or NULL when the file could not be read as one document
 * (then at least one diagnostic was added). Returns true when nothing was reported. */
bool ytree_load_file(arena *a, diag_list *d, const char *path, const ytree_node **root);

/* The same for a buffer already in memory; NAME is the file name diagnostics carry. */
bool ytree_load_buffer(arena *a, diag_list *d, const char *name, const char *buf, size_t len,
                       const ytree_node **root);

/* Mappings: the number of pairs, the I-th key and value, and the value of KEY (NULL if absent). */
size_t ytree_pairs(const ytree_node *map);
const ytree_node *ytree_key(const ytree_node *map, size_t i);
const ytree_node *ytree_value(const ytree_node *map, size_t i);
const ytree_node *ytree_get(const ytree_node *map, const char *key);

/* "a scalar", "a sequence", "a mapping": for messages. */
const char *ytree_kind_phrase(ytree_kind k);

/* True for a scalar whose text is KEY. */
bool ytree_is(const ytree_node *n, const char *text);

#endif
