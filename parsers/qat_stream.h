/* qat_stream.h — the modem-output parser: bytes from the module in, grammar-checked events out.
 * Resumable at any split of the input; no heap, no global state; the caller owns every buffer.
 *
 * Use it in four calls:
 *
 *     static void on_event(void *user, const qat_event *ev) {
 *         switch (ev->kind) {
 *         case QAT_EV_INFO:      ... ev->fields[0..ev->n_fields) are checked values ...
 *         case QAT_EV_FINAL:     ... the command is over: ev->result->name is "OK", "ERROR", ...
 *         case QAT_EV_URC:       ... ev->urc->name is "qiurc-recv-push", ...
 *         case QAT_EV_PROMPT:    ... send the data now ...
 *         case QAT_EV_PAYLOAD:   ... ev->text[0..ev->len) are raw bytes (+QIRD data, pushed data) ...
 *         case QAT_EV_VIOLATION: ... ev->violation says what, ev->message says it for people ...
 *         default: break;
 *         }
 *     }
 *
 *     char line[512];
 *     qat_stream s;
 *     qat_stream_init(&s, &compiled_spec, line, sizeof line, on_event, NULL);
 *     qat_stream_command(&s, "AT+QIRD=0,1500", 14);   // what you just sent, without its CR
 *     qat_stream_feed(&s, bytes, n);                     // as often as bytes arrive
 *     qat_stream_finish(&s);                             // at the end of the capture
 *
 * Every event that carries a line (ECHO, INFO, URC, FINAL, DATA_ECHO, VIOLATION on a line) has
 * erratum set when the line matches a reading the manual contradicts itself about: a deviation.
 * A VIOLATION with erratum set is such a deviation too, reported on its own (a line showing two
 * errata gets the line's event and one such report).
 */
#ifndef QAT_STREAM_H
#define QAT_STREAM_H

#include "qat_cmdline.h"

#define QAT_STREAM_MAX_CMDLINE 600 /* bytes of the command line kept for the echo check */
#define QAT_STREAM_MAX_CMDS 8      /* commands on one line */
#define QAT_STREAM_MAX_FIELDS 40   /* fields of one line */

typedef enum {
    QAT_EV_ECHO,      /* the module echoed the command line (ATE1) */
    QAT_EV_INFO,      /* an information line of the command in flight, its fields checked */
    QAT_EV_URC,       /* an unsolicited result code, its fields checked */
    QAT_EV_FINAL,     /* a result code ending the command (OK, ERROR, +CME ERROR, SEND OK, CONNECT, ...) */
    QAT_EV_PROMPT,    /* the "> " prompt: the module waits for data */
    QAT_EV_DATA_ECHO, /* a line between the prompt and the result: the module echoing the data sent */
    QAT_EV_PAYLOAD,   /* raw bytes a length field announced; a payload may come in several events */
    QAT_EV_DATA,      /* a line of the online data state (after CONNECT: a data call's PPP, transparent mode),
                       * unchecked, until a result code ends that state (OK after the escape, NO CARRIER) */
    QAT_EV_NOTE,      /* QAT_INFER_CAPTURE: a problem where nothing can be judged yet (before the capture's first anchor,
                       * or an answer the capture's end cut); violation and message say what, it is no violation */
    QAT_EV_VIOLATION  /* something the spec does not allow; parsing goes on */
} qat_event_kind;

typedef enum {
    QAT_V_NONE = 0,
    QAT_V_LF_WITHOUT_CR,    /* a line ended by LF alone (1.2: <CR><LF>) */
    QAT_V_STRAY_CR,         /* a CR not followed by LF, outside an echo */
    QAT_V_MISSING_CRLF,     /* a result code or URC not preceded by <CR><LF> */
    QAT_V_LINE_TOO_LONG,    /* longer than the line buffer: cut, reported, not checked */
    QAT_V_BAD_LINE,         /* a line shaped like the expected response or a URC, with a wrong field */
    QAT_V_UNEXPECTED_LINE,  /* a line no response of the command in flight and no URC accounts for */
    QAT_V_UNKNOWN_URC,      /* an unsolicited line the spec does not know */
    QAT_V_MISSING_LINE,     /* the result code came before a required information line */
    QAT_V_FINAL_NOT_ALLOWED, /* a result code the command's form does not list */
    QAT_V_UNEXPECTED_FINAL, /* a result code with no command in flight */
    QAT_V_PAYLOAD_CUT,      /* fewer payload bytes arrived than announced */
    QAT_V_BAD_COMMAND,      /* the command line sent is not in the spec or not well formed */
    QAT_V_TRAILING_SPACE,   /* spaces at the end of a line */
    QAT_V_OUT_OF_ORDER,     /* a concatenated command answered before the one in front of it */
    QAT_V_ECHO_WHILE_OFF,   /* a command line echoed after the spec's echo command turned echo off (2.4) */
    QAT_V_PAYLOAD_LENGTH,   /* a payload's announced bytes not followed by <CR><LF>: its length lies */
    QAT_V_COUNT
} qat_violation;

typedef struct {
    qat_event_kind kind;
    uint64_t offset;  /* stream offset of the line's (or bytes') first byte */
    uint64_t line_no; /* 1-based: LF bytes before it, plus one */
    const char *text; /* the line without its line end, or payload bytes */
    size_t len;
    const qat_command *command; /* the command in flight (ECHO, INFO, FINAL, PROMPT, DATA_ECHO, VIOLATION) */
    const qat_form *form;
    const qat_urc *urc;       /* URC */
    const qat_result *result; /* FINAL, PROMPT */
    const qat_field *fields;  /* INFO, URC, FINAL */
    size_t n_fields;
    const char *erratum;      /* a deviation: the id of the erratum whose reading this line follows */
    bool inferred;            /* qat_stream_infer: the command in flight was named by its answer, not sent or echoed */
    qat_violation violation;  /* VIOLATION */
    const char *section;      /* VIOLATION: the manual's section the line breaks */
    const char *message;      /* VIOLATION: what was expected and what came, for people */
} qat_event;

typedef void (*qat_event_cb)(void *user, const qat_event *ev);

/* Everything the parser keeps between calls. Allocate it where you like; touch no field. */
typedef struct {
    const qat_compiled *spec;
    qat_event_cb cb;
    void *user;
    char *buf; /* the caller's line buffer */
    size_t cap, len;
    bool overlong, pending_cr;
    uint64_t offset, lfs, line_start, line_lfs;
    uint64_t payload_left;
    uint64_t payload_len;  /* the length the payload's line announced */
    bool payload_pushed;   /* the payload came after a URC (a push), not after an answer's line (+QIRD) */
    uint8_t tail_left;     /* bytes of the <CR><LF> that must follow an answer's payload still to come (2, 1, 0) */
    uint8_t resync;        /* after a payload, the next line is kept only if it is one the stream expects: 1 a lie
                            * was reported (drop it quietly), 2 a push ended (a line that is none is the lie) */
    const char *payload_section;
    bool prev_blank, after_payload, after_prompt, prompt_space_pending;
    /* the command in flight */
    bool in_flight, echo_pending;
    bool echo_off; /* the echo command turned echo off (and no restart or restoring command since) */
    bool infer;    /* qat_stream_infer: answers with no command in flight name theirs */
    bool capture;  /* qat_stream_infer: QAT_INFER_CAPTURE (echoes are commands; notes before the anchor) */
    bool anchored; /* infer: an echo, a result code, a URC or an answer has been read: violations count from here */
    bool inferred; /* infer: the command in flight was named by its answer */
    bool ending;   /* infer: qat_stream_finish: what the end cuts of an answer to a command not announced is noted */
    bool announced; /* the command in flight came through qat_stream_command */
    char cmdline[QAT_STREAM_MAX_CMDLINE];
    size_t cmdline_len;
    qat_cmd cmds[QAT_STREAM_MAX_CMDS];
    size_t n_cmds, cur_cmd;                  /* cur_cmd: the command answered last */
    size_t line_at[QAT_STREAM_MAX_CMDS];     /* per command: its response line reached */
    uint32_t count_at[QAT_STREAM_MAX_CMDS];  /* and how often that line has come */
    qat_field cmd_fields[QAT_STREAM_MAX_FIELDS];
    qat_field fields[QAT_STREAM_MAX_FIELDS];
    uint32_t line4; /* the first bytes of the line being classified, packed by qat_pack4 */
    unsigned char cr, lf;           /* the framing's characters now: S3 and S4 (line-characters), CR and LF at first */
    unsigned char next_cr, next_lf; /* what the command line in flight sets them to */
    bool line_chars_pending;        /* it changes them: its answer may use either, its result code decides */
    bool online; /* the online data state: CONNECT came, lines are data until a result code */
    bool quiet;  /* result-suppression: ATQ1 took effect, command lines get no result code */
    char message[256];
} qat_stream;

void qat_stream_init(qat_stream *s, const qat_compiled *spec, char *line_buf, size_t cap, qat_event_cb cb, void *user);

/* Commands the DTE sent that the input does not show (qat_stream_infer):
 *   QAT_INFER_NONE     every answer belongs to a command announced with qat_stream_command (the default);
 *   QAT_INFER_ANSWERS  an answer with no command in flight names its command by its first line (any form whose line
 *                      it fits, in spec order), a result code alone closes one, a prompt opens one of a form that
 *                      prompts (a pasted or CR-less session whose unechoed commands are missing);
 *   QAT_INFER_CAPTURE  that, for the module's output alone (with its echo, or a tap on its TX line): a line it
 *                      echoes is the command; until the first echo, result code, URC or answer, and for what the
 *                      end cuts, problems are notes: a capture may begin and end in the middle of an answer. */
typedef enum { QAT_INFER_NONE, QAT_INFER_ANSWERS, QAT_INFER_CAPTURE } qat_infer;

void qat_stream_infer(qat_stream *s, qat_infer mode);

/* The DTE sent LINE (without its CR): responses from now on belong to it. */
void qat_stream_command(qat_stream *s, const char *line, size_t len);

/* The module's output, in pieces of any size. */
void qat_stream_feed(qat_stream *s, const char *bytes, size_t n);

/* The end of the input: a line without its line end is taken as a line; a cut payload is reported. */
void qat_stream_finish(qat_stream *s);

/* How many payload bytes the parser still waits for (a reader of pasted transcripts needs it). */
uint64_t qat_stream_payload_pending(const qat_stream *s);

/* A short stable name for a violation: "bad-line", "missing-crlf". */
const char *qat_violation_name(qat_violation v);

#endif
