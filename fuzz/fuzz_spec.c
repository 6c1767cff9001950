/* fuzz_spec.c — fuzz target: the spec loader, lint and compiler on one YAML spec file given as input.
 * The path `qatspec lint` and spec_open take, from a buffer: load, cross-check, compile when clean. */
#include "fuzz_target.h"
#include "spec.h"
#include "check.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a = {0};
    diag_list d = {0};
    spec_loaded loaded;
    spec_load_buffer(&a, &d, "fuzz.yaml", (const char *)data, size, &loaded);
    if (loaded.complete && d.n == 0)
        spec_lint(&loaded, &d);
    if (d.n == 0) {
        qat_compiled c;
        void *mem;
        qat_spec_compile_error err;
        spec_compile(&loaded.spec, &c, &mem, &err);
        free(mem);
    }
    diag_sort(&d);
    diag_free(&d);
    arena_free(&a);
    return 0;
}
