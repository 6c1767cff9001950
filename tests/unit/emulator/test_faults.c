/* test_faults.c — every fault `qatspec emulate --list-faults` names, injected and caught: its trigger lines sent, the
 * answer fed to the stream checker, a violation (at the fault's section) or the timing seen; and no other answer touched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "emu_proc.h"
#include "faults.h"
#include "qat_stream.h"

typedef struct {
    unsigned violations, finals, prompts, at_section;
    const char *section; /* the section the fault names */
    char wire[8192];     /* the bytes received, NUL-terminated (cut at the end) */
    size_t len;
} tally;

static void on_event(void *user, const qat_event *ev)
{
    tally *k = user;
    k->finals += ev->kind == QAT_EV_FINAL;
    k->prompts += ev->kind == QAT_EV_PROMPT;
    if (ev->kind != QAT_EV_VIOLATION || ev->erratum)
        return;
    k->violations++;
    k->at_section += ev->section && strcmp(ev->section, k->section) == 0;
    fprintf(stderr, "  %s: %s (%s)\n", qat_violation_name(ev->violation), ev->message, ev->section);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Feed what FD has to S until a result code, a prompt or a violation came or the wire shows UNTIL (true), or
 * until DEADLINE (false). */
static bool wait_for(int fd, qat_stream *s, tally *k, int64_t deadline, const char *until)
{
    unsigned finals = k->finals, violations = k->violations, prompts = k->prompts;
    while (k->finals == finals && k->violations == violations && k->prompts == prompts &&
           !(until && strstr(k->wire, until))) {
        int64_t left = deadline - now_ms();
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            return false;
        char buf[1024];
        ssize_t got = read(fd, buf, sizeof buf);
        assert_true(got > 0);
        size_t keep = (size_t)got < sizeof k->wire - 1 - k->len ? (size_t)got : sizeof k->wire - 1 - k->len;
        memcpy(k->wire + k->len, buf, keep);
        k->len += keep;
        k->wire[k->len] = '\0';
        qat_stream_feed(s, buf, (size_t)got);
    }
    return true;
}

static bool wait_event(int fd, qat_stream *s, tally *k, int64_t deadline)
{
    return wait_for(fd, s, k, deadline, NULL);
}

/* The max_response_ms of LINE's first command (its form's, else the command's). */
static int64_t max_ms(const qat_compiled *c, const char *line)
{
    qat_cmd cmds[4];
    qat_field fields[16];
    qat_cmdline p = qat_cmdline_parse(c, line, strlen(line), cmds, 4, fields, 16);
    assert_int_equal(p.status, QAT_CMDLINE_OK);
    const qat_cform *f = cmds[0].forms[0];
    return f->form->max_response_ms ? f->form->max_response_ms : f->cmd->max_response_ms;
}

static void send_line(int fd, qat_stream *s, const char *line)
{
    char buf[128];
    int n = snprintf(buf, sizeof buf, "%s\r", line);
    qat_stream_command(s, line, (size_t)n - 1);
    assert_int_equal(write(fd, buf, (size_t)n), n);
}

/* A timing fault: no result code within the max; late-answer's comes after it. */
static void check_timing(int fd, qat_stream *s, tally *k, const qat_compiled *c, const char *line, bool late)
{
    int64_t max = max_ms(c, line), t0 = now_ms();
    assert_true(max <= 300); /* keep the test short */
    send_line(fd, s, line);
    assert_false(wait_event(fd, s, k, t0 + max));
    if (late) {
        assert_true(wait_event(fd, s, k, t0 + GUARD_MS));
        assert_true(k->finals > 0 && now_ms() - t0 > max);
    }
}

/* Send each '|'-separated line of TRIGGER, waiting for its answer (at most its max: a fault may drop it); the
 * segment after a `>` prompt is the data, sent as it is. */
static void run_trigger(int fd, qat_stream *s, tally *k, const qat_compiled *c, const char *trigger)
{
    char lines[256];
    snprintf(lines, sizeof lines, "%s", trigger);
    bool data = false;
    for (char *save = NULL, *l = strtok_r(lines, "|", &save); l; l = strtok_r(NULL, "|", &save)) {
        int64_t t0 = now_ms();
        unsigned prompts = k->prompts;
        if (data)
            assert_int_equal(write(fd, l, strlen(l)), (ssize_t)strlen(l));
        else
            send_line(fd, s, l);
        wait_event(fd, s, k, t0 + (data ? GUARD_MS : max_ms(c, l)));
        data = k->prompts > prompts;
    }
}

/* The emulator with ARGS, its pty, a stream checker on it, the boot banner read. */
typedef struct {
    emulator e;
    int fd;
    tally *k;
    char line_buf[2048];
    qat_stream s;
} session;

static void session_start(session *x, const emu_spec *fx, const char *const *args, const char *section)
{
    emu_start(&x->e, args);
    x->fd = emu_open_pty(x->e.where);
    x->k = calloc(1, sizeof *x->k);
    assert_non_null(x->k);
    x->k->section = section;
    qat_stream_init(&x->s, &fx->c, x->line_buf, sizeof x->line_buf, on_event, x->k);
    assert_true(wait_for(x->fd, &x->s, x->k, now_ms() + GUARD_MS, "RDY\r\n")); /* the boot banner */
}

static void session_stop(session *x)
{
    free(x->k);
    close(x->fd);
    emu_stop(&x->e);
}

/* What the fault hides comes without it (the test can tell). */
static void check_hidden_without(const emu_spec *fx, const em_fault *f)
{
    session x;
    session_start(&x, fx, (const char *const[]){NULL}, "");
    run_trigger(x.fd, &x.s, x.k, &fx->c, f->trigger);
    assert_non_null(strstr(x.k->wire, f->hides));
    session_stop(&x);
}

static void check_fault(const emu_spec *fx, const char *name, const char *section)
{
    int i = em_fault_index(name);
    assert_true(i >= 0);
    const em_fault *f = em_fault_at((size_t)i);
    printf("%s (%s, %s): %s\n", name, section, em_fault_class_name(f->cls), f->trigger);
    session x;
    session_start(&x, fx, (const char *const[]){"--fault", name, NULL}, section);
    if (f->cls == EM_FC_TIMING)
        check_timing(x.fd, &x.s, x.k, &fx->c, f->trigger, strcmp(name, "late-answer") == 0);
    else
        run_trigger(x.fd, &x.s, x.k, &fx->c, f->trigger);
    qat_stream_finish(&x.s);
    if (f->shows)
        assert_non_null(strstr(x.k->wire, f->shows));
    if (f->hides) {
        assert_null(strstr(x.k->wire, f->hides));
        check_hidden_without(fx, f);
    }
    if (!f->shows && !f->hides && f->cls != EM_FC_TIMING)
        assert_true(x.k->at_section > 0);
    session_stop(&x);
}

/* A fault leaves the answers of other commands alone: BYSTANDER, which no fault is scoped to, answered clean. */
static void check_bystander(const emu_spec *fx, const em_fault *f, const char *bystander)
{
    assert_true(!f->scope || strcmp(f->scope, bystander) != 0);
    session x;
    session_start(&x, fx, (const char *const[]){"--fault", f->name, NULL}, "");
    send_line(x.fd, &x.s, bystander);
    assert_true(wait_event(x.fd, &x.s, x.k, now_ms() + GUARD_MS));
    qat_stream_finish(&x.s);
    assert_int_equal(x.k->finals, 1);
    assert_int_equal(x.k->violations, 0);
    assert_non_null(strstr(x.k->wire, "\r\nOK\r\n"));
    session_stop(&x);
}

static void no_fault_touches_another_command(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    for (size_t i = 0; i < em_fault_count(); i++)
        check_bystander(&fx, em_fault_at(i), "AT+CGMR");
    emu_spec_unload(&fx);
}

/* Every line of --list-faults: `NAME  SECTION  class: what`. */
static void every_listed_fault_is_caught(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    FILE *p = popen(QATSPEC_BIN " emulate --spec " QAT_SPEC_DIR " --list-faults", "r");
    assert_non_null(p);
    char line[256], name[64], section[32];
    size_t n = 0;
    while (fgets(line, sizeof line, p))
        if (sscanf(line, "%63s %31s", name, section) == 2) {
            check_fault(&fx, name, section);
            n++;
        }
    assert_int_equal(pclose(p), 0);
    assert_true(n >= 15);
    emu_spec_unload(&fx);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_listed_fault_is_caught),
        cmocka_unit_test(no_fault_touches_another_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
