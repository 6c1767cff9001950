/* emulator/session.c — the line reader of the emulated module (see emulator/session.h).
 * V.250 §5.2: characters are echoed as they come; S3 ends the line, S5 deletes the last character. */
#include "session.h"

#include "fota.h"

#include <stdlib.h>
#include <string.h>

static void em_session_init(em_session *s, const qat_compiled *c, const em_config *cfg, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    s->cfg = cfg;
    s->resp.c = c;
    s->resp.st = &s->st;
    s->resp.out = &s->out;
    qat_rng_seed(&s->resp.rng, seed);
    s->resp.fota = em_fota_new();
    em_sockets_init(&s->socks);
    s->resp.socks = &s->socks;
    s->faults.on = cfg->faults;
    s->resp.faults = &s->faults;
    s->resp.firmware = cfg->firmware;
    s->seed = seed;
    em_modes_init(&s->modes, c, cfg->modes, seed);
    s->resp.modes = &s->modes;
}

static void read_settings(em_session *s)
{
    s->s3 = em_state_get(&s->st, EM_S3);
    s->s5 = em_state_get(&s->st, EM_S5);
    s->echo = em_state_get(&s->st, EM_ECHO);
}

/* Power on, keeping what is still to be written (a FOTA restart follows its last URC). */
static void restart(em_session *s)
{
    em_fota_cancel(s->resp.fota);
    em_sockets_close_all(&s->socks);
    em_state_boot(&s->st, s->resp.c->spec, s->cfg);
    s->len = 0;
    s->overflow = false;
    read_settings(s);
    em_respond_urc(&s->resp, "rdy");
}

void em_session_boot(em_session *s)
{
    em_out_clear(&s->out);
    em_out_clear(&s->faults.held); /* a previous client's late answer */
    qat_rng_seed(&s->resp.rng, s->seed);
    em_modes_boot(&s->modes);
    restart(s);
}

static void end_line(em_session *s)
{
    if (s->overflow)
        em_respond_refuse(&s->resp);
    else
        em_respond(&s->resp, s->line, s->len);
    s->len = 0;
    s->overflow = false;
    read_settings(s);
    if (s->faults.reset) { /* --fault reset-mid-command */
        s->faults.reset = false;
        restart(s);
    }
}

/* After AT+QISEND's prompt the bytes are data, echoed as ATE says (3.2's example shows them), not a line. */
static void take_data(em_session *s, char ch)
{
    if (s->echo && ch != 0x1A && ch != 0x1B)
        em_out_put(&s->out, &ch, 1);
    em_sockets_data(&s->resp, &s->socks, ch);
}

static void take(em_session *s, char ch)
{
    if (em_sockets_sending(&s->socks)) {
        take_data(s, ch);
        return;
    }
    if (s->echo)
        em_out_put(&s->out, &ch, 1);
    if ((unsigned char)ch == s->s3) {
        end_line(s);
    } else if ((unsigned char)ch == s->s5) {
        s->len -= s->len > 0;
    } else if (s->len == 0 && !s->overflow && (ch == '\n' || ch == ' ' || ch == '\0')) {
        /* between lines: the LF of a CR LF terminator, padding */
    } else if (s->len < sizeof s->line) {
        s->line[s->len++] = ch;
    } else {
        s->overflow = true;
    }
}

void em_session_input(em_session *s, const char *bytes, size_t n)
{
    /* 4.1: 模块FOTA升级过程中，上位机发送其它AT指令模块不会响应 */
    for (size_t i = 0; i < n && !em_fota_busy(s->resp.fota); i++) {
        if (em_transparent_online(&s->socks.online)) { /* 3.1 transparent mode: the rest is data */
            em_transparent_input(&s->socks, bytes + i, n - i);
            return;
        }
        take(s, bytes[i]);
    }
}

static void em_session_free(em_session *s)
{
    em_fota_free(s->resp.fota);
    em_sockets_close_all(&s->socks);
    em_out_free(&s->out);
    em_faults_free(&s->faults);
}

size_t em_session_poll(em_session *s, struct pollfd *p, size_t cap, int *timeout_ms)
{
    size_t n = EM_SOCKET_FDS + em_fota_poll(s->resp.fota, p + EM_SOCKET_FDS, cap - EM_SOCKET_FDS, timeout_ms);
    em_sockets_fds(&s->socks, p, timeout_ms);
    int held = em_faults_timeout(&s->faults);
    if (held >= 0 && (*timeout_ms < 0 || held < *timeout_ms))
        *timeout_ms = held;
    return n;
}

void em_session_polled(em_session *s, const struct pollfd *p, size_t n)
{
    em_sockets_serve(&s->resp, &s->socks, p);
    em_faults_release(&s->faults, &s->out);
    if (em_fota_step(s->resp.fota, p + EM_SOCKET_FDS, n - EM_SOCKET_FDS))
        restart(s);
}

em_session *em_session_new(const qat_compiled *c, const em_config *cfg, uint64_t seed)
{
    em_session *s = malloc(sizeof *s);
    if (s)
        em_session_init(s, c, cfg, seed);
    return s;
}

void em_session_delete(em_session *s)
{
    if (!s)
        return;
    em_session_free(s);
    free(s);
}

const char *em_session_take(em_session *s, size_t *len)
{
    *len = s->out.len;
    em_out_clear(&s->out);
    return s->out.data;
}

const char *em_session_answer(em_session *s, const char *line, size_t len, size_t *answer_len)
{
    em_out_clear(&s->out);
    em_session_input(s, line, len);
    char s3 = (char)s->s3; /* the terminator the module waits for now (S3, CR until ATS3= changes it) */
    em_session_input(s, &s3, 1);
    if (s->faults.held.len) { /* a late answer: written now, its lateness is the fault */
        s->faults.due_ms = 0;
        em_faults_release(&s->faults, &s->out);
    }
    *answer_len = s->out.len;
    return s->out.data;
}
