/* emulator/transport.c — the emulator's pty and TCP links and its single poll() event loop
 * (see emulator/emulator.h). No threads, no sleeps: one ppoll over every module waits for bytes, room to write, a
 * client or a signal. */
#define _GNU_SOURCE /* ppoll, cfmakeraw, posix_openpt */
#include "emulator.h"
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static bool fail(char *why, size_t n, const char *what)
{
    snprintf(why, n, "%s: %s", what, strerror(errno));
    return false;
}

static void set_nonblocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* ---- pty ---- */

static bool make_link(em_transport *t, const char *link, char *why, size_t n)
{
    struct stat st;
    if (lstat(link, &st) == 0 && !S_ISLNK(st.st_mode)) {
        snprintf(why, n, "%s exists and is not a symlink", link);
        return false;
    }
    unlink(link);
    if (symlink(t->name, link) != 0)
        return fail(why, n, link);
    t->link = strdup(link);
    if (!t->link) {
        unlink(link);
        snprintf(why, n, "%s: out of memory", link);
        return false;
    }
    return true;
}

static bool open_slave(em_transport *t, char *why, size_t n)
{
    const char *name = ptsname(t->io_fd);
    if (!name)
        return fail(why, n, "ptsname");
    snprintf(t->name, sizeof t->name, "%s", name);
    t->keep_fd = open(t->name, O_RDWR | O_NOCTTY);
    if (t->keep_fd < 0)
        return fail(why, n, t->name);
    struct termios tio;
    if (tcgetattr(t->keep_fd, &tio) != 0)
        return fail(why, n, "tcgetattr");
    cfmakeraw(&tio);
    if (tcsetattr(t->keep_fd, TCSANOW, &tio) != 0)
        return fail(why, n, "tcsetattr");
    return true;
}

bool em_transport_pty(em_transport *t, const char *link, char *why, size_t n)
{
    *t = (em_transport){.listen_fd = -1, .keep_fd = -1};
    t->io_fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (t->io_fd < 0)
        return fail(why, n, "posix_openpt");
    if (grantpt(t->io_fd) != 0 || unlockpt(t->io_fd) != 0)
        return fail(why, n, "grantpt/unlockpt");
    set_nonblocking(t->io_fd);
    return open_slave(t, why, n) && (!link || make_link(t, link, why, n));
}

/* ---- TCP ---- */

static bool split_hostport(const char *hostport, char *host, size_t cap, const char **port)
{
    const char *colon = strrchr(hostport, ':');
    if (!colon || colon == hostport || (size_t)(colon - hostport) >= cap || !colon[1])
        return false;
    memcpy(host, hostport, (size_t)(colon - hostport));
    host[colon - hostport] = '\0';
    *port = colon + 1;
    return true;
}

static bool listen_on(em_transport *t, const struct addrinfo *ai, char *why, size_t n)
{
    int one = 1;
    t->listen_fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (t->listen_fd < 0)
        return fail(why, n, "socket");
    setsockopt(t->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(t->listen_fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(t->listen_fd, 4) != 0)
        return fail(why, n, "bind/listen");
    set_nonblocking(t->listen_fd);
    return true;
}

bool em_transport_tcp(em_transport *t, const char *hostport, char *why, size_t n)
{
    *t = (em_transport){.listen_fd = -1, .io_fd = -1, .keep_fd = -1};
    char host[200], port[16];
    const char *service;
    if (!split_hostport(hostport, host, sizeof host, &service)) {
        snprintf(why, n, "'%s' is not HOST:PORT", hostport);
        return false;
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *ai;
    int rc = getaddrinfo(host, service, &hints, &ai);
    if (rc != 0) {
        snprintf(why, n, "%s: %s", hostport, gai_strerror(rc));
        return false;
    }
    bool ok = listen_on(t, ai, why, n);
    freeaddrinfo(ai);
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    if (ok && (getsockname(t->listen_fd, (struct sockaddr *)&sa, &len) != 0 ||
               getnameinfo((struct sockaddr *)&sa, len, NULL, 0, port, sizeof port, NI_NUMERICSERV) != 0))
        ok = fail(why, n, "getsockname");
    if (ok)
        snprintf(t->name, sizeof t->name, "%s:%s", host, port);
    return ok;
}

void em_transport_close(em_transport *t)
{
    int fds[] = {t->listen_fd, t->io_fd, t->keep_fd};
    for (size_t i = 0; i < 3; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    if (t->link)
        unlink(t->link);
    free(t->link);
    *t = (em_transport){.listen_fd = -1, .io_fd = -1, .keep_fd = -1};
}

/* ---- the event loop ---- */

typedef enum { GO_ON, BROKEN } step;

#define MODULE_FDS (1 + EM_SESSION_FDS) /* a module's slot in the poll set: its link, its session's fds */

/* A TCP client left: forget it and wait for the next. A pty never goes away (we hold its slave). */
static step drop_client(em_transport *t)
{
    if (t->listen_fd < 0)
        return BROKEN;
    close(t->io_fd);
    t->io_fd = -1;
    return GO_ON;
}

static step read_client(em_transport *t, em_session *s)
{
    char buf[4096];
    ssize_t got = read(t->io_fd, buf, sizeof buf);
    if (got > 0)
        em_session_input(s, buf, (size_t)got);
    else if (got == 0 || (errno != EAGAIN && errno != EINTR))
        return drop_client(t);
    return GO_ON;
}

static step write_client(em_transport *t, em_session *s)
{
    ssize_t put = t->listen_fd >= 0 ? send(t->io_fd, s->out.data, s->out.len, MSG_NOSIGNAL)
                                    : write(t->io_fd, s->out.data, s->out.len);
    if (put > 0)
        em_out_consume(&s->out, (size_t)put);
    else if (put < 0 && errno != EAGAIN && errno != EINTR)
        return drop_client(t);
    return GO_ON;
}

static step accept_client(em_transport *t, em_session *s)
{
    int fd = accept(t->listen_fd, NULL, NULL);
    if (fd < 0)
        return errno == EAGAIN || errno == EINTR || errno == ECONNABORTED ? GO_ON : BROKEN;
    set_nonblocking(fd);
    t->io_fd = fd;
    em_session_boot(s);
    return GO_ON;
}

static step serve(em_transport *t, em_session *s, const struct pollfd *p)
{
    step st = GO_ON;
    if (t->io_fd >= 0 && p->fd == t->io_fd && (p->revents & (POLLIN | POLLHUP | POLLERR)))
        st = read_client(t, s);
    if (st == GO_ON && t->io_fd >= 0 && p->fd == t->io_fd && (p->revents & POLLOUT))
        st = write_client(t, s);
    if (st == GO_ON && p->fd == t->listen_fd && t->listen_fd >= 0 && (p->revents & POLLIN))
        st = accept_client(t, s);
    return st;
}

/* Module M's slot of the poll set: its link, then the session's own fds (em_session_poll); lowers *TIMEOUT_MS. */
static size_t fill_module(em_module *m, struct pollfd *p, int *timeout_ms)
{
    em_transport *t = &m->link;
    if (t->io_fd >= 0)
        p[0] = (struct pollfd){.fd = t->io_fd, .events = (short)(POLLIN | (m->session->out.len ? POLLOUT : 0))};
    else
        p[0] = (struct pollfd){.fd = t->listen_fd, .events = POLLIN};
    return 1 + em_session_poll(m->session, p + 1, EM_SESSION_FDS, timeout_ms);
}

/* One ppoll over every module's slot (SLOT entries apart, N[k] used in module K's), with the earliest timeout any
 * of them asks for; -1 on error. */
static int wait_events(em_module *m, size_t n_modules, struct pollfd *p, size_t *n, const sigset_t *wait_mask)
{
    int timeout_ms = -1;
    for (size_t k = 0; k < n_modules; k++) {
        struct pollfd *slot = p + k * MODULE_FDS;
        n[k] = fill_module(&m[k], slot, &timeout_ms);
        for (size_t i = n[k]; i < MODULE_FDS; i++)
            slot[i] = (struct pollfd){.fd = -1};
    }
    struct timespec ts = {.tv_sec = timeout_ms / 1000, .tv_nsec = (long)(timeout_ms % 1000) * 1000000L};
    return ppoll(p, n_modules * MODULE_FDS, timeout_ms < 0 ? NULL : &ts, wait_mask);
}

/* What came for each module after the wait; BROKEN when a link failed. */
static step serve_all(em_module *m, size_t n_modules, const struct pollfd *p, const size_t *n)
{
    for (size_t k = 0; k < n_modules; k++) {
        const struct pollfd *slot = p + k * MODULE_FDS;
        if (serve(&m[k].link, m[k].session, slot) != GO_ON)
            return BROKEN;
        em_session_polled(m[k].session, slot + 1, n[k] - 1);
    }
    return GO_ON;
}

int em_transport_run(em_module *m, size_t n_modules, volatile sig_atomic_t *stop, const sigset_t *wait_mask)
{
    struct pollfd *p = calloc(n_modules, MODULE_FDS * sizeof *p);
    size_t *n = calloc(n_modules, sizeof *n);
    int rc = p && n ? 0 : 3;
    for (size_t k = 0; k < n_modules && !rc; k++)
        if (m[k].link.listen_fd < 0)
            em_session_boot(m[k].session);
    while (!rc && !*stop) {
        if (wait_events(m, n_modules, p, n, wait_mask) < 0)
            rc = errno == EINTR ? 0 : 3;
        else if (serve_all(m, n_modules, p, n) != GO_ON)
            rc = 3;
    }
    free(p);
    free(n);
    return rc;
}
