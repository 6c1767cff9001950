/* emulator/transparent.h — AT+QIOPEN's transparent access mode (<access_mode> 2, 3.1): after CONNECT the serial link
 * and the socket exchange raw bytes, until "+++" framed by a guard time of silence returns to command mode (OK). */
#ifndef QATSPEC_EMULATOR_TRANSPARENT_H
#define QATSPEC_EMULATOR_TRANSPARENT_H

#include "answer.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The silence before and after "+++". The manual gives none; 1 s is Quectel's TCP/IP guard time. */
#define EM_ESCAPE_GUARD_MS 1000

#define EM_ONLINE_CALL 1000 /* the id online while a data call (ATD*99#) owns the link, not a socket */

/* The link's online state: plain data, kept in the socket table. */
typedef struct {
    int id;          /* the socket online, EM_ONLINE_CALL, or -1: command mode */
    int pluses;      /* '+' bytes held back: maybe the escape */
    int64_t last_ms; /* when the last byte came from the serial side (or CONNECT was written) */
} em_transparent;

struct em_sockets;

void em_transparent_init(em_transparent *x);
/* Socket ID (or EM_ONLINE_CALL, the data call) is online from now on (CONNECT was written). */
void em_transparent_begin(em_transparent *x, int id);
bool em_transparent_online(const em_transparent *x);
/* Bytes from the serial side while online: to the socket, "+++" held back until the guard time tells. */
void em_transparent_input(struct em_sockets *t, const char *bytes, size_t n);
/* Lower *TIMEOUT_MS (-1: none) to when held '+' bytes must be decided. */
void em_transparent_timeout(const em_transparent *x, int *timeout_ms);
/* Decide held '+' bytes whose guard time is over: "+++" leaves for command mode (OK to R; the socket stays open
 * and keeps what it receives as in buffer mode, the data call is held for ATO or ATH), fewer are data. */
void em_transparent_tick(em_responder *r, struct em_sockets *t);

#endif
