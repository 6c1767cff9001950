/* report/text.c — text made fit for the reports: UTF-8 checked byte by byte (stray bytes shown as \xNN), control
 * characters hidden where markup forbids them; ISO 8601 UTC times; scores cut to one decimal. */
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The length of the valid UTF-8 character at S[0..N) (RFC 3629: no overlongs, no surrogates, at most U+10FFFF),
 * or 0 when S does not start one. */
static size_t utf8_char_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Whether the character S[0..LEN) may stand as it is in text meant for USE. */
static bool char_allowed(const unsigned char *s, size_t len, report_text_use use)
{
    if (use == REPORT_TEXT_JSON)
        return true;
    if (len == 1)
        return s[0] >= 0x20 ? s[0] != 0x7F : s[0] == '\t' || s[0] == '\n' || s[0] == '\r';
    /* U+FFFE and U+FFFF are not XML characters */
    return !(len == 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] >= 0xBE);
}

char *report_text_clean(const char *s, size_t n, report_text_use use)
{
    if (!s)
        n = 0;
    char *out = malloc(4 * n + 1); /* at worst every byte becomes \xNN */
    if (!out) {
        fputs("qatspec: out of memory\n", stderr);
        exit(2);
    }
    const unsigned char *in = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_char_len(in + i, n - i);
        if (len && char_allowed(in + i, len, use)) {
            memcpy(out + o, in + i, len);
            o += len;
            i += len;
        } else {
            o += (size_t)sprintf(out + o, "\\x%02X", in[i]);
            i++;
        }
    }
    out[o] = '\0';
    return out;
}

char *report_text_clean_str(const char *s, report_text_use use)
{
    return report_text_clean(s, s ? strlen(s) : 0, use);
}

size_t report_text_char_start(const char *s, size_t at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t back = 0; /* a UTF-8 character has at most three continuation bytes */
    while (at > 0 && back < 3 && (u[at] & 0xC0) == 0x80) {
        at--;
        back++;
    }
    return at;
}

void report_time_iso(int64_t unix_ms, bool plain, char *out, size_t size)
{
    int64_t ms = unix_ms % 1000;
    if (ms < 0)
        ms += 1000;
    time_t secs = (time_t)((unix_ms - ms) / 1000);
    struct tm tm;
    char stamp[32];
    if (!gmtime_r(&secs, &tm) || !strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm))
        strcpy(stamp, "1970-01-01T00:00:00");
    if (plain)
        snprintf(out, size, "%s", stamp);
    else
        snprintf(out, size, "%s.%03dZ", stamp, (int)ms);
}

void report_score_text(double score, char *out, size_t size)
{
    /* the epsilon keeps 57.5 computed as 57.4999999 from showing as 57.4 */
    double tenths = floor(score * 10.0 + 1e-6);
    long whole = (long)(tenths / 10.0);
    long tenth = (long)tenths - whole * 10;
    if (tenth)
        snprintf(out, size, "%ld.%ld", whole, tenth);
    else
        snprintf(out, size, "%ld", whole);
}
