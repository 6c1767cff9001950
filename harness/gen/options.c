/* gen/options.c — what every generator of `qatspec gen` shares: its `--out X [--spec DIR]` arguments, the spec
 * opened for it, and the output file created and closed with the error said under the generator's name. */
#include "gen.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int gen_parse_args(int argc, char **argv, const char *who, const char *usage_text, gen_options *o)
{
    *o = (gen_options){NULL, spec_default_dir()};
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
