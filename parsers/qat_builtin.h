/* qat_builtin.h — the shipped spec compiled into the program: `qat_builtin_spec`, generated from the spec's YAML files
 * by `qatspec gen c` at build time (library qat_builtin), for users without YAML files or libyaml. */
#ifndef QAT_BUILTIN_H
#define QAT_BUILTIN_H

#include "qat_compiled.h"
#include "qat_spec.h"

extern const qat_spec qat_builtin_spec;

/* Compile qat_builtin_spec into MEM[0..CAP) as qat_compile_spec does (on QAT_COMPILE_TOO_BIG,
 * ERR->needed says how much memory to pass). */
bool qat_builtin_compile(qat_compiled *out, void *mem, size_t cap, qat_spec_compile_error *err);

#endif
