/* cli/subcommand.c — the lookup and usage listing of a subcommand table (see subcommand.h). */
#include "subcommand.h"

#include <string.h>

const subcommand *subcommand_find(const subcommand *table, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

void subcommand_list(FILE *out, const subcommand *table, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char synopsis[64];
        snprintf(synopsis, sizeof synopsis, "%s %s", table[i].name, table[i].args);
        fprintf(out, "  %-22s %s\n", synopsis, table[i].summary);
    }
}
