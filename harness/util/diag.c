/* util/diag.c — collecting, sorting and printing the problems found in a spec.
 * Each diagnostic owns copies of its strings, so callers may free their trees before printing. */
#include "util.h"

#include <stdlib.h>
#include <string.h>

static char *copy_string(const char *s)
{
    size_t len = strlen(s);
    char *p = heap_resize(NULL, len + 1, 1);
    memcpy(p, s, len + 1);
    return p;
}

static void replace_control_bytes(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

static char *format_message(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    if (len < 0)
        len = 0;
    char *msg = heap_resize(NULL, (size_t)len + 1, 1);
    vsnprintf(msg, (size_t)len + 1, fmt, again);
    va_end(again);
    replace_control_bytes(msg);
    return msg;
}

void diag_vadd(diag_list *d, const char *file, unsigned line, unsigned col, const char *fmt, va_list ap)
{
    d->items = heap_reserve(d->items, &d->cap, d->n + 1, sizeof *d->items);
    diag *g = &d->items[d->n];
    g->message = format_message(fmt, ap);
    g->file = copy_string(file ? file : "");
    g->line = line;
    g->col = col;
    g->order = d->n++;
}

void diag_add(diag_list *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, file, line, col, fmt, ap);
    va_end(ap);
}

static int compare_unsigned(unsigned a, unsigned b) { return (a > b) - (a < b); }

static int compare_position(const diag *a, const diag *b)
{
    int c = strcmp(a->file, b->file);
    if (!c)
        c = compare_unsigned(a->line, b->line);
    if (!c)
        c = compare_unsigned(a->col, b->col);
    return c;
}

static int compare_order(const diag *a, const diag *b) { return (a->order > b->order) - (a->order < b->order); }

/* Position, then message: exact repeats end up next to each other. */
static int compare_for_repeats(const void *pa, const void *pb)
{
    const diag *a = pa, *b = pb;
    int c = compare_position(a, b);
    if (!c)
        c = strcmp(a->message, b->message);
    return c ? c : compare_order(a, b);
}

/* Position, then the order the problems were found in. */
static int compare_for_print(const void *pa, const void *pb)
{
    const diag *a = pa, *b = pb;
    int c = compare_position(a, b);
    return c ? c : compare_order(a, b);
}

static void free_diag(diag *g)
{
    free(g->file);
    free(g->message);
}

void diag_sort(diag_list *d)
{
    if (d->n < 2)
        return;
    qsort(d->items, d->n, sizeof *d->items, compare_for_repeats);
    size_t kept = 1;
    for (size_t i = 1; i < d->n; i++) {
        const diag *last = &d->items[kept - 1];
        if (compare_position(last, &d->items[i]) == 0 && strcmp(last->message, d->items[i].message) == 0)
            free_diag(&d->items[i]);
        else
            d->items[kept++] = d->items[i];
    }
    d->n = kept;
    qsort(d->items, d->n, sizeof *d->items, compare_for_print);
}

void diag_print(const diag_list *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const diag *g = &d->items[i];
        if (g->line)
            fprintf(out, "%s:%u:%u: %s\n", g->file, g->line, g->col, g->message);
        else
            fprintf(out, "%s: %s\n", g->file, g->message);
    }
}

void diag_free(diag_list *d)
{
    for (size_t i = 0; i < d->n; i++)
        free_diag(&d->items[i]);
    free(d->items);
    d->items = NULL;
    d->n = d->cap = 0;
}

const char *diag_excerpt(char *buf, size_t size, const char *s, size_t len)
{
    if (len < size) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        return buf;
    }
    size_t cut = size - 4;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(buf, s, cut);
    memcpy(buf + cut, "...", 4);
    return buf;
}

const char *diag_article(const char *word) { return word[0] && strchr("aeiou", word[0]) ? "an" : "a"; }
