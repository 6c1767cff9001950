/* cli/option_number.h — integer options read strictly: the whole value a decimal integer in its range, else one
 * line naming the option, what was given and the range (cli/option_number.c). */
#ifndef QATSPEC_CLI_OPTION_NUMBER_H
#define QATSPEC_CLI_OPTION_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* VALUE of option NAME as an integer in LO..HI into *OUT; false with "NAME VALUE: expected an integer from LO to
 * HI" in ERR. */
bool option_uint(const char *name, const char *value, uint64_t lo, uint64_t hi, uint64_t *out, char *err,
                 size_t err_size);

#endif
