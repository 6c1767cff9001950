/* qm_spec_source.h — the spec the mutator's front ends work from: the one compiled into the
 * library, or the spec directory the environment variable QATSPEC_SPEC names. */
#ifndef QM_SPEC_SOURCE_H
#define QM_SPEC_SOURCE_H

#include "qat_compiled.h"

#define QM_SPEC_ENV "QATSPEC_SPEC"

typedef struct qm_spec_source qm_spec_source;

/* The spec, compiled. On failure prints why to stderr, prefixed "qatspec mutator:", and returns NULL. */
qm_spec_source *qm_spec_source_open(void);

const qat_compiled *qm_spec_source_compiled(const qm_spec_source *s);

void qm_spec_source_close(qm_spec_source *s);

#endif
