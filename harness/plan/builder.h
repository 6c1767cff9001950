/* plan/builder.h — what the parts of plan_build share: a growing list of cases with ids per section,
 * steps added to the case being built, and the command lines the spec's grammar writes. Internal to plan*.c. */
#ifndef QATSPEC_PLAN_BUILDER_H
#define QATSPEC_PLAN_BUILDER_H

#include "plan.h"
#include "qat_synth.h"

#define PLAN_MAX_GENERATED_STEPS 4 /* a generated case: a query before, its command, a restoring step or the AT after */

typedef struct {
    const char *section;
    unsigned n;
} plan_section_count;

typedef struct {
    arena *a;
    const qat_compiled *c;
    plan_case *cases; /* heap; copied into the arena when the plan is done */
    size_t n, cap;
    plan_section_count *sections; /* heap: the last number given in each section */
    size_t n_sections, cap_sections;
    size_t step_cap;  /* steps the case being built may take in all */
} plan_builder;

/* Start a case with room for MAX_STEPS steps: its id is "qat/SECTION/n", n counting up per section.
 * The pointer is good until the next plan_add_case. */
plan_case *plan_add_case(plan_builder *b, plan_kind kind, const char *section, size_t max_steps);

/* Append a SEND step of LINE (copied) to the last case, accepting ACCEPT[0..N) with TIMEOUT_MS. */
plan_step *plan_add_send(plan_builder *b, const char *line, const char *const *accept, size_t n, uint32_t timeout_ms);

/* Append an empty step of KIND to the last case. */
plan_step *plan_add_step(plan_builder *b, plan_step_kind kind);

/* The results of FORM's final list whose outcome is success (or failure when SUCCESS is false). */
const char *const *plan_finals(plan_builder *b, const qat_cform *form, bool success, size_t *n);

/* The failure results a command may be refused with: the final failures of the forms that take no
 * prompt and go online on no CONNECT (ERROR, CME_ERROR; SEND_FAIL only ever ends a prompt, NO CARRIER a call). */
const char *const *plan_refusals(plan_builder *b, size_t *n);
/* F may answer CONNECT (an intermediate result) and go online: its failures (NO CARRIER) end a call, they refuse
 * no line. */
bool plan_goes_online(const plan_builder *b, const qat_cform *f);

/* The exec form of the command the spec names with nothing after the prefix (AT itself). */
const qat_cform *plan_bare_at(const qat_compiled *c);

/* Append the step "AT" -> its success finals to the last case. */
void plan_add_at_step(plan_builder *b);

/* MUST for what the manual defines; SHOULD for referenced commands and for a command or form an
 * erratum amends (two readings exist, so the documented one is checked with less weight). */
plan_weight plan_weight_of(const qat_compiled *c, const qat_command *cmd, const char *form);

char *plan_printf(plan_builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One field of a command line set by the caller: PARAM written as TEXT (without its quotes). */
typedef struct {
    const qat_param *param;
    const char *text;
} plan_value;

/* The command line of FORM: the first prefix of 1.2, then its syntax with every field at its plan
 * default (plan_default_text) except the one of SET (param NULL: none), optional parts as OPT.
 * NULL when the grammar cannot be written. */
char *plan_line(plan_builder *b, const qat_cform *form, plan_value set, qat_synth_optional opt);

/* The value a field takes when the case is not about it: its default, an int's lowest value, an
 * enum's first; NULL for other types (the synthesizer writes its shortest valid value). */
const char *plan_default_text(plan_builder *b, const qat_param *p);

#define PLAN_MAX_FIELDS 16

/* The distinct parameters FORM's syntax has fields for, in order (at most MAX). */
size_t plan_form_fields(const qat_cform *form, const qat_param **out, size_t max);

/* The first value of the chapter-1 grammar literal KEY ("parameter_separator" -> ","), or NULL. */
const char *plan_rule_literal(const qat_compiled *c, const char *key);

/* True when the command-line parser reads LINE as commands of the spec. */
bool plan_line_parses(const qat_compiled *c, const char *line);

/* plan_line with several fields set: VALUES[0..N). */
char *plan_line_values(plan_builder *b, const qat_cform *form, const plan_value *values, size_t n,
                       qat_synth_optional opt);

/* True when FORM's command is an extended one ("+", "*" of 1.2's concatenation rule). */
bool plan_is_extended(const qat_compiled *c, const qat_cform *form);

/* How a valid case of a non-safe form puts its state back. */
typedef struct {
    const char *line;               /* the line that restores it, or NULL when the spec gives no way */
    const qat_cform *query;         /* values without a default: the query form that reads them first */
    const char *query_line;
    const char *const *capture;     /* "param=param": each such value, kept as ${param} for LINE */
    size_t n_capture;
} plan_restore;

void plan_restore_of(plan_builder *b, const qat_cform *form, const qat_param *const *fields, size_t n,
                     plan_restore *out);

/* LEN bytes of a fixed pattern (digits and letters), for prompts. */
char *plan_sample_data(plan_builder *b, size_t len);

/* True when a scenario of the spec sends FORM's command: the scenario checks its success in the context it
 * needs (an active context, an open socket, a reachable peer), which a single line cannot set up. */
bool plan_scenario_sends(const qat_compiled *c, const qat_cform *form);

/* Cases of each kind (plan/forms.c, plan/invalid.c, plan/rules.c, plan/scenarios.c). */
void plan_sanity_case(plan_builder *b);
void plan_valid_cases(plan_builder *b);
void plan_invalid_cases(plan_builder *b);
void plan_syntax_cases(plan_builder *b);
/* False, with ERR naming the spec file and line, when a scenario cannot be planned. */
bool plan_scenario_cases(plan_builder *b, char *err, size_t err_size);

#endif
