/* qm_spec_source.c — opens the mutator's spec: the directory in QATSPEC_SPEC through the harness's
 * loader (lint included), else the spec built in. */
#include "qm_spec_source.h"

#include <stdio.h>
#include <stdlib.h>

#include "spec_open.h"

struct qm_spec_source {
    spec_opened opened;
};

qm_spec_source *qm_spec_source_open(void)
{
    const char *dir = getenv(QM_SPEC_ENV);
    if (!dir || !*dir)
        dir = QAT_DEFAULT_SPEC_DIR;
    qm_spec_source *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "qatspec mutator: out of memory\n");
        return NULL;
    }
    if (!spec_open(&s->opened, dir, "mutator")) {
        qm_spec_source_close(s);
        return NULL;
    }
    return s;
}

const qat_compiled *qm_spec_source_compiled(const qm_spec_source *s) { return &s->opened.c; }

void qm_spec_source_close(qm_spec_source *s)
{
    if (!s)
        return;
    spec_close(&s->opened);
    free(s);
}
