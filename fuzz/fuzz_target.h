/* fuzz_target.h — the entry points every fuzz target defines and every driver calls (libFuzzer's names).
 * One target source is linked with libFuzzer, with the AFL++ driver or with the replay driver. */
#ifndef QAT_FUZZ_TARGET_H
#define QAT_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

/* Run one input; return 0 (libFuzzer's contract). A finding crashes or aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once before the first input, where a target needs it (weak: the drivers call it when defined). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#endif
