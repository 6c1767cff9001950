/* cli/gen.c — `qatspec gen GENERATOR [ARGS]`: runs one generator of the table below.
 * A new generator is one row in `generators` and its entry point in gen.h. */
#include "cli.h"
#include "gen.h"
#include "subcommand.h"

#include <string.h>

static const subcommand generators[] = {
    {"plan", "[--json]", "the test plan: every case with its id, steps, timeout, safety and weight", gen_plan},
    {"c", "--out FILE.c", "the spec as C const data (qat_builtin_spec), for builds without YAML", gen_c},
    {"dict", "--out FILE", "every literal of the spec, as a libFuzzer -dict / AFL++ -x dictionary", gen_dict},
    {"corpus", "--out DIR", "fuzzing seeds per target: stream, cmdline, spec, transcript", gen_corpus},
};

#define N_GENERATORS (sizeof generators / sizeof generators[0])

static void usage(FILE *out)
{
    fputs("usage: qatspec gen GENERATOR [--spec DIR] [ARGS]\n\ngenerators:\n", out);
    subcommand_list(out, generators, N_GENERATORS);
    fputs("\nEvery generator reads the spec of --spec DIR (default $QATSPEC_SPEC when set, else the build's\n"
          "specs/); 'qatspec gen GENERATOR --help' describes one. Exit 0, or 2 on a usage, spec or write error.\n",
          out);
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
    const subcommand *g = subcommand_find(generators, N_GENERATORS, argv[1]);
    if (g)
        return g->run(argc - 1, argv + 1);
    fprintf(stderr, "qatspec gen: unknown generator '%s' (see 'qatspec gen --help')\n", argv[1]);
    return 2;
}
