/* emulator/fota.h — AT+QFOTADL (4.1) for real: the URL downloaded with libcurl's multi interface from the
 * emulator's event loop, the +QIND "FOTA" stages written as the command asked, then the module restarts. */
#ifndef QATSPEC_EMULATOR_FOTA_H
#define QATSPEC_EMULATOR_FOTA_H

#include "answer.h"

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct em_fota em_fota;

/* A FOTA engine with nothing under way; NULL when libcurl cannot make one (AT+QFOTADL then answers ERROR).
 * curl_global_init must have run. */
em_fota *em_fota_new(void);
void em_fota_free(em_fota *f);
/* Drop a download under way (the module powered on again; an update due after a restart stays due). */
void em_fota_cancel(em_fota *f);

/* AT+QFOTADL=<HTTP_URL>[,<upgrade_mode>[,<download_URC_max>[,<update_URC_max>]]]: start the download and
 * answer OK, or refuse a URL that is not http(s) or (without --allow-net) not on loopback. */
em_verdict em_fota_start(em_fota *f, em_call *c);
/* A FOTA is under way: the module answers nothing (4.1). */
bool em_fota_busy(const em_fota *f);

/* The download's sockets into P[0..CAP) (the count), *TIMEOUT_MS lowered to when libcurl must run. */
size_t em_fota_poll(em_fota *f, struct pollfd *p, size_t cap, int *timeout_ms);
/* Drive the download with what the wait reported in P[0..N) and write the URCs it causes; true when the
 * module must restart: the update has ended, or (<upgrade_mode> 0) the download has, the update following it. */
bool em_fota_step(em_fota *f, const struct pollfd *p, size_t n);

#endif
