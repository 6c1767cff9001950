/* cli/printable.h — bytes made fit to print (check's lines, its JSON): what cli/printable.c does. */
#ifndef QATSPEC_CLI_PRINTABLE_H
#define QATSPEC_CLI_PRINTABLE_H

#include <stddef.h>

/* S[0..N) as a NUL-terminated, valid UTF-8 string (free() it): control bytes, DEL and bytes that
 * are not UTF-8 written as C escapes (\r, \n, \t, \xNN). */
char *printable(const char *s, size_t n);

#endif
