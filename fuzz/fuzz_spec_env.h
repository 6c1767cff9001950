/* fuzz_spec_env.h — the compiled spec the stream, cmdline and transcript targets parse against.
 * Made once per process and kept for its life: the only state a target keeps between inputs. */
#ifndef QAT_FUZZ_SPEC_ENV_H
#define QAT_FUZZ_SPEC_ENV_H

#include "qat_compiled.h"

/* The spec compiled into the build (qat_builtin), or the one of the directory $QATSPEC_SPEC when set,
 * made on the first call; exits when it cannot be made (a broken set-up, not a finding). */
const qat_compiled *fuzz_spec(void);

/* This file also defines LLVMFuzzerInitialize (fuzz_target.h) for the targets that use fuzz_spec. */

#endif
