/* runner/echo_peer.c — a loopback TCP+UDP echo server in a child process (see runner/runner.h): one poll() loop over
 * the listener, the datagram socket, the accepted connections and the lifeline pipe whose end stops it. */
#define _GNU_SOURCE /* pipe2 */
#include "runner.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define ECHO_MAX_CONNS 16
#define ECHO_PORT_TRIES 16 /* a UDP port equal to the TCP one may be taken: try other TCP ports */

enum { SLOT_LIFELINE, SLOT_LISTEN, SLOT_UDP, SLOT_CONNS };

static void echo_stream(struct pollfd *c)
{
    char buf[4096];
    ssize_t got = read(c->fd, buf, sizeof buf);
    if (got <= 0 || send(c->fd, buf, (size_t)got, MSG_NOSIGNAL) != got) {
        close(c->fd);
        c->fd = -1;
    }
}

static void echo_datagram(int fd)
{
    char buf[65536];
    struct sockaddr_in from;
    socklen_t len = sizeof from;
    ssize_t got = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    if (got > 0)
        sendto(fd, buf, (size_t)got, 0, (struct sockaddr *)&from, len);
}

static void accept_one(int listener, struct pollfd *fds, size_t n)
{
    int c = accept(listener, NULL, NULL);
    for (size_t i = SLOT_CONNS; c >= 0 && i < n; i++)
        if (fds[i].fd < 0) {
            fds[i].fd = c;
            return;
        }
    if (c >= 0)
        close(c);
}

/* The server's loop, until the lifeline ends. */
static void serve(int lifeline, int listener, int udp)
{
    struct pollfd fds[SLOT_CONNS + ECHO_MAX_CONNS];
    size_t n = sizeof fds / sizeof fds[0];
    for (size_t i = 0; i < n; i++)
        fds[i] = (struct pollfd){.fd = -1, .events = POLLIN};
    fds[SLOT_LIFELINE].fd = lifeline;
    fds[SLOT_LISTEN].fd = listener;
    fds[SLOT_UDP].fd = udp;
    while (poll(fds, n, -1) >= 0 || errno == EINTR) {
        if (fds[SLOT_LIFELINE].revents)
            return;
        if (fds[SLOT_LISTEN].revents & POLLIN)
            accept_one(listener, fds, n);
        if (fds[SLOT_UDP].revents & POLLIN)
            echo_datagram(udp);
        for (size_t i = SLOT_CONNS; i < n; i++)
            if (fds[i].fd >= 0 && fds[i].revents)
                echo_stream(&fds[i]);
    }
}

static int bound_socket(int type, unsigned port)
{
    int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && (type != SOCK_STREAM || listen(fd, 8) == 0))
        return fd;
    if (fd >= 0)
        close(fd);
    return -1;
}

static unsigned port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    return getsockname(fd, (struct sockaddr *)&a, &len) == 0 ? ntohs(a.sin_port) : 0;
}

/* A TCP listener and a UDP socket on one free loopback port: *LISTENER, *UDP; the port, or 0. */
static unsigned bind_pair(int *listener, int *udp)
{
    for (int i = 0; i < ECHO_PORT_TRIES; i++) {
        *listener = bound_socket(SOCK_STREAM, 0);
        unsigned port = *listener >= 0 ? port_of(*listener) : 0;
        *udp = port ? bound_socket(SOCK_DGRAM, port) : -1;
        if (*udp >= 0)
            return port;
        if (*listener >= 0)
            close(*listener);
    }
    return 0;
}

bool run_echo_peer_start(run_echo_peer *p, char *err, size_t err_size)
{
    memset(p, 0, sizeof *p);
    int listener, udp, life[2];
    p->port = bind_pair(&listener, &udp);
    if (!p->port || pipe2(life, O_CLOEXEC) != 0 || (p->pid = fork()) < 0) {
        snprintf(err, err_size, "echo peer: cannot listen on 127.0.0.1: %s", strerror(errno));
        p->pid = 0;
        return false;
    }
    if (p->pid == 0) {
        close(life[1]);
        serve(life[0], listener, udp);
        _exit(0);
    }
    close(life[0]);
    close(listener);
    close(udp);
    p->lifeline = life[1];
    snprintf(p->host, sizeof p->host, "127.0.0.1");
    return true;
}

void run_echo_peer_stop(run_echo_peer *p)
{
    if (p->pid <= 0)
        return;
    close(p->lifeline);
    while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR) {
    }
    p->pid = 0;
}
