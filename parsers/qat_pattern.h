/* qat_pattern.h — a scanner for the manual's pattern notation (SCHEMA.md, "Pattern notation").
 * An iterator in the style of jsmn: no allocation, no global state; tokens point into the caller's text.
 *
 *     qat_pat_scanner s;
 *     qat_pat_token t;
 *     qat_pat_init(&s, "AT+QIRD=<connectID>[,<read_length>]", 35);
 *     while (qat_pat_next(&s, &t) != QAT_PAT_END) { ... t.kind, t.offset, t.name ... }
 *
 * yields LITERAL "AT+QIRD=", FIELD connectID, OPEN, LITERAL ",", FIELD read_length, CLOSE.
 * Errors come as QAT_PAT_ERROR tokens with a byte offset; scanning goes on after them, so one
 * pass reports every field and every error. */
#ifndef QAT_PATTERN_H
#define QAT_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    QAT_PAT_END = 0, /* nothing more; qat_pat_next keeps returning it */
    QAT_PAT_LITERAL, /* text that stands for itself */
    QAT_PAT_FIELD,   /* <name> */
    QAT_PAT_LIST,    /* (list of supported <name>s): the parenthesised values name may take */
    QAT_PAT_EITHER,  /* the "/" of <a>/<b>: the field before it or the field after it */
    QAT_PAT_OPEN,    /* "[": an optional part starts */
    QAT_PAT_CLOSE,   /* "]": it ends */
    QAT_PAT_REPEAT,  /* "...": "[...]" repeats what stands before it */
    QAT_PAT_ERROR    /* see qat_pat_error */
} qat_pat_kind;

typedef enum {
    QAT_PAT_OK = 0,
    QAT_PAT_UNMATCHED_CLOSE, /* a "]" with no "[" open; offset: the "]" */
    QAT_PAT_UNCLOSED_OPEN,   /* a "[" never closed; offset: the outermost such "[" (reported at the end) */
    QAT_PAT_UNCLOSED_FIELD,  /* a "<" with no ">" before the next "<", "[", "]" or the end; offset: the "<" */
    QAT_PAT_EMPTY_FIELD      /* "<>"; offset: the "<" */
} qat_pat_error;

typedef struct {
    qat_pat_kind kind;
    qat_pat_error error; /* QAT_PAT_ERROR: which */
    size_t offset, len;  /* the token is text[offset .. offset + len) */
    const char *name;    /* FIELD, LIST: the name between "<" and ">", not NUL-terminated */
    size_t name_len;
    unsigned depth;      /* how many optional parts enclose the token; OPEN and CLOSE count their own */
} qat_pat_token;

typedef struct {
    const char *text;
    size_t len, pos;
    unsigned depth;         /* "[" open now */
    qat_pat_kind last_kind; /* the previous token's kind */
} qat_pat_scanner;

/* Start scanning TEXT[0..LEN). */
void qat_pat_init(qat_pat_scanner *s, const char *text, size_t len);

/* Fill *T with the next token and return its kind (QAT_PAT_END when there is none). */
qat_pat_kind qat_pat_next(qat_pat_scanner *s, qat_pat_token *t);

/* A short phrase for an error: "unmatched ']'", "unclosed '<'". */
const char *qat_pat_error_text(qat_pat_error e);

#endif
