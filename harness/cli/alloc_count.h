/* cli/alloc_count.h — counts the qatspec program's heap allocations, for `qatspec bench`'s "0 heap allocations".
 * Counts only when the program is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free. */
#ifndef QATSPEC_ALLOC_COUNT_H
#define QATSPEC_ALLOC_COUNT_H

#include <stdint.h>

/* malloc, calloc and realloc calls made so far by code linked into the program (a shared library's
 * own calls, libyaml's or libc's, go around the wrap and are not counted). Read it before and after. */
uint64_t alloc_count_allocations(void);

/* free calls made so far, likewise. */
uint64_t alloc_count_frees(void);

#endif
