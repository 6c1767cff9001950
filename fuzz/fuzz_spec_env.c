/* fuzz_spec_env.c — the compiled spec for the fuzz targets that need one, made once per process:
 * the spec compiled into the build (qat_builtin, no files at run time), or $QATSPEC_SPEC's when set. */
#include "fuzz_spec_env.h"

#include "fuzz_target.h"
#include "qat_builtin.h"
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>

/* The built-in spec compiled into heap memory kept for the process's life; exits when it does not compile. */
static void compile_builtin(qat_compiled *c)
{
    qat_spec_compile_error err;
    if (qat_builtin_compile(c, NULL, 0, &err))
        return;
    void *mem = err.status == QAT_COMPILE_TOO_BIG ? malloc(err.needed ? err.needed : 1) : NULL;
    if (!mem || !qat_builtin_compile(c, mem, err.needed, &err)) {
        fprintf(stderr, "qatspec fuzz: the built-in spec does not compile: %s\n", qat_compile_status_text(err.status));
        exit(2);
    }
}

const qat_compiled *fuzz_spec(void)
{
    static spec_opened opened; /* a spec from $QATSPEC_SPEC */
    static qat_compiled builtin;
    static const qat_compiled *ready;
    if (ready)
        return ready;
    const char *dir = getenv("QATSPEC_SPEC");
    if (dir && *dir) {
        if (!spec_open(&opened, dir, "fuzz"))
            exit(2);
        ready = &opened.c;
    } else {
        compile_builtin(&builtin);
        ready = &builtin;
    }
    return ready;
}

/* Making the spec before the first input keeps it out of the first input's time and memory. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_spec();
    return 0;
}
