/* run_transcript.h — transcript.log of a run, written as it happens: every chunk of bytes sent (>) or received (<)
 * on its own line with the seconds since the run began, escaped, flushed at once so a dying run loses nothing. */
#ifndef QATSPEC_RUN_TRANSCRIPT_H
#define QATSPEC_RUN_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    FILE *f;       /* NULL: no transcript (every call does nothing) */
    int64_t t0_us; /* CLOCK_MONOTONIC at the start */
} run_transcript;

/* Create PATH; false (errno set) when it cannot be. */
bool run_transcript_open(run_transcript *t, const char *path);

/* "  12.345678 > AT+CSQ\r" — DIR is '>' (to the device) or '<' (from it). */
void run_transcript_bytes(run_transcript *t, char dir, const char *bytes, size_t n);

/* "  12.345678 # TEXT": what the runner does (a case begins, a resync, the device is gone). */
void run_transcript_note(run_transcript *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void run_transcript_close(run_transcript *t);

#endif
