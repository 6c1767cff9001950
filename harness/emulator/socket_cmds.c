/* emulator/socket_cmds.c — AT+QIOPEN, AT+QISEND, AT+QIRD, AT+QICLOSE (see emulator/socket_cmds.h): thin checks
 * of the call against the socket table, answers written through the spec's own lines of the form that applies. */
#include "socket_cmds.h"

#include "sockets.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static int number(const em_call *c, const char *param, int fallback)
{
    const qat_field *f = em_field(c, param);
    return f ? (int)f->number : fallback;
}

/* The field PARAM's text (quotes stripped) into BUF; "" when the call has none. */
static void text(const em_call *c, const char *param, char *buf, size_t n)
{
    const qat_field *f = em_field(c, param);
    snprintf(buf, n, "%.*s", f ? (int)f->len : 0, f ? f->text : "");
}

/* The call answered in its command's form NAME ("query_read"): the line parser's first candidate may be another. */
static em_call in_form(const em_call *c, const char *name)
{
    em_call q = *c;
    for (size_t i = 0; i < c->r->c->n_forms; i++) {
        const qat_cform *f = &c->r->c->forms[i];
        if (f->cmd == c->form->cmd && strcmp(f->form->name, name) == 0)
            q.form = f;
    }
    return q;
}

static void u64_text(char *buf, size_t n, uint64_t v)
{
    snprintf(buf, n, "%llu", (unsigned long long)v);
}

/* ---- AT+QIOPEN ---- */

static bool service_of(const em_call *c, em_service *svc)
{
    static const struct {
        const char *name;
        em_service svc;
    } services[] = {{"TCP", EM_SVC_TCP}, {"UDP", EM_SVC_UDP}, {"TCP LISTENER", EM_SVC_LISTENER},
                    {"UDP SERVICE", EM_SVC_UDP_SERVICE}};
    char name[16];
    text(c, "service_type", name, sizeof name);
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
        if (strcmp(services[i].name, name) == 0) {
            *svc = services[i].svc;
            return true;
        }
    return false;
}

/* OK when the context is active and the connectID free; +QIOPEN follows from the event loop. Transparent mode
 * (a TCP or UDP client): the result, CONNECT or ERROR, comes from the event loop once the connection is settled. */
em_verdict em_qiopen(em_call *c)
{
    em_state *st = c->r->st;
    int cid = number(c, "contextID", 0), id = number(c, "connectID", -1);
    em_open_req req = {.context = cid, .remote_port = number(c, "remote_port", 0), .local_port = number(c, "local_port", 0),
                       .mode = number(c, "access_mode", 0), .allow_net = st->cfg.allow_net};
    bool usable = cid >= 1 && cid <= EM_CONTEXTS && st->ctx[cid].active;
    if (!usable || id < 0 || id >= EM_SOCKETS || em_sockets_get(c->r->socks, id) || !service_of(c, &req.svc))
        return EM_FAIL(EM_ERR_NOT_ALLOWED);
    bool client = req.svc == EM_SVC_TCP || req.svc == EM_SVC_UDP;
    if (req.mode == 2 && !client)
        return EM_FAIL(EM_ERR_NOT_SUPPORTED);
    text(c, em_field(c, "IP_address") ? "IP_address" : "domain_name", req.host, sizeof req.host);
    em_sockets_open(c->r->socks, id, &req);
    return req.mode == 2 ? EM_LATER : EM_OK;
}

/* ---- AT+QISEND ---- */

static em_verdict sent_counts(em_call *c, const em_socket *s)
{
    char total[24];
    u64_text(total, sizeof total, s->tx_total);
    em_kv kv[] = {{"total_send_length", total}, {"ackedbytes", total}, {"unackedbytes", "0"}}; /* loopback acks all */
    em_call q = in_form(c, "query_sent");
    em_emit(&q, 0, kv, 3);
    return EM_OK;
}

/* A client or accepted socket sends to its peer; a UDP SERVICE to the address the command gives. */
static bool can_send(const em_socket *s, bool to_address)
{
    return s && s->state == EM_SOCK_OPEN && s->svc != EM_SVC_LISTENER && (s->svc == EM_SVC_UDP_SERVICE) == to_address;
}

/* The prompt, then the data mode (emulator/sockets.c) until the data is complete: SEND OK there. */
em_verdict em_qisend(em_call *c)
{
    int id = number(c, "connectID", -1);
    em_socket *s = em_sockets_get(c->r->socks, id);
    const qat_field *len = em_field(c, "send_length");
    if (strcmp(c->form->form->name, "query_sent") == 0 || (len && len->number == 0))
        return s ? sent_counts(c, s) : EM_FAIL(EM_ERR_NOT_ALLOWED);
    char ip[INET_ADDRSTRLEN + 1];
    bool to = em_field(c, "remoteIP") != NULL;
    text(c, "remoteIP", ip, sizeof ip);
    size_t want = len ? (size_t)len->number : 0;
    if (!can_send(s, to) || !em_sockets_begin_send(c->r->socks, id, want, to ? ip : NULL, number(c, "remote_port", 0)))
        return EM_FAIL(EM_ERR_NOT_ALLOWED);
    em_respond_line_end(c->r);
    em_out_str(c->r->out, "> ");
    return EM_LATER;
}

/* ---- AT+QIRD ---- */

static em_verdict read_counts(em_call *c, const em_socket *s)
{
    char total[24], read[24], unread[24];
    u64_text(total, sizeof total, s->rx_total);
    u64_text(read, sizeof read, s->rx_read);
    u64_text(unread, sizeof unread, s->rx_len);
    em_kv kv[] = {{"total_receive_length", total}, {"have_read_length", read}, {"unread_length", unread}};
    em_call q = in_form(c, "query_read");
    em_emit(&q, 0, kv, 3);
    return EM_OK;
}

/* +QIRD: <n> (a UDP SERVICE adds the sender of the datagram read), the N bytes, CR LF. */
static em_verdict read_data(em_call *c, em_socket *s, size_t max)
{
    char data[EM_READ_MAX], n_text[8], ip[INET_ADDRSTRLEN], port[8];
    struct sockaddr_in from;
    size_t n = em_sockets_read(s, data, max < sizeof data ? max : sizeof data, &from);
    snprintf(n_text, sizeof n_text, "%zu", n);
    inet_ntop(AF_INET, &from.sin_addr, ip, sizeof ip);
    snprintf(port, sizeof port, "%u", (unsigned)ntohs(from.sin_port));
    em_kv kv[] = {{"read_actual_length", n_text}, {"remoteIP", ip}, {"remote_port", port}};
    em_call q = in_form(c, s->svc == EM_SVC_UDP_SERVICE && n ? "set_udp" : "set"); /* no data: "+QIRD: 0" */
    em_emit(&q, 0, kv, 3);
    em_out_put(c->r->out, data, n);
    if (n)
        em_respond_line_end(c->r);
    return EM_OK;
}

/* ERROR on a socket that is not open (docs/on-the-wire.md#sockets); a peer-closed socket still gives what it buffered. */
em_verdict em_qird(em_call *c)
{
    em_socket *s = em_sockets_get(c->r->socks, number(c, "connectID", -1));
    const qat_field *len = em_field(c, "read_length");
    if (!s || s->svc == EM_SVC_LISTENER || s->state == EM_SOCK_OPENING)
        return EM_FAIL(EM_ERR_NOT_ALLOWED);
    if (strcmp(c->form->form->name, "query_read") == 0 || (len && len->number == 0))
        return read_counts(c, s);
    return read_data(c, s, len ? (size_t)len->number : EM_READ_MAX);
}

/* ---- AT+QICLOSE ---- */

/* The socket closes at once (loopback needs no <timeout>); closing a free connectID is OK too. */
em_verdict em_qiclose(em_call *c)
{
    em_sockets_close(c->r->socks, number(c, "connectID", -1));
    return EM_OK;
}
