/* test_modes.c — `qatspec emulate --hostile` and `--latency`: mutations reproducible from the seed, each kind seen by
 * the stream checker as the violations it must cause, the emulator alive after them; delays within max_response_ms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "emu_proc.h"
#include "hostile.h"
#include "latency.h"
#include "qat_stream.h"

#define HOSTILE_COMMANDS 200
#define MARGIN_MS 2000 /* scheduling on a loaded machine: an answer may come this much after its maximum */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- the emulator with its --trace on a pipe ---- */

typedef struct {
    emulator e;
    int pty, trace;
    char pending[512]; /* trace bytes not yet taken as a line */
    size_t n_pending;
} traced;

/* Start the emulator with ARGS (at most 8) and `--trace` on a pipe; wait for its boot banner. */
static void traced_start(traced *t, const char *const *args)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", p[1]);
    const char *all[12] = {"--trace", path};
    for (size_t i = 0; args[i]; i++)
        all[2 + i] = args[i];
    emu_start(&t->e, all);
    close(p[1]);
    t->trace = p[0];
    t->n_pending = 0;
    t->pty = emu_open_pty(t->e.where);
    char banner[64];
    for (size_t got = 0; got < 5 || memcmp(banner + got - 5, "RDY\r\n", 5) != 0;) {
        assert_true(got < sizeof banner);
        got += emu_read_some(t->pty, banner + got, 1);
    }
}

static void traced_stop(traced *t)
{
    close(t->pty);
    emu_stop(&t->e);
    close(t->trace);
}

/* The next trace line: the answer's mutation kind (or "valid"), its bytes and its delay. */
static void next_trace(traced *t, char *kind, size_t *bytes, unsigned *ms)
{
    char *nl;
    while (!(nl = memchr(t->pending, '\n', t->n_pending))) {
        struct pollfd p = {.fd = t->trace, .events = POLLIN};
        assert_true(poll(&p, 1, GUARD_MS) > 0);
        ssize_t got = read(t->trace, t->pending + t->n_pending, sizeof t->pending - 1 - t->n_pending);
        assert_true(got > 0);
        t->n_pending += (size_t)got;
    }
    *nl = '\0';
    unsigned n;
    assert_int_equal(sscanf(t->pending, "answer %u: %31[^,], %zu bytes, %u ms", &n, kind, bytes, ms), 4);
    t->n_pending -= (size_t)(nl + 1 - t->pending);
    memmove(t->pending, nl + 1, t->n_pending);
}

/* Read exactly N bytes from the pty into BUF. */
static void read_exactly(int fd, char *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        size_t more = emu_read_some(fd, buf + got, n - got);
        assert_true(more > 0);
        got += more;
    }
}

/* ---- what the stream checker sees of one answer ---- */

#define URC_CAME (1u << 31) /* a URC event: none of the commands sent causes one */

typedef struct {
    uint32_t violations; /* bit v: qat_violation v came; URC_CAME */
    unsigned finals;
} seen;

static void on_event(void *user, const qat_event *ev)
{
    seen *k = user;
    k->violations |= ev->kind == QAT_EV_URC ? URC_CAME : 0;
    k->finals += ev->kind == QAT_EV_FINAL;
    if (ev->kind == QAT_EV_VIOLATION && !ev->erratum)
        k->violations |= 1u << ev->violation;
}

static seen check_answer(const emu_spec *fx, const char *cmd, const char *answer, size_t n)
{
    seen k = {0};
    char line[2048];
    qat_stream s;
    qat_stream_init(&s, &fx->c, line, sizeof line, on_event, &k);
    qat_stream_command(&s, cmd, strlen(cmd));
    qat_stream_feed(&s, answer, n);
    qat_stream_finish(&s);
    k.violations &= ~(1u << QAT_V_BAD_COMMAND); /* about the line sent (AT+NOPE), not the answer */
    return k;
}

/* ---- hostile ---- */

/* The session: echo off, a UDP SERVICE socket (a datagram waits in it, so AT+QIRD answers carry a payload and its
 * length), then plain commands. */
static const char *const setup[] = {"ATE0", "AT+QICSGP=1,1,\"cmnet\"", "AT+QIACT=1"};
static const char open_format[] = "AT+QIOPEN=1,0,\"UDP SERVICE\",\"127.0.0.1\",0,%d,0"; /* the setup's last */
static const char datagram[] = "hostile\r\npayload";
static const char *const cycle[] = {"AT",        "ATI",       "AT+CGMR",     "AT+QIRD=0", "AT+CSQ",       "AT+CGSN",
                                    "AT+CEREG?", "AT+QIRD=0", "AT+QIRD=0,0", "AT+CPIN?",  "AT+CGPADDR=1", "AT+QIACT?",
                                    "AT+NOPE"};

#define N_SETUP (sizeof setup / sizeof setup[0] + 1)
#define N_CYCLE (sizeof cycle / sizeof cycle[0])

/* The loopback ports of a hostile session, the same in every run: answers show them. */
typedef struct {
    int socket, sender; /* the UDP SERVICE's, and the one the test's datagram comes from */
} ports;

typedef struct {
    ports ports;
    char *wire; /* every byte received, in order */
    size_t len;
    unsigned mutated[16], shown[16]; /* by kind: answers mutated, answers whose violations showed it */
    unsigned clean;                  /* answers the checker found nothing wrong with */
} hostile_run;

static int bound_udp(int port)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_true(fd >= 0);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static int port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    return ntohs(a.sin_port);
}

static ports free_ports(void)
{
    int a = bound_udp(0), b = bound_udp(0);
    ports p = {port_of(a), port_of(b)};
    close(a);
    close(b);
    return p;
}

/* The datagram from the sender port to the UDP SERVICE. */
static void send_datagram(ports p)
{
    int fd = bound_udp(p.sender);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)p.socket)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(sendto(fd, datagram, sizeof datagram - 1, 0, (struct sockaddr *)&to, sizeof to),
                     (ssize_t)(sizeof datagram - 1));
    close(fd);
}

/* Command I into LINE[0..CAP). */
static void command_at(size_t i, ports p, char *line, size_t cap)
{
    if (i == N_SETUP - 1)
        snprintf(line, cap, open_format, p.socket);
    else
        snprintf(line, cap, "%s", i < N_SETUP ? setup[i] : cycle[(i - N_SETUP) % N_CYCLE]);
}

/* The bytes TEXT, next on the pty (a URC from the socket: not mutated), appended to R's wire. */
static void expect_bytes(traced *t, hostile_run *r, const char *text)
{
    size_t n = strlen(text);
    r->wire = realloc(r->wire, r->len + n);
    assert_non_null(r->wire);
    read_exactly(t->pty, r->wire + r->len, n);
    assert_memory_equal(r->wire + r->len, text, n);
    r->len += n;
}

/* The violations each kind must cause (at least one of them), by the kind's index in the emulator's table. */
static uint32_t expected_for(const char *kind)
{
    static const struct {
        const char *kind;
        uint32_t violations;
    } table[] = {
        {"split-line", 1u << QAT_V_UNEXPECTED_LINE | 1u << QAT_V_BAD_LINE},
        {"merge-lines", 1u << QAT_V_UNEXPECTED_LINE | 1u << QAT_V_BAD_LINE | 1u << QAT_V_MISSING_LINE},
        {"insert-urc", URC_CAME | 1u << QAT_V_UNEXPECTED_LINE | 1u << QAT_V_BAD_LINE | 1u << QAT_V_UNKNOWN_URC},
        {"lie-length", 1u << QAT_V_PAYLOAD_LENGTH | 1u << QAT_V_PAYLOAD_CUT | 1u << QAT_V_MISSING_LINE |
                           1u << QAT_V_LF_WITHOUT_CR |
                           1u << QAT_V_STRAY_CR | 1u << QAT_V_UNEXPECTED_LINE},
        {"long-line", 1u << QAT_V_LINE_TOO_LONG},
        {"stray-prompt", 1u << QAT_V_UNEXPECTED_LINE | 1u << QAT_V_BAD_LINE},
        {"duplicate-final", 1u << QAT_V_UNEXPECTED_FINAL},
        {"drop-final", 1u << QAT_V_MISSING_LINE},
        {"out-of-range", 1u << QAT_V_BAD_LINE},
        {"garbage", 1u << QAT_V_UNEXPECTED_LINE | 1u << QAT_V_BAD_LINE | 1u << QAT_V_UNKNOWN_URC},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].kind, kind) == 0)
            return table[i].violations;
    fail_msg("the emulator names a kind the test does not know: %s", kind);
    return 0;
}

static size_t kind_index(const char *kind)
{
    for (size_t i = 0; i < em_hostile_kind_count(); i++)
        if (strcmp(em_hostile_kind_name(i), kind) == 0)
            return i;
    fail_msg("unknown kind %s", kind);
    return 0;
}

/* Send command I, read its answer (the trace says how many bytes), check it; after AT+QIOPEN, its URC, then a
 * datagram into the socket and the URC telling it. */
static void hostile_step(const emu_spec *fx, traced *t, size_t i, hostile_run *r)
{
    char cmd[128], kind[32];
    command_at(i, r->ports, cmd, sizeof cmd - 1);
    size_t n = strlen(cmd);
    cmd[n] = '\r';
    assert_int_equal(write(t->pty, cmd, n + 1), (ssize_t)(n + 1));
    cmd[n] = '\0';
    size_t bytes, echo = i == 0 ? n + 1 : 0;
    unsigned ms;
    next_trace(t, kind, &bytes, &ms);
    r->wire = realloc(r->wire, r->len + echo + bytes + 64);
    assert_non_null(r->wire);
    read_exactly(t->pty, r->wire + r->len, echo + bytes);
    seen k = check_answer(fx, cmd, r->wire + r->len + echo, bytes);
    r->len += echo + bytes;
    if (i == N_SETUP - 1) {
        expect_bytes(t, r, "\r\n+QIOPEN: 0,0\r\n");
        send_datagram(r->ports);
        expect_bytes(t, r, "\r\n+QIURC: \"recv\",0\r\n");
    }
    r->clean += !k.violations;
    if (strcmp(kind, "valid") != 0) {
        size_t at = kind_index(kind);
        r->mutated[at]++;
        r->shown[at] += (k.violations & expected_for(kind)) != 0;
        if (!(k.violations & expected_for(kind)))
            fprintf(stderr, "%s -> %s: violations %#x\n", cmd, kind, (unsigned)k.violations);
    }
}

static void run_hostile(const emu_spec *fx, const char *seed, const char *rate, ports p, hostile_run *r)
{
    traced t;
    traced_start(&t, (const char *const[]){"--hostile", "--seed", seed, "--hostile-rate", rate, NULL});
    *r = (hostile_run){.ports = p};
    for (size_t i = 0; i < N_SETUP + HOSTILE_COMMANDS; i++)
        hostile_step(fx, &t, i, r);
    /* still alive: a plain AT is answered (mutated or not) */
    char kind[32], buf[EM_HOSTILE_LONG_MAX + 256];
    size_t bytes;
    unsigned ms;
    assert_int_equal(write(t.pty, "AT\r", 3), 3);
    next_trace(&t, kind, &bytes, &ms);
    assert_true(bytes > 0 || strcmp(kind, "drop-final") == 0);
    read_exactly(t.pty, buf, bytes);
    traced_stop(&t);
}

/* Every kind shows over 200 commands and is caught by the stream checker as the violations it must cause; almost
 * every mutated answer is (a length lie that lands on the CR LF after it can read as a payload of those bytes). */
static void hostile_every_kind_caught(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    hostile_run r;
    run_hostile(&fx, "5", "100", free_ports(), &r);
    unsigned mutated = 0, caught = 0;
    for (size_t i = 0; i < em_hostile_kind_count(); i++) {
        printf("%-16s mutated %3u, caught %3u\n", em_hostile_kind_name(i), r.mutated[i], r.shown[i]);
        assert_true(r.mutated[i] > 0);
        assert_true(r.shown[i] > 0);
        mutated += r.mutated[i];
        caught += r.shown[i];
    }
    assert_true(caught * 100 >= mutated * 95);
    free(r.wire);
    emu_spec_unload(&fx);
}

/* The same seed and commands give the same bytes; another seed others; rate 0 is the valid answers, all clean. */
static void hostile_reproducible(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    hostile_run a, b, c, valid;
    ports p = free_ports();
    run_hostile(&fx, "9", "100", p, &a);
    run_hostile(&fx, "9", "100", p, &b);
    run_hostile(&fx, "10", "100", p, &c);
    run_hostile(&fx, "9", "0", p, &valid);
    printf("seed 9: %zu bytes twice, seed 10: %zu bytes, rate 0: %zu bytes\n", a.len, c.len, valid.len);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.wire, b.wire, a.len);
    assert_true(a.len != c.len || memcmp(a.wire, c.wire, a.len) != 0);
    assert_int_equal(valid.clean, N_SETUP + HOSTILE_COMMANDS);
    assert_true(a.clean < (N_SETUP + HOSTILE_COMMANDS) / 10);
    free(a.wire);
    free(b.wire);
    free(c.wire);
    free(valid.wire);
    emu_spec_unload(&fx);
}

/* ---- latency ---- */

/* Commands answered within 300 ms at most (the spec's usual maximum), so that the test stays short. */
static const char *const quick[] = {"AT", "ATI", "AT+CGMR", "AT+CSQ", "AT+CGSN", "AT+CEREG?"};
#define N_QUICK (sizeof quick / sizeof quick[0])
#define LATENCY_ROUNDS 4

static uint32_t max_of(const emu_spec *fx, const char *line)
{
    qat_cmd cmds[2];
    qat_field fields[8];
    qat_cmdline p = qat_cmdline_parse(&fx->c, line, strlen(line), cmds, 2, fields, 8);
    assert_int_equal(p.status, QAT_CMDLINE_OK);
    return em_latency_max_ms(cmds[0].forms[0]);
}

/* Send LINE; the answer's delay as drawn (the trace) and as measured, in ms. */
static void timed(const emu_spec *fx, traced *t, const char *cmd, unsigned *drawn, double *took)
{
    char line[64], kind[32], buf[512];
    int n = snprintf(line, sizeof line, "%s\r", cmd);
    int64_t t0 = now_ns();
    assert_int_equal(write(t->pty, line, (size_t)n), n);
    size_t bytes;
    next_trace(t, kind, &bytes, drawn);
    assert_true(bytes + (size_t)n < sizeof buf);
    read_exactly(t->pty, buf, (size_t)n + bytes); /* the echo at once, then the answer */
    *took = (double)(now_ns() - t0) / 1e6;
    seen k = check_answer(fx, cmd, buf + n, bytes);
    assert_int_equal(k.violations, 0);
    assert_int_equal(k.finals, 1);
}

/* --latency realistic: every answer comes, no sooner than its drawn delay, no later than its maximum (plus a
 * scheduling margin); the delays lie in [max/10, max*9/10] and vary. */
static void latency_realistic(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    traced t;
    traced_start(&t, (const char *const[]){"--latency", "realistic", "--seed", "3", NULL});
    unsigned least = UINT32_MAX, most = 0;
    for (size_t i = 0; i < N_QUICK * LATENCY_ROUNDS; i++) {
        const char *cmd = quick[i % N_QUICK];
        uint32_t max = max_of(&fx, cmd);
        unsigned drawn;
        double took;
        timed(&fx, &t, cmd, &drawn, &took);
        printf("%-10s max %4u ms, drawn %4u ms, took %7.1f ms\n", cmd, max, drawn, took);
        assert_true(drawn >= max / 10 && drawn <= max * 9 / 10);
        assert_true(took >= drawn - 1.0); /* the emulator's clock counts whole ms */
        assert_true(took <= max + MARGIN_MS);
        least = drawn < least ? drawn : least;
        most = drawn > most ? drawn : most;
    }
    assert_true(most - least >= 50);
    traced_stop(&t);
    emu_spec_unload(&fx);
}

/* --latency max: each answer exactly at its maximum, not before. */
static void latency_max(void **state)
{
    (void)state;
    emu_spec fx;
    emu_spec_load(&fx);
    traced t;
    traced_start(&t, (const char *const[]){"--latency", "max", NULL});
    for (size_t i = 0; i < 3; i++) {
        unsigned drawn;
        double took;
        timed(&fx, &t, quick[i], &drawn, &took);
        printf("%-10s drawn %4u ms, took %7.1f ms\n", quick[i], drawn, took);
        assert_int_equal(drawn, max_of(&fx, quick[i]));
        assert_true(took >= drawn - 1.0 && took <= drawn + MARGIN_MS);
    }
    traced_stop(&t);
    emu_spec_unload(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hostile_every_kind_caught),
        cmocka_unit_test(hostile_reproducible),
        cmocka_unit_test(latency_realistic),
        cmocka_unit_test(latency_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
