/* gen/corpus_faults.c — stream seeds of the emulator's output: each fault of emulator/faults.h switched on alone in an
 * in-process session, its trigger lines fed one by one, the bytes each answer made captured (and without faults). */
#include "corpus.h"

#include "emulator.h"

#include <stdlib.h>
#include <string.h>

#define SESSION_SEED 1

/* A session with the faults of mask FAULTS (0: none): its boot output, then the answer to each of TRIGGER's lines. */
static void run_session(corpus *c, const qat_compiled *spec, unsigned faults, const char *trigger, const char *origin)
{
    em_config cfg;
    em_config_defaults(&cfg);
    cfg.faults = faults;
    em_session *s = em_session_new(spec, &cfg, SESSION_SEED);
    if (!s)
        return;
    em_session_boot(s);
    size_t n;
    const char *out = em_session_take(s, &n);
    corpus_add_stream(c, origin, NULL, 0, out, n);
    for (const char *line = trigger; *line;) {
        size_t len = strcspn(line, "|");
        out = em_session_answer(s, line, len, &n);
        corpus_add_stream(c, origin, line, len, out, n);
        corpus_add(c, CORPUS_CMDLINE, origin, line, len);
        line += len + (line[len] == '|');
    }
    em_session_delete(s);
}

void corpus_from_faults(corpus *c, const qat_compiled *spec)
{
    for (size_t i = 0; i < em_fault_count(); i++) {
        run_session(c, spec, 1u << i, em_fault_trigger(i), "fault");
        run_session(c, spec, 0, em_fault_trigger(i), "emulator");
    }
}
