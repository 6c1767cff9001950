/* qm_spec_source.c — opens the mutator's spec: the directory in QATSPEC_SPEC through the harness's
 * loader (lint included), else the spec compiled into the library (qat_builtin). */
#include "qm_spec_source.h"

#include <stdio.h>
#include <stdlib.h>

#include "qat_builtin.h"
#include "spec.h"

struct qm_spec_source {
    bool from_dir;
    spec_opened opened;   /* from_dir */
    qat_compiled builtin; /* otherwise */
    void *builtin_mem;
};

static bool open_builtin(qm_spec_source *s)
{
    qat_spec_compile_error err;
    if (qat_builtin_compile(&s->builtin, NULL, 0, &err))
        return true;
    if (err.status == QAT_COMPILE_TOO_BIG && !err.where && (s->builtin_mem = malloc(err.needed)) != NULL &&
        qat_builtin_compile(&s->builtin, s->builtin_mem, err.needed, &err))
        return true;
    fprintf(stderr, "qatspec mutator: the built-in spec does not compile (%s)\n",
            err.where ? err.where : "out of memory");
    return false;
}

qm_spec_source *qm_spec_source_open(void)
{
    const char *dir = getenv(QM_SPEC_ENV);
    qm_spec_source *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "qatspec mutator: out of memory\n");
        return NULL;
    }
    s->from_dir = dir && *dir;
    if (s->from_dir ? spec_open(&s->opened, dir, "mutator") : open_builtin(s))
        return s;
    qm_spec_source_close(s);
    return NULL;
}

const qat_compiled *qm_spec_source_compiled(const qm_spec_source *s)
{
    return s->from_dir ? &s->opened.c : &s->builtin;
}

void qm_spec_source_close(qm_spec_source *s)
{
    if (!s)
        return;
    if (s->from_dir)
        spec_close(&s->opened);
    free(s->builtin_mem);
    free(s);
}
