/* qat_compiled.h — every pattern of a spec compiled once, into memory the caller owns.
 * The command-line parser and the stream parser read this; nothing is compiled or allocated per line. */
#ifndef QAT_COMPILED_H
#define QAT_COMPILED_H

#include "qat_grammar.h"

struct qat_cform;

/* One line pattern, compiled. ERRATUM is NULL for the documented reading. A deviation pattern
 * that has the prefix of a result code or of a URC ("+CME ERROR:<err>") stands for that one. */
typedef struct {
    qat_grammar g;
    const char *erratum;
    const qat_result *result;
    const qat_urc *urc;
    const struct qat_cform *form; /* an information line's pattern (or a form's `extra`): its form, else NULL */
    size_t stands_for; /* the response line of FORM it is (a line's pattern) or replaces (an `extra`; SIZE_MAX: none) */
    bool completes;    /* a line's pattern: no required line of FORM comes after it (its result code may follow) */
    const char *shape; /* the leading literal through its first ':' ("+CSQ:"): a line without it is another line */
    size_t shape_len;
    uint32_t shape4;   /* its first (up to) four bytes, packed by qat_pack4: one compare rejects most lines */
    uint32_t shape4_mask; /* the bits of those bytes (a shape may be shorter than four) */
} qat_cpattern;

/* Up to four leading bytes of S[0..N) in one integer, the first byte lowest (missing bytes are 0). */
static inline uint32_t qat_pack4(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4 && i < n; i++)
        v |= (uint32_t)(unsigned char)s[i] << (8 * i);
    return v;
}

/* One information line of a form: its documented patterns (the line and its `alt`s) and the
 * deviation patterns the errata of that form allow. */
typedef struct {
    const qat_line *spec;
    const qat_cpattern *patterns;
    size_t n_patterns;
    const qat_cpattern *deviations;
    size_t n_deviations;
    const char *omit_erratum; /* the erratum under which this line may be absent, or NULL */
} qat_cline;

typedef struct qat_cform {
    const qat_command *cmd;
    const qat_form *form;
    const char *name;        /* the command's name after its "AT": "+CSQ", "E", "&W", "" for AT itself */
    size_t name_len;
    qat_grammar syntax;      /* the command after its "AT" (or after ";" in a concatenated line) */
    const qat_cline *lines;
    size_t n_lines;
    const qat_cpattern *extra; /* erratum `accept` patterns for information lines of this form */
    size_t n_extra;
    uint32_t final_mask;              /* bit i: qat_compiled.results[i] may end this form (so at most 32 results) */
    const char *no_final_erratum;     /* the erratum under which this form may end without a result code */
    const char *out_of_order_erratum; /* the erratum under which it may be answered out of line order */
} qat_cform;

typedef struct {
    const qat_urc *urc;
    qat_cpattern pattern;
    const qat_param *payload; /* the payload parameter whose bytes follow, or NULL */
} qat_curc;

typedef struct {
    const qat_result *result;
    qat_cpattern pattern;
} qat_cresult;

/* A mode one command's parameter switches (the echo off: ATE0; result codes suppressed: ATQ1): a successful COMMAND
 * turns it on when it sets PARAM to VALUE (or leaves it at a default equal to VALUE) and off when it sets another
 * value; RESTORED_BY (AT&F, ATZ) turn it off. COMMAND is NULL when the spec has no such rule. */
typedef struct {
    const qat_command *command;
    const qat_param *param;
    int64_t value;
    const qat_grammar_item *restored_by;
} qat_mode_rule;

/* The chapter-1 literals the command-line parser needs, read from the spec's rules. */
typedef struct {
    const qat_grammar_item *prefixes;        /* command-line-prefix: "AT", "at" */
    const qat_grammar_item *separator;       /* concatenation: ";" */
    const qat_grammar_item *extended_starts; /* concatenation: "+", "*" */
    const qat_grammar_item *basic_starts;    /* concatenation: "&" */
    const qat_grammar_item *ignored;         /* concatenation (optional): bytes between commands V.250 ignores: " " */
    const qat_grammar_item *to_line_end;     /* concatenation (optional): basic commands whose argument is the rest
                                              * of the line ("D": a dial string) */
    const qat_grammar_item *register_prefix; /* s-register: "S", "s" */
    const qat_rule *framing;                 /* response-framing: the section framing problems cite */
    /* command-echo (optional): the echo of command lines off (an echo while off breaks its command's section), and
     * the URC after which the module echoes again (its boot banner). */
    qat_mode_rule echo_off;
    const qat_urc *echo_boot_urc;
    /* line-characters (optional): the framing's <CR> and <LF> at power-on, and the commands (their parameter) whose
     * set form changes them from the answer to their command line on; NULL when the spec has no such rule. */
    unsigned char cr, lf;
    const qat_command *termination_command, *formatting_command;
    const qat_param *termination_param, *formatting_param;
    const qat_grammar_item *line_chars_restored_by; /* commands that restore the power-on characters (AT&F) */
    qat_mode_rule quiet; /* result-suppression (optional): result codes not sent (ATQ1) */
} qat_syntax_rules;

/* The forms of one command, side by side in qat_compiled.forms. */
typedef struct {
    const char *name; /* after "AT", as qat_cform.name */
    size_t name_len;
    uint32_t key;     /* qat_name_key of the name: one compare rules out most other names */
    const qat_cform *forms;
    size_t n_forms;
} qat_ccommand;

/* A command name's length and its first three bytes, folded to lower case, in one integer. */
static inline uint32_t qat_name_key(const char *name, size_t n)
{
    uint32_t key = (uint32_t)(n < 255 ? n : 255) << 24;
    for (size_t i = 0; i < 3 && i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        key |= (uint32_t)(c >= 'A' && c <= 'Z' ? c + 32 : c) << (8 * i);
    }
    return key;
}

/* The first slot to look for the command of name key KEY in a table of MASK + 1 slots. */
static inline size_t qat_name_slot(uint32_t key, size_t mask) { return (size_t)((key * 2654435761u) >> 12) & mask; }

#define QAT_DISPATCH_BUCKETS 64

/* Patterns a line may be, by the first bytes they demand (documented before deviant). */
typedef struct {
    const qat_cpattern *const *items;
    size_t n;
} qat_bucket;

typedef struct {
    qat_bucket buckets[QAT_DISPATCH_BUCKETS]; /* shapes of four bytes or more, by qat_bucket_of */
    qat_bucket short_shapes;                  /* shapes shorter than four bytes ("OK", "RDY"): tried on every line */
} qat_dispatch;

/* The bucket of a shape or a line whose first four bytes pack to V. */
static inline size_t qat_bucket_of(uint32_t v) { return (size_t)((v * 2654435761u) >> 26); }

typedef struct {
    const qat_spec *spec;
    qat_syntax_rules rules;
    const qat_cform *forms; /* every form of every command, commands in spec order */
    size_t n_forms;
    const qat_ccommand *commands;
    size_t n_commands;
    const uint16_t *command_slots; /* by qat_name_slot, probing on: 1 + the index of a command in commands, 0 empty */
    size_t command_slot_mask;      /* the table's slots less one (a power of two, at least twice the commands) */
    const qat_curc *urcs;
    size_t n_urcs;
    const qat_cresult *results;
    size_t n_results;
    const qat_cpattern *deviant_urcs;    /* erratum patterns standing for a URC */
    size_t n_deviant_urcs;
    const qat_cpattern *deviant_results; /* erratum patterns standing for a result code */
    size_t n_deviant_results;
    const char *trailing_spaces_erratum; /* the erratum that reads lines ending in spaces, or NULL */
    qat_dispatch results_by_shape; /* result codes (not the prompt) and their deviant readings */
    qat_dispatch urcs_by_shape;    /* URCs and their deviant readings */
    qat_dispatch info_by_shape;    /* every form's information lines (documented, then deviant): an answer read with
                                    * no command known names its form by them */
} qat_compiled;

typedef struct {
    qat_compile_status status;
    const char *where;   /* the entry: command, URC, result or rule name */
    const char *pattern; /* the pattern that did not compile */
    size_t offset;
    size_t needed;       /* QAT_COMPILE_TOO_BIG with where == NULL: bytes of memory the spec needs */
} qat_spec_compile_error;

/* Compile SPEC into MEM[0..CAP). Returns true on success; on failure *ERR says what and where
 * (when CAP is too small: status QAT_COMPILE_TOO_BIG, where NULL, needed the bytes to pass). */
bool qat_compile_spec(qat_compiled *out, const qat_spec *spec, void *mem, size_t cap, qat_spec_compile_error *err);

#endif
