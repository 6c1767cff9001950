/* lf_mutator.c — libqat_lf_mutator.a: the mutator's engine behind libFuzzer's custom mutator hooks.
 * Link the archive into a libFuzzer target and libFuzzer finds LLVMFuzzerCustomMutator/CrossOver. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qm_engine.h"
#include "qm_spec_source.h"

/* libFuzzer's hooks, as its FuzzerInterface.h declares them. */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                                 uint8_t *out, size_t max_out_size, unsigned int seed);
/* libFuzzer's own byte-level mutator; weak, so the archive also links where libFuzzer is absent. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size) __attribute__((weak));

/* libFuzzer's hooks take no context argument, so this front end keeps one engine in a static,
 * made on first use and kept for the life of the process. The engine itself has no global state. */
static qm_engine *lf_engine;

static qm_engine *engine(void)
{
    if (lf_engine)
        return lf_engine;
    qm_spec_source *spec = qm_spec_source_open(); /* kept as long as the engine: the process's life */
    if (!spec)
        exit(2);
    lf_engine = qm_engine_new(qm_spec_source_compiled(spec), 0);
    if (!lf_engine) {
        fprintf(stderr, "qatspec mutator: out of memory\n");
        exit(2);
    }
    return lf_engine;
}

/* One call in four, libFuzzer's byte-level mutations follow ours: they reach what no grammar does. */
#define BYTE_MUTATE_ONE_IN 4

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    qm_engine *e = engine();
    qm_engine_seed(e, seed);
    uint8_t *out;
    size_t n = qm_engine_mutate(e, data, size, NULL, 0, max_size, &out);
    if (n)
        memcpy(data, out, n);
    if (LLVMFuzzerMutate && seed % BYTE_MUTATE_ONE_IN == 0)
        n = LLVMFuzzerMutate(data, n, max_size);
    return n;
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                                 uint8_t *out, size_t max_out_size, unsigned int seed)
{
    qm_engine *e = engine();
    qm_engine_seed(e, seed);
    uint8_t *result;
    size_t n = qm_engine_apply(e, QM_SPLICE, data1, size1, data2, size2, max_out_size, &result);
    if (!n)
        n = qm_engine_mutate(e, data1, size1, data2, size2, max_out_size, &result);
    if (n)
        memcpy(out, result, n);
    return n;
}
