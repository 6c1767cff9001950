/* test_fota.c — AT+QFOTADL end to end: the emulator downloads from Python's http.server on loopback; the whole
 * +QIND "FOTA" sequence, the restart (RDY, state reset), a 404 without restart, no progress lines when 0 asked. */
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
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu_proc.h"
#include "qat_stream.h"

#define FW_BYTES (256 * 1024)
#define WIRE_CAP 8192

/* ---- the HTTP server: python3 -m http.server on 127.0.0.1, a free port, a temporary directory ---- */

typedef struct {
    pid_t pid;
    char dir[64];
    int port;
} http_server;

static void write_firmware(const char *dir)
{
    char path[128];
    snprintf(path, sizeof path, "%s/fw.bin", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (unsigned i = 0; i < FW_BYTES; i++)
        fputc((int)(i * 2654435761u >> 24), f);
    assert_int_equal(fclose(f), 0);
}

/* The port of the server's first line on FD, "Serving HTTP on 127.0.0.1 port N (...)". */
static int read_port(int fd)
{
    char line[256] = "";
    size_t len = 0;
    while (!strchr(line, '\n') && len + 1 < sizeof line) {
        size_t got = emu_read_some(fd, line + len, sizeof line - 1 - len);
        assert_true(got > 0);
        len += got;
        line[len] = '\0';
    }
    int port = 0;
    assert_int_equal(sscanf(line, "Serving HTTP on 127.0.0.1 port %d", &port), 1);
    return port;
}

/* Port 0 lets the server pick; its "Serving HTTP on 127.0.0.1 port N" line (unbuffered: -u) says which. */
static void http_start(http_server *h)
{
    snprintf(h->dir, sizeof h->dir, "/tmp/qatspec-fota-XXXXXX");
    assert_non_null(mkdtemp(h->dir));
    write_firmware(h->dir);
    int out[2];
    assert_int_equal(pipe(out), 0);
    h->pid = fork();
    assert_true(h->pid >= 0);
    if (h->pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* no server left behind when a hang guard kills the test */
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execlp("python3", "python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", h->dir, "0",
               (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    h->port = read_port(out[0]);
    close(out[0]);
}

static void http_stop(http_server *h)
{
    kill(h->pid, SIGTERM);
    waitpid(h->pid, NULL, 0);
    char path[128];
    snprintf(path, sizeof path, "%s/fw.bin", h->dir);
    unlink(path);
    rmdir(h->dir);
}

/* ---- the emulator's pty, every byte checked by the stream parser ---- */

typedef struct {
    http_server http;
    emulator emu;
    emu_spec spec;
    int fd;
    qat_stream stream;
    char line_buf[2048];
    unsigned violations;
    char wire[WIRE_CAP]; /* what came since the last command */
    size_t len;
} fixture;

static void on_event(void *user, const qat_event *ev)
{
    fixture *fx = user;
    if (ev->kind == QAT_EV_VIOLATION || ev->erratum) {
        fx->violations++;
        fprintf(stderr, "%s: %s\n", ev->erratum ? ev->erratum : qat_violation_name(ev->violation), ev->message);
    }
}

/* Read into FX->wire until it ends with TAIL. */
static void read_until(fixture *fx, const char *tail)
{
    size_t n = strlen(tail);
    while (fx->len < n || memcmp(fx->wire + fx->len - n, tail, n) != 0) {
        assert_true(fx->len + 1 < WIRE_CAP);
        size_t got = emu_read_some(fx->fd, fx->wire + fx->len, WIRE_CAP - 1 - fx->len);
        if (got == 0)
            fail_msg("waiting for \"%s\", got \"%.*s\"", tail, (int)fx->len, fx->wire);
        qat_stream_feed(&fx->stream, fx->wire + fx->len, got);
        fx->len += got;
    }
    fx->wire[fx->len] = '\0';
}

/* Send LINE; its answer and whatever follows up to TAIL must be EXPECTED, byte for byte. */
static void exchange(fixture *fx, const char *line, const char *tail, const char *expected)
{
    fx->len = 0;
    qat_stream_command(&fx->stream, line, strlen(line));
    char cmd[300];
    int n = snprintf(cmd, sizeof cmd, "%s\r", line);
    assert_int_equal(write(fx->fd, cmd, (size_t)n), n);
    read_until(fx, tail);
    assert_string_equal(fx->wire, expected);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    http_start(&fx->http);
    emu_spec_load(&fx->spec);
    emu_start(&fx->emu, (const char *const[]){NULL});
    fx->fd = emu_open_pty(fx->emu.where);
    qat_stream_init(&fx->stream, &fx->spec.c, fx->line_buf, sizeof fx->line_buf, on_event, fx);
    read_until(fx, "RDY\r\n");
    exchange(fx, "ATE0", "OK\r\n", "ATE0\r\r\nOK\r\n"); /* the restart must turn echo on again */
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    assert_int_equal(fx->violations, 0);
    close(fx->fd);
    emu_stop(&fx->emu);
    emu_spec_unload(&fx->spec);
    http_stop(&fx->http);
    free(fx);
    return 0;
}

/* ---- the expected URCs ---- */

static void add(char *buf, size_t cap, const char *line)
{
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len, "\r\n+QIND: \"FOTA\",%s\r\n", line);
}

/* N progress lines of STAGE ("DOWNLOADING"), the last at 100. */
static void add_progress(char *buf, size_t cap, const char *stage, int n)
{
    for (int k = 1; k <= n; k++) {
        char line[64];
        snprintf(line, sizeof line, "\"%s\",%d", stage, 100 * k / n);
        add(buf, cap, line);
    }
}

/* OK, the whole download and update in <upgrade_mode> MODE with DOWN and UP progress lines, END, then the banner
 * of the restart; under mode 0 the module restarts before the update too (4.1). */
static void expect_update(fixture *fx, int mode, int down, int up)
{
    char cmd[128], expected[WIRE_CAP] = "\r\nOK\r\n";
    snprintf(cmd, sizeof cmd, "AT+QFOTADL=\"http://127.0.0.1:%d/fw.bin\",%d,%d,%d", fx->http.port, mode, down, up);
    add(expected, sizeof expected, "\"HTTPSTART\"");
    add_progress(expected, sizeof expected, "DOWNLOADING", down);
    add(expected, sizeof expected, "\"HTTPEND\",0");
    if (mode == 0)
        strcat(expected, "\r\nRDY\r\n");
    add(expected, sizeof expected, "\"START\"");
    add_progress(expected, sizeof expected, "UPDATING", up);
    add(expected, sizeof expected, "\"END\",0");
    strcat(expected, "\r\nRDY\r\n");
    exchange(fx, cmd, "\"END\",0\r\n\r\nRDY\r\n", expected);
    exchange(fx, "AT", "OK\r\n", "AT\r\r\nOK\r\n"); /* powered on again: echo on */
}

static void fota_full_sequence(void **state)
{
    expect_update(*state, 1, 10, 10);
}

static void fota_restart_before_update(void **state)
{
    expect_update(*state, 0, 5, 10);
}

static void fota_no_download_progress(void **state)
{
    expect_update(*state, 1, 0, 5);
}

static void fota_404_no_restart(void **state)
{
    fixture *fx = *state;
    char cmd[128], expected[512] = "\r\nOK\r\n";
    snprintf(cmd, sizeof cmd, "AT+QFOTADL=\"http://127.0.0.1:%d/missing.bin\",1,10,10", fx->http.port);
    add(expected, sizeof expected, "\"HTTPSTART\"");
    add(expected, sizeof expected, "\"HTTPEND\",404");
    exchange(fx, cmd, "404\r\n", expected);
    exchange(fx, "AT", "OK\r\n", "\r\nOK\r\n"); /* no restart: echo still off, no RDY */
}

static void fota_refuses_other_hosts(void **state)
{
    exchange(*state, "AT+QFOTADL=\"http://192.0.2.1/fw.bin\",1,10,10", "ERROR\r\n", "\r\nERROR\r\n");
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(fota_full_sequence, setup, teardown),
        cmocka_unit_test_setup_teardown(fota_no_download_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(fota_restart_before_update, setup, teardown),
        cmocka_unit_test_setup_teardown(fota_404_no_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(fota_refuses_other_hosts, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
