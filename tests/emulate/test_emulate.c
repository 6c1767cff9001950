/* test_emulate.c — end-to-end tests of `qatspec emulate`: every form of every command of the spec sent over
 * the pty and its answer checked by the stream parser (0 violations), invalid lines refused, the TCP link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "emu_proc.h"
#include "qat_stream.h"
#include "qat_synth.h"

/* ---- raw exchanges ---- */

typedef struct {
    char *data;
    size_t len, cap;
} bytes;

static void add(bytes *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        assert_non_null(b->data);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static bool ends_with(const bytes *b, const char *suffix)
{
    size_t n = strlen(suffix);
    return b->len >= n && memcmp(b->data + b->len - n, suffix, n) == 0;
}

/* Read until NEEDLE has come (the boot banner), feeding every byte to S when S is not NULL. */
static void read_until(int fd, const char *needle, qat_stream *s)
{
    bytes b = {0};
    while (!strstr(b.data ? b.data : "", needle)) {
        char buf[256];
        size_t got = emu_read_some(fd, buf, sizeof buf);
        assert_true(got > 0);
        add(&b, buf, got);
        if (s)
            qat_stream_feed(s, buf, got);
    }
    free(b.data);
}

static bool answered(const bytes *b, const char *until)
{
    return until ? ends_with(b, until) : ends_with(b, "\r\nOK\r\n") || ends_with(b, "\r\nERROR\r\n");
}

/* Drain the answer into B while writing OUT[0..N) to FD, until B ends with UNTIL (NULL: OK or ERROR). */
static void converse(int fd, const char *out, size_t n, bytes *b, const char *until)
{
    size_t sent = 0;
    while (!(sent == n && answered(b, until))) {
        struct pollfd p = {.fd = fd, .events = (short)(POLLIN | (sent < n ? POLLOUT : 0))};
        assert_true(poll(&p, 1, GUARD_MS) > 0);
        if (p.revents & POLLIN) {
            char buf[8192];
            ssize_t got = read(fd, buf, sizeof buf);
            assert_true(got > 0);
            add(b, buf, (size_t)got);
        }
        if ((p.revents & POLLOUT) && sent < n) {
            ssize_t put = write(fd, out + sent, n - sent < 4096 ? n - sent : 4096);
            assert_true(put > 0);
            sent += (size_t)put;
        }
    }
}

/* Send LINE with its CR; the answer up to UNTIL (NULL: OK or ERROR), echo included, must end with
 * EXPECTED (WHOLE: be EXPECTED). */
static void expect(int fd, const char *line, const char *until, const char *expected, bool whole)
{
    bytes b = {0};
    char cmd[256];
    int n = snprintf(cmd, sizeof cmd, "%s\r", line);
    converse(fd, cmd, (size_t)n, &b, until);
    if (!ends_with(&b, expected) || (whole && b.len != strlen(expected)))
        fail_msg("%s: expected \"%s%s\", got \"%s\"", line, whole ? "" : "...", expected, b.data);
    free(b.data);
}

static void expect_answer(int fd, const char *line, const char *final)
{
    expect(fd, line, NULL, final, false);
}

/* ---- every form of every command ---- */

typedef struct {
    unsigned violations, deviations, finals, unnamed; /* unnamed: deviations naming no erratum of SPEC */
    const char *sent;
    const qat_spec *spec; /* NULL: not checked */
} checker;

static void on_event(void *user, const qat_event *ev)
{
    checker *k = user;
    if (ev->kind == QAT_EV_FINAL)
        k->finals++;
    if (ev->erratum)
        k->deviations++;
    if (ev->erratum && k->spec && !qat_spec_erratum(k->spec, ev->erratum))
        k->unnamed++;
    if (ev->kind == QAT_EV_VIOLATION && !ev->erratum) {
        k->violations++;
        fprintf(stderr, "violation after %s: %s: %s\n", k->sent, qat_violation_name(ev->violation), ev->message);
    }
}

/* A parameter with a default gets it (so AT+IPR, ATS3, ATV leave the link usable); others are drawn. */
static const char *defaults(void *user, const qat_param *p)
{
    char *buf = user;
    if (!p->has_default)
        return NULL;
    if (p->default_str)
        return p->default_str;
    snprintf(buf, 32, "%lld", (long long)p->default_int);
    return buf;
}

/* Send a line FORM's syntax accepts; feed the answer to S until its result code. */
static void send_form(int fd, qat_stream *s, checker *k, const qat_cform *f, qat_rng *rng)
{
    char line[700] = "AT", value[32];
    qat_synth_opts o = {.pick = defaults, .user = value};
    qat_synth_result r = qat_synth_line(&f->syntax, &o, rng, line + 2, sizeof line - 3);
    assert_int_equal(r.status, QAT_SYNTH_OK);
    k->sent = line;
    qat_stream_command(s, line, r.len + 2);
    line[r.len + 2] = '\r';
    assert_int_equal(write(fd, line, r.len + 3), (ssize_t)(r.len + 3));
    line[r.len + 2] = '\0';
    unsigned finals = k->finals;
    while (k->finals == finals) {
        char buf[4096];
        size_t got = emu_read_some(fd, buf, sizeof buf);
        if (got == 0)
            fail_msg("no result code for %s", line);
        qat_stream_feed(s, buf, got);
    }
}

/* Every form of every command, 3 rounds, against the emulator started with ARGS; the counts into K. */
static void run_every_form(const emu_spec *fx, const char *const *args, checker *k)
{
    emulator e;
    emu_start(&e, args);
    int fd = emu_open_pty(e.where);
    char line_buf[2048];
    qat_stream s;
    qat_stream_init(&s, &fx->c, line_buf, sizeof line_buf, on_event, k);
    qat_rng rng;
    qat_rng_seed(&rng, 11);
    k->sent = "(nothing: the boot banner)";
    read_until(fd, "RDY\r\n", &s); /* as a driver waits for RDY before it talks */
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < fx->c.n_forms; i++)
            send_form(fd, &s, k, &fx->c.forms[i], &rng);
    printf("%s: %zu forms x 3 rounds: %u results, %u violations, %u deviations\n", args[3], fx->c.n_forms, k->finals,
           k->violations, k->deviations);
    close(fd);
    emu_stop(&e);
}

static void every_form_conforms(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    checker k = {0};
    run_every_form(&fx, (const char *const[]){"--seed", "7", "--profile", "manual", NULL}, &k);
    assert_int_equal(k.violations, 0);
    assert_int_equal(k.deviations, 0);
    emu_spec_unload(&fx);
}

/* --profile firmware: the errata's readings, every one naming an erratum of the spec, and still no violation. */
static void firmware_profile_deviates_by_errata(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    checker k = {.spec = &fx.spec.spec};
    run_every_form(&fx, (const char *const[]){"--seed", "7", "--profile", "firmware", NULL}, &k);
    assert_int_equal(k.violations, 0);
    assert_true(k.deviations > 0);
    assert_int_equal(k.unnamed, 0);
    emu_spec_unload(&fx);
}

/* ---- invalid lines ---- */

static void invalid_lines_refused(void **state)
{
    (void)state;
    emulator e;
    emu_start(&e, (const char *const[]){NULL});
    int fd = emu_open_pty(e.where);
    expect_answer(fd, "AT+XYZ", "\r\nERROR\r\n");
    expect_answer(fd, "AT+CSQ=5", "\r\nERROR\r\n");
    size_t n = 100 * 1024;
    char *garbage = malloc(n + 1);
    assert_non_null(garbage);
    for (size_t i = 0; i < n; i++)
        garbage[i] = (char)('!' + (i * 7919) % 90); /* printable, no CR, no BS */
    garbage[n] = '\r';
    bytes b = {0};
    converse(fd, garbage, n + 1, &b, NULL);
    assert_true(ends_with(&b, "\r\nERROR\r\n"));
    free(b.data);
    free(garbage);
    expect_answer(fd, "AT", "\r\nOK\r\n");
    close(fd);
    emu_stop(&e);
}

/* ---- state, read back ---- */


/* A session as data: each line sent and the whole answer expected, echo included while ATE1. */
static const struct {
    const char *line, *answer;
} session[] = {
    {"AT+CSX\bQ", "AT+CSX\bQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n"}, /* S5 deletes; --csq */
    {"AT+CGSN", "AT+CGSN\r\r\n356938035643809\r\n\r\nOK\r\n"},  /* --imei */
    {"AT+CEREG=2;+CMEE=1", "AT+CEREG=2;+CMEE=1\r\r\nOK\r\n"},
    {"AT+CEREG?;+CMEE?", "AT+CEREG?;+CMEE?\r\r\n+CEREG: 2,5\r\n\r\n+CMEE: 1\r\n\r\nOK\r\n"}, /* --reg roaming */
    {"AT+XYZ", "AT+XYZ\r\r\n+CME ERROR: 100\r\n"},
    {"ATE0", "ATE0\r\r\nOK\r\n"},
    {"AT+CFUN=0", "\r\nOK\r\n\r\n+CEREG: 0\r\n"}, /* radio off: deregistered, reported as AT+CEREG=2 asks */
    {"AT+CGATT?", "\r\n+CGATT: 0\r\n\r\nOK\r\n"},
    {"AT+CFUN=1", "\r\nOK\r\n\r\n+CEREG: 5\r\n"},
    {"AT+QICSGP=2,1,\"cmnet\"", "\r\nOK\r\n"},
    {"AT+QICSGP=2", "\r\n+QICSGP: 1,\"cmnet\",\"\",\"\",0\r\n\r\nOK\r\n"},
    {"AT+QIACT=1", "\r\nOK\r\n"},
    {"AT+QIACT=2", "\r\nOK\r\n"},
    {"AT+QIACT=3", "\r\nOK\r\n"},
    {"AT+QIACT=4", "\r\nERROR\r\n"}, /* at most 3 active (2.13); the form lists no +CME ERROR */
    {"AT+QIDEACT=1", "\r\nOK\r\n"},
    {"AT+QIACT?", "\r\n+QIACT:2,1,1,\"10.0.0.2\"\r\n+QIACT:3,1,1,\"10.0.0.3\"\r\n\r\nOK\r\n"},
    {"AT+CGPADDR=2", "\r\n+CGPADDR:2,\"10.0.0.2\"\r\n\r\nOK\r\n"},
    {"ATS3?", "\r\n013\r\n\r\nOK\r\n"},    /* S-parameters read back as three digits (V.250 §5.3.2) */
    {"ATS0?", "\r\n000\r\n\r\nOK\r\n"},    /* the spec's default, at the spec's width */
    {"ATS5=9", "\r\nOK\r\n"},
    {"ATS5?", "\r\n009\r\n\r\nOK\r\n"},
    {"ATE", "\r\nOK\r\n"}, /* <value> left out: the spec's default, 1 */
    {"AT", "AT\r\r\nOK\r\n"},
    {"ATQ1", "ATQ1\r"},                                          /* V.250 §6.2.5: no result code, its own neither */
    {"AT+CGATT?", "AT+CGATT?\r\r\n+CGATT: 1\r\n"},                /* information text still comes */
    {"ATQ0", "ATQ0\r\r\nOK\r\n"},
    {"AT+CGDCONT=4,\"IPV6\",\"ims\"", "AT+CGDCONT=4,\"IPV6\",\"ims\"\r\r\nOK\r\n"}, /* 27.007 §10.1.1 */
    {"AT+CGDCONT?", "AT+CGDCONT?\r\r\n+CGDCONT: 1,\"IP\",\"\",\"0.0.0.0\",0,0\r\n"
                    "+CGDCONT: 2,\"IP\",\"cmnet\",\"10.0.0.2\",0,0\r\n+CGDCONT: 3,\"IP\",\"\",\"10.0.0.3\",0,0\r\n"
                    "+CGDCONT: 4,\"IPV6\",\"ims\",\"0.0.0.0\",0,0\r\n\r\nOK\r\n"},
    {"ATD*99***5#", "ATD*99***5#\r\r\n+CME ERROR: 3\r\n"}, /* context 5 not defined (AT+CMEE=1 above) */
    {"ATD*99***4#", "ATD*99***4#\r\r\nCONNECT\r\n"},
};

static void state_read_back(void **state)
{
    (void)state;
    emulator e;
    emu_start(&e, (const char *const[]){"--reg", "roaming", "--csq", "20,0", "--imei", "356938035643809", NULL});
    int fd = emu_open_pty(e.where);
    read_until(fd, "RDY\r\n", NULL);
    for (size_t i = 0; i < sizeof session / sizeof session[0]; i++)
        expect(fd, session[i].line, session[i].answer, session[i].answer, true);
    close(fd);
    emu_stop(&e);
}

/* ---- the framing's characters: S3 and S4 ---- */

/* V.250 §6.2.1's example: "ATS3=30" is ended by CR, and its result code uses character 30 in place of CR; lines are
 * ended by it from then on. S4 likewise (§6.2.2); AT&F restores CR LF. Each answer, echo included, byte for byte. */
static const struct {
    const char *sent, *answer;
} line_chars[] = {
    {"ATS3=30\r", "ATS3=30\r\x1e\nOK\x1e\n"},
    {"AT\x1e", "AT\x1e\x1e\nOK\x1e\n"},
    {"ATS4=31\x1e", "ATS4=31\x1e\x1e\x1fOK\x1e\x1f"},
    {"ATS3?\x1e", "ATS3?\x1e\x1e\x1f" "030\x1e\x1f\x1e\x1fOK\x1e\x1f"},
    {"AT&F\x1e", "AT&F\x1e\r\nOK\r\n"},
    {"AT\r", "AT\r\r\nOK\r\n"},
};

static void line_characters_follow_s3_and_s4(void **state)
{
    (void)state;
    emulator e;
    emu_start(&e, (const char *const[]){NULL});
    int fd = emu_open_pty(e.where);
    read_until(fd, "RDY\r\n", NULL);
    for (size_t i = 0; i < sizeof line_chars / sizeof line_chars[0]; i++) {
        bytes b = {0};
        converse(fd, line_chars[i].sent, strlen(line_chars[i].sent), &b, line_chars[i].answer);
        if (b.len != strlen(line_chars[i].answer))
            fail_msg("%zu: expected %zu bytes, got \"%s\"", i, strlen(line_chars[i].answer), b.data);
        free(b.data);
    }
    close(fd);
    emu_stop(&e);
}

/* ---- the TCP link ---- */

static int connect_to(const char *where)
{
    const char *colon = strrchr(where, ':');
    assert_non_null(colon);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

/* A client connects, sees the boot banner, gets OK for AT, leaves. */
static void one_client(const char *where)
{
    int fd = connect_to(where);
    read_until(fd, "RDY\r\n", NULL);
    expect_answer(fd, "AT", "\r\nOK\r\n");
    expect_answer(fd, "ATI", "\r\nOK\r\n");
    close(fd);
}

static void tcp_clients_in_turn(void **state)
{
    (void)state;
    emulator e;
    emu_start(&e, (const char *const[]){"--tcp", "127.0.0.1:0", NULL});
    assert_int_equal(strncmp(e.where, "127.0.0.1:", 10), 0);
    one_client(e.where);
    one_client(e.where);
    emu_stop(&e);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_form_conforms),
        cmocka_unit_test(firmware_profile_deviates_by_errata),
        cmocka_unit_test(invalid_lines_refused),
        cmocka_unit_test(state_read_back),
        cmocka_unit_test(line_characters_follow_s3_and_s4),
        cmocka_unit_test(tcp_clients_in_turn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
