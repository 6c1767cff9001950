/* spec_open.h — a spec made ready for a command that reads one (check, bench, emulate):
 * loaded, cross-checked and compiled, its problems printed under the command's name. */
#ifndef QATSPEC_SPEC_OPEN_H
#define QATSPEC_SPEC_OPEN_H

#include "arena.h"
#include "qat_compiled.h"
#include "spec_load.h"

typedef struct {
    arena a;
    spec_loaded loaded;
    qat_compiled c;
    void *mem; /* the compiled spec's memory */
} spec_opened;

/* Load the spec of DIR into S (zero-initialised), check it as lint does, and compile it. On a
 * problem print it, prefixed by "qatspec WHO:", and return false. spec_close frees S either way. */
bool spec_open(spec_opened *s, const char *dir, const char *who);

void spec_close(spec_opened *s);

#endif
