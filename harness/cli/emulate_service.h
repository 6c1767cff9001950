/* cli/emulate_service.h — `qatspec emulate` as a service a CI script starts: the modules' links (PATH0…, PORT…),
 * the pidfile, the `ready` lines, and --background, which returns once they are printed (emulate_service.c). */
#ifndef QATSPEC_CLI_EMULATE_SERVICE_H
#define QATSPEC_CLI_EMULATE_SERVICE_H

#include "emulator.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *tcp, *link; /* --tcp HOST:PORT or --link PATH (neither: a pty without a symlink) */
    const char *pidfile;    /* --pidfile PATH, or NULL */
    size_t modules;         /* --modules N (1: PATH and PORT themselves, else PATH0…PATH{N-1}, PORT…PORT+N-1) */
    bool background;        /* --background */
} emulate_service;

/* Whether O is one that can be served (--tcp's HOST:PORT well formed, its ports in range for every module): false
 * with WHY, a usage error, before anything is opened. */
bool service_check(const emulate_service *o, char *why, size_t n);
/* Open module K's link into *T: false with WHY. */
bool service_open_link(const emulate_service *o, size_t k, em_transport *t, char *why, size_t n);
/* Write the pidfile and the `ready` line of each module M[0..N), in order. With --background the serving goes on in
 * a child (its own session, stdin and stdout on /dev/null) and the caller, told by *DONE, exits 0 once the lines
 * are out; false with WHY when the pidfile cannot be written or the fork fails. */
bool service_announce(const emulate_service *o, const em_module *m, size_t n_modules, bool *done, char *why,
                      size_t n);
/* The serving process's end, once its links are closed: its pidfile removed. */
void service_end(const emulate_service *o);

#endif
