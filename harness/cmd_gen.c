/* cmd_gen.c — `qatspec gen GENERATOR [ARGS]`: runs one generator of the table below, and the options they share.
 * A new generator is one row in `generators` and its entry point in gen.h. */
#include "cmd.h"
#include "gen.h"
#include "subcommand.h"

#include <errno.h>
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

int gen_parse_args(int argc, char **argv, const char *who, const char *usage_text, gen_options *o)
{
    *o = (gen_options){NULL, cmd_spec_dir()};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return -1;
        } else if (strcmp(a, "--out") == 0 && has_value) {
            o->out = argv[++i];
        } else if (strcmp(a, "--spec") == 0 && has_value) {
            o->spec_dir = argv[++i];
        } else {
            fprintf(stderr, "qatspec gen %s: unknown argument or missing value '%s'\n", who, a);
            fputs(usage_text, stderr);
            return 2;
        }
    }
    if (!o->out) {
        fprintf(stderr, "qatspec gen %s: --out is required\n", who);
        fputs(usage_text, stderr);
        return 2;
    }
    return 0;
}

int gen_run(int argc, char **argv, const char *who, const char *usage_text, gen_writer write)
{
    gen_options o;
    int rc = gen_parse_args(argc, argv, who, usage_text, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    char whom[32];
    snprintf(whom, sizeof whom, "gen %s", who);
    spec_opened s = {0};
    bool ok = spec_open(&s, o.spec_dir, whom) && write(&s, &o);
    spec_close(&s);
    return ok ? 0 : 2;
}

FILE *gen_create(const char *path, const char *who)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fprintf(stderr, "qatspec gen %s: cannot write %s: %s\n", who, path, strerror(errno));
    return f;
}

bool gen_close(FILE *f, const char *path, const char *who)
{
    bool ok = !ferror(f);
    int saved = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        fprintf(stderr, "qatspec gen %s: cannot write %s: %s\n", who, path, strerror(saved));
    return ok;
}
