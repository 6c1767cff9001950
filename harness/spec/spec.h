/* spec/spec.h — the spec subsystem's whole contract: the YAML of specs/ read (libyaml) into the qat_spec model with every
 * node's file and line, lint's cross-checks and its check of the manual's examples, scenario lines read as the
 * command-line parser reads them, and the spec compiled for the stream parser. It may call check/, util/, parsers/. */
#ifndef QATSPEC_SPEC_H
#define QATSPEC_SPEC_H

#include "qat_cmdline.h"
#include "qat_compiled.h"
#include "qat_spec.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- one YAML file read into a small tree of scalars, sequences and mappings.
 * Built from libyaml's event API with hard bounds: nesting depth, node count, alias expansion.
 */
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

/* ---- loads every *.yaml file of a spec directory into a qat_spec (qat_spec.h).
 * Checks the schema of SCHEMA.md on the way: every problem becomes a located diagnostic.
 */
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

/* ---- cross-checks of a loaded spec that no single mapping can make on its own.
 * Names used but not defined (and defined but unused), brackets, references, duplicates, the table of contents.
 */
/* Check S and add a diagnostic to D for every problem found. */
void spec_lint(const spec_loaded *s, diag_list *d);

/* ---- a spec made ready for a command that reads one (check, bench, emulate):
 * loaded, cross-checked and compiled, its problems printed under the command's name.
 */
typedef struct {
    arena a;
    spec_loaded loaded;
    qat_compiled c;
    void *mem; /* the compiled spec's memory */
} spec_opened;

/* Load the spec of DIR into S (zero-initialised), check it as lint does, and compile it. On a
 * problem print it, prefixed by "qatspec WHO:", and return false. spec_close frees S either way. */
bool spec_open(spec_opened *s, const char *dir, const char *who);

void spec_close(spec_opened *s);

/* ---- lint's last check: every example of the spec, read as a pasted session, must parse.
 * It compiles the spec, so it runs only once every other check has passed.
 */
/* Read every example of S (commands', URCs', rules') as a plain session through the stream parser
 * of S. An example passes when it shows no violation, no deviation under an erratum it does not
 * name, and every erratum it names; each failure is a diagnostic at the example, in D. */
void lint_examples(const spec_loaded *s, diag_list *d);

/* ---- reads a scenario step's command line as the command-line parser would, its ${var}
 * references stood in for by a placeholder value: which form it is, or why no form takes it.
 */
#define SCENARIO_PLACEHOLDER "0" /* what ${var} reads as: a valid int, string, token and text */

typedef struct {
    qat_cmdline r;
    const qat_cform *form; /* the form the line is (the first candidate), or the one that got furthest */
    char line[1024];       /* the line after substitution */
    size_t len;
} scenario_line;

/* Parse SEND after substitution into OUT; true when a form of C takes it. */
bool scenario_line_parse(const qat_compiled *c, const char *send, scenario_line *out);

/* True when S holds a ${NAME} reference. */
bool scenario_uses_var(const char *s, const char *name);

/* ---- the spec compiled (spec/compile.c) ---- */
/* Compile SPEC into memory from the heap (*MEM, to free() after OUT's last use). */
bool spec_compile(const qat_spec *spec, qat_compiled *out, void **mem, qat_spec_compile_error *err);

/* "unknown parameter in pattern \"...\" of AT+CSQ at byte 3", for people. */
void spec_compile_error_text(const qat_spec_compile_error *err, char *buf, size_t n);

/* The spec directory a command reads when given none: $QATSPEC_SPEC when set, else the build's specs/. */
const char *spec_default_dir(void);

#endif
