/* emulator/sockets.c — the socket table behind AT+QIOPEN/QISEND/QIRD/QICLOSE (see emulator/sockets.h).
 * Non-blocking host sockets; every completion (connect, accept, data, close) is reported from the poll loop. */
#define _GNU_SOURCE /* accept4 */
#include "sockets.h"

#include "util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CTRL_Z 0x1A
#define ESC 0x1B

void em_sockets_init(em_sockets *t)
{
    memset(t, 0, sizeof *t);
    for (int i = 0; i < EM_SOCKETS; i++)
        t->s[i].fd = -1;
    em_transparent_init(&t->online);
    em_data_call_init(&t->call);
}

static void release(em_socket *s)
{
    if (s->fd >= 0)
        close(s->fd);
    free(s->rx);
    free(s->dgrams);
    *s = (em_socket){.fd = -1};
}

void em_sockets_close_all(em_sockets *t)
{
    for (int i = 0; i < EM_SOCKETS; i++)
        release(&t->s[i]);
    t->send.active = false;
    em_transparent_init(&t->online);
    em_data_call_end(&t->call);
}

em_socket *em_sockets_get(em_sockets *t, int id)
{
    return id >= 0 && id < EM_SOCKETS && t->s[id].state != EM_SOCK_FREE ? &t->s[id] : NULL;
}

void em_sockets_close(em_sockets *t, int id)
{
    if (em_sockets_get(t, id))
        release(&t->s[id]);
}

void em_sockets_close_context(em_sockets *t, int cid)
{
    for (int i = 0; i < EM_SOCKETS; i++)
        if (t->s[i].state != EM_SOCK_FREE && t->s[i].context == cid)
            release(&t->s[i]);
}

/* ---- opening ---- */

/* HOST as an IPv4 address: numeric, "localhost", or (with ALLOW_NET) a name; loopback only without it. */
static bool resolve(const char *host, bool allow_net, struct in_addr *out)
{
    if (strcmp(host, "localhost") == 0)
        host = "127.0.0.1";
    if (inet_pton(AF_INET, host, out) != 1) {
        struct addrinfo hints = {.ai_family = AF_INET}, *ai;
        if (!allow_net || getaddrinfo(host, NULL, &hints, &ai) != 0)
            return false;
        *out = ((struct sockaddr_in *)ai->ai_addr)->sin_addr;
        freeaddrinfo(ai);
    }
    return allow_net || (ntohl(out->s_addr) >> 24) == 127;
}

static struct sockaddr_in address(struct in_addr ip, int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr = ip};
    return sa;
}

static bool bind_local(int fd, const em_open_req *req)
{
    int one = 1;
    struct in_addr any = {.s_addr = htonl(req->allow_net ? INADDR_ANY : INADDR_LOOPBACK)};
    struct sockaddr_in sa = address(any, req->local_port);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    return bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
}

/* Clients connect to the remote address (binding LOCAL_PORT when given); servers bind and, TCP, listen. */
static int open_fd(const em_open_req *req)
{
    bool stream = req->svc == EM_SVC_TCP || req->svc == EM_SVC_LISTENER;
    int fd = socket(AF_INET, (stream ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    bool server = req->svc == EM_SVC_LISTENER || req->svc == EM_SVC_UDP_SERVICE;
    struct in_addr ip;
    bool ok;
    if (server) {
        ok = bind_local(fd, req) && (req->svc != EM_SVC_LISTENER || listen(fd, 4) == 0);
    } else {
        ok = resolve(req->host, req->allow_net, &ip) && (req->local_port == 0 || bind_local(fd, req));
        struct sockaddr_in sa = address(ip, req->remote_port);
        ok = ok && (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 || errno == EINPROGRESS);
    }
    if (!ok)
        close(fd);
    return ok ? fd : -1;
}

void em_sockets_open(em_sockets *t, int id, const em_open_req *req)
{
    em_socket *s = &t->s[id];
    release(s);
    s->state = EM_SOCK_OPENING;
    s->fresh = true;
    s->svc = req->svc;
    s->mode = req->mode;
    s->context = req->context;
    s->fd = open_fd(req);
    s->err = s->fd < 0 ? EM_QIOPEN_FAILED : 0;
}

/* ---- sending ---- */

bool em_sockets_begin_send(em_sockets *t, int id, size_t want, const char *ip, int port)
{
    em_sending *d = &t->send;
    *d = (em_sending){.active = true, .id = id, .want = want, .has_to = ip != NULL};
    struct in_addr a;
    if (ip && inet_pton(AF_INET, ip, &a) != 1)
        return d->active = false;
    if (ip)
        d->to = address(a, port);
    return true;
}

bool em_sockets_sending(const em_sockets *t)
{
    return t->send.active;
}

static bool transmit(em_sockets *t)
{
    em_sending *d = &t->send;
    em_socket *s = em_sockets_get(t, d->id);
    if (!s || s->fd < 0)
        return false;
    ssize_t put = d->has_to ? sendto(s->fd, d->data, d->len, MSG_NOSIGNAL, (struct sockaddr *)&d->to, sizeof d->to)
                            : send(s->fd, d->data, d->len, MSG_NOSIGNAL);
    if (put > 0)
        s->tx_total += (uint64_t)put;
    return put == (ssize_t)d->len;
}

static void finish_send(em_responder *r, em_sockets *t, bool cancelled)
{
    const char *result = cancelled ? "ERROR" : transmit(t) ? "SEND_OK" : "SEND_FAIL";
    if (t->send.len && em_state_get(r->st, EM_ECHO))
        em_respond_line_end(r); /* the echoed data ends its line (3.2's example) */
    t->send.active = false;
    em_respond_final(r, result);
}

void em_sockets_data(em_responder *r, em_sockets *t, char ch)
{
    em_sending *d = &t->send;
    if (d->want == 0 && (ch == CTRL_Z || ch == ESC)) {
        finish_send(r, t, ch == ESC);
        return;
    }
    if (d->len < sizeof d->data)
        d->data[d->len++] = ch;
    if (d->want && d->len == d->want)
        finish_send(r, t, false);
}

/* ---- reading ---- */

static bool is_dgram(const em_socket *s)
{
    return s->svc == EM_SVC_UDP || s->svc == EM_SVC_UDP_SERVICE;
}

/* N bytes of the oldest datagram were read: it goes when none are left. */
static void dgram_read(em_socket *s, size_t n)
{
    s->dgrams[0].len -= n;
    if (s->dgrams[0].len == 0)
        memmove(s->dgrams, s->dgrams + 1, --s->n_dgrams * sizeof *s->dgrams);
}

size_t em_sockets_read(em_socket *s, char *dst, size_t max, struct sockaddr_in *from)
{
    *from = s->n_dgrams ? s->dgrams[0].from : s->peer;
    if (s->n_dgrams && s->dgrams[0].len < max)
        max = s->dgrams[0].len;
    size_t n = s->rx_len < max ? s->rx_len : max;
    if (s->n_dgrams)
        dgram_read(s, n);
    if (n == 0) /* nothing buffered (rx may not even be allocated yet) */
        return 0;
    memcpy(dst, s->rx, n);
    memmove(s->rx, s->rx + n, s->rx_len - n);
    s->rx_len -= n;
    s->rx_read += n;
    if (s->rx_len == 0)
        s->recv_told = false;
    return n;
}

/* ---- events ---- */

/* The URC NAME, unless a --fault keeps it from coming (urc-missing). */
static void urc(em_responder *r, const char *name, const em_kv *kv, size_t n)
{
    if (!r->faults || !em_faults_drop_urc(r->faults, name))
        em_respond_urc_kv(r, name, kv, n);
}

static void int_text(char *buf, size_t n, int v)
{
    snprintf(buf, n, "%d", v);
}

/* +QIOPEN: <connectID>,<err>; in transparent mode CONNECT, the link then online, or ERROR (3.1). */
static void report_open(em_responder *r, em_sockets *t, int id)
{
    em_socket *s = &t->s[id];
    if (s->fd >= 0 && s->svc == EM_SVC_TCP) {
        int e = 0;
        socklen_t len = sizeof e;
        if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0 || e != 0)
            s->err = EM_QIOPEN_FAILED;
    }
    char cid[12], err[12];
    int_text(cid, sizeof cid, id);
    int_text(err, sizeof err, s->err);
    em_kv kv[] = {{"connectID", cid}, {"err", err}};
    if (s->mode == 2)
        em_respond_final(r, s->err ? "ERROR" : "CONNECT");
    else
        urc(r, "qiopen", kv, 2);
    if (s->mode == 2 && !s->err)
        em_transparent_begin(&t->online, id);
    if (s->err)
        release(s);
    else
        s->state = EM_SOCK_OPEN;
}

/* The free connectID an accepted connection takes: the highest (the modules seen used 11, 9). */
static int free_high_id(const em_sockets *t)
{
    for (int id = EM_SOCKETS - 1; id >= 0; id--)
        if (t->s[id].state == EM_SOCK_FREE)
            return id;
    return -1;
}

static void accept_one(em_responder *r, em_sockets *t, int server)
{
    struct sockaddr_in peer;
    socklen_t len = sizeof peer;
    int fd = accept4(t->s[server].fd, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    int id = free_high_id(t);
    if (fd < 0 || id < 0) {
        if (fd >= 0)
            close(fd);
        return;
    }
    t->s[id] = (em_socket){.state = EM_SOCK_OPEN, .svc = EM_SVC_INCOMING, .fd = fd, .mode = t->s[server].mode,
                           .server = server, .context = t->s[server].context, .peer = peer, .fresh = true};
    char cid[12], sid[12], ip[INET_ADDRSTRLEN], port[12];
    int_text(cid, sizeof cid, id);
    int_text(sid, sizeof sid, server);
    inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
    int_text(port, sizeof port, ntohs(peer.sin_port));
    em_kv kv[] = {{"connectID", cid}, {"serverID", sid}, {"remoteIP", ip}, {"remote_port", port}};
    urc(r, "qiurc-incoming", kv, 4);
}

static void push(em_responder *r, const em_socket *s, int id, const char *data, size_t n)
{
    char cid[12], len[12], ip[INET_ADDRSTRLEN], port[12];
    int_text(cid, sizeof cid, id);
    int_text(len, sizeof len, (int)n);
    inet_ntop(AF_INET, &s->peer.sin_addr, ip, sizeof ip);
    int_text(port, sizeof port, ntohs(s->peer.sin_port));
    em_kv kv[] = {{"connectID", cid}, {"currentrecvlength", len}, {"remoteIP", ip}, {"remote_port", port}};
    urc(r, s->svc == EM_SVC_UDP_SERVICE ? "qiurc-recv-push-udp" : "qiurc-recv-push", kv, 4);
    em_out_put(r->out, data, n);
}

/* A URC whose one field is the connectID ("recv" in buffer mode, "closed"). */
static void id_urc(em_responder *r, const char *name, int id)
{
    char cid[12];
    int_text(cid, sizeof cid, id);
    em_kv kv = {"connectID", cid};
    urc(r, name, &kv, 1);
}

static void keep(em_responder *r, em_socket *s, int id, const char *data, size_t n)
{
    s->rx = heap_reserve(s->rx, &s->rx_cap, s->rx_len + n, 1);
    memcpy(s->rx + s->rx_len, data, n);
    s->rx_len += n;
    if (is_dgram(s)) {
        s->dgrams = heap_reserve(s->dgrams, &s->dgrams_cap, s->n_dgrams + 1, sizeof *s->dgrams);
        s->dgrams[s->n_dgrams++] = (em_dgram){.len = n, .from = s->peer};
    }
    if (s->recv_told)
        return;
    s->recv_told = true;
    id_urc(r, "qiurc-recv-buffer", id);
}

static void peer_closed(em_responder *r, em_socket *s, int id)
{
    close(s->fd);
    s->fd = -1;
    s->state = EM_SOCK_PEER_CLOSED;
    id_urc(r, "qiurc-closed", id);
}

/* Received bytes: online (transparent mode) raw to the link, pushed with a URC, or kept for AT+QIRD. */
static void receive(em_responder *r, em_socket *s, int id)
{
    char buf[EM_READ_MAX];
    size_t room = s->mode != 0 ? sizeof buf : EM_RX_CAP - s->rx_len;
    socklen_t len = sizeof s->peer;
    bool dgram = is_dgram(s);
    ssize_t got = s->svc == EM_SVC_UDP_SERVICE
                      ? recvfrom(s->fd, buf, room < sizeof buf ? room : sizeof buf, 0, (struct sockaddr *)&s->peer, &len)
                      : recv(s->fd, buf, room < sizeof buf ? room : sizeof buf, 0);
    if (got == 0 && !dgram)
        peer_closed(r, s, id);
    if (got <= 0)
        return; /* EAGAIN, or a UDP error (ICMP refused): nothing to report */
    s->rx_total += (uint64_t)got;
    if (s->mode == 2)
        em_out_put(r->out, buf, (size_t)got);
    else if (s->mode == 1)
        push(r, s, id, buf, (size_t)got);
    else
        keep(r, s, id, buf, (size_t)got);
}

void em_sockets_fds(em_sockets *t, struct pollfd *p, int *timeout_ms)
{
    bool due = false;
    for (int i = 0; i < EM_SOCKETS; i++) {
        em_socket *s = &t->s[i];
        s->fresh = false;
        bool opening = s->state == EM_SOCK_OPENING;
        due |= opening && (s->fd < 0 || s->svc != EM_SVC_TCP);
        bool reading = s->state == EM_SOCK_OPEN && (s->mode != 0 || s->rx_len < EM_RX_CAP);
        short ev = (short)(opening ? POLLOUT : reading ? POLLIN : 0);
        p[i] = (struct pollfd){.fd = ev ? s->fd : -1, .events = ev};
    }
    if (due)
        *timeout_ms = 0; /* a +QIOPEN to report now */
    p[EM_SOCKETS] = (struct pollfd){.fd = t->call.from_prog, .events = POLLIN};
    em_transparent_timeout(&t->online, timeout_ms);
}

/* The data program wrote: to the link while online, dropped while the call is held; its end ends the call, and
 * NO CARRIER says so (V.250 §5.7.1). */
static void serve_call(em_responder *r, em_sockets *t, const struct pollfd *p)
{
    if (p->fd < 0 || p->fd != t->call.from_prog || !p->revents)
        return;
    char buf[EM_READ_MAX];
    size_t got = em_data_call_read(&t->call, buf, sizeof buf);
    if (got == SIZE_MAX)
        return;
    bool online = t->online.id == EM_ONLINE_CALL;
    if (got && online)
        em_out_put(r->out, buf, got);
    t->call.dropped += online ? 0 : got;
    if (got)
        return;
    em_data_call_end(&t->call);
    if (online)
        em_transparent_init(&t->online);
    em_respond_final(r, "NO_CARRIER");
}

void em_sockets_serve(em_responder *r, em_sockets *t, const struct pollfd *p)
{
    for (int i = 0; i < EM_SOCKETS; i++) {
        em_socket *s = &t->s[i];
        bool ready = !s->fresh && p[i].fd >= 0 && p[i].fd == s->fd && p[i].revents;
        if (s->state == EM_SOCK_OPENING && (ready || s->fd < 0 || s->svc != EM_SVC_TCP))
            report_open(r, t, i);
        else if (ready && s->state == EM_SOCK_OPEN && s->svc == EM_SVC_LISTENER)
            accept_one(r, t, i);
        else if (ready && s->state == EM_SOCK_OPEN)
            receive(r, s, i);
        if (t->online.id == i && s->state != EM_SOCK_OPEN)
            em_transparent_init(&t->online); /* the peer closed: back to command mode */
    }
    serve_call(r, t, &p[EM_SOCKETS]);
    em_transparent_tick(r, t);
}
