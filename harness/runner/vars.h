/* runner/vars.h — the ${name} values of a case: captured from the device's answers by earlier steps, or provided by
 * the runner (${echo_host}, ${echo_port}); and the substitution of them into a step's strings. */
#ifndef QATSPEC_RUN_VARS_H
#define QATSPEC_RUN_VARS_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

#define RUN_MAX_VARS 32

typedef struct {
    const char *name, *value;
} run_var;

typedef struct {
    arena *a; /* where names and values are copied */
    run_var items[RUN_MAX_VARS];
    size_t n;
} run_vars;

/* Set NAME[0..NAME_LEN) to VALUE (a later set wins). False when the table is full. */
bool run_vars_set(run_vars *v, const char *name, size_t name_len, const char *value);

/* TEXT with every ${name} replaced by its value, in V's arena; NULL when a name is not set, with the first such
 * name in UNKNOWN. */
char *run_vars_subst(const run_vars *v, const char *text, char *unknown, size_t unknown_size);

#endif
