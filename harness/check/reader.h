/* check/reader.h — what the transcript forms share inside check/: the reader's state, the stream it feeds, and one
 * entry point per form that reads one transcript line (marked.c, plain.c, socat.c) or raw bytes (transcript.c). */
#ifndef QATSPEC_CHECK_READER_H
#define QATSPEC_CHECK_READER_H

#include "check.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The transcript line whose bytes the stream got from OFFSET on. */
typedef struct {
    uint64_t offset, line;
} line_mark;

struct transcript_reader {
    qat_stream s;
    transcript_format format;
    transcript_cb cb;
    void *user;
    transcript_counts *counts;
    uint64_t fed;      /* bytes fed so far: the stream's offset */
    uint64_t line;     /* the transcript line being read */
    bool in_command;   /* events now come from qat_stream_command: they belong to LINE */
    bool sending_data; /* the module prompted: what the DTE sends is data, until its result code */
    line_mark *marks;
    size_t n_marks, cap_marks, first_mark;
    char *scratch; /* an unescaped line */
    size_t cap_scratch;
    char *pending; /* a transcript line split across feeds (cut at TRANSCRIPT_LINE_MAX) */
    size_t n_pending, cap_pending;
    bool raw_line_open; /* raw: the last byte fed was not an LF */
    /* socat -v: the block being read, and which side is the module's */
    uint64_t socat_left;
    char socat_dir;
    char socat_sent;   /* the direction mark of what the DTE sent: '>' unless the log shows otherwise */
    char *socat_cmd;   /* sent bytes up to the command line's CR */
    size_t n_socat_cmd, cap_socat_cmd;
    bench_session *record; /* transcript_reader_record: what the stream is fed, kept as pairs */
    char line_buf[4096]; /* the stream's line buffer: a longer line is reported, not checked */
};

typedef struct transcript_reader reader;

/* ---- feeding the stream (feed.c) ---- */
void reader_feed(reader *r, const char *p, size_t n);
/* A command line the DTE sent, without the CR (or CR LF) that ended it. */
void reader_send_command(reader *r, const char *p, size_t n);
/* One received line, framed as V.250 frames a response ("\r\n" LINE "\r\n"), payload bytes as they are. */
void reader_feed_received_line(reader *r, const char *p, size_t n);
/* SRC[0..N) unescaped (C escapes: \r \n \t \\ \xNN) into r->scratch; its length. *LINE_END: an escape gave a CR or
 * an LF. */
size_t reader_unescape(reader *r, const char *src, size_t n, bool *line_end);

/* ---- one line of each form (LINE without its LF, nor the CR of a CR LF file) ---- */
void marked_line(reader *r, const char *l, size_t n);
void runlog_line(reader *r, const char *l, size_t n);
void plain_line(reader *r, const char *l, size_t n);
void socat_line(reader *r, const char *l, size_t n);

/* ---- what the detector and the forms both recognise (detect.c) ---- */
bool transcript_is_command_line(const char *l, size_t n);
/* ">" alone (spaces after it allowed): the prompt, as the manual prints it. */
bool transcript_is_lone_prompt(const char *l, size_t n);
/* "....." : lines the author of an example left out. */
bool transcript_is_omission(const char *l, size_t n);
/* The length of a run log's "  12.345678 X " prefix (X one of > < #), or 0. */
size_t transcript_runlog_prefix(const char *l, size_t n);
/* The length of a socat -v block header "> 2026/12/03 15:04:05.123456  length=9 from=0 to=8", 0 when L is none;
 * *DIR its mark, *LENGTH its length. */
size_t transcript_socat_header(const char *l, size_t n, char *dir, uint64_t *length);

#endif
