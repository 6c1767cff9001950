/* emulator/out.c — the emulator's pending output buffer (see emulator/out.h).
 * Grows by doubling through heap_reserve; consumption moves the unwritten tail to the front. */
#include "out.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

void em_out_put(em_out *o, const char *s, size_t n)
{
    if (o->len >= EM_OUT_CAP)
        return;
    if (n > EM_OUT_CAP - o->len)
        n = EM_OUT_CAP - o->len;
    o->data = heap_reserve(o->data, &o->cap, o->len + n, 1);
    memcpy(o->data + o->len, s, n);
    o->len += n;
}

void em_out_str(em_out *o, const char *s)
{
    em_out_put(o, s, strlen(s));
}

void em_out_consume(em_out *o, size_t n)
{
    if (n >= o->len) {
        o->len = 0;
        return;
    }
    memmove(o->data, o->data + n, o->len - n);
    o->len -= n;
}

void em_out_splice(em_out *o, size_t at, size_t del, const char *s, size_t n)
{
    size_t tail = o->len - at - del;
    o->data = heap_reserve(o->data, &o->cap, o->len - del + n, 1);
    memmove(o->data + at + n, o->data + at + del, tail);
    memcpy(o->data + at, s, n);
    o->len = o->len - del + n;
}

size_t em_out_find(const em_out *o, size_t from, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = from; n && i + n <= o->len; i++)
        if (memcmp(o->data + i, s, n) == 0)
            return i;
    return o->len;
}

void em_out_clear(em_out *o)
{
    o->len = 0;
}

void em_out_free(em_out *o)
{
    free(o->data);
    *o = (em_out){0};
}
