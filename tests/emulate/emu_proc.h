/* emu_proc.h — what the emulator's tests share: `qatspec emulate` as a child process (start, `ready`, its pty
 * opened raw, reads with a hang guard, SIGTERM and exit 0) and the spec compiled for the stream checker. */
#ifndef QATSPEC_TESTS_EMU_PROC_H
#define QATSPEC_TESTS_EMU_PROC_H

#include "spec.h"
#include "check.h"

#include <stddef.h>
#include <sys/types.h>

#define GUARD_MS 10000 /* a hang guard only: every wait ends on an event long before */

typedef struct {
    pid_t pid;
    char where[320]; /* what `ready` said */
} emulator;

/* Start `qatspec emulate --spec QAT_SPEC_DIR ARGS...` (ARGS NULL-terminated) and read its `ready` line. */
void emu_start(emulator *e, const char *const *args);
/* SIGTERM; it must exit 0. */
void emu_stop(emulator *e);
/* The pty PATH opened in raw mode. */
int emu_open_pty(const char *path);
/* Read what is there (waiting at most the guard); 0 on timeout or end. */
size_t emu_read_some(int fd, char *buf, size_t cap);

/* The spec of QAT_SPEC_DIR, loaded and compiled. */
typedef struct {
    arena a;
    spec_loaded spec;
    void *mem;
    qat_compiled c;
} emu_spec;

void emu_spec_load(emu_spec *fx);
void emu_spec_unload(emu_spec *fx);

#endif
