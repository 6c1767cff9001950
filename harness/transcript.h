/* transcript.h — reads a captured session into the stream parser: raw modem output, a log with
 * `>`/`<` direction marks, or a plain pasted session; every event comes back with its transcript line. */
#ifndef QATSPEC_TRANSCRIPT_H
#define QATSPEC_TRANSCRIPT_H

#include "qat_stream.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    TRANSCRIPT_AUTO,   /* detect it: transcript_detect */
    TRANSCRIPT_RAW,    /* the bytes the module sent, as it sent them */
    TRANSCRIPT_MARKED, /* "> AT+CSQ\r" sent, "< +CSQ: 15,99" received; C escapes in the content */
    TRANSCRIPT_PLAIN   /* as the manual prints it: "AT..." lines are commands, the rest responses */
} transcript_format;

typedef struct {
    uint64_t lines;      /* transcript lines read */
    uint64_t commands;   /* command lines sent */
    uint64_t urcs;       /* URC events */
    uint64_t violations; /* violations (an event with an erratum is a deviation instead) */
    uint64_t deviations; /* events with an erratum */
} transcript_counts;

/* EV happened; LINE is the transcript line (1-based) the bytes it is about were read from. */
typedef void (*transcript_cb)(void *user, const qat_event *ev, uint64_t line);

/* The form of TEXT: marked when every non-empty line starts with '>' or '<' (lines that are only
 * ">" prove nothing), plain when a line starts with "AT" or "at", raw otherwise; and raw whenever
 * TEXT holds a NUL byte or a CR that does not end a line (text logs have neither). */
transcript_format transcript_detect(const char *text, size_t len);

/* "raw", "marked", "plain", "auto"; and back (false for another name). */
const char *transcript_format_name(transcript_format f);
bool transcript_format_from_name(const char *name, transcript_format *out);

/* Run TEXT[0..LEN), read as FORMAT (AUTO: detected), through a stream parser of SPEC. CB gets
 * every event; *COUNTS (zeroed first) says what was read. Returns the format TEXT was read as. */
transcript_format transcript_read(const qat_compiled *spec, const char *text, size_t len, transcript_format format,
                                  transcript_cb cb, void *user, transcript_counts *counts);

/* True when EV is a deviation (it names an erratum); a violation is a VIOLATION that is not one. */
bool transcript_is_deviation(const qat_event *ev);
bool transcript_is_violation(const qat_event *ev);

/* The manual's section EV is about: the violation's, else its URC's, command's or result's. */
const char *transcript_event_section(const qat_event *ev);

/* The whole of the file PATH (free() it; *LEN its length), or NULL with errno set. */
char *transcript_load(const char *path, size_t *len);

/* Compile SPEC into memory from the heap (*MEM, to free() after OUT's last use). */
bool transcript_compile(const qat_spec *spec, qat_compiled *out, void **mem, qat_spec_compile_error *err);

/* "unknown parameter in pattern \"...\" of AT+CSQ at byte 3", for people. */
void transcript_compile_error_text(const qat_spec_compile_error *err, char *buf, size_t n);

#endif
