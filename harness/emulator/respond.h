/* emulator/respond.h — answers one command line as the spec says: each command through its handler (handlers.h) or
 * the generic answer, then one result code, the faults and modes applied to the whole answer. */
#ifndef QATSPEC_EMULATOR_RESPOND_H
#define QATSPEC_EMULATOR_RESPOND_H

#include "answer.h"

/* Answer LINE[0..LEN) (without its terminator) into R->out; an empty line gets no answer. */
void em_respond(em_responder *r, const char *line, size_t len);

#endif
