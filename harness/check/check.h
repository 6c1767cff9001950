/* check/check.h — the checker's room: a captured session (raw bytes, a `>`/`<` marked log, a pasted session) read
 * through the stream parser of a compiled spec, event by event; and the drawn session `qatspec bench` measures.
 * It owns transcript formats and the bench session; it may call parsers/ (libqat) and util/ only. */
#ifndef QATSPEC_CHECK_H
#define QATSPEC_CHECK_H

#include "qat_compiled.h"
#include "qat_stream.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- reads a captured session into the stream parser: raw modem output, a log with
 * `>`/`<` direction marks, or a plain pasted session; every event comes back with its transcript line.
 */
typedef enum {
    TRANSCRIPT_AUTO,   /* detect it: transcript_detect */
    TRANSCRIPT_RAW,    /* the bytes the module sent, as it sent them (its echo, or its answers, name the commands) */
    TRANSCRIPT_MARKED, /* "> AT+CSQ\r" sent, "< +CSQ: 15,99" received; C escapes in the content */
    TRANSCRIPT_PLAIN,  /* as the manual prints it: "AT..." lines are commands, the rest responses */
    TRANSCRIPT_SOCAT,  /* socat -v: "> 2026/12/03 15:04:05.123456  length=9 from=0 to=8" blocks, both directions */
    TRANSCRIPT_RUNLOG  /* a run's transcript.log: "  12.345678 > AT\r", "... < \r\nOK\r\n", "... # case ..." */
} transcript_format;

#define TRANSCRIPT_LINE_MAX (1u << 20) /* bytes of one transcript line kept (marked, plain, socat, run log) */

typedef struct {
    uint64_t lines;      /* transcript lines read */
    uint64_t commands;   /* command lines sent (or, raw, echoed), and commands inferred from their answers */
    uint64_t inferred;   /* of those, inferred (a raw capture without echo: an RX-only tap, or after ATE0) */
    uint64_t urcs;       /* URC events */
    uint64_t violations; /* violations (an event with an erratum is a deviation instead) */
    uint64_t deviations; /* events with an erratum */
    uint64_t notes;      /* problems before a raw capture's first anchor or cut by its end: never violations */
    uint64_t recognised; /* echoes, information lines, URCs, result codes and prompts read as the spec says */
} transcript_counts;

/* EV happened; LINE is the transcript line (1-based) the bytes it is about were read from. */
typedef void (*transcript_cb)(void *user, const qat_event *ev, uint64_t line);

/* The form of TEXT, a transcript's first bytes (a last line without LF is left out when others came, as it may be
 * cut): socat when a line is a socat -v block header; raw when TEXT holds a NUL byte or a CR that does not end a
 * line (text logs have neither); a run log when every non-empty line has the runner's timestamp and mark; marked
 * when every non-empty line starts with '>' or '<' (lines that are only ">" prove nothing); plain when a line starts
 * with "AT" or "at"; raw otherwise. */
transcript_format transcript_detect(const char *text, size_t len);

/* "raw", "marked", "plain", "socat", "runlog", "auto"; and back (false for another name). */
const char *transcript_format_name(transcript_format f);
bool transcript_format_from_name(const char *name, transcript_format *out);

/* A transcript read as its bytes come, in bounded memory: FORMAT (AUTO: raw; detect it first on the first bytes with
 * transcript_detect), through a stream parser of SPEC. CB gets every event; *COUNTS (zeroed here) says what was read
 * once transcript_reader_end has run. */
typedef struct transcript_reader transcript_reader;
transcript_reader *transcript_reader_new(const qat_compiled *spec, transcript_format format, transcript_cb cb,
                                         void *user, transcript_counts *counts);
/* How the stream parser is told to read FORMAT: a raw capture names its commands by echo and answers, a plain
 * session by its lines and answers, a marked log or socat log by the commands it shows. */
qat_infer transcript_infer_mode(transcript_format format);
/* The next N bytes of the transcript, split anywhere. */
void transcript_reader_feed(transcript_reader *r, const char *bytes, size_t n);
/* The end of the transcript: its last line read, the stream finished, R freed. */
void transcript_reader_end(transcript_reader *r);

/* Run TEXT[0..LEN), read as FORMAT (AUTO: detected), through a stream parser of SPEC. CB gets
 * every event; *COUNTS (zeroed first) says what was read. Returns the format TEXT was read as. */
transcript_format transcript_read(const qat_compiled *spec, const char *text, size_t len, transcript_format format,
                                  transcript_cb cb, void *user, transcript_counts *counts);

/* True when EV is a deviation (it names an erratum); a violation is a VIOLATION that is not one; a note is a NOTE. */
bool transcript_is_deviation(const qat_event *ev);
bool transcript_is_violation(const qat_event *ev);
bool transcript_is_note(const qat_event *ev);

/* The manual's section EV is about: the violation's, else its URC's, command's or result's. */
const char *transcript_event_section(const qat_event *ev);

/* The whole of the file PATH (free() it; *LEN its length), or NULL with errno set. */
char *transcript_load(const char *path, size_t *len);

/* ---- a realistic modem session made from the spec, for `qatspec bench` (and later, fuzz seeds).
 * Command lines and the module's answers: echo, lines, URCs, payloads, prompts; every byte valid per the spec.
 */
/* One command line and what the module sent after it, up to the next command (URCs included).
 * A pair without a command (CMD_LEN 0) holds output alone: the session's start, or a capture. */
typedef struct {
    size_t cmd_off, cmd_len; /* the command line in bench_session.cmds, without its CR */
    size_t out_off, out_len; /* the module's bytes in bench_session.out */
} bench_pair;

/* What a session is made of. LINES counts lines with content (echoes, information lines, URCs,
 * result codes, echoed data), not the blank CR LF of the framing. */
typedef struct {
    uint64_t commands, lines, urcs, payloads, prompts;
    uint64_t payload_bytes;   /* raw bytes a length field announced (+QIRD data, +QIURC "recv" pushes) */
    uint64_t data_echo_bytes; /* data sent after a prompt, echoed by the module (counted as line bytes) */
    uint64_t rejected;        /* synthesized lines or commands the spec reads as something else: redrawn */
} bench_mix;

typedef struct {
    char *out; /* the module's output, every pair's bytes one after the other */
    size_t out_len, out_cap;
    char *cmds; /* the command lines, one after the other, no separators */
    size_t cmds_len, cmds_cap;
    bench_pair *pairs;
    size_t n_pairs, pairs_cap;
    bench_mix mix;
} bench_session;

typedef void (*bench_progress)(void *user, size_t done, size_t target);

/* Fill S (zeroed by the caller) with a session of about TARGET output bytes, drawn from C with SEED:
 * the same seed gives the same bytes. PROGRESS, when not NULL, hears of every MiB or so.
 * False when the spec offers nothing to generate; S then holds what was made (free it). */
bool bench_generate(bench_session *s, const qat_compiled *c, uint64_t seed, size_t target, bench_progress progress,
                    void *user);

/* Make S (zeroed by the caller) one pair without a command over BYTES[0..LEN), which S takes over
 * (a heap block: bench_free frees it). */
void bench_adopt(bench_session *s, char *bytes, size_t len);

void bench_free(bench_session *s);

/* Build a session by hand: N bytes of the module's output appended to the pair begun last (or to a first pair
 * without a command); a new pair for the
 * command line CMD[0..CMD_LEN) (CMD_LEN 0: output alone); and, once the last bytes are in, the last pair closed. */
void bench_add_output(bench_session *s, const char *bytes, size_t n);
void bench_add_command(bench_session *s, const char *cmd, size_t cmd_len);
void bench_end_pairs(bench_session *s);

/* From now on, every command line R reads and every byte of the module's output it feeds its stream is also added to
 * INTO (a session zeroed by the caller; bench_end_pairs it after transcript_reader_end): the transcript decoded,
 * for `qatspec bench FILE` to time the stream parser on it alone. */
void transcript_reader_record(transcript_reader *r, bench_session *into);

/* ---- the streams `qatspec bench` measures besides the drawn session: the module's output alone, as a tap on its
 * TX line sees it with echo off, and the same with most lines' prefixes broken.
 */
typedef struct {
    bool echo_off;            /* no command line echoed (ATE0): the pairs' output is the module's answers alone */
    unsigned corrupt_percent; /* the chance that a line with no payload after it gets a letter of its prefix
                               * changed, drawn with its own generator so the rest of the stream stays the same */
} bench_draw;

/* bench_generate drawing as D says (NULL: as bench_generate, echo on and nothing corrupted). */
bool bench_generate_as(bench_session *s, const qat_compiled *c, uint64_t seed, size_t target, const bench_draw *d,
                       bench_progress progress, void *user);

/* Make S one pair without a command over all its output, as a capture is read: its commands are not passed. */
void bench_output_only(bench_session *s);

/* ---- the yardstick `qatspec bench` prints beside the checker: a hand-written reader of modem output that checks
 * nothing. It knows a fixed list of line prefixes written in C (it does not read the spec), finds line ends with
 * memchr, dispatches on the first byte and strncmp, reads payload lengths with strtol and skips the payloads.
 */
#define BASELINE_HELD 128 /* the first bytes of a line split across reads, kept until its LF: all it looks at */

typedef struct {
    uint64_t lines;    /* lines with content: CR LF framing and payload bytes are not lines */
    uint64_t results;  /* OK, ERROR, +CME ERROR:, SEND OK, SEND FAIL, CONNECT, NO CARRIER */
    uint64_t urcs;     /* RDY, +CEREG:, +QIURC:, +QIND:, +QIOPEN: and the like */
    uint64_t infos;    /* answer lines of a known prefix: +CSQ:, +QIRD: and the like */
    uint64_t prompts;  /* lines that start with '>' */
    uint64_t payloads; /* payloads skipped: after +QIRD: <n> and +QIURC: "recv",<id>,<n> with <n> > 0 */
} baseline_counts;

typedef struct {
    baseline_counts n;
    uint64_t skip; /* payload bytes still to pass over */
    size_t held;   /* bytes of a split line kept in HEAD (the rest of a long one is dropped) */
    char head[BASELINE_HELD + 1];
} baseline_reader;

void baseline_init(baseline_reader *r);

/* The next N bytes of the module's output: one read, any length (bench gives 4096 at most). */
void baseline_feed(baseline_reader *r, const char *bytes, size_t n);

/* The end of the output: a last line without LF counts too. */
void baseline_finish(baseline_reader *r);

#endif
