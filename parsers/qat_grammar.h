/* qat_grammar.h — compiles one line pattern of the manual's notation into a matcher, and matches lines.
 * Compiling writes into a caller-owned op array; matching allocates nothing and fills caller-owned fields.
 *
 *     qat_op ops[QAT_GRAMMAR_MAX_OPS];
 *     qat_grammar g;
 *     qat_param_set sets[] = {{cmd->params, cmd->n_params}};
 *     qat_compile_result c = qat_grammar_compile(&g, "+CSQ: <rsi>,<ber>", 17, sets, 1, ops, QAT_GRAMMAR_MAX_OPS);
 *     qat_field f[8];
 *     qat_match m = qat_grammar_match(&g, "+CSQ: 15,99", 11, f, 8);
 *     // m.status == QAT_MATCH_OK, m.n_fields == 2, f[0].number == 15, f[1].number == 99
 */
#ifndef QAT_GRAMMAR_H
#define QAT_GRAMMAR_H

#include "qat_spec.h"
#include "qat_value.h"

#define QAT_GRAMMAR_MAX_OPS 64
#define QAT_STOP_NONE (-1)    /* nothing follows the field: its value runs to the end of the line */
#define QAT_STOP_SEVERAL (-2) /* several bytes may end it: the bitset decides */

typedef enum {
    QAT_OP_LITERAL,   /* lit[0..lit_len) must follow */
    QAT_OP_FIELD,     /* one value of param */
    QAT_OP_EITHER,    /* one value of param or of param2 (<a>/<b>) */
    QAT_OP_LIST,      /* "(" values of param, "," between, ranges "lo-hi" allowed ")" */
    QAT_OP_GROUP,     /* an optional part: ops up to `other` (its GROUP_END) */
    QAT_OP_GROUP_END  /* end of the optional part opened at `other` */
} qat_op_kind;

typedef struct {
    uint8_t kind;
    bool repeat;        /* GROUP and GROUP_END: the part may repeat ("[,<cid>[...]]") */
    uint16_t other;     /* GROUP: index of its GROUP_END; GROUP_END: index of its GROUP */
    uint32_t lit_len;
    const char *lit;    /* LITERAL: points into the pattern */
    const qat_param *param, *param2;
    uint8_t stop[32];   /* FIELD, EITHER, LIST: bytes that end a bare value here (a bitset) */
    int16_t stop1;      /* the one byte in stop when there is exactly one; QAT_STOP_NONE, QAT_STOP_SEVERAL */
} qat_op;

typedef struct {
    const char *pattern;
    size_t pattern_len;
    const qat_op *ops;
    size_t n_ops;
    bool fold_case; /* literals compare without regard to ASCII case (command names) */
    bool linear;    /* no optional part and no value list: matched by one pass, no backtracking */
} qat_grammar;

/* A set of parameters a pattern's fields are looked up in; earlier sets win (erratum overrides). */
typedef struct {
    const qat_param *params;
    size_t n;
} qat_param_set;

typedef enum {
    QAT_COMPILE_OK = 0,
    QAT_COMPILE_SYNTAX,        /* the notation itself is wrong (unbalanced "[", unclosed "<") */
    QAT_COMPILE_UNKNOWN_PARAM, /* <name> is in no parameter set */
    QAT_COMPILE_BAD_EITHER,    /* "/" not between two fields */
    QAT_COMPILE_BAD_REPEAT,    /* "..." outside an optional part */
    QAT_COMPILE_TOO_BIG        /* more ops than the caller's array holds */
} qat_compile_status;

typedef struct {
    qat_compile_status status;
    size_t offset; /* byte offset in the pattern */
} qat_compile_result;

/* Compile PATTERN[0..LEN) into OPS[0..MAX_OPS) and describe it in *G. The pattern and the
 * parameter sets must outlive G. */
qat_compile_result qat_grammar_compile(qat_grammar *g, const char *pattern, size_t len, const qat_param_set *sets,
                                       size_t n_sets, qat_op *ops, size_t max_ops);

/* One matched field: its parameter and its value (quotes stripped), pointing into the line. */
typedef struct {
    const qat_param *param;
    const char *text;
    size_t len;
    size_t offset; /* where the field starts in the line */
    int64_t number; /* int fields */
} qat_field;

typedef enum {
    QAT_MATCH_OK = 0,
    QAT_MATCH_LITERAL,  /* an expected literal is not there */
    QAT_MATCH_VALUE,    /* a field's value is wrong: see `value` */
    QAT_MATCH_LIST,     /* a "(…)" list is malformed or names a value outside the set */
    QAT_MATCH_TRAILING, /* the pattern matched but bytes are left over */
    QAT_MATCH_TOO_MANY_FIELDS, /* more fields than the caller's array holds */
    QAT_MATCH_TOO_COMPLEX      /* backtracking budget spent (a hostile line); treated as a mismatch */
} qat_match_status;

typedef struct {
    qat_match_status status;
    size_t offset;          /* byte offset in the line where matching failed (the furthest point reached) */
    const qat_op *expected; /* what the grammar expected there (NULL for TRAILING) */
    qat_value_status value; /* QAT_MATCH_VALUE, QAT_MATCH_LIST: why the value was refused */
    size_t n_fields;        /* QAT_MATCH_OK: fields filled */
} qat_match;

/* Match LINE[0..LEN) (no CR LF) against G; fields go to FIELDS[0..MAX_FIELDS). */
qat_match qat_grammar_match(const qat_grammar *g, const char *line, size_t len, qat_field *fields, size_t max_fields);

/* The same answer as qat_grammar_match without saying why a line fails: cheaper when a refusal is
 * expected and its reason is wanted only later, if at all. *N_FIELDS gets the fields filled. */
bool qat_grammar_accepts(const qat_grammar *g, const char *line, size_t len, qat_field *fields, size_t max_fields,
                         size_t *n_fields);

/* Describe what op expected, for people: "\",\"", "<rsi> (int: 0-31, 99, 100-191, 199)".
 * Writes at most N bytes with a NUL; returns the length it wanted, as snprintf does. */
size_t qat_op_describe(const qat_op *op, char *buf, size_t n);

/* "out of range at byte 9: expected <ber> (int: 0-7, 99), saw \"100\"" — a whole violation, for people. */
size_t qat_match_describe(const qat_match *m, const char *line, size_t len, char *buf, size_t n);

const char *qat_compile_status_text(qat_compile_status s);
const char *qat_match_status_text(qat_match_status s);

#endif
