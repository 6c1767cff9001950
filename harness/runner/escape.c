/* runner/escape.c — wire bytes shown as text (see runner/escape.h): the one escaping the results and the transcript
 * share, so an offset in the raw bytes maps to the same offset in every text made of them. */
#include "escape.h"

#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void run_text_append(run_text *t, const char *bytes, size_t n)
{
    t->s = heap_reserve(t->s, &t->cap, t->len + n + 1, 1);
    memcpy(t->s + t->len, bytes, n);
    t->len += n;
    t->s[t->len] = '\0';
}

void run_text_appendf(run_text *t, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        run_text_append(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* The text of one byte: at most 6 bytes into OUT; returns its length. */
static size_t escape_byte(unsigned char c, bool break_lines, char *out)
{
    if (c == '\r')
        return (size_t)snprintf(out, 6, "\\r");
    if (c == '\n')
        return (size_t)snprintf(out, 6, break_lines ? "\\n\n" : "\\n");
    if (c == '\\')
        return (size_t)snprintf(out, 6, "\\\\");
    if (c < 0x20 || c >= 0x7f)
        return (size_t)snprintf(out, 6, "\\x%02x", c);
    out[0] = (char)c;
    return 1;
}

void run_text_escape(run_text *t, const char *bytes, size_t n, bool break_lines)
{
    t->s = heap_reserve(t->s, &t->cap, t->len + 4 * n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        char one[6];
        size_t k = escape_byte((unsigned char)bytes[i], break_lines, one);
        memcpy(t->s + t->len, one, k);
        t->len += k;
    }
    t->s[t->len] = '\0';
}

size_t run_escaped_len(const char *bytes, size_t n, bool break_lines)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        char one[6];
        len += escape_byte((unsigned char)bytes[i], break_lines, one);
    }
    return len;
}

char *run_text_take(run_text *t)
{
    if (!t->s)
        run_text_append(t, "", 0);
    char *s = t->s;
    *t = (run_text){0};
    return s;
}
