/* cmd_gen.c — `qatspec gen WHAT [ARGS]`: runs one generator of the table below (gen.h).
 * A new generator is one row here and its entry point in gen.h. */
#include "cmd.h"
#include "gen.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} generator;

static const generator generators[] = {
    {"plan", "the test plan: every case with its id, steps, timeout, safety and weight", gen_plan},
};

#define N_GENERATORS (sizeof generators / sizeof generators[0])

static void usage(FILE *out)
{
    fputs("usage: qatspec gen WHAT [ARGS]\n\ngenerators:\n", out);
    for (size_t i = 0; i < N_GENERATORS; i++)
        fprintf(out, "  %-8s %s\n", generators[i].name, generators[i].summary);
    fputs("\n'qatspec gen WHAT --help' describes one.\n", out);
}

int cmd_gen(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < N_GENERATORS; i++)
        if (strcmp(generators[i].name, argv[1]) == 0)
            return generators[i].run(argc - 1, argv + 1);
    fprintf(stderr, "qatspec gen: unknown generator '%s' (see 'qatspec gen --help')\n", argv[1]);
    return 2;
}
