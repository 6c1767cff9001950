/* emulator/handlers.h — the table of commands whose answers come from state the emulator keeps
 * (PDP contexts, attach, factory reset) or that a later phase emulates; every other command is answered generically. */
#ifndef QATSPEC_EMULATOR_HANDLERS_H
#define QATSPEC_EMULATOR_HANDLERS_H

#include "answer.h"

/* The handler of the command named NAME in the spec ("AT+QIACT"), or NULL for the generic answer. */
em_handler em_handler_for(const char *name);

#endif
