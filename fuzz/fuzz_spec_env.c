/* fuzz_spec_env.c — loads and compiles the spec once for the fuzz targets that need one.
 * A spec that does not load is a broken set-up, not a finding: say so and exit. */
#include "fuzz_spec_env.h"

#include "cmd.h"
#include "fuzz_target.h"
#include "spec_open.h"

#include <stdio.h>
#include <stdlib.h>

const qat_compiled *fuzz_spec(void)
{
    static spec_opened opened;
    static bool ready;
    if (!ready) {
        if (!spec_open(&opened, cmd_spec_dir(), "fuzz"))
            exit(2);
        ready = true;
    }
    return &opened.c;
}

/* Loading the spec before the first input keeps it out of the first input's time and memory. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_spec();
    return 0;
}
