/* emulator/sockets.h — the emulated module's sockets 0-11 (3.1-3.4) as real host sockets: the table, opening,
 * sending (the data mode after the `>` prompt), buffered reading, and the events the poll loop reports as URCs. */
#ifndef QATSPEC_EMULATOR_SOCKETS_H
#define QATSPEC_EMULATOR_SOCKETS_H

#include "answer.h"
#include "data_call.h"
#include "transparent.h"

#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>

#define EM_SOCKETS 12             /* <connectID> 0-11 */
#define EM_SOCKET_FDS (EM_SOCKETS + 1) /* what em_sockets_fds fills: a socket each, then the data call's program */
#define EM_SEND_MAX 1460          /* bytes of one AT+QISEND (3.2) */
#define EM_READ_MAX 1500          /* bytes of one AT+QIRD or one pushed +QIURC "recv" (3.3) */
#define EM_RX_CAP (64u * 1024u)   /* bytes buffered per socket before the emulator stops reading it */
#define EM_QIOPEN_FAILED 565      /* +QIOPEN <err> when a service cannot open (not loopback, refused, ...) */

typedef enum { EM_SVC_TCP, EM_SVC_UDP, EM_SVC_LISTENER, EM_SVC_UDP_SERVICE, EM_SVC_INCOMING } em_service;
typedef enum { EM_SOCK_FREE, EM_SOCK_OPENING, EM_SOCK_OPEN, EM_SOCK_PEER_CLOSED } em_sock_state;

/* A datagram kept in buffer mode: its bytes (still unread) in the socket's rx, and its sender. */
typedef struct {
    size_t len;
    struct sockaddr_in from;
} em_dgram;

typedef struct {
    em_sock_state state;
    em_service svc;
    int fd, mode, server, err; /* err: the +QIOPEN <err> an OPENING socket reports */
    int context;               /* the PDP context it was opened in (an accepted one: its server's) */
    char *rx;                  /* buffer mode: received bytes not read yet */
    size_t rx_len, rx_cap;
    em_dgram *dgrams;          /* UDP in buffer mode: the datagrams in rx, oldest first (an AT+QIRD takes one) */
    size_t n_dgrams, dgrams_cap;
    uint64_t rx_total, rx_read, tx_total;
    bool recv_told;            /* buffer mode: +QIURC "recv" sent, not all read since */
    bool fresh;                /* opened since the poll set was made: its slot's revents are another fd's */
    struct sockaddr_in peer;   /* UDP SERVICE: the sender of the last datagram */
} em_socket;

/* An AT+QISEND between its prompt and its result. */
typedef struct {
    bool active;
    int id;
    size_t want, len; /* want 0: until Ctrl-Z */
    bool has_to;
    struct sockaddr_in to;
    char data[EM_SEND_MAX];
} em_sending;

typedef struct em_sockets {
    em_socket s[EM_SOCKETS];
    em_sending send;
    em_transparent online; /* a socket in transparent mode owns the serial link (emulator/transparent.h) */
    em_data_call call;     /* or a packet data call does (ATD*99#, emulator/data_call.h) */
} em_sockets;

/* What AT+QIOPEN asked for. */
typedef struct {
    em_service svc;
    int context;
    char host[256];
    int remote_port, local_port, mode;
    bool allow_net;
} em_open_req;

void em_sockets_init(em_sockets *t);
/* Close every socket and forget a send in progress (power on, end of the emulator). */
void em_sockets_close_all(em_sockets *t);
/* The socket ID, or NULL when it is free (or out of range). */
em_socket *em_sockets_get(em_sockets *t, int id);
/* Open socket ID (it must be free); its +QIOPEN (transparent mode: CONNECT or ERROR) comes from the event loop. */
void em_sockets_open(em_sockets *t, int id, const em_open_req *req);
void em_sockets_close(em_sockets *t, int id);
/* Close every socket opened in PDP context CID (2.14: deactivating it ends its TCP/IP connections). */
void em_sockets_close_context(em_sockets *t, int cid);

/* Enter the data mode for ID: WANT bytes (0: until Ctrl-Z), sent to IP:PORT when IP is not NULL. */
bool em_sockets_begin_send(em_sockets *t, int id, size_t want, const char *ip, int port);
bool em_sockets_sending(const em_sockets *t);
/* One byte of the data mode; the result code is written to R when the data is complete or cancelled. */
void em_sockets_data(em_responder *r, em_sockets *t, char ch);
/* Take up to MAX buffered bytes of S into DST (of a UDP socket: of its oldest datagram only), and the address they
 * came from into *FROM. */
size_t em_sockets_read(em_socket *s, char *dst, size_t max, struct sockaddr_in *from);

/* P[0..EM_SOCKET_FDS) for ppoll (fd -1 for a free socket, and for no data program); *TIMEOUT_MS (-1: none)
 * lowered to when an event is due. */
void em_sockets_fds(em_sockets *t, struct pollfd *p, int *timeout_ms);
/* Handle what ppoll reported in P[0..EM_SOCKET_FDS): connects, accepts, data, peers closing, the data program's
 * output and end, the escape from transparent mode; URCs and results to R. */
void em_sockets_serve(em_responder *r, em_sockets *t, const struct pollfd *p);

#endif
