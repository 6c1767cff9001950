/* cli/subcommand.h — a table of named entry points, as `qatspec COMMAND` and `qatspec gen GENERATOR` dispatch them:
 * the lookup by name and the usage listing, one line per entry. */
#ifndef QATSPEC_SUBCOMMAND_H
#define QATSPEC_SUBCOMMAND_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    const char *name;
    const char *args;    /* its arguments, for the usage listing */
    const char *summary; /* what it does, in a few words */
    int (*run)(int argc, char **argv);
} subcommand;

/* The entry of TABLE[0..N) named NAME, or NULL. */
const subcommand *subcommand_find(const subcommand *table, size_t n, const char *name);

/* "  NAME ARGS  summary" for each entry, the synopsis padded to a common width. */
void subcommand_list(FILE *out, const subcommand *table, size_t n);

#endif
