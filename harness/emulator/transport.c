/* emulator/transport.c — the emulator's pty and TCP links and its single poll() event loop
 * (see emulator/transport.h). No threads, no sleeps: ppoll waits for bytes, room to write, a client or a signal. */
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
    t->link = link;
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
    *t = (em_transport){.listen_fd = -1, .io_fd = -1, .keep_fd = -1};
}

/* ---- the event loop ---- */

typedef enum { GO_ON, DONE, BROKEN } step;

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

/* Anything on stdin is ignored; its end (or an error) ends the emulator. */
static step read_stdin(void)
{
    char buf[256];
    ssize_t got = read(STDIN_FILENO, buf, sizeof buf);
    return got > 0 || (got < 0 && (errno == EAGAIN || errno == EINTR)) ? GO_ON : DONE;
}

static step serve(em_transport *t, em_session *s, struct pollfd *p)
{
    step st = GO_ON;
    if (p[0].revents)
        st = read_stdin();
    if (st == GO_ON && t->io_fd >= 0 && p[1].fd == t->io_fd && (p[1].revents & (POLLIN | POLLHUP | POLLERR)))
        st = read_client(t, s);
    if (st == GO_ON && t->io_fd >= 0 && p[1].fd == t->io_fd && (p[1].revents & POLLOUT))
        st = write_client(t, s);
    if (st == GO_ON && p[1].fd == t->listen_fd && t->listen_fd >= 0 && (p[1].revents & POLLIN))
        st = accept_client(t, s);
    return st;
}

/* ppoll with the session's own fds (em_session_poll) after P[0..2), and the timeout it asks for; -1 on error. */
static int wait_events(em_session *s, struct pollfd *p, size_t *n, const sigset_t *wait_mask)
{
    int timeout_ms = -1;
    *n = 2 + em_session_poll(s, p + 2, EM_SESSION_FDS, &timeout_ms);
    struct timespec ts = {.tv_sec = timeout_ms / 1000, .tv_nsec = (long)(timeout_ms % 1000) * 1000000L};
    return ppoll(p, *n, timeout_ms < 0 ? NULL : &ts, wait_mask);
}

int em_transport_run(em_transport *t, em_session *s, volatile sig_atomic_t *stop, const sigset_t *wait_mask)
{
    if (t->listen_fd < 0)
        em_session_boot(s);
    while (!*stop) {
        struct pollfd p[2 + EM_SESSION_FDS] = {{.fd = STDIN_FILENO, .events = POLLIN}, {.fd = -1}};
        if (t->io_fd >= 0)
            p[1] = (struct pollfd){.fd = t->io_fd, .events = (short)(POLLIN | (s->out.len ? POLLOUT : 0))};
        else
            p[1] = (struct pollfd){.fd = t->listen_fd, .events = POLLIN};
        size_t n;
        if (wait_events(s, p, &n, wait_mask) < 0) {
            if (errno == EINTR)
                continue;
            return 3;
        }
        step st = serve(t, s, p);
        if (st != GO_ON)
            return st == DONE ? 0 : 3;
        em_session_polled(s, p + 2, n - 2);
    }
    return 0;
}
