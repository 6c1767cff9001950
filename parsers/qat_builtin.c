/* qat_builtin.c — compiles the built-in spec (qat_builtin.h) into memory the caller owns.
 * Linked with the generated qat_builtin_spec.c into the library qat_builtin. */
#include "qat_builtin.h"

bool qat_builtin_compile(qat_compiled *out, void *mem, size_t cap, qat_spec_compile_error *err)
{
    return qat_compile_spec(out, &qat_builtin_spec, mem, cap, err);
}
