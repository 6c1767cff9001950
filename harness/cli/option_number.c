/* cli/option_number.c — numeric options read strictly (see option_number.h): no sign, no trailing bytes, no
 * overflow, inside the option's range. */
#include "option_number.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

bool option_uint(const char *name, const char *value, uint64_t lo, uint64_t hi, uint64_t *out, char *err,
                 size_t err_size)
{
    char *end;
    errno = 0;
    unsigned long long v = value[0] >= '0' && value[0] <= '9' ? strtoull(value, &end, 10) : 0;
    if (value[0] < '0' || value[0] > '9' || *end || errno || v < lo || v > hi) {
        snprintf(err, err_size, "%s %s: expected an integer from %llu to %llu", name, value, (unsigned long long)lo,
                 (unsigned long long)hi);
        return false;
    }
    *out = v;
    return true;
}
