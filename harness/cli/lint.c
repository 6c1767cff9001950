/* cli/lint.c — `qatspec lint [SPEC_DIR]`: load a spec, check it, print a summary or every problem.
 * Exit 0 when clean; 2 with `FILE:LINE:COL: message` lines and a count otherwise, or on a usage error. */
#include "cli.h"
#include "util.h"
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef QAT_DEFAULT_SPEC_DIR
#define QAT_DEFAULT_SPEC_DIR "specs"
#endif

static void usage(FILE *out)
{
    fputs("usage: qatspec lint [SPEC_DIR]\n"
          "\n"
          "Load every *.yaml file of SPEC_DIR, check it against specs/SCHEMA.md and cross-check it.\n"
          "SPEC_DIR defaults to $QATSPEC_SPEC when set, else " QAT_DEFAULT_SPEC_DIR ".\n"
          "\n"
          "Exit 0 and one summary line when the spec is clean; exit 2 with one\n"
          "FILE:LINE:COL: message line per problem and a count when it is not.\n",
          out);
}

static size_t sum_params(const qat_spec *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_commands; i++)
        n += s->commands[i].n_params;
    for (size_t i = 0; i < s->n_urcs; i++)
        n += s->urcs[i].n_params;
    for (size_t i = 0; i < s->n_results; i++)
        n += s->results[i].n_params;
    return n;
}

static void print_summary(const spec_loaded *l, const char *dir)
{
    const qat_spec *s = &l->spec;
    size_t forms = 0, examples = 0;
    for (size_t i = 0; i < s->n_commands; i++) {
        forms += s->commands[i].n_forms;
        examples += s->commands[i].n_examples;
    }
    for (size_t i = 0; i < s->n_urcs; i++)
        examples += s->urcs[i].n_examples;
    for (size_t i = 0; i < s->n_rules; i++)
        examples += s->rules[i].n_examples;
    printf("%s: %zu files, %zu commands, %zu forms, %zu parameters, %zu URCs, %zu results, %zu examples, "
           "%zu errata: ok\n",
           dir, l->n_files, s->n_commands, forms, sum_params(s), s->n_urcs, s->n_results, examples, s->n_errata);
}

/* The spec directory named by ARGV, or NULL (after a message) on a usage error. *HELP when --help. */
static const char *parse_args(int argc, char **argv, int *help)
{
    const char *dir = NULL;
    *help = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            *help = 1;
            return NULL;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "qatspec lint: unknown option '%s'\n", argv[i]);
            return NULL;
        }
        if (dir) {
            fprintf(stderr, "qatspec lint: one SPEC_DIR at most (got '%s' and '%s')\n", dir, argv[i]);
            return NULL;
        }
        dir = argv[i];
    }
    return dir ? dir : spec_default_dir();
}

int cmd_lint(int argc, char **argv)
{
    int help;
    const char *dir = parse_args(argc, argv, &help);
    if (!dir) {
        usage(help ? stdout : stderr);
        return help ? 0 : 2;
    }
    arena a = {0};
    diag_list d = {0};
    spec_loaded spec;
    bool loaded = spec_load_dir(&a, &d, dir, &spec) && spec.complete;
    if (loaded)
        spec_lint(&spec, &d); /* cross-checks need every file: a file YAML cannot read hides its entries */
    if (loaded && d.n == 0)
        lint_examples(&spec, &d); /* last: it compiles the spec, so it needs it clean */
    diag_sort(&d);
    int rc = 0;
    if (d.n == 0) {
        print_summary(&spec, dir);
    } else {
        diag_print(&d, stdout);
        printf("%zu problem%s\n", d.n, d.n == 1 ? "" : "s");
        rc = 2;
    }
    diag_free(&d);
    arena_free(&a);
    return rc;
}
