/* emulator/latency.h — `--latency none|realistic|max`: a command line's answer held back for a delay drawn within its
 * form's max_response_ms, in the faults' held answer that the event loop releases on its timeout (never a sleep). */
#ifndef QATSPEC_EMULATOR_LATENCY_H
#define QATSPEC_EMULATOR_LATENCY_H

#include "faults.h"
#include "qat_synth.h"

/* "none", "realistic", "max"; false on another name. */
bool em_latency_parse(const char *name, em_latency *out);
/* The maximum response time of FORM: its own max_response_ms, else its command's; 0 with no form or none given. */
uint32_t em_latency_max_ms(const qat_cform *form);
/* The delay, in ms, for an answer to FORM (NULL: a line no form accepts, answered at once). */
uint32_t em_latency_draw(em_latency mode, const qat_cform *form, qat_rng *rng);
/* Move OUT[START..) into RUN's held answer, due MS from now or when the answer held before it is due, whichever
 * is later (answers keep their order); with MS 0 and nothing held, it stays in OUT. */
void em_latency_hold(em_faults *run, em_out *out, size_t start, uint32_t ms);

#endif
