/* corpus_faults.c — stream seeds of the emulator's output: each fault of emulator_faults.h switched on alone in an
 * in-process session, its trigger lines fed one by one, the bytes each answer made captured (and without faults). */
#include "corpus.h"

#include "emulator_faults.h"
#include "emulator_session.h"

#include <stdlib.h>
#include <string.h>

#define SESSION_SEED 1

/* Feed LINE[0..LEN) and its CR to S; the stream seed of the command and what S answered. */
static void add_answer(corpus *c, em_session *s, const char *origin, const char *line, size_t len)
{
    em_out_clear(&s->out);
    em_session_input(s, line, len);
    em_session_input(s, "\r", 1);
    if (s->faults.held.len) { /* a late answer: written now, its lateness is the fault */
        s->faults.due_ms = 0;
        em_faults_release(&s->faults, &s->out);
    }
    corpus_add_stream(c, origin, line, len, s->out.data, s->out.len);
    corpus_add(c, CORPUS_CMDLINE, origin, line, len);
}

/* A session with the faults of mask FAULTS (0: none): its boot output, then the answer to each of TRIGGER's lines. */
static void run_session(corpus *c, const qat_compiled *spec, unsigned faults, const char *trigger, const char *origin)
{
    em_config cfg;
    em_config_defaults(&cfg);
    cfg.faults = faults;
    em_session *s = calloc(1, sizeof *s);
    if (!s)
        return;
    em_session_init(s, spec, &cfg, SESSION_SEED);
    em_session_boot(s);
    corpus_add_stream(c, origin, NULL, 0, s->out.data, s->out.len);
    for (const char *line = trigger; *line;) {
        size_t len = strcspn(line, "|");
        add_answer(c, s, origin, line, len);
        line += len + (line[len] == '|');
    }
    em_session_free(s);
    free(s);
}

void corpus_from_faults(corpus *c, const qat_compiled *spec)
{
    for (size_t i = 0; i < em_fault_count(); i++) {
        const em_fault *f = em_fault_at(i);
        run_session(c, spec, 1u << i, f->trigger, "fault");
        run_session(c, spec, 0, f->trigger, "emulator");
    }
}
