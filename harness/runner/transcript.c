/* runner/transcript.c — transcript.log written as the bytes go by (see runner/runner.h).
 * One line per chunk, escaped as the results are (runner/escape.h), flushed per line. */
#include "runner.h"

#include "escape.h"

#include <stdarg.h>
#include <stdlib.h>

bool run_transcript_open(run_transcript *t, const char *path)
{
    t->f = fopen(path, "w");
    t->t0_us = run_now_us();
    return t->f != NULL;
}

static void stamp(run_transcript *t, char mark)
{
    int64_t us = run_now_us() - t->t0_us;
    fprintf(t->f, "%4lld.%06lld %c ", (long long)(us / 1000000), (long long)(us % 1000000), mark);
}

void run_transcript_bytes(run_transcript *t, char dir, const char *bytes, size_t n)
{
    if (!t->f)
        return;
    run_text line = {0};
    run_text_escape(&line, bytes, n, false);
    stamp(t, dir);
    fputs(line.s, t->f);
    fputc('\n', t->f);
    fflush(t->f);
    free(line.s);
}

void run_transcript_note(run_transcript *t, const char *fmt, ...)
{
    if (!t->f)
        return;
    stamp(t, '#');
    va_list ap;
    va_start(ap, fmt);
    vfprintf(t->f, fmt, ap);
    va_end(ap);
    fputc('\n', t->f);
    fflush(t->f);
}

void run_transcript_close(run_transcript *t)
{
    if (t->f)
        fclose(t->f);
    t->f = NULL;
}
