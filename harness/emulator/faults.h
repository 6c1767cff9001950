/* emulator/faults.h — `--fault NAME`: deviations injected on request, one table of name, class, the spec entry whose
 * section each breaks, what it does, the command lines that show it and the hook that rewrites the answer. */
#ifndef QATSPEC_EMULATOR_FAULTS_H
#define QATSPEC_EMULATOR_FAULTS_H

#include "emulator.h"
#include "out.h"
#include "state.h"
#include "qat_cmdline.h"
#include "qat_compiled.h"

#include <stdint.h>
#include <stdio.h>

typedef enum { EM_FC_FRAMING, EM_FC_GRAMMAR, EM_FC_BEHAVIOUR, EM_FC_TIMING, EM_FC_ROBUSTNESS } em_fault_class;

/* The faults switched on, and what they hold back (a late answer) or ask for (a reset). */
typedef struct {
    uint32_t on;   /* bit i: the table's entry i */
    em_out held;   /* an answer written late */
    int64_t due_ms; /* when (CLOCK_MONOTONIC, ms) */
    bool reset;    /* the session restarts instead of answering */
} em_faults;

/* One answer, written to OUT from START on, for the line of commands CMDS[0..N_CMDS) (none: a line no form
 * accepts). FORM is set for the hook: the form of the line's command the fault is scoped to, or NULL. */
typedef struct {
    em_out *out;
    size_t start;
    const qat_cmd *cmds;
    size_t n_cmds;
    em_state *st;
    em_faults *run;
    const qat_cform *form;
} em_fault_ctx;

typedef struct em_fault em_fault;
struct em_fault {
    const char *name;
    em_fault_class cls;
    const char *violates; /* the command whose section it breaks ("AT+CSQ"), or NULL: the framing rule */
    const char *scope;    /* the command whose answers it rewrites (no other answer changes), or NULL: a URC fault,
                             whose hook touches only its URC, wherever it comes */
    const char *what;
    const char *trigger;  /* command lines that show it, separated by '|' */
    const char *shows;    /* bytes on the wire only the fault puts there (behaviour faults), or NULL */
    const char *hides;    /* bytes the fault keeps off the wire (a URC that never comes), or NULL */
    void (*hook)(const em_fault *f, em_fault_ctx *x);
    const char *find, *put; /* the hook's operands */
};

const em_fault *em_fault_at(size_t i);
const char *em_fault_class_name(em_fault_class c);
/* The spec section the fault breaks: its command's, or the framing rule's ("?" when the spec lacks it). */
const char *em_fault_section(const em_fault *f, const qat_compiled *c);

/* Apply the faults switched on in X->run to X's answer, each only when its scope is among X's commands. */
void em_faults_apply(em_fault_ctx *x);
/* True when a fault switched on in F keeps the URC named NAME ("qiopen") from coming at all. */
bool em_faults_drop_urc(const em_faults *f, const char *name);
/* Milliseconds until a held answer is due (-1: none held). */
int em_faults_timeout(const em_faults *f);
/* Move a held answer that is due to OUT. */
void em_faults_release(em_faults *f, em_out *out);
void em_faults_free(em_faults *f);

#endif
