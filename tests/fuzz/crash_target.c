/* crash_target.c — a fuzz target that aborts on inputs starting with "crash", for the replay driver's own test:
 * it must run every file up to the crashing one and name that file. */
#include "fuzz_target.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 5 && memcmp(data, "crash", 5) == 0)
        abort();
    return 0;
}
