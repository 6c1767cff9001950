/* afl_mutator.c — libqat_mutator.so: the mutator's engine behind AFL++'s custom mutator API.
 * All state lives in the struct afl_custom_init returns; none is global. */
#include "afl_mutator.h"

#include <stdio.h>
#include <stdlib.h>

#include "qm_engine.h"
#include "qm_spec_source.h"

typedef struct {
    qm_spec_source *spec;
    qm_engine *engine;
    char description[256];
} afl_mutator;

/* afl-fuzz does not check what init returns (4.04c dereferences NULL): on failure, say why and exit
 * as afl-fuzz's own fatal errors do. */
void *afl_custom_init(void *afl, unsigned int seed)
{
    (void)afl;
    afl_mutator *m = calloc(1, sizeof *m);
    if (m && (m->spec = qm_spec_source_open()) != NULL &&
        (m->engine = qm_engine_new(qm_spec_source_compiled(m->spec), seed)) != NULL)
        return m;
    if (!m || m->spec)
        fprintf(stderr, "qatspec mutator: out of memory\n");
    afl_custom_deinit(m);
    exit(2);
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf, uint8_t *add_buf,
                       size_t add_buf_size, size_t max_size)
{
    afl_mutator *m = data;
    return qm_engine_mutate(m->engine, buf, buf_size, add_buf, add_buf_size, max_size, out_buf);
}

const char *afl_custom_describe(void *data, size_t max_description_len)
{
    afl_mutator *m = data;
    size_t cap = max_description_len < sizeof m->description ? max_description_len + 1 : sizeof m->description;
    snprintf(m->description, cap, "%s", qm_engine_describe(m->engine));
    return m->description;
}

void afl_custom_deinit(void *data)
{
    afl_mutator *m = data;
    if (!m)
        return;
    qm_engine_free(m->engine);
    qm_spec_source_close(m->spec);
    free(m);
}
