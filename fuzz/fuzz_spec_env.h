/* fuzz_spec_env.h — the compiled spec the stream, cmdline and transcript targets parse against.
 * Made once per process and kept for its life: the only state a target keeps between inputs. */
#ifndef QAT_FUZZ_SPEC_ENV_H
#define QAT_FUZZ_SPEC_ENV_H

#include "qat_compiled.h"

/* The spec ($QATSPEC_SPEC, else the build's specs/), loaded on the first call; exits when it has problems. */
const qat_compiled *fuzz_spec(void);

/* This file also defines LLVMFuzzerInitialize (fuzz_target.h) for the targets that use fuzz_spec. */

#endif
