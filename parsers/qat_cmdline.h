/* qat_cmdline.h — parses a DTE command line into commands, each with its form and checked parameters.
 * "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",2901,0,1", "at+csq", "ATE0&W+CREG=2;&W"; no allocation.
 *
 *     qat_cmd cmds[8];
 *     qat_field fields[32];
 *     qat_cmdline r = qat_cmdline_parse(&compiled, line, len, cmds, 8, fields, 32);
 *     if (r.status == QAT_CMDLINE_OK)
 *         for (size_t i = 0; i < r.n_cmds; i++) use(cmds[i].forms[0], &fields[cmds[i].first_field], cmds[i].n_fields);
 */
#ifndef QAT_CMDLINE_H
#define QAT_CMDLINE_H

#include "qat_compiled.h"

#define QAT_CMDLINE_MAX_CANDIDATES 4

/* One command of the line. Forms whose syntax accepts it equally well (AT+QIOPEN's buffer and
 * transparent forms differ only in a value) are all candidates; forms[0] comes first in the spec. */
typedef struct {
    const qat_cform *forms[QAT_CMDLINE_MAX_CANDIDATES];
    size_t n_forms;
    size_t offset, len;           /* the command's bytes in the line, without "AT" or ";" */
    size_t first_field, n_fields; /* its fields in the caller's array; offsets are in the line */
} qat_cmd;

typedef enum {
    QAT_CMDLINE_OK = 0,
    QAT_CMDLINE_NO_PREFIX,         /* the line does not start with one of the spec's prefixes ("AT", "at") */
    QAT_CMDLINE_UNKNOWN_COMMAND,   /* no command of the spec has this name */
    QAT_CMDLINE_BAD_FORM,          /* a known command that no form's syntax accepts: see `match` */
    QAT_CMDLINE_MISSING_SEPARATOR, /* an extended command runs into the next without ";" */
    QAT_CMDLINE_TOO_MANY           /* more commands or fields than the caller's arrays hold */
} qat_cmdline_status;

typedef struct {
    qat_cmdline_status status;
    size_t offset;         /* where in the line the problem is */
    size_t n_cmds;
    const qat_cform *form; /* BAD_FORM: the form whose syntax got furthest */
    qat_match match;       /* BAD_FORM: its refusal; offset is in the line */
} qat_cmdline;

qat_cmdline qat_cmdline_parse(const qat_compiled *c, const char *line, size_t len, qat_cmd *cmds, size_t max_cmds,
                              qat_field *fields, size_t max_fields);

/* What command CMD of a parsed line (its fields in FIELDS, the line's array) does, when it succeeds, to the mode
 * rule M (the echo off, result codes suppressed): 1 turns it on, 0 off, -1 neither (or the spec has no such rule). */
int qat_mode_switch(const qat_mode_rule *m, const qat_cmd *cmd, const qat_field *fields);

/* The problem for people: "unknown command '+XYZ' at byte 2", "AT+CSQ: out of range at byte 8: …". */
size_t qat_cmdline_describe(const qat_cmdline *r, const char *line, size_t len, char *buf, size_t n);

const char *qat_cmdline_status_text(qat_cmdline_status s);

#endif
