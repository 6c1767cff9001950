/* runner/vars.c — ${name} values and their substitution (see runner/vars.h). */
#include "vars.h"

#include "escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static run_var *find(const run_vars *v, const char *name, size_t len)
{
    for (size_t i = 0; i < v->n; i++)
        if (strlen(v->items[i].name) == len && memcmp(v->items[i].name, name, len) == 0)
            return (run_var *)&v->items[i];
    return NULL;
}

bool run_vars_set(run_vars *v, const char *name, size_t name_len, const char *value)
{
    run_var *slot = find(v, name, name_len);
    if (!slot && v->n == RUN_MAX_VARS)
        return false;
    if (!slot) {
        slot = &v->items[v->n++];
        slot->name = arena_strndup(v->a, name, name_len);
    }
    slot->value = arena_strdup(v->a, value);
    return true;
}

char *run_vars_subst(const run_vars *v, const char *text, char *unknown, size_t unknown_size)
{
    run_text out = {0};
    const char *p = text, *open;
    while ((open = strstr(p, "${")) != NULL) {
        const char *close = strchr(open + 2, '}');
        if (!close)
            break;
        const run_var *var = find(v, open + 2, (size_t)(close - open - 2));
        if (!var) {
            snprintf(unknown, unknown_size, "%.*s", (int)(close - open - 2), open + 2);
            free(out.s);
            return NULL;
        }
        run_text_append(&out, p, (size_t)(open - p));
        run_text_append(&out, var->value, strlen(var->value));
        p = close + 1;
    }
    run_text_append(&out, p, strlen(p));
    char *copy = arena_strndup(v->a, out.s, out.len);
    free(out.s);
    return copy;
}
