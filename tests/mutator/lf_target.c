/* lf_target.c — a tiny libFuzzer target linked with libqat_lf_mutator.a, as a user would link it:
 * the input (command line, '\n', module output) goes through our stream parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qat_builtin.h"
#include "qat_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *user, const qat_event *ev)
{
    (void)user;
    (void)ev;
}

/* The built-in spec, compiled on the first input and kept. */
static const qat_compiled *spec(void)
{
    static qat_compiled c;
    static void *mem;
    if (!mem) {
        qat_spec_compile_error err;
        qat_builtin_compile(&c, NULL, 0, &err);
        mem = malloc(err.needed);
        if (!mem || !qat_builtin_compile(&c, mem, err.needed, &err))
            abort();
    }
    return &c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char line[512];
    qat_stream s;
    const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
    size_t cmd = nl ? (size_t)(nl - data) : size;
    qat_stream_init(&s, spec(), line, sizeof line, ignore, NULL);
    qat_stream_command(&s, size ? (const char *)data : "", cmd);
    if (nl)
        qat_stream_feed(&s, (const char *)nl + 1, size - cmd - 1);
    qat_stream_finish(&s);
    return 0;
}
