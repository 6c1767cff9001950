/* fuzz_spec_env.c — loads and compiles the spec once for the fuzz targets that need one.
 * A spec that does not load is a broken set-up, not a finding: say so and exit. */
#include "fuzz_spec_env.h"

#include "cmd.h"
#include "fuzz_target.h"
#include "spec_open.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Where OSS-Fuzz builds (fuzz/oss-fuzz-build.sh) put the spec: beside the binary, the only place it can be read. */
#define SPEC_BESIDE_BINARY "qatspec-specs"

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

/* Unless $QATSPEC_SPEC says otherwise, a spec directory beside the binary ARGV0 is the one to read. */
static void find_spec_beside(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    const char *env = getenv("QATSPEC_SPEC");
    if ((env && *env) || !slash)
        return;
    size_t size = (size_t)(slash - argv0) + sizeof "/" SPEC_BESIDE_BINARY;
    char *dir = malloc(size);
    if (!dir)
        abort();
    snprintf(dir, size, "%.*s/%s", (int)(slash - argv0), argv0, SPEC_BESIDE_BINARY);
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        setenv("QATSPEC_SPEC", dir, 1);
    free(dir);
}

/* Loading the spec before the first input keeps it out of the first input's time and memory. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    if (*argv && (*argv)[0])
        find_spec_beside((*argv)[0]);
    fuzz_spec();
    return 0;
}
