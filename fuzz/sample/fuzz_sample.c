/* fuzz_sample.c — the libFuzzer target of the guide's sample client: the input is a QAT stream seed (the command
 * line, '\n', the module's output); the client reads answer after answer from it. SAMPLE_BUGS picks the bugs. */
#include "sample_client.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef SAMPLE_BUGS
#define SAMPLE_BUGS 0u
#endif

typedef struct {
    const uint8_t *bytes;
    size_t len, at;
} source;

/* The bytes arrive as a UART delivers them: a few at a time, then nothing (0) at the end. */
static size_t read_source(void *ctx, char *buf, size_t n)
{
    source *s = ctx;
    size_t k = s->len - s->at;
    k = k < n ? k : n;
    k = k < 16 ? k : 16;
    memcpy(buf, s->bytes + s->at, k);
    s->at += k;
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t skip = nl ? (size_t)(nl - data) + 1 : 0;
    source src = {data + skip, size - skip, 0};
    sample_response r;
    if (sample_response_init(&r)) {
        do {
            sample_read_response(&r, SAMPLE_BUGS, read_source, &src);
            /* the oracle: an answer that ended in OK holds every data byte its +QIRD header announced */
            if (r.status == SAMPLE_OK && r.data_len != r.data_announced)
                abort();
        } while (r.status != SAMPLE_TIMEOUT);
    }
    sample_response_free(&r);
    return 0;
}
