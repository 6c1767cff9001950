/* emulator/call_cmds.h — the handlers of ATD, ATO and ATH (V.250 §6.3, 27.007 §10.2.1.1): a packet data call on
 * *99#, CONNECT and the online data state (emulator/data_call.h), held by the escape, resumed, hung up. */
#ifndef QATSPEC_EMULATOR_CALL_CMDS_H
#define QATSPEC_EMULATOR_CALL_CMDS_H

#include "answer.h"

em_verdict em_atd(em_call *c);
em_verdict em_ato(em_call *c);
em_verdict em_ath(em_call *c);

#endif
