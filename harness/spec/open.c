/* spec/open.c — loads, cross-checks and compiles a spec for the commands that read one; the spec directory they default to.
 * The one place those commands turn a spec directory into a compiled spec, and say why when they cannot. */
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

bool spec_open(spec_opened *s, const char *dir, const char *who)
{
    diag_list d = {0};
    if (spec_load_dir(&s->a, &d, dir, &s->loaded) && s->loaded.complete && d.n == 0)
        spec_lint(&s->loaded, &d);
    bool ok = d.n == 0;
    if (!ok) {
        diag_sort(&d);
        diag_print(&d, stderr);
        fprintf(stderr, "qatspec %s: the spec in %s has problems ('qatspec lint %s' lists them)\n", who, dir, dir);
    }
    diag_free(&d);
    qat_spec_compile_error err;
    if (ok && !(ok = spec_compile(&s->loaded.spec, &s->c, &s->mem, &err))) {
        char why[512];
        spec_compile_error_text(&err, why, sizeof why);
        fprintf(stderr, "qatspec %s: the spec in %s does not compile: %s\n", who, dir, why);
    }
    return ok;
}

void spec_close(spec_opened *s)
{
    free(s->mem);
    s->mem = NULL;
    arena_free(&s->a);
}

const char *spec_default_dir(void)
{
    const char *env = getenv("QATSPEC_SPEC");
    return env && *env ? env : QAT_DEFAULT_SPEC_DIR;
}
