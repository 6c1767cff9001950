/* emulator/respond.c — the responder (see emulator/respond.h): parse a command line with qat_cmdline,
 * answer each command through its handler or generically, then write the result code and any URC it caused. */
#include "respond.h"

#include "handlers.h"
#include "modes.h"
#include "qat_cmdline.h"

#define MAX_CMDS 16
#define MAX_FIELDS 64

/* ---- a command line ---- */

/* Test forms list the parameters' value sets: always the generic answer. */
static em_verdict answer(em_responder *r, const qat_cmd *cmd, const qat_field *fields)
{
    em_call call = {.r = r, .form = cmd->forms[0], .fields = fields + cmd->first_field, .n_fields = cmd->n_fields};
    em_handler h = call.form->form->kind == QAT_FORM_TEST ? NULL : em_handler_for(call.form->cmd->name);
    r->block_open = false;
    return h ? h(&call) : em_generic(&call);
}

/* A registration change the line caused is reported as +CEREG when AT+CEREG=1 or 2 asks (2.10). */
static void report_registration(em_responder *r, int before)
{
    int n = em_state_get(r->st, EM_CEREG_N);
    if (em_state_reg(r->st) != before && n > 0)
        em_respond_urc(r, n == 1 ? "cereg-stat" : "cereg-location");
}

/* Answer the parsed line P (commands CMDS, fields FIELDS). */
static void respond_cmds(em_responder *r, const qat_cmdline *p, const qat_cmd *cmds, const qat_field *fields)
{
    int before = em_state_reg(r->st);
    for (size_t i = 0; i < p->n_cmds; i++) {
        em_verdict v = answer(r, &cmds[i], fields);
        if (v.later)
            return; /* its result code follows its data (AT+QISEND); the rest of the line is not run */
        if (!v.ok) {
            em_respond_failure(r, cmds[i].forms[0], v.err);
            report_registration(r, before);
            return;
        }
    }
    em_respond_final(r, "OK");
    report_registration(r, before);
}

void em_respond(em_responder *r, const char *line, size_t len)
{
    if (len == 0)
        return;
    qat_cmd cmds[MAX_CMDS];
    qat_field fields[MAX_FIELDS];
    size_t start = r->out->len;
    qat_cmdline p = qat_cmdline_parse(r->c, line, len, cmds, MAX_CMDS, fields, MAX_FIELDS);
    if (p.status != QAT_CMDLINE_OK)
        em_respond_failure(r, NULL, p.status == QAT_CMDLINE_UNKNOWN_COMMAND ? EM_ERR_UNKNOWN : EM_ERR_BAD_PARAM);
    else
        respond_cmds(r, &p, cmds, fields);
    bool parsed = p.status == QAT_CMDLINE_OK;
    em_fault_ctx x = {.out = r->out, .start = start, .cmds = cmds, .n_cmds = parsed ? p.n_cmds : 0, .st = r->st,
                      .run = r->faults};
    if (r->faults)
        em_faults_apply(&x);
    if (r->modes) {
        x.form = x.n_cmds ? cmds[0].forms[0] : NULL; /* the modes draw from the line's first command */
        em_modes_answer(r->modes, &x);
    }
}
