/* test_run_cli.c — `qatspec run --emulator` end to end: a subset with its four files under reports/latest; the whole
 * plan at 100 % (wall time printed); the firmware profile (deviations only, strict below); the emulator killed mid-run
 * (found among the runner's children once the progress line on a pty says so): exit 3, a partial report, the
 * transcript whole; the runner killed outright, its emulator gone with it. */
#define _GNU_SOURCE /* openpty's declaration needs it with -std=c11 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#include <cjson/cJSON.h>

#define MAX_ARGS 24
#define OUT_MAX 8192

typedef struct {
    char out[OUT_MAX]; /* stdout */
    size_t out_len;
    int status;
    double seconds;
    char dir[256]; /* the --report-dir */
} run_outcome;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void make_report_dir(run_outcome *o, const char *name)
{
    snprintf(o->dir, sizeof o->dir, "run-cli-%s", name); /* in the test's working directory, the build tree */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", o->dir);
    assert_int_equal(system(cmd), 0);
}

/* In the child: stdout to OUT_W, stderr to ERR_FD, exec `qatspec run --spec DIR --report-dir D ARGS...`. */
static void exec_run(int out_w, int err_fd, const char *dir, const char *const *args)
{
    dup2(out_w, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    char *argv[MAX_ARGS + 8] = {"qatspec", "run", "--spec", QAT_SPEC_DIR, "--report-dir", (char *)dir};
    for (size_t i = 0; args[i] && i < MAX_ARGS; i++)
        argv[6 + i] = (char *)args[i];
    execv(QATSPEC_BIN, argv);
    _exit(127);
}

/* Read the child's stdout (and drain TTY, a pty's master or -1) until both end; ON_TTY sees what the pty shows. */
static void collect(run_outcome *o, int out_r, int tty, pid_t pid, void (*on_tty)(pid_t, const char *))
{
    char seen[65536] = "";
    size_t seen_len = 0;
    struct pollfd p[2] = {{.fd = out_r, .events = POLLIN}, {.fd = tty, .events = POLLIN}};
    while (p[0].fd >= 0 || p[1].fd >= 0) {
        assert_true(poll(p, 2, 60000) > 0);
        char buf[4096];
        for (int i = 0; i < 2; i++) {
            if (p[i].fd < 0 || !p[i].revents)
                continue;
            ssize_t got = read(p[i].fd, buf, sizeof buf);
            if (got <= 0) {
                p[i].fd = -1;
                continue;
            }
            if (i == 0 && o->out_len + (size_t)got < OUT_MAX) {
                memcpy(o->out + o->out_len, buf, (size_t)got);
                o->out_len += (size_t)got;
            }
            if (i == 1 && on_tty && seen_len + (size_t)got < sizeof seen) {
                memcpy(seen + seen_len, buf, (size_t)got);
                seen[seen_len += (size_t)got] = '\0';
                on_tty(pid, seen);
            }
        }
    }
    assert_int_equal(waitpid(pid, &o->status, 0), pid);
}

/* Run `qatspec run` with ARGS; with a pty for stderr when ON_TTY is given. */
static void run(run_outcome *o, const char *const *args, void (*on_tty)(pid_t, const char *))
{
    int out[2], master = -1, slave = -1;
    assert_int_equal(pipe(out), 0);
    if (on_tty)
        assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
    int err_fd = on_tty ? slave : open("/dev/null", O_WRONLY);
    double t0 = now_s();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        exec_run(out[1], err_fd, o->dir, args);
    close(out[1]);
    close(err_fd);
    collect(o, out[0], master, pid, on_tty);
    o->seconds = now_s() - t0;
    close(out[0]);
    if (master >= 0)
        close(master);
    o->out[o->out_len] = '\0';
}

/* The whole plan against the emulator (`run --emulator`), its reports in run-cli-NAME. */
static void run_whole_plan(run_outcome *o, const char *name, void (*on_tty)(pid_t, const char *))
{
    make_report_dir(o, name);
    const char *const args[] = {"--emulator", NULL};
    run(o, args, on_tty);
}

static void assert_matches(const char *text, const char *pattern)
{
    regex_t re;
    assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE), 0);
    int rc = regexec(&re, text, 0, NULL, 0);
    regfree(&re);
    if (rc != 0)
        fail_msg("no line matching /%s/ in:\n%s", pattern, text);
}

static char *read_report(const run_outcome *o, const char *name)
{
    char path[400];
    size_t len;
    snprintf(path, sizeof path, "%s/latest/%s", o->dir, name);
    char *text = transcript_load(path, &len);
    assert_non_null(text);
    text = realloc(text, len + 1);
    text[len] = '\0';
    return text;
}

/* AT+CSQ's cases and the sanity cases: all pass, 100 %, exit 0, the four files in reports/latest. */
static void test_subset_scores_100(void **state)
{
    (void)state;
    static run_outcome o;
    make_report_dir(&o, "subset");
    const char *const args[] = {"--emulator", "--only", "AT+CSQ", NULL};
    run(&o, args, NULL);
    assert_true(WIFEXITED(o.status));
    assert_int_equal(WEXITSTATUS(o.status), 0);
    assert_matches(o.out, "^[0-9]+ cases: [1-9][0-9]* passed, 0 deviations, 0 failed, 0 errors, [0-9]+ skipped — "
                          "score 100 % \\(strict 100 %\\)$");
    assert_matches(o.out, "^report: .*/report.html$");
    const char *const files[] = {"report.json", "junit.xml", "report.html", "transcript.log"};
    for (size_t i = 0; i < 4; i++)
        free(read_report(&o, files[i]));
}

/* The whole plan against the manual profile: every case passes, 100 %, exit 0; its wall time printed. */
static void test_whole_plan(void **state)
{
    (void)state;
    static run_outcome o;
    run_whole_plan(&o, "whole", NULL);
    printf("whole plan against the emulator: %.2f s\n%s", o.seconds, o.out);
    assert_true(WIFEXITED(o.status));
    assert_int_equal(WEXITSTATUS(o.status), 0);
    assert_matches(o.out, "^([0-9]{3,}) cases: \\1 passed, 0 deviations, 0 failed, 0 errors, 0 skipped — "
                          "score 100 % \\(strict 100 %\\)$");
}

/* The firmware profile: deviations and only they show; lenient 100 % (exit 0), strict below (exit 1 with --strict). */
static void test_firmware_profile(void **state)
{
    (void)state;
    static run_outcome o, strict;
    make_report_dir(&o, "firmware");
    const char *const args[] = {"--emulator", "--profile", "firmware", NULL};
    run(&o, args, NULL);
    assert_int_equal(WEXITSTATUS(o.status), 0);
    assert_matches(o.out, "^[0-9]+ cases: [0-9]+ passed, [1-9][0-9]* deviations, 0 failed, 0 errors, 0 skipped — "
                          "score 100 % \\(strict [1-9][0-9]?(\\.[0-9])? %\\)$");
    make_report_dir(&strict, "firmware-strict");
    const char *const strict_args[] = {"--emulator", "--profile", "firmware", "--strict", NULL};
    run(&strict, strict_args, NULL);
    assert_int_equal(WEXITSTATUS(strict.status), 1);
}

/* --xfail: AT+CSQ listed as an expected failure passes: XPASS named, exit 1; a line without its reason: exit 2. */
static void test_xfail_file(void **state)
{
    (void)state;
    static run_outcome o, bad;
    FILE *f = fopen("run-cli-xfail.txt", "w");
    assert_non_null(f);
    fputs("# expected failures\nAT+CSQ   the vendor's ticket 123\n", f);
    fclose(f);
    make_report_dir(&o, "xfail");
    const char *const args[] = {"--emulator", "--only", "AT+CSQ", "--xfail", "run-cli-xfail.txt", NULL};
    run(&o, args, NULL);
    assert_int_equal(WEXITSTATUS(o.status), 1);
    assert_matches(o.out, "^XPASS qat/[0-9.]+/[0-9]+  AT\\+CSQ .*\\(expected to fail: the vendor's ticket 123\\)$");
    f = fopen("run-cli-xfail.txt", "w");
    assert_non_null(f);
    fputs("AT+CSQ\n", f);
    fclose(f);
    make_report_dir(&bad, "xfail-bad");
    run(&bad, args, NULL);
    assert_int_equal(WEXITSTATUS(bad.status), 2);
    remove("run-cli-xfail.txt");
}

/* A TCP port on loopback that takes connections (the kernel's backlog) and never answers: a silent device.
 * Its "HOST:PORT" goes to ADDR; the listening socket is returned. */
static int silent_device(char *addr, size_t size)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(fd, 4), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    snprintf(addr, size, "127.0.0.1:%u", ntohs(sa.sin_port));
    return fd;
}

/* A device that answers nothing: the first case times out, the resync gives up within its bound, the rest are
 * skipped as device gone, exit 3 with the report written. Noise before an answer (--fault garbage-before):
 * failures, exit 1, nothing hangs. */
static void test_faulty_devices(void **state)
{
    (void)state;
    static run_outcome silent, noisy;
    char addr[32];
    int device = silent_device(addr, sizeof addr);
    make_report_dir(&silent, "silent");
    const char *const silent_args[] = {"--tcp", addr, NULL};
    run(&silent, silent_args, NULL);
    close(device);
    printf("no-answer: %.2f s\n", silent.seconds);
    assert_int_equal(WEXITSTATUS(silent.status), 3);
    assert_true(silent.seconds < 2 * 0.3 + 3 * 1.0 + 3.0); /* the case's time twice, 3 resync tries, start-up */
    assert_matches(silent.out, "^[0-9]+ cases: 0 passed, 0 deviations, 1 failed, 0 errors, [0-9]+ skipped");
    assert_matches(silent.out, "^device gone: no answer to AT in 3 tries");
    free(read_report(&silent, "report.json"));
    make_report_dir(&noisy, "noisy");
    const char *const noisy_args[] = {"--emulator", "--fault", "garbage-before", NULL};
    run(&noisy, noisy_args, NULL);
    assert_int_equal(WEXITSTATUS(noisy.status), 1);
    assert_matches(noisy.out, " [1-9][0-9]* failed, 0 errors, 0 skipped");
}

/* The emulator among the runner's children (its command line says `emulate`). */
static pid_t emulator_of(pid_t runner)
{
    char path[64], children[256] = "";
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)runner, (int)runner);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(children, sizeof children, f));
    fclose(f);
    for (char *tok = strtok(children, " \n"); tok; tok = strtok(NULL, " \n")) {
        char cmdline[256] = "";
        snprintf(path, sizeof path, "/proc/%s/cmdline", tok);
        FILE *c = fopen(path, "r");
        size_t n = c ? fread(cmdline, 1, sizeof cmdline - 1, c) : 0;
        if (c)
            fclose(c);
        if (n > 8 && strcmp(cmdline + strlen(cmdline) + 1, "emulate") == 0)
            return (pid_t)atoi(tok);
    }
    fail_msg("no emulator among the children of %d: %s", (int)runner, children);
    return -1;
}

static void kill_emulator_of(pid_t runner)
{
    assert_int_equal(kill(emulator_of(runner), SIGKILL), 0);
}

/* report.json of the run: device_gone true; the index of the first case whose reason says "device gone" (an error,
 * the ones after it skips). */
static size_t first_case_gone(const run_outcome *o)
{
    char *text = read_report(o, "report.json");
    cJSON *json = cJSON_Parse(text);
    free(text);
    assert_non_null(json);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(json, "device_gone")));
    const cJSON *cases = cJSON_GetObjectItem(json, "cases"), *c;
    size_t i = 0, first = SIZE_MAX;
    cJSON_ArrayForEach(c, cases)
    {
        const char *reason = cJSON_GetStringValue(cJSON_GetObjectItem(c, "reason"));
        const char *verdict = cJSON_GetStringValue(cJSON_GetObjectItem(c, "verdict"));
        if (first == SIZE_MAX && reason && strncmp(reason, "device gone: ", 13) == 0) {
            assert_string_equal(verdict, "error");
            first = i;
        } else if (first != SIZE_MAX) {
            assert_string_equal(verdict, "skip");
        }
        i++;
    }
    cJSON_Delete(json);
    assert_true(first != SIZE_MAX);
    return first;
}

static bool killed;

/* Once the progress line reaches case 100, the emulator goes. */
static void kill_at_case_100(pid_t runner, const char *tty)
{
    if (!killed && strstr(tty, "case 100/")) {
        killed = true;
        kill_emulator_of(runner);
    }
}

static void test_emulator_killed(void **state)
{
    (void)state;
    static run_outcome o;
    run_whole_plan(&o, "killed", kill_at_case_100);
    assert_true(killed);
    assert_true(WIFEXITED(o.status));
    assert_int_equal(WEXITSTATUS(o.status), 3);
    assert_matches(o.out, "^device gone: ");
    size_t first_gone = first_case_gone(&o);
    assert_true(first_gone >= 99); /* "case 100/N" shows as the case of index 99 begins */
    /* The transcript: a note for each case up to the one the kill caught, then the device gone note, no case after. */
    char *log = read_report(&o, "transcript.log");
    char *gone = strstr(log, " # device gone: ");
    assert_non_null(gone);
    size_t cases = 0;
    for (char *p = log; (p = strstr(p, " # case ")) != NULL && p < gone; p++)
        cases++;
    assert_int_equal(cases, first_gone + 1);
    assert_null(strstr(gone, " # case "));
    assert_non_null(strstr(log, " < "));
    free(log);
}

static int orphan_pidfd = -1; /* the emulator of the runner killed, as a pidfd: readable once it has exited */

/* Once the progress line reaches case 100, the runner itself goes, by SIGKILL: nothing of its own runs after. */
static void kill_runner_at_case_100(pid_t runner, const char *tty)
{
    if (orphan_pidfd < 0 && strstr(tty, "case 100/")) {
        orphan_pidfd = (int)syscall(SYS_pidfd_open, emulator_of(runner), 0);
        assert_true(orphan_pidfd >= 0);
        assert_int_equal(kill(runner, SIGKILL), 0);
    }
}

/* A run killed outright leaves no emulator behind: its child ends with it (PR_SET_PDEATHSIG), though nobody
 * closes its stdin or signals it. The wait is on the emulator's exit (its pidfd), the guard only a bound. */
static void test_runner_killed_takes_its_emulator(void **state)
{
    (void)state;
    static run_outcome o;
    run_whole_plan(&o, "runner-killed", kill_runner_at_case_100);
    assert_true(WIFSIGNALED(o.status));
    assert_true(orphan_pidfd >= 0);
    struct pollfd p = {.fd = orphan_pidfd, .events = POLLIN};
    assert_int_equal(poll(&p, 1, 10000), 1);
    close(orphan_pidfd);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_subset_scores_100),
        cmocka_unit_test(test_whole_plan),
        cmocka_unit_test(test_firmware_profile),
        cmocka_unit_test(test_faulty_devices),
        cmocka_unit_test(test_xfail_file),
        cmocka_unit_test(test_emulator_killed),
        cmocka_unit_test(test_runner_killed_takes_its_emulator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
