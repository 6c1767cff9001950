/* spec/compile.c — a loaded spec compiled into heap memory sized by libqat's counting pass, and a compile
 * error said for people; used by spec_open, lint's example check, and the tests and fuzzers that load a spec. */
#include "spec.h"
#include "util.h"

#include <stdio.h>

bool spec_compile(const qat_spec *spec, qat_compiled *out, void **mem, qat_spec_compile_error *err)
{
    *mem = NULL;
    if (qat_compile_spec(out, spec, NULL, 0, err))
        return true;
    if (err->status != QAT_COMPILE_TOO_BIG || err->where)
        return false;
    size_t needed = err->needed;
    *mem = heap_resize(NULL, needed ? needed : 1, 1);
    return qat_compile_spec(out, spec, *mem, needed, err);
}

void spec_compile_error_text(const qat_spec_compile_error *err, char *buf, size_t n)
{
    if (err->status == QAT_COMPILE_TOO_BIG && !err->where)
        snprintf(buf, n, "it needs %zu bytes of memory, more than the counting pass said", err->needed);
    else
        snprintf(buf, n, "%s in \"%s\" of %s at byte %zu", qat_compile_status_text(err->status),
                 err->pattern ? err->pattern : "?", err->where ? err->where : "the spec", err->offset);
}
