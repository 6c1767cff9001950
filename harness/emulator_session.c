/* emulator_session.c — the line reader of the emulated module (see emulator_session.h).
 * V.250 §5.2: characters are echoed as they come; S3 ends the line, S5 deletes the last character. */
#include "emulator_session.h"

#include <string.h>

void em_session_init(em_session *s, const qat_compiled *c, const em_config *cfg, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    s->cfg = cfg;
    s->resp.c = c;
    s->resp.st = &s->st;
    s->resp.out = &s->out;
    qat_rng_seed(&s->resp.rng, seed);
}

static void read_settings(em_session *s)
{
    s->s3 = em_state_get(&s->st, EM_S3);
    s->s5 = em_state_get(&s->st, EM_S5);
    s->echo = em_state_get(&s->st, EM_ECHO);
}

void em_session_boot(em_session *s)
{
    em_state_boot(&s->st, s->resp.c->spec, s->cfg);
    em_out_clear(&s->out);
    s->len = 0;
    s->overflow = false;
    read_settings(s);
    em_respond_urc(&s->resp, "rdy");
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
}

static void take(em_session *s, char ch)
{
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
    for (size_t i = 0; i < n; i++)
        take(s, bytes[i]);
}

void em_session_free(em_session *s)
{
    em_out_free(&s->out);
}
