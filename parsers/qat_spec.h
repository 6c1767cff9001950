/* qat_spec.h — the spec model: commands, forms, parameters, URCs, result codes, errata.
 * Plain const structs, no allocation, no libyaml: filled by the YAML loader or by generated tables. */
#ifndef QAT_SPEC_H
#define QAT_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where an item was written in the spec (line and column are 1-based; 0 when unknown). */
typedef struct {
    const char *file;
    unsigned line, col;
} qat_srcloc;

typedef enum {
    QAT_TYPE_INT,
    QAT_TYPE_STRING,
    QAT_TYPE_TOKEN,
    QAT_TYPE_TEXT,
    QAT_TYPE_HEX,
    QAT_TYPE_DIGITS,
    QAT_TYPE_IPV4,
    QAT_TYPE_ENUM,
    QAT_TYPE_TIME,
    QAT_TYPE_PAYLOAD,
    QAT_TYPE_COUNT
} qat_type;

typedef enum { QAT_CASE_ANY, QAT_CASE_UPPER, QAT_CASE_LOWER } qat_hex_case;

/* An inclusive range of integers; a single value has lo == hi. */
typedef struct {
    int64_t lo, hi;
} qat_range;

typedef struct qat_param {
    const char *name;
    qat_type type;
    bool quoted;
    const qat_range *ranges; /* int: allowed values; none means any */
    size_t n_ranges;
    const char *const *enum_values; /* enum: allowed strings */
    size_t n_enum_values;
    bool has_default;
    int64_t default_int;     /* int */
    const char *default_str; /* enum */
    size_t min_len, max_len; /* string/token/text: bytes; max_len 0 = no bound */
    const char *const *prefixes; /* string: allowed prefixes */
    size_t n_prefixes;
    qat_range digits;    /* hex/digits: how many digits; {0,0} = any count >= 1 */
    bool luhn;           /* digits */
    qat_hex_case hex_case;
    const char *length_param; /* payload: the int parameter holding its length */
    const char *unit;
    const char *doc;
    const char *sample; /* the value an emulator shows for it (without its quotes), instead of one it draws; or NULL */
    qat_srcloc loc;
} qat_param;

typedef enum { QAT_FORM_TEST, QAT_FORM_QUERY, QAT_FORM_SET, QAT_FORM_EXEC, QAT_FORM_KIND_COUNT } qat_form_kind;

typedef enum { QAT_SAFE, QAT_STATEFUL, QAT_DISRUPTIVE, QAT_DESTRUCTIVE, QAT_SAFETY_COUNT } qat_safety;

#define QAT_REPEAT_UNBOUNDED UINT32_MAX

typedef struct {
    const char *pattern;
    const char *const *alt; /* other patterns the same line may take */
    size_t n_alt;
    uint32_t min, max;   /* repetitions; max QAT_REPEAT_UNBOUNDED for "n" */
    const char *payload; /* payload parameter whose bytes follow the line, or NULL */
    const char *when;
    qat_srcloc loc;
} qat_line;

typedef struct {
    const char *length; /* int parameter giving the length, or NULL for "variable" (Ctrl-Z ends) */
    uint32_t max;
    const char *send;   /* "ctrl-z" */
    const char *cancel; /* "esc" */
} qat_prompt;

typedef struct {
    const char *urc;
    uint32_t within_ms; /* 0 when the manual gives no bound */
} qat_follow_urc;

typedef struct {
    const char *name;
    qat_form_kind kind;
    const char *syntax;
    const qat_line *response;
    size_t n_response;
    const char *const *final; /* result names */
    size_t n_final;
    bool has_prompt;
    qat_prompt prompt;
    const qat_follow_urc *urcs;
    size_t n_urcs;
    qat_safety safety;
    uint32_t max_response_ms;
    const char *when;
    const char *doc;
    qat_srcloc loc;
} qat_form;

typedef struct {
    const char *form; /* form name, or NULL */
    const char *transcript;
    const char *const *errata;
    size_t n_errata;
    qat_srcloc loc;
} qat_example;

/* Where an entry comes from: the manual defines it; the manual names it and a standard defines it; or only 1.2's
 * "follows GSM 07.05, 07.07 and V.25ter" covers it (its `reference` cites the standard's own section). */
typedef enum { QAT_SOURCE_MANUAL, QAT_SOURCE_REFERENCED, QAT_SOURCE_STANDARD } qat_source;

typedef enum { QAT_TIMING_MANUAL, QAT_TIMING_CONVENTION } qat_timing;

typedef struct {
    const char *name; /* "AT+CSQ" */
    const char *section;
    const char *title;
    const char *doc;
    qat_source source;
    const char *reference;
    qat_safety safety;
    uint32_t max_response_ms;
    qat_timing timing;
    const qat_form *forms;
    size_t n_forms;
    const qat_param *params;
    size_t n_params;
    const qat_example *examples;
    size_t n_examples;
    qat_srcloc loc;
} qat_command;

typedef struct {
    const char *name;
    const char *section;
    const char *title;
    const char *doc;
    qat_source source;
    const char *reference;
    const char *line;
    const qat_param *params;
    size_t n_params;
    const char *payload;
    const char *when;
    const qat_example *examples;
    size_t n_examples;
    qat_srcloc loc;
} qat_urc;

typedef enum { QAT_RESULT_FINAL, QAT_RESULT_INTERMEDIATE, QAT_RESULT_PROMPT } qat_result_kind;

typedef struct {
    const char *name; /* "OK", "CME_ERROR", "PROMPT" */
    const char *section;
    const char *title;
    const char *doc;
    qat_source source;
    const char *reference;
    const char *line;
    qat_result_kind kind;
    bool success;
    const qat_param *params;
    size_t n_params;
    qat_srcloc loc;
} qat_result;

/* A named literal of a chapter-1 rule: "separator" -> [";"]. */
typedef struct {
    const char *key;
    const char *const *values;
    size_t n_values;
} qat_grammar_item;

typedef struct {
    const char *name;
    const char *section;
    const char *title;
    const char *doc;
    const qat_grammar_item *grammar;
    size_t n_grammar;
    const qat_example *examples;
    size_t n_examples;
    qat_srcloc loc;
} qat_rule;

typedef struct {
    const char *name;
    const char *section;
    const char *title;
    const char *doc;
    qat_srcloc loc;
} qat_topic;

typedef struct {
    const char *id;
    const char *section;
    const char *title;
    const char *doc;
    const char *command; /* or NULL */
    const char *form;    /* or NULL */
    const char *documented;
    const char *deviation;
    const char *const *accept;
    size_t n_accept;
    const qat_param *params; /* parameter definitions replaced under the deviation reading */
    size_t n_params;
    const char *const *relaxes; /* "param.rule" ("time.quoted"): the only rules PARAMS may change (lint checks it) */
    size_t n_relaxes;
    bool trailing_spaces;    /* the deviation: lines end with spaces (any line of the module's output) */
    const char *const *omit; /* response lines of the form the deviation leaves out (their patterns) */
    size_t n_omit;
    bool no_final;           /* the deviation: the command gets no final result code */
    bool out_of_order;       /* the deviation: on a concatenated line, it is answered out of order */
    const char *evidence;
    qat_srcloc loc;
} qat_erratum;

/* A value a scenario step keeps: PARAM of the step's answer (or URC) becomes ${VAR} for later steps. */
typedef struct {
    const char *var;
    const char *param;
    qat_srcloc loc;
} qat_capture;

/* One step of a scenario: send a command line (and data after its prompt), or wait for a URC. */
typedef struct {
    const char *send;         /* the command line, ${var} allowed; or NULL for a URC step */
    const char *urc;          /* the URC's name; or NULL for a send step */
    const char *data;         /* bytes after the prompt, or NULL */
    size_t data_bytes;        /* instead of data: this many bytes of a fixed pattern (0: none) */
    bool ctrl_z;              /* Ctrl-Z ends the data (the variable-length prompt) */
    const char *const *accept; /* result names; none: the success finals of the form the line is */
    size_t n_accept;
    const char *const *lines; /* fnmatch(3) globs the information lines (or the URC line) must match, ${var} allowed */
    size_t n_lines;
    const qat_capture *captures;
    size_t n_captures;
    const char *payload;      /* bytes the step's payload must equal, ${var} allowed; or NULL */
    qat_srcloc loc;
} qat_scenario_step;

/* A behaviour the manual describes across several commands, written as steps. */
typedef struct {
    const char *name;
    const char *section;
    const char *title;
    const char *doc;
    bool syntax;              /* checks a chapter-1 style rule (echo on and off) rather than a behaviour */
    const qat_scenario_step *steps;
    size_t n_steps;
    qat_srcloc loc;
} qat_scenario;

typedef struct {
    const char *manual; /* "luat-qat-manual-v1.0.0" */
    const char *title;
    const char *const *toc;
    size_t n_toc;
    const qat_topic *topics;
    size_t n_topics;
    const qat_rule *rules;
    size_t n_rules;
    const qat_result *results;
    size_t n_results;
    const qat_command *commands;
    size_t n_commands;
    const qat_urc *urcs;
    size_t n_urcs;
    const qat_erratum *errata;
    size_t n_errata;
    const qat_scenario *scenarios;
    size_t n_scenarios;
} qat_spec;

/* Names of the enums above, as the YAML spells them; NULL when out of range. */
const char *qat_type_name(qat_type t);
const char *qat_form_kind_name(qat_form_kind k);
const char *qat_safety_name(qat_safety s);

/* Look a name up in the table above; false when the spec has no such name. */
bool qat_type_from_name(const char *name, qat_type *out);
bool qat_form_kind_from_name(const char *name, qat_form_kind *out);
bool qat_safety_from_name(const char *name, qat_safety *out);

/* The length of the longest value of ITEM that S[0..N) starts with ("AT" of "AT+CSQ"), or 0. */
size_t qat_item_prefix(const qat_grammar_item *item, const char *s, size_t n);

/* Whether NAME is one of ITEM's values (false for a NULL item). */
bool qat_item_has(const qat_grammar_item *item, const char *name);

/* Lookups by name; NULL when absent. */
const qat_command *qat_spec_command(const qat_spec *spec, const char *name);
const qat_form *qat_command_form(const qat_command *cmd, const char *name);
const qat_param *qat_params_find(const qat_param *params, size_t n, const char *name, size_t name_len);
const qat_result *qat_spec_result(const qat_spec *spec, const char *name);
const qat_urc *qat_spec_urc(const qat_spec *spec, const char *name);
const qat_erratum *qat_spec_erratum(const qat_spec *spec, const char *id);

#endif
