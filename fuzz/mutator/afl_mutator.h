/* afl_mutator.h — the AFL++ custom mutator API as libqat_mutator.so exports it (AFL++'s
 * docs/custom_mutators.md). afl-fuzz loads it from AFL_CUSTOM_MUTATOR_LIBRARY and finds these by name. */
#ifndef QM_AFL_MUTATOR_H
#define QM_AFL_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

/* AFL passes its afl_state_t *, unused here (NULL is fine). Returns the mutator's state; when the
 * spec does not open, says why on stderr and exits with status 2. */
void *afl_custom_init(void *afl, unsigned int seed);

/* One mutation of BUF, ADD_BUF (another queue entry) giving lines to splice; *OUT_BUF is the
 * mutator's memory, valid until the next call; the result is at most MAX_SIZE bytes, never 0. */
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf, uint8_t *add_buf,
                       size_t add_buf_size, size_t max_size);

/* The last mutation's name, at most MAX_DESCRIPTION_LEN bytes: "qat-line-swap+quoting". */
const char *afl_custom_describe(void *data, size_t max_description_len);

void afl_custom_deinit(void *data);

#endif
