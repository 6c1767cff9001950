/* emulator/socket_cmds.h — the handlers of AT+QIOPEN, AT+QISEND, AT+QIRD and AT+QICLOSE (3.1-3.4):
 * they check the call against the socket table (emulator/sockets.h) and answer in the form the spec gives. */
#ifndef QATSPEC_EMULATOR_SOCKET_CMDS_H
#define QATSPEC_EMULATOR_SOCKET_CMDS_H

#include "answer.h"

em_verdict em_qiopen(em_call *c);
em_verdict em_qisend(em_call *c);
em_verdict em_qird(em_call *c);
em_verdict em_qiclose(em_call *c);

#endif
