/* plan/plan.h — the plan subsystem's whole contract: the test plan drawn from the compiled spec (cases that trace to
 * the manual's sections, with steps, timeouts, safety and weight), and the plan as JSON. It may call spec/, util/
 * and parsers/; the runner, the reports and `gen plan` read what it builds. */
#ifndef QATSPEC_PLAN_H
#define QATSPEC_PLAN_H

#include "qat_compiled.h"
#include "util.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the test plan: cases drawn from the spec (`qatspec gen plan`, `qatspec run`), each tracing to the
 * manual's section, with the steps it sends, what it accepts, its timeout, its safety class and its weight.
 */
typedef enum { PLAN_MUST, PLAN_SHOULD } plan_weight;

/* Where a case comes from (the note counts cases by kind). */
typedef enum {
    PLAN_SANITY,   /* AT -> OK, first and last */
    PLAN_VALID,    /* a form with valid parameters: each bound, each enum value */
    PLAN_INVALID,  /* out of range, wrong type, missing or extra parameter, unknown command: ERROR, then AT answers */
    PLAN_SYNTAX,   /* chapter 1's rules: lower-case at, concatenation, echo on and off */
    PLAN_SCENARIO, /* a behaviour scenario written in the spec as steps */
    PLAN_KIND_COUNT
} plan_kind;

typedef enum {
    PLAN_STEP_SEND, /* send a command line (and data after its prompt), wait for its final result code */
    PLAN_STEP_URC   /* wait for a URC (one that came since the previous step counts) */
} plan_step_kind;

/* One step. Strings may hold ${name}: a value captured by an earlier step of the case, or one the runner
 * provides (${echo_host}, ${echo_port}: the echo peer of socket scenarios). */
typedef struct {
    plan_step_kind kind;
    const char *send;              /* SEND: the command line, without its CR */
    const char *data;              /* SEND: bytes written after the "> " prompt, or NULL (no prompt expected) */
    size_t data_len;
    bool data_ctrl_z;              /* SEND: Ctrl-Z after the data (variable-length form) */
    const char *const *accept;     /* SEND: result names accepted as the final ("OK"; "ERROR", "CME_ERROR") */
    size_t n_accept;
    const char *urc;               /* URC: the URC's spec name ("qiurc-recv-buffer") */
    const char *const *lines;      /* information lines (or the URC line) that must come, fnmatch(3) globs after
                                    * ${} substitution; the parser checks every line's grammar regardless */
    size_t n_lines;
    const char *const *capture;    /* "var=param": the value of PARAM in this step's answer becomes ${var} */
    size_t n_capture;
    const char *payload;           /* bytes the step's payload (+QIRD data, pushed data) must equal, or NULL */
    size_t payload_len;
    uint32_t timeout_ms;           /* from the spec: the form's max_response_ms (or the URC's within_ms) */
} plan_step;

typedef struct {
    const char *id;          /* "qat/2.11/3": the manual's section and a number within it */
    const char *section;     /* "2.11" */
    const char *command;     /* "AT+CSQ", or NULL for rule and scenario cases */
    const char *title;       /* short: "AT+CSQ exec", "rssi bound 0" */
    const char *requirement; /* what it checks, in the manual's words (the spec's doc/title text) */
    plan_kind kind;
    qat_safety safety;
    plan_weight weight;
    bool needs_echo_peer;    /* socket scenarios: skipped against a modem unless --echo is given */
    const plan_step *steps;
    size_t n_steps;
    bool informational;      /* a standard command the manual does not require (source: standard): a module that
                              * lacks it or answers it otherwise is noted, never scored (design: informational) */
} plan_case;

typedef struct {
    const plan_case *cases;
    size_t n_cases;
} plan;

/* Build the plan of SPEC (as loaded and compiled) into P, every string in A. False, with a message in ERR
 * (naming the spec file and line), when a scenario of the spec cannot be planned. */
bool plan_build(plan *p, const qat_compiled *spec, arena *a, char *err, size_t err_size);

const char *plan_kind_name(plan_kind k);
const char *plan_weight_name(plan_weight w);

/* ---- a plan as a cJSON tree (`qatspec gen plan --json`, and the runner's report can reuse it):
 * {"version":1,"counts":{kind:n},"cases":[{id,section,command,title,requirement,kind,safety,weight,steps}]}.
 */
#define PLAN_JSON_VERSION 1

/* The plan as JSON; the caller frees it with cJSON_Delete. NULL when out of memory. */
cJSON *plan_to_json(const plan *p);

/* One case as JSON (its steps included). */
cJSON *plan_case_to_json(const plan_case *pc);

#endif
