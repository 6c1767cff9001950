/* emulator/data_call.h — a packet data call's far end (ATD*99#, 27.007 §10.2.1.1): the data program `--data-cmd`
 * names, its stdin fed the link's bytes and its stdout sent back, or nothing at all (the bytes dropped, counted). */
#ifndef QATSPEC_EMULATOR_DATA_CALL_H
#define QATSPEC_EMULATOR_DATA_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct {
    bool up;          /* a call is connected: in the online data state, or held in command state after the escape */
    int cid;          /* the context it was dialled on */
    pid_t pid;        /* the data program, or 0 */
    int to_prog, from_prog; /* its stdin and stdout, or -1 */
    uint64_t dropped; /* bytes of the call no program took */
} em_data_call;

void em_data_call_init(em_data_call *c);
/* Connect a call on context CID: the data program CMD (a `sh -c` line, NULL: none) started on pipes. False when
 * it cannot be started. */
bool em_data_call_start(em_data_call *c, int cid, const char *cmd);
/* Bytes from the link, for the program (what its pipe cannot take now is lost, as a full modem buffer loses it). */
void em_data_call_write(em_data_call *c, const char *bytes, size_t n);
/* Read what the program wrote into BUF[0..CAP): the count; SIZE_MAX when nothing is there now; 0 when it has ended
 * (its stdout closed, or no program). */
size_t em_data_call_read(em_data_call *c, char *buf, size_t cap);
/* Hang up: the program's pipes closed, the program stopped (SIGKILL) and reaped. */
void em_data_call_end(em_data_call *c);

#endif
