/* test_exec.c — the runner's executor against the real emulator child: hand-written cases that pass, fail on a
 * wrong result code, time out (--fault no-answer) within their bound, deviate (--profile firmware), capture and
 * substitute ${} values through a TCP round trip to the echo peer; the device killed mid-case; --xfail and XPASS. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu_proc.h"
#include "runner.h"

static const char *const OK[] = {"OK"};
static const char *const ERROR_ONLY[] = {"ERROR"};
static const char *const SEND_OK[] = {"SEND_OK"};

typedef struct {
    emu_spec spec;
    run_link link;
    run_env env;
    arena out;
    plan_case pc; /* run_single's case */
} fixture;

/* The emulator started with ARGS (NULL-terminated: --profile P, --fault F), the spec loaded. */
static void start(fixture *fx, const char *profile, const char *const *faults, size_t n_faults)
{
    memset(fx, 0, sizeof *fx);
    emu_spec_load(&fx->spec);
    run_emulator_opts o = {QATSPEC_BIN, QAT_SPEC_DIR, profile, faults, n_faults};
    char err[256];
    assert_true(run_link_start_emulator(&fx->link, &o, err, sizeof err));
    fx->env = (run_env){.spec = &fx->spec.c, .link = &fx->link};
}

static void stop(fixture *fx)
{
    run_link_close(&fx->link);
    arena_free(&fx->out);
    emu_spec_unload(&fx->spec);
}

static plan_step send_step(const char *line, const char *const *accept, const char *const *lines, size_t n_lines)
{
    return (plan_step){.kind = PLAN_STEP_SEND, .send = line, .accept = accept, .n_accept = 1, .lines = lines,
                       .n_lines = n_lines, .timeout_ms = 300};
}

static plan_case one_case(const char *id, const plan_step *steps, size_t n)
{
    return (plan_case){.id = id, .section = "2.11", .command = "AT+CSQ", .title = id, .kind = PLAN_VALID,
                       .safety = QAT_SAFE, .weight = PLAN_MUST, .steps = steps, .n_steps = n};
}

/* Run the case of the one step ST; true when the device may be out of step (as run_exec_case). */
static bool run_single(fixture *fx, const char *id, const plan_step *st, case_result *r)
{
    fx->pc = one_case(id, st, 1);
    return run_exec_case(&fx->env, &fx->pc, &fx->out, r);
}

static void test_pass(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    static const char *const csq[] = {"+CSQ: *,*"};
    plan_step st = send_step("AT+CSQ", OK, csq, 1);
    case_result r;
    assert_false(run_single(&fx, "t/pass", &st, &r));
    assert_int_equal(r.v, VERDICT_PASS);
    assert_string_equal(r.sent, "AT+CSQ\\r");
    assert_non_null(strstr(r.observed, "+CSQ: "));
    assert_non_null(strstr(r.observed, "OK\\r\\n"));
    assert_null(r.reason);
    assert_true(r.mismatch_at == (size_t)-1);
    stop(&fx);
}

static void test_wrong_final(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    plan_step st = send_step("AT+CSQ", ERROR_ONLY, NULL, 0);
    case_result r;
    run_single(&fx, "t/wrong-final", &st, &r);
    assert_int_equal(r.v, VERDICT_FAIL);
    assert_non_null(strstr(r.reason, "result code OK where ERROR was expected [2.11]"));
    assert_string_equal(r.observed + r.mismatch_at, "OK\\r\\n\n"); /* points at the OK */
    stop(&fx);
}

/* The same mismatch in a case of a standard command the manual does not require: informational, not a failure. */
static void test_informational(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    plan_step st = send_step("AT+GCAP", ERROR_ONLY, NULL, 0);
    fx.pc = one_case("t/informational", &st, 1);
    fx.pc.command = "AT+GCAP";
    fx.pc.informational = true;
    case_result r;
    run_exec_case(&fx.env, &fx.pc, &fx.out, &r);
    assert_int_equal(r.v, VERDICT_INFORMATIONAL);
    assert_non_null(strstr(r.reason, "result code OK where ERROR was expected"));
    stop(&fx);
}

static void test_missing_line(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    static const char *const want[] = {"+CSQ: 99,*"};
    plan_step st = send_step("AT+CSQ", OK, want, 1);
    case_result r;
    run_single(&fx, "t/missing-line", &st, &r);
    assert_int_equal(r.v, VERDICT_FAIL);
    assert_non_null(strstr(r.reason, "no line matching \"+CSQ: 99,*\" before OK"));
    stop(&fx);
}

/* --fault no-answer: AT+CFUN? gets nothing; the case fails within twice its timeout (the second half waits for a
 * late answer); the fault is scoped to AT+CFUN, so the resync's AT is answered and the device is still there.
 * (A device silent to everything is test_run_cli's test_faulty_devices.) */
static void test_timeout(void **state)
{
    (void)state;
    fixture fx;
    static const char *const fault[] = {"no-answer"};
    start(&fx, NULL, fault, 1);
    plan_step st = send_step("AT+CFUN?", OK, NULL, 0);
    case_result r;
    int64_t t0 = run_now_ms();
    assert_true(run_single(&fx, "t/timeout", &st, &r));
    int64_t took = run_now_ms() - t0;
    assert_int_equal(r.v, VERDICT_FAIL);
    assert_non_null(strstr(r.reason, "timeout: no result code for AT+CFUN? within 300 ms"));
    assert_true(took >= 600 && took < 600 + 500);
    assert_true(run_exec_resync(&fx.env)); /* the fault silences AT+CFUN only: AT is answered */
    assert_false(fx.link.gone);
    stop(&fx);
}

/* --fault late-answer: the answer comes after twice the timeout's 300 ms: a failure that says how late. */
static void test_late(void **state)
{
    (void)state;
    fixture fx;
    static const char *const fault[] = {"late-answer"};
    start(&fx, NULL, fault, 1);
    plan_step st = send_step("AT+CFUN?", OK, NULL, 0);
    st.timeout_ms = 400; /* the emulator waits 600 ms: late, within the grace of another 400 */
    case_result r;
    assert_false(run_single(&fx, "t/late", &st, &r)); /* the late answer came: the device is in step */
    assert_int_equal(r.v, VERDICT_FAIL);
    assert_non_null(strstr(r.reason, "AT+CFUN? answered OK after "));
    assert_true(run_exec_resync(&fx.env)); /* AT is answered late, within the resync's bound */
    assert_false(fx.link.gone);
    stop(&fx);
}

static void test_deviation(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, "firmware", NULL, 0);
    plan_step st = send_step("AT+CSQ", OK, NULL, 0);
    case_result r;
    run_single(&fx, "t/deviation", &st, &r);
    assert_int_equal(r.v, VERDICT_DEVIATION);
    assert_true(r.n_errata >= 1);
    assert_non_null(qat_spec_erratum(fx.spec.c.spec, r.errata[0]));
    stop(&fx);
}

/* A reset mid-command (RDY instead of the answer): the case fails naming it; the emulator restarts on its
 * trigger only, so the resync finds it answering again. */
static void test_reset(void **state)
{
    (void)state;
    fixture fx;
    static const char *const fault[] = {"reset-mid-command"};
    start(&fx, NULL, fault, 1);
    plan_step st = send_step("AT+CSQ", OK, NULL, 0);
    case_result r;
    assert_true(run_single(&fx, "t/reset", &st, &r));
    assert_int_equal(r.v, VERDICT_FAIL);
    assert_non_null(strstr(r.reason, "a URC came instead: RDY"));
    assert_true(run_exec_resync(&fx.env)); /* the module came back: AT is answered */
    stop(&fx);
}

/* A TCP round trip to the echo peer in direct-push mode: ${echo_host}/${echo_port} substituted, the connectID
 * captured from +QIOPEN and used by the later steps, the pushed payload equal to what was sent. */
static void test_echo_round_trip(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    run_echo_peer peer;
    char err[256];
    assert_true(run_echo_peer_start(&peer, err, sizeof err));
    fx.env.echo_host = peer.host;
    fx.env.echo_port = peer.port;
    static const char *const opened[] = {"+QIOPEN: *,0"};
    static const char *const capture[] = {"id=connectID"};
    static const char *const pushed[] = {"+QIURC: \"recv\",${id},5"};
    plan_step steps[] = {
        send_step("AT+QICSGP=1,1,\"cmnet\"", OK, NULL, 0),
        send_step("AT+QIACT=1", OK, NULL, 0),
        send_step("AT+QIOPEN=1,4,\"TCP\",\"${echo_host}\",${echo_port},0,1", OK, NULL, 0),
        {.kind = PLAN_STEP_URC, .urc = "qiopen", .lines = opened, .n_lines = 1, .capture = capture, .n_capture = 1,
         .timeout_ms = 5000},
        send_step("AT+QISEND=${id},5", SEND_OK, NULL, 0),
        {.kind = PLAN_STEP_URC, .urc = "qiurc-recv-push", .lines = pushed, .n_lines = 1, .payload = "he\r\nO",
         .payload_len = 5, .timeout_ms = 5000},
        send_step("AT+QICLOSE=${id}", OK, NULL, 0),
    };
    steps[4].data = "he\r\nO";
    steps[4].data_len = 5;
    plan_case pc = one_case("t/echo", steps, sizeof steps / sizeof steps[0]);
    case_result r;
    run_exec_case(&fx.env, &pc, &fx.out, &r);
    assert_int_equal(r.v, VERDICT_PASS);
    assert_non_null(strstr(r.sent, "AT+QISEND=4,5\\r"));
    assert_non_null(strstr(r.sent, "AT+QICLOSE=4\\r"));
    run_echo_peer_stop(&peer);
    stop(&fx);
}

/* A ${name} nothing defines is the harness's problem: ERROR, nothing sent. */
static void test_unknown_var(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    plan_step st = send_step("AT+QICLOSE=${nope}", OK, NULL, 0);
    case_result r;
    run_single(&fx, "t/var", &st, &r);
    assert_int_equal(r.v, VERDICT_ERROR);
    assert_non_null(strstr(r.reason, "${nope} is not defined"));
    assert_string_equal(r.sent, "");
    stop(&fx);
}

/* In a child: read the transcript from FD until the device's OK shows, then SIGKILL the emulator PID. */
static pid_t killer(const int fds[2], pid_t victim)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid)
        return pid;
    int fd = fds[0];
    close(fds[1]);
    char seen[8192];
    size_t len = 0;
    ssize_t got;
    while (len < sizeof seen - 1 && (got = read(fd, seen + len, sizeof seen - 1 - len)) > 0) {
        len += (size_t)got;
        seen[len] = '\0';
        if (strstr(seen, "OK\\r\\n")) {
            kill(victim, SIGKILL);
            _exit(0);
        }
    }
    _exit(1);
}

/* The emulator killed after the first step of a case answered: that case is an ERROR (device gone), every later
 * case a SKIP saying so, the run's exit code 3; the transcript has every byte up to the kill. */
static void test_device_gone(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t k = killer(p, fx.link.emulator);
    run_transcript log = {.f = fdopen(p[1], "w"), .t0_us = run_now_us()};
    fx.link.log = &log;
    close(p[0]);
    static const char *const never[] = {"+QIURC: \"closed\",11"};
    plan_step steps[] = {send_step("AT", OK, NULL, 0),
                         {.kind = PLAN_STEP_URC, .urc = "qiurc-closed", .lines = never, .n_lines = 1,
                          .timeout_ms = GUARD_MS}};
    plan_case cases[] = {one_case("t/gone", steps, 2), one_case("t/after", steps, 1)};
    plan pl = {cases, 2};
    run_select sel = {.allowed = {true, true, true, true}};
    run_result rr = {0};
    int64_t t0 = run_now_ms();
    run_session(&rr, &pl, &fx.env, &sel, &fx.out, NULL);
    assert_true(run_now_ms() - t0 < GUARD_MS);
    int status;
    assert_int_equal(waitpid(k, &status, 0), k);
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(rr.results[0].v, VERDICT_ERROR);
    assert_non_null(strstr(rr.results[0].reason, "device gone"));
    assert_int_equal(rr.results[1].v, VERDICT_SKIP);
    assert_non_null(strstr(rr.results[1].reason, "device gone"));
    assert_true(rr.device_gone);
    assert_int_equal(run_exit_code(&rr, 100, false), 3);
    run_transcript_close(&log);
    stop(&fx);
}

/* --xfail: a listed case that fails is an expected failure (not weighed); one that passes is XPASS: exit 1. */
static void test_xfail(void **state)
{
    (void)state;
    fixture fx;
    start(&fx, NULL, NULL, 0);
    plan_step good = send_step("AT+CSQ", OK, NULL, 0), bad = send_step("AT+CSQ", ERROR_ONLY, NULL, 0);
    plan_case cases[] = {one_case("t/good", &good, 1), one_case("t/bad", &bad, 1)};
    plan pl = {cases, 2};
    run_xfail bad_listed[] = {{"t/bad", "the vendor knows"}}, good_listed[] = {{"t/good", "fixed since"}};
    run_select sel = {.allowed = {true, true, true, true}, .xfail = bad_listed, .n_xfail = 1};
    run_result rr = {0};
    run_session(&rr, &pl, &fx.env, &sel, &fx.out, NULL);
    assert_int_equal(rr.score.run[VERDICT_FAIL], 1);
    assert_int_equal(rr.score.xfailed, 1);
    assert_true(rr.score.score == 100.0);
    assert_int_equal(run_exit_code(&rr, 100, false), 0);
    sel.xfail = good_listed;
    run_session(&rr, &pl, &fx.env, &sel, &fx.out, NULL);
    assert_true(rr.results[0].xpass);
    assert_int_equal(rr.score.xpassed, 1);
    assert_true(rr.score.score == 50.0); /* an XPASS weighs as the pass it is */
    assert_int_equal(run_exit_code(&rr, 0, false), 1);
    stop(&fx);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pass),         cmocka_unit_test(test_wrong_final), cmocka_unit_test(test_informational),
        cmocka_unit_test(test_missing_line),
        cmocka_unit_test(test_timeout),      cmocka_unit_test(test_late),        cmocka_unit_test(test_deviation),
        cmocka_unit_test(test_reset),        cmocka_unit_test(test_echo_round_trip),
        cmocka_unit_test(test_unknown_var),  cmocka_unit_test(test_device_gone), cmocka_unit_test(test_xfail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
