/* run_exec.h — one case of the plan run on the device, step by step: each command line sent with its CR, the
 * answer fed to the stream checker, waited for with poll() until its result code or its timeout, then judged
 * (accepted result codes, line globs, payloads, captures) into a verdict with what was sent, expected and seen. */
#ifndef QATSPEC_RUN_EXEC_H
#define QATSPEC_RUN_EXEC_H

#include "arena.h"
#include "plan.h"
#include "run_result.h"
#include "run_transport.h"

typedef struct {
    const qat_compiled *spec;
    run_link *link;
    const char *echo_host; /* the echo peer of socket scenarios (${echo_host}, ${echo_port}), or NULL */
    unsigned echo_port;
    uint32_t max_wait_ms; /* --max-wait: no step waits longer (0: each waits the time the spec gives it) */
} run_env;

/* Run PC on ENV's device; fill R (every string in OUT, which must live as long as R). R->v is PASS, DEVIATION,
 * FAIL or ERROR (the device gone, a ${name} nothing defines). Returns true when the device may be out of step
 * (a step got no result code even late: call run_exec_resync before the next case). */
bool run_exec_case(const run_env *env, const plan_case *pc, arena *out, case_result *r);

/* Bring the device back in step after a timeout or a restart: the spec's bare command-line prefix ("AT") sent
 * until a successful result code answers it, a few tries each within a bound. False when it never is (the link is
 * then marked gone: nothing answers). */
bool run_exec_resync(const run_env *env);

#endif
