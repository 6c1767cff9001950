/* emulator/transparent.c — the online state of transparent access mode (see emulator/transparent.h): serial bytes
 * to the socket as they come, the escape "+++" recognised only with EM_ESCAPE_GUARD_MS of silence on both sides. */
#include "transparent.h"

#include "sockets.h"

#include <sys/socket.h>
#include <time.h>

#define ESCAPE_CHAR '+'
#define ESCAPE_COUNT 3

static int64_t clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void em_transparent_init(em_transparent *x)
{
    *x = (em_transparent){.id = -1};
}

void em_transparent_begin(em_transparent *x, int id)
{
    *x = (em_transparent){.id = id, .last_ms = clock_ms()};
}

bool em_transparent_online(const em_transparent *x)
{
    return x->id >= 0;
}

/* DATA[0..N) to the online socket (a datagram each for UDP); what the socket cannot take now is lost, as a
 * module's full send buffer loses it. */
static void forward(em_sockets *t, const char *data, size_t n)
{
    if (t->online.id == EM_ONLINE_CALL) {
        em_data_call_write(&t->call, data, n);
        return;
    }
    em_socket *s = em_sockets_get(t, t->online.id);
    if (!n || !s || s->fd < 0)
        return;
    ssize_t put = send(s->fd, data, n, MSG_NOSIGNAL);
    if (put > 0)
        s->tx_total += (uint64_t)put;
}

/* The '+' bytes held back turn out to be data. */
static void release_pluses(em_sockets *t)
{
    static const char pluses[ESCAPE_COUNT] = {ESCAPE_CHAR, ESCAPE_CHAR, ESCAPE_CHAR};
    forward(t, pluses, (size_t)t->online.pluses);
    t->online.pluses = 0;
}

/* A chunk of bytes came together, so only its first bytes may be the escape: '+' after a guard time of silence,
 * or the '+' bytes that complete one held back. */
void em_transparent_input(em_sockets *t, const char *bytes, size_t n)
{
    em_transparent *x = &t->online;
    int64_t now = clock_ms();
    bool may_escape = x->pluses || now - x->last_ms >= EM_ESCAPE_GUARD_MS;
    x->last_ms = now;
    size_t i = 0;
    while (may_escape && i < n && bytes[i] == ESCAPE_CHAR && x->pluses < ESCAPE_COUNT) {
        x->pluses++;
        i++;
    }
    if (i == n)
        return; /* held back until the guard time tells */
    release_pluses(t);
    forward(t, bytes + i, n - i);
}

void em_transparent_timeout(const em_transparent *x, int *timeout_ms)
{
    if (x->id < 0 || !x->pluses)
        return;
    int64_t left = x->last_ms + EM_ESCAPE_GUARD_MS - clock_ms();
    int wait = left > 0 ? (int)left : 0;
    if (*timeout_ms < 0 || wait < *timeout_ms)
        *timeout_ms = wait;
}

void em_transparent_tick(em_responder *r, em_sockets *t)
{
    em_transparent *x = &t->online;
    if (x->id < 0 || !x->pluses || clock_ms() - x->last_ms < EM_ESCAPE_GUARD_MS)
        return;
    if (x->pluses < ESCAPE_COUNT) {
        release_pluses(t);
        return;
    }
    em_socket *s = em_sockets_get(t, x->id);
    if (s)
        s->mode = 0; /* (a data call stays up, held: ATO resumes it, ATH ends it) */
    em_transparent_init(x);
    em_respond_final(r, "OK");
}
