/* cli/printable.c — bytes from a capture made fit to print and to put in JSON: valid UTF-8 kept, control bytes,
 * DEL and bytes that are not UTF-8 written as C escapes. */
#include "printable.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The length of the UTF-8 character at S (N bytes left), or 0 when S does not start a valid one. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    bool overlong_or_surrogate = (s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
                                 (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90);
    return overlong_or_surrogate ? 0 : len;
}

/* S[0..N) as a NUL-terminated, valid UTF-8 string (free() it): control bytes, DEL and bytes that
 * are not UTF-8 written as C escapes (\r, \n, \t, \xNN). */
char *printable(const char *s, size_t n)
{
    char *out = heap_resize(NULL, n + 1, 4);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *c = (const unsigned char *)s + i;
        size_t len = utf8_char(c, n - i);
        if (len && c[0] >= 0x20 && c[0] != 0x7f) {
            memcpy(out + k, c, len);
            k += len;
            i += len;
            continue;
        }
        const char *named = c[0] == '\r' ? "\\r" : c[0] == '\n' ? "\\n" : c[0] == '\t' ? "\\t" : NULL;
        k += named ? (size_t)sprintf(out + k, "%s", named) : (size_t)sprintf(out + k, "\\x%02X", c[0]);
        i++;
    }
    out[k] = '\0';
    return out;
}
