/* test_sockets.c — the emulator's real sockets end to end: TCP in buffer and direct-push modes and UDP through an
 * echo server on loopback, a TCP LISTENER taking a real connection; byte-exact, every answer checked by qat_stream. */
#define _GNU_SOURCE /* prctl's PR_SET_PDEATHSIG */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emu_proc.h"
#include "transparent.h"
#include "qat_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* What a driver must pass through untouched: line ends, a result code, a URC, NUL, Ctrl-Z, ESC, 0xFF. */
static const char PAYLOAD[] = "ab\r\nOK\r\n\0cd\x1a\x1b\xff\r\n+QIURC: \"recv\",0\r\nERROR";
#define PAYLOAD_LEN (sizeof PAYLOAD - 1)

/* ---- an echo server on loopback, in a child process ---- */

typedef struct {
    pid_t pid;
    int tcp_port, udp_port;
} echo_server;

/* A socket of TYPE bound to 127.0.0.1 on a free port (into *PORT). */
static int bound(int type, int *port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, type, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    *port = ntohs(sa.sin_port);
    return fd;
}

/* One readable fd of the server: accept, echo a datagram to its sender, or echo stream bytes (closing at EOF). */
static void echo_one(struct pollfd *p, size_t *n, size_t i)
{
    char buf[4096];
    struct sockaddr_in from;
    socklen_t len = sizeof from;
    if (i == 0 && *n < 16) {
        p[(*n)++] = (struct pollfd){.fd = accept(p[0].fd, NULL, NULL), .events = POLLIN};
    } else if (i == 1) {
        ssize_t got = recvfrom(p[1].fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
        if (got > 0)
            sendto(p[1].fd, buf, (size_t)got, 0, (struct sockaddr *)&from, len);
    } else if (i > 1) {
        ssize_t got = read(p[i].fd, buf, sizeof buf);
        if (got <= 0 || write(p[i].fd, buf, (size_t)got) != got) {
            close(p[i].fd);
            p[i] = p[--*n];
        }
    }
}

/* The child keeps no fd of the test's (the emulator's stdin pipe, ctest's output) and dies with the test. */
static void echo_serve(int tcp, int udp)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (int fd = 0; fd < 1024; fd++)
        if (fd != tcp && fd != udp)
            close(fd);
    struct pollfd p[16] = {{.fd = tcp, .events = POLLIN}, {.fd = udp, .events = POLLIN}};
    size_t n = 2;
    while (poll(p, (nfds_t)n, -1) > 0)
        for (size_t i = n; i-- > 0;)
            if (p[i].revents)
                echo_one(p, &n, i);
    _exit(0);
}

static void echo_start(echo_server *s)
{
    int tcp = bound(SOCK_STREAM, &s->tcp_port), udp = bound(SOCK_DGRAM, &s->udp_port);
    assert_int_equal(listen(tcp, 4), 0);
    s->pid = fork();
    assert_true(s->pid >= 0);
    if (s->pid == 0)
        echo_serve(tcp, udp);
    close(tcp);
    close(udp);
}

static void echo_stop(echo_server *s)
{
    kill(s->pid, SIGKILL);
    assert_int_equal(waitpid(s->pid, NULL, 0), s->pid);
}

/* ---- the module as a driver sees it: through the stream checker ---- */

#define MAX_NAMES 16

typedef struct {
    emulator e;
    emu_spec fx;
    int fd;
    qat_stream s;
    char line_buf[2048];
    unsigned violations, deviations, finals, prompts;
    char final[32], info[256];
    struct {
        const char *name;
        unsigned n;
        char text[256]; /* the last one */
    } urcs[MAX_NAMES];
    char *payload; /* payload bytes (pushed or read) since the last clear */
    size_t payload_len;
} modem;

static void copy_text(char *dst, size_t cap, const char *text, size_t len)
{
    snprintf(dst, cap, "%.*s", (int)len, text);
}

static void on_urc(modem *m, const qat_event *ev)
{
    size_t i = 0;
    while (i < MAX_NAMES && m->urcs[i].name && strcmp(m->urcs[i].name, ev->urc->name) != 0)
        i++;
    assert_true(i < MAX_NAMES);
    m->urcs[i].name = ev->urc->name;
    m->urcs[i].n++;
    copy_text(m->urcs[i].text, sizeof m->urcs[i].text, ev->text, ev->len);
}

static void on_payload(modem *m, const qat_event *ev)
{
    m->payload = realloc(m->payload, m->payload_len + ev->len + 1);
    assert_non_null(m->payload);
    memcpy(m->payload + m->payload_len, ev->text, ev->len);
    m->payload_len += ev->len;
}

static void on_event(void *user, const qat_event *ev)
{
    modem *m = user;
    m->deviations += ev->erratum != NULL;
    switch (ev->kind) {
    case QAT_EV_FINAL: m->finals++; copy_text(m->final, sizeof m->final, ev->result->name, strlen(ev->result->name)); break;
    case QAT_EV_PROMPT: m->prompts++; break;
    case QAT_EV_INFO: copy_text(m->info, sizeof m->info, ev->text, ev->len); break;
    case QAT_EV_URC: on_urc(m, ev); break;
    case QAT_EV_PAYLOAD: on_payload(m, ev); break;
    case QAT_EV_VIOLATION:
        m->violations += ev->erratum == NULL;
        fprintf(stderr, "violation: %s: %s in \"%.*s\"\n", qat_violation_name(ev->violation), ev->message, (int)ev->len,
                ev->text ? ev->text : "");
        break;
    default: break;
    }
}

static void pump(modem *m)
{
    char buf[4096];
    size_t got = emu_read_some(m->fd, buf, sizeof buf);
    if (got == 0)
        fail_msg("the emulator said nothing within %d ms", GUARD_MS);
    qat_stream_feed(&m->s, buf, got);
}

static unsigned urc_count(const modem *m, const char *name)
{
    for (size_t i = 0; i < MAX_NAMES && m->urcs[i].name; i++)
        if (strcmp(m->urcs[i].name, name) == 0)
            return m->urcs[i].n;
    return 0;
}

/* Wait until the URC NAME has come N times in all; its last text. */
static const char *wait_urc(modem *m, const char *name, unsigned n)
{
    while (urc_count(m, name) < n)
        pump(m);
    for (size_t i = 0; i < MAX_NAMES; i++)
        if (m->urcs[i].name && strcmp(m->urcs[i].name, name) == 0)
            return m->urcs[i].text;
    return "";
}

static void put(modem *m, const char *data, size_t n)
{
    assert_int_equal(write(m->fd, data, n), (ssize_t)n);
}

/* Send LINE (the checker told first); nothing waited for. */
static void begin(modem *m, const char *line)
{
    qat_stream_command(&m->s, line, strlen(line));
    put(m, line, strlen(line));
    put(m, "\r", 1);
}

static const char *until_final(modem *m, unsigned finals)
{
    while (m->finals == finals)
        pump(m);
    return m->final;
}

/* Send LINE and wait for its result code ("OK", "ERROR", "SEND_OK"). */
static const char *cmd(modem *m, const char *line)
{
    unsigned finals = m->finals;
    m->info[0] = '\0';
    begin(m, line);
    return until_final(m, finals);
}

static void cmdf_ok(modem *m, const char *fmt, int a, int b)
{
    char line[128];
    snprintf(line, sizeof line, fmt, a, b);
    assert_string_equal(cmd(m, line), "OK");
}

/* LINE, the prompt, DATA[0..N) (with END[0..END_N) after it: Ctrl-Z, ESC); its result code. */
static const char *send_data(modem *m, const char *line, const char *data, size_t n, const char *end, size_t end_n)
{
    unsigned finals = m->finals, prompts = m->prompts;
    begin(m, line);
    while (m->prompts == prompts && m->finals == finals)
        pump(m);
    assert_int_equal(m->prompts, prompts + 1);
    put(m, data, n);
    put(m, end, end_n);
    return until_final(m, finals);
}

static void send_fixed(modem *m, int id, const char *data, size_t n)
{
    char line[40];
    snprintf(line, sizeof line, "AT+QISEND=%d,%zu", id, n);
    assert_string_equal(send_data(m, line, data, n, "", 0), "SEND_OK");
}

/* Buffer mode: after a +QIURC "recv", AT+QIRD until N bytes came (a new "recv" once all is read). */
static void read_all(modem *m, int id, size_t n)
{
    char line[32];
    snprintf(line, sizeof line, "AT+QIRD=%d,1500", id);
    unsigned told = urc_count(m, "qiurc-recv-buffer");
    while (m->payload_len < n) {
        assert_string_equal(cmd(m, line), "OK");
        if (m->payload_len < n)
            wait_urc(m, "qiurc-recv-buffer", ++told);
    }
}

static void expect_bytes(modem *m, const char *data, size_t n)
{
    assert_int_equal(m->payload_len, n);
    assert_memory_equal(m->payload, data, n);
    m->payload_len = 0;
}

/* The emulator up, the banner read, echo off (binary data echoed would read as lines), context 1 active. */
static void modem_up(modem *m)
{
    memset(m, 0, sizeof *m);
    emu_spec_load(&m->fx);
    emu_start(&m->e, (const char *const[]){NULL});
    m->fd = emu_open_pty(m->e.where);
    qat_stream_init(&m->s, &m->fx.c, m->line_buf, sizeof m->line_buf, on_event, m);
    wait_urc(m, "rdy", 1);
    assert_string_equal(cmd(m, "ATE0"), "OK");
    assert_string_equal(cmd(m, "AT+QICSGP=1,1,\"cmnet\""), "OK");
    assert_string_equal(cmd(m, "AT+QIACT=1"), "OK");
}

static void modem_down(modem *m)
{
    qat_stream_finish(&m->s);
    assert_int_equal(m->violations, 0);
    assert_int_equal(m->deviations, 0);
    close(m->fd);
    emu_stop(&m->e);
    emu_spec_unload(&m->fx);
    free(m->payload);
}

static void expect_info(const modem *m, const char *fmt, size_t a, size_t b, size_t c)
{
    char want[128];
    snprintf(want, sizeof want, fmt, a, b, c);
    assert_string_equal(m->info, want);
}

/* The echo server up, the modem up, socket ID opened to the echo server's port of SERVICE in access MODE. */
static void open_to_echo(modem *m, echo_server *echo, int id, const char *service, int mode)
{
    echo_start(echo);
    modem_up(m);
    char line[128], opened[32];
    int port = strcmp(service, "UDP") == 0 ? echo->udp_port : echo->tcp_port;
    snprintf(line, sizeof line, "AT+QIOPEN=1,%d,\"%s\",\"127.0.0.1\",%d,0,%d", id, service, port, mode);
    assert_string_equal(cmd(m, line), "OK");
    snprintf(opened, sizeof opened, "+QIOPEN: %d,0", id);
    assert_string_equal(wait_urc(m, "qiopen", 1), opened);
}

/* ---- the tests ---- */

static void tcp_buffer_round_trip(void **state)
{
    (void)state;
    echo_server echo;
    modem m;
    open_to_echo(&m, &echo, 0, "TCP", 0);
    assert_string_equal(cmd(&m, "AT+QIRD=0,10"), "OK"); /* before anything came (nothing buffered yet) */
    assert_string_equal(m.info, "+QIRD: 0");
    send_fixed(&m, 0, PAYLOAD, PAYLOAD_LEN);
    assert_string_equal(wait_urc(&m, "qiurc-recv-buffer", 1), "+QIURC: \"recv\",0");
    read_all(&m, 0, PAYLOAD_LEN);
    expect_bytes(&m, PAYLOAD, PAYLOAD_LEN);
    assert_string_equal(cmd(&m, "AT+QIRD=0"), "OK"); /* nothing left: +QIRD: 0 */
    assert_string_equal(m.info, "+QIRD: 0");
    assert_string_equal(cmd(&m, "AT+QIRD=0,0"), "OK");
    expect_info(&m, "+QIRD: %zu,%zu,%zu", PAYLOAD_LEN, PAYLOAD_LEN, 0);
    assert_string_equal(cmd(&m, "AT+QISEND=0,0"), "OK");
    expect_info(&m, "+QISEND: %zu,%zu,%zu", PAYLOAD_LEN, PAYLOAD_LEN, 0);
    assert_string_equal(cmd(&m, "AT+QICLOSE=0"), "OK");
    assert_string_equal(cmd(&m, "AT+QIRD=0"), "ERROR"); /* closed (docs/on-the-wire.md#sockets) */
    modem_down(&m);
    echo_stop(&echo);
}

/* Direct push: the data follows +QIURC "recv",<id>,<len>. The Ctrl-Z form, and ESC cancelling a send. */
static void tcp_push_round_trip(void **state)
{
    (void)state;
    static const char text[] = "hello\r\nOK\r\n\0+QIRD: 3\r\n";
    echo_server echo;
    modem m;
    open_to_echo(&m, &echo, 3, "TCP", 1);
    assert_string_equal(send_data(&m, "AT+QISEND=3", text, sizeof text - 1, "\x1a", 1), "SEND_OK");
    for (unsigned n = 1; m.payload_len < sizeof text - 1; n++)
        wait_urc(&m, "qiurc-recv-push", n);
    expect_bytes(&m, text, sizeof text - 1);
    assert_string_equal(send_data(&m, "AT+QISEND=3", "dropped", 7, "\x1b", 1), "ERROR"); /* ESC: nothing sent */
    send_fixed(&m, 3, PAYLOAD, PAYLOAD_LEN);
    for (unsigned n = urc_count(&m, "qiurc-recv-push") + 1; m.payload_len < PAYLOAD_LEN; n++)
        wait_urc(&m, "qiurc-recv-push", n);
    expect_bytes(&m, PAYLOAD, PAYLOAD_LEN);
    assert_string_equal(cmd(&m, "AT+QISEND=3,0"), "OK");
    size_t sent = sizeof text - 1 + PAYLOAD_LEN;
    expect_info(&m, "+QISEND: %zu,%zu,%zu", sent, sent, 0);
    assert_string_equal(cmd(&m, "AT+QICLOSE=3,1"), "OK");
    modem_down(&m);
    echo_stop(&echo);
}

/* A UDP client in buffer mode; with echo on, the data sent is echoed after the prompt (3.2's example). */
static void udp_round_trip(void **state)
{
    (void)state;
    echo_server echo;
    modem m;
    open_to_echo(&m, &echo, 5, "UDP", 0);
    send_fixed(&m, 5, PAYLOAD, PAYLOAD_LEN);
    wait_urc(&m, "qiurc-recv-buffer", 1);
    read_all(&m, 5, PAYLOAD_LEN);
    expect_bytes(&m, PAYLOAD, PAYLOAD_LEN);
    assert_string_equal(cmd(&m, "ATE1"), "OK");
    send_fixed(&m, 5, "datagram", 8);
    wait_urc(&m, "qiurc-recv-buffer", 2);
    read_all(&m, 5, 8);
    expect_bytes(&m, "datagram", 8);
    assert_string_equal(cmd(&m, "AT+QIRD=5,0"), "OK");
    expect_info(&m, "+QIRD: %zu,%zu,%zu", PAYLOAD_LEN + 8, PAYLOAD_LEN + 8, 0);
    assert_string_equal(cmd(&m, "AT+QICLOSE=5"), "OK");
    modem_down(&m);    echo_stop(&echo);
}

/* A port free now on loopback (bound, then released). */
static int free_port(void)
{
    int port, fd = bound(SOCK_STREAM, &port);
    close(fd);
    return port;
}

static int connect_local(int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

static void read_exact(int fd, char *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        size_t k = emu_read_some(fd, buf + got, n - got);
        assert_true(k > 0);
        got += k;
    }
}

/* A TCP LISTENER: the test connects, +QIURC "incoming" gives the new socket the highest free id; data both
 * ways; the test hangs up: +QIURC "closed". */
static void listener_accepts(void **state)
{
    (void)state;
    modem m;
    modem_up(&m);
    int port = free_port();
    cmdf_ok(&m, "AT+QIOPEN=1,1,\"TCP LISTENER\",\"127.0.0.1\",0,%d,%d", port, 0);
    assert_string_equal(wait_urc(&m, "qiopen", 1), "+QIOPEN: 1,0");
    int peer = connect_local(port);
    int id = -1, server = -1;
    assert_int_equal(sscanf(wait_urc(&m, "qiurc-incoming", 1), "+QIURC: \"incoming\",%d,%d", &id, &server), 2);
    assert_int_equal(id, 11);
    assert_int_equal(server, 1);
    assert_int_equal(write(peer, PAYLOAD, PAYLOAD_LEN), (ssize_t)PAYLOAD_LEN);
    wait_urc(&m, "qiurc-recv-buffer", 1);
    read_all(&m, id, PAYLOAD_LEN);
    expect_bytes(&m, PAYLOAD, PAYLOAD_LEN);
    send_fixed(&m, id, PAYLOAD, PAYLOAD_LEN);
    char back[sizeof PAYLOAD];
    read_exact(peer, back, PAYLOAD_LEN);
    assert_memory_equal(back, PAYLOAD, PAYLOAD_LEN);
    close(peer);
    assert_string_equal(wait_urc(&m, "qiurc-closed", 1), "+QIURC: \"closed\",11");
    assert_string_equal(cmd(&m, "AT+QICLOSE=11"), "OK");
    assert_string_equal(cmd(&m, "AT+QICLOSE=1"), "OK");
    modem_down(&m);
}

/* The modem up with UDP SERVICE 2 open in access MODE on *PORT; the test's own UDP socket (returned) on *MINE. */
static int udp_service_up(modem *m, int mode, int *port, int *mine)
{
    modem_up(m);
    *port = free_port();
    int fd = bound(SOCK_DGRAM, mine);
    cmdf_ok(m, "AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0,%d,%d", *port, mode);
    assert_string_equal(wait_urc(m, "qiopen", 1), "+QIOPEN: 2,0");
    return fd;
}

static void send_to(int fd, int port, const char *data, size_t n)
{
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(sendto(fd, data, n, 0, (struct sockaddr *)&to, sizeof to), (ssize_t)n);
}

/* A UDP SERVICE in direct-push mode: a datagram from the test comes with its sender; AT+QISEND's address form
 * answers it. */
static void udp_service_push(void **state)
{
    (void)state;
    modem m;
    int port, mine, fd = udp_service_up(&m, 1, &port, &mine);
    send_to(fd, port, PAYLOAD, PAYLOAD_LEN);
    char want[96], line[96], back[sizeof PAYLOAD];
    snprintf(want, sizeof want, "+QIURC: \"recv\",2,%zu,\"127.0.0.1\",%d", PAYLOAD_LEN, mine);
    assert_string_equal(wait_urc(&m, "qiurc-recv-push-udp", 1), want);
    expect_bytes(&m, PAYLOAD, PAYLOAD_LEN);
    snprintf(line, sizeof line, "AT+QISEND=2,%zu,\"127.0.0.1\",%d", PAYLOAD_LEN, mine);
    assert_string_equal(send_data(&m, line, PAYLOAD, PAYLOAD_LEN, "", 0), "SEND_OK");
    read_exact(fd, back, PAYLOAD_LEN);
    assert_memory_equal(back, PAYLOAD, PAYLOAD_LEN);
    assert_string_equal(cmd(&m, "AT+QISEND=2,5"), "ERROR"); /* a UDP SERVICE needs the address */
    assert_string_equal(cmd(&m, "AT+QICLOSE=2"), "OK");
    close(fd);
    modem_down(&m);
}

/* UDP in buffer mode keeps the datagrams apart: an AT+QIRD gives one, with its own sender (3.3's UDP SERVICE
 * form reports one <remoteIP>,<remote_port> per read). */
static void udp_buffer_keeps_datagrams(void **state)
{
    (void)state;
    modem m;
    int port, mine, fd = udp_service_up(&m, 0, &port, &mine);
    send_to(fd, port, "first", 5);
    wait_urc(&m, "qiurc-recv-buffer", 1);
    char line[64], want[64];
    snprintf(line, sizeof line, "AT+QISEND=2,7,\"127.0.0.1\",%d", port); /* to itself: in rx before SEND OK is read */
    assert_string_equal(send_data(&m, line, "second!", 7, "", 0), "SEND_OK");
    assert_string_equal(cmd(&m, "AT+QIRD=2"), "OK");
    snprintf(want, sizeof want, "+QIRD: 5,\"127.0.0.1\",%d", mine);
    assert_string_equal(m.info, want);
    expect_bytes(&m, "first", 5);
    assert_string_equal(cmd(&m, "AT+QIRD=2"), "OK");
    snprintf(want, sizeof want, "+QIRD: 7,\"127.0.0.1\",%d", port);
    assert_string_equal(m.info, want);
    expect_bytes(&m, "second!", 7);
    assert_string_equal(cmd(&m, "AT+QIRD=2"), "OK");
    assert_string_equal(m.info, "+QIRD: 0");
    assert_string_equal(cmd(&m, "AT+QICLOSE=2"), "OK");
    close(fd);
    modem_down(&m);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Nothing comes from FD for MS milliseconds (the guard time of silence the escape needs is kept). */
static void quiet_for(int fd, int64_t ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    assert_int_equal(poll(&p, 1, (int)ms), 0);
}

/* Transparent mode (3.1 <access_mode> 2): CONNECT, then raw bytes both ways through the echo server, "+++" inside
 * the data or without silence after it passed on; "+++" framed by the guard time returns to command mode with OK,
 * the socket still open. */
static void tcp_transparent_round_trip(void **state)
{
    (void)state;
    static const char data[] = "ab+++cd\r\nOK\r\n\0\x1a\x1b\xff+++\r\nAT\r";
    echo_server echo;
    modem m;
    echo_start(&echo);
    modem_up(&m);
    char line[96], back[sizeof data];
    snprintf(line, sizeof line, "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",%d,0,2", echo.tcp_port);
    assert_string_equal(cmd(&m, line), "CONNECT");
    assert_int_equal(urc_count(&m, "qiopen"), 0);
    put(&m, data, sizeof data - 1); /* the link is raw now: not through the checker */
    read_exact(m.fd, back, sizeof data - 1);
    assert_memory_equal(back, data, sizeof data - 1);
    quiet_for(m.fd, EM_ESCAPE_GUARD_MS);
    put(&m, "+++tail", 7); /* no silence after the "+++": data */
    read_exact(m.fd, back, 7);
    assert_memory_equal(back, "+++tail", 7);
    quiet_for(m.fd, EM_ESCAPE_GUARD_MS);
    int64_t t0 = now_ms();
    put(&m, "+++", 3);
    char ok[7] = "";
    read_exact(m.fd, ok, 6);
    assert_string_equal(ok, "\r\nOK\r\n");
    assert_true(now_ms() - t0 >= EM_ESCAPE_GUARD_MS); /* not before the silence after it */
    send_fixed(&m, 0, "more", 4); /* command mode again; the socket keeps what comes as in buffer mode */
    wait_urc(&m, "qiurc-recv-buffer", 1);
    read_all(&m, 0, 4);
    expect_bytes(&m, "more", 4);
    assert_string_equal(cmd(&m, "AT+QICLOSE=0"), "OK");
    modem_down(&m);
    echo_stop(&echo);
}

/* AT+QIDEACT ends the connections of its context (2.14): the peer sees the end, the socket is gone; a socket of
 * another context stays. */
static void deactivation_closes_sockets(void **state)
{
    (void)state;
    modem m;
    modem_up(&m);
    assert_string_equal(cmd(&m, "AT+QIACT=2"), "OK");
    int port, server = bound(SOCK_STREAM, &port);
    assert_int_equal(listen(server, 4), 0);
    cmdf_ok(&m, "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",%d,0,%d", port, 0);
    assert_string_equal(wait_urc(&m, "qiopen", 1), "+QIOPEN: 0,0");
    int peer = accept(server, NULL, NULL);
    assert_true(peer >= 0);
    cmdf_ok(&m, "AT+QIOPEN=2,1,\"TCP\",\"127.0.0.1\",%d,0,%d", port, 0);
    assert_string_equal(wait_urc(&m, "qiopen", 2), "+QIOPEN: 1,0");
    int other = accept(server, NULL, NULL);
    assert_true(other >= 0);
    assert_string_equal(cmd(&m, "AT+QIDEACT=1"), "OK");
    struct pollfd p = {.fd = peer, .events = POLLIN};
    char byte;
    assert_int_equal(poll(&p, 1, GUARD_MS), 1);
    assert_int_equal(read(peer, &byte, 1), 0); /* the connection ended */
    assert_string_equal(cmd(&m, "AT+QISEND=0,0"), "ERROR");
    assert_string_equal(cmd(&m, "AT+QIRD=0,0"), "ERROR");
    assert_string_equal(cmd(&m, "AT+QISEND=1,0"), "OK"); /* context 2's socket is still there */
    send_fixed(&m, 1, "kept", 4);
    char back[4];
    read_exact(other, back, 4);
    assert_memory_equal(back, "kept", 4);
    assert_string_equal(cmd(&m, "AT+QICLOSE=1"), "OK");
    close(peer);
    close(other);
    close(server);
    modem_down(&m);
}

/* Refusals: an inactive context, a busy connectID, a transparent connection refused (ERROR), a socket never opened;
 * an address off loopback opens with a non-zero <err>. */
static void refusals(void **state)
{
    (void)state;
    modem m;
    modem_up(&m);
    assert_string_equal(cmd(&m, "AT+QIOPEN=2,0,\"UDP\",\"127.0.0.1\",9,0,0"), "ERROR");
    assert_string_equal(cmd(&m, "AT+QIOPEN=1,0,\"TCP\",\"192.0.2.1\",80,0,0"), "OK");
    assert_string_equal(wait_urc(&m, "qiopen", 1), "+QIOPEN: 0,565");
    assert_string_equal(cmd(&m, "AT+QIOPEN=1,4,\"UDP\",\"127.0.0.1\",9,0,0"), "OK");
    wait_urc(&m, "qiopen", 2);
    assert_string_equal(cmd(&m, "AT+QIOPEN=1,4,\"UDP\",\"127.0.0.1\",9,0,0"), "ERROR");
    assert_string_equal(cmd(&m, "AT+QIOPEN=1,6,\"TCP\",\"127.0.0.1\",9,0,2"), "ERROR");
    assert_string_equal(cmd(&m, "AT+QISEND=7,5"), "ERROR");
    assert_string_equal(cmd(&m, "AT+QIRD=7,0"), "ERROR");
    assert_string_equal(cmd(&m, "AT+QICLOSE=4"), "OK");
    modem_down(&m);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tcp_buffer_round_trip), cmocka_unit_test(tcp_push_round_trip),
        cmocka_unit_test(udp_round_trip),        cmocka_unit_test(listener_accepts),
        cmocka_unit_test(udp_service_push),      cmocka_unit_test(refusals),
        cmocka_unit_test(deactivation_closes_sockets), cmocka_unit_test(udp_buffer_keeps_datagrams),
        cmocka_unit_test(tcp_transparent_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
