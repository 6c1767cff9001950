/* runner/transport.c — the runner's links (see runner/runner.h): termios for a serial port, a TCP client, and the
 * emulator as a child process on a pty. Every wait is a poll() until a deadline; an end of the device is "gone". */
#define _GNU_SOURCE /* cfmakeraw, pipe2 */
#include "runner.h"


#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define EMULATOR_MAX_ARGS 64
#define READY_WAIT_MS 10000 /* the emulator loads and compiles the spec before `ready` */
/* The emulator the runner starts answers at once (no --latency) and makes its URCs from loopback events (a connect,
 * a datagram, a download from a local server): whatever it will send comes within this margin, so a step waits
 * no longer for it than this, whatever the spec allows a real network (150 s). */
#define EMULATOR_WAIT_MS 1000

static void link_init(run_link *l, run_link_kind kind)
{
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->fd = -1;
}

/* ---- serial ---- */

typedef struct {
    unsigned baud;
    speed_t speed;
} baud_rate;

static const baud_rate rates[] = {
    {9600, B9600},       {19200, B19200},     {38400, B38400},     {57600, B57600},     {115200, B115200},
    {230400, B230400},   {460800, B460800},   {921600, B921600},   {1000000, B1000000}, {2000000, B2000000},
    {3000000, B3000000}, {4000000, B4000000},
};

static bool speed_of(unsigned baud, speed_t *out)
{
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
        if (rates[i].baud == baud) {
            *out = rates[i].speed;
            return true;
        }
    return false;
}

bool run_link_open_serial(run_link *l, const char *dev, unsigned baud, bool rtscts, char *err, size_t err_size)
{
    link_init(l, RUN_LINK_SERIAL);
    speed_t speed;
    if (!speed_of(baud, &speed)) {
        snprintf(err, err_size, "--baud %u: not a rate termios has (9600 ... 4000000)", baud);
        return false;
    }
    l->fd = open(dev, O_RDWR | O_NOCTTY | O_CLOEXEC);
    struct termios tio;
    if (l->fd < 0 || tcgetattr(l->fd, &tio) != 0) {
        snprintf(err, err_size, "%s: %s", dev, strerror(errno));
        return false;
    }
    cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag = rtscts ? tio.c_cflag | CRTSCTS : tio.c_cflag & ~(tcflag_t)CRTSCTS;
    cfsetispeed(&tio, speed);
    cfsetospeed(&tio, speed);
    if (tcsetattr(l->fd, TCSANOW, &tio) != 0 || tcflush(l->fd, TCIOFLUSH) != 0) {
        snprintf(err, err_size, "%s: cannot set %u baud raw: %s", dev, baud, strerror(errno));
        return false;
    }
    snprintf(l->target, sizeof l->target, "%s @%u%s", dev, baud, rtscts ? " rtscts" : "");
    return true;
}

/* ---- TCP ---- */

bool run_parse_host_port(const char *s, char *host, size_t host_size, unsigned *port)
{
    const char *colon = strrchr(s, ':');
    char *end;
    if (!colon || colon == s || (size_t)(colon - s) >= host_size)
        return false;
    unsigned long p = strtoul(colon + 1, &end, 10);
    if (end == colon + 1 || *end || p == 0 || p > 65535)
        return false;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    *port = (unsigned)p;
    return true;
}

bool run_link_open_tcp(run_link *l, const char *host_port, char *err, size_t err_size)
{
    link_init(l, RUN_LINK_TCP);
    char host[128], port[8];
    unsigned p;
    if (!run_parse_host_port(host_port, host, sizeof host, &p)) {
        snprintf(err, err_size, "--tcp %s: expected HOST:PORT", host_port);
        return false;
    }
    snprintf(port, sizeof port, "%u", p);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *ai;
    int rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0) {
        snprintf(err, err_size, "--tcp %s: %s", host_port, gai_strerror(rc));
        return false;
    }
    for (struct addrinfo *a = ai; a && l->fd < 0; a = a->ai_next) {
        l->fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (l->fd >= 0 && connect(l->fd, a->ai_addr, a->ai_addrlen) != 0) {
            close(l->fd);
            l->fd = -1;
        }
    }
    freeaddrinfo(ai);
    if (l->fd < 0) {
        snprintf(err, err_size, "--tcp %s: cannot connect: %s", host_port, strerror(errno));
        return false;
    }
    snprintf(l->target, sizeof l->target, "tcp %s", host_port);
    return true;
}

/* ---- the emulator ---- */

/* In the child: it gets SIGTERM when the runner dies, however it dies (SIGKILL included), so a killed run leaves
 * no emulator behind; PARENT is the runner, gone already when getppid() no longer says so. */
static void emulator_exec(const run_emulator_opts *o, pid_t parent, int out_w)
{
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)
        _exit(127);
    dup2(out_w, STDOUT_FILENO);
    const char *argv[EMULATOR_MAX_ARGS] = {"qatspec", "emulate"};
    size_t n = 2;
    if (o->spec_dir) {
        argv[n++] = "--spec";
        argv[n++] = o->spec_dir;
    }
    if (o->profile) {
        argv[n++] = "--profile";
        argv[n++] = o->profile;
    }
    for (size_t i = 0; i < o->n_faults && n + 3 < EMULATOR_MAX_ARGS; i++) {
        argv[n++] = "--fault";
        argv[n++] = o->faults[i];
    }
    execv(o->self, (char **)argv);
    _exit(127);
}

/* The `ready WHERE` line from FD, within READY_WAIT_MS; false when it does not come. */
static bool read_ready(int fd, char *where, size_t where_size)
{
    char line[300];
    size_t len = 0;
    int64_t deadline = run_now_ms() + READY_WAIT_MS;
    while (len < sizeof line - 1 && !memchr(line, '\n', len)) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, run_ms_until(deadline)) <= 0)
            return false;
        ssize_t got = read(fd, line + len, sizeof line - 1 - len);
        if (got <= 0)
            return false;
        len += (size_t)got;
    }
    line[len] = '\0';
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "ready ", 6) != 0)
        return false;
    snprintf(where, where_size, "%s", line + 6);
    return true;
}

static bool open_pty(run_link *l, const char *path, char *err, size_t err_size)
{
    struct termios tio;
    l->fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (l->fd < 0 || tcgetattr(l->fd, &tio) != 0) {
        snprintf(err, err_size, "emulator pty %s: %s", path, strerror(errno));
        return false;
    }
    cfmakeraw(&tio);
    return tcsetattr(l->fd, TCSANOW, &tio) == 0;
}

bool run_link_start_emulator(run_link *l, const run_emulator_opts *o, char *err, size_t err_size)
{
    link_init(l, RUN_LINK_EMULATOR);
    int out[2];
    pid_t runner = getpid();
    if (pipe2(out, O_CLOEXEC) != 0 || (l->emulator = fork()) < 0) {
        snprintf(err, err_size, "cannot start the emulator: %s", strerror(errno));
        return false;
    }
    if (l->emulator == 0)
        emulator_exec(o, runner, out[1]);
    close(out[1]);
    char where[300];
    bool ready = read_ready(out[0], where, sizeof where);
    close(out[0]);
    if (!ready) {
        snprintf(err, err_size, "the emulator (%s emulate) did not say `ready`", o->self);
        return false;
    }
    l->peer_wait_ms = EMULATOR_WAIT_MS;
    int n = snprintf(l->target, sizeof l->target, "emulator (profile %s", o->profile ? o->profile : "manual");
    for (size_t i = 0; i < o->n_faults && n > 0 && (size_t)n < sizeof l->target; i++)
        n += snprintf(l->target + n, sizeof l->target - (size_t)n, ", fault %s", o->faults[i]);
    if (n > 0 && (size_t)n < sizeof l->target)
        snprintf(l->target + n, sizeof l->target - (size_t)n, ")");
    return open_pty(l, where, err, err_size);
}

/* ---- bytes ---- */

void run_link_mark_gone(run_link *l, const char *why)
{
    if (!l->gone)
        snprintf(l->gone_why, sizeof l->gone_why, "device gone: %s", why);
    l->gone = true;
    if (l->log)
        run_transcript_note(l->log, "%s", l->gone_why);
}

bool run_link_write(run_link *l, const char *bytes, size_t n)
{
    for (size_t done = 0; !l->gone && done < n;) {
        ssize_t put = write(l->fd, bytes + done, n - done);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0) {
            run_link_mark_gone(l, put < 0 ? strerror(errno) : "write returned 0");
            break;
        }
        if (l->log)
            run_transcript_bytes(l->log, '>', bytes + done, (size_t)put);
        done += (size_t)put;
    }
    return !l->gone;
}

ssize_t run_link_read(run_link *l, char *buf, size_t cap, int64_t deadline_ms)
{
    while (!l->gone) {
        struct pollfd p = {.fd = l->fd, .events = POLLIN};
        int rc = poll(&p, 1, run_ms_until(deadline_ms));
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc == 0)
            return 0;
        ssize_t got = rc < 0 ? -1 : read(l->fd, buf, cap);
        if (got > 0) {
            if (l->log)
                run_transcript_bytes(l->log, '<', buf, (size_t)got);
            return got;
        }
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        run_link_mark_gone(l, got == 0 ? "end of file" : strerror(errno));
    }
    return -1;
}

void run_link_close(run_link *l)
{
    if (l->fd >= 0)
        close(l->fd);
    if (l->emulator > 0) {
        kill(l->emulator, SIGTERM);
        while (waitpid(l->emulator, NULL, 0) < 0 && errno == EINTR) {
        }
    }
    link_init(l, l->kind);
}
