/* spec_load.h — loads every *.yaml file of a spec directory into a qat_spec (qat_spec.h).
 * Checks the schema of SCHEMA.md on the way: every problem becomes a located diagnostic. */
#ifndef QATSPEC_SPEC_LOAD_H
#define QATSPEC_SPEC_LOAD_H

#include "arena.h"
#include "diag.h"
#include "qat_spec.h"
#include "yaml_tree.h"

#include <stdbool.h>
#include <stddef.h>

/* Where one string of the model was written: every string the loader keeps is a scalar's text. */
typedef struct {
    const char *text;       /* the string, as the model holds it */
    const ytree_node *node; /* the scalar it was read from */
    const char *file;
} spec_origin;

typedef struct {
    qat_spec spec;
    const char *dir;
    size_t n_files;               /* *.yaml files found */
    bool complete;                /* every file was read as YAML; when one was not, its entries are
                                     missing and cross-checks would only echo their absence */
    const spec_origin *origins;   /* sorted by the address of text, for spec_origin_of */
    size_t n_origins;
} spec_loaded;

/* Read DIR's *.yaml files in name order into OUT, everything allocated in A (free the arena to
 * free the model). Schema problems go to D; the model holds whatever could be read. Returns false
 * when DIR cannot be listed (D says why). */
bool spec_load_dir(arena *a, diag_list *d, const char *dir, spec_loaded *out);

/* The same for one spec file already in memory, BUF[0..LEN), named NAME in diagnostics (and in
 * OUT->dir); OUT->complete is false when BUF is not YAML. */
void spec_load_buffer(arena *a, diag_list *d, const char *name, const char *buf, size_t len, spec_loaded *out);

/* The scalar a string of the model came from, or NULL when it did not come from the YAML. */
const spec_origin *spec_origin_of(const spec_loaded *s, const char *text);

/* True for a section number of the form digits(.digits)*: "2", "2.11", "1.3.2". */
bool spec_section_valid(const char *s, size_t len);

#endif
