/* emulator/handlers.c — commands answered from state rather than generically: PDP contexts (2.13-2.15,
 * AT+QICSGP, AT+CGACT), attach (2.17), factory reset, and the socket and FOTA commands of later phases. */
#include "handlers.h"

#include "call_cmds.h"
#include "fota.h"
#include "socket_cmds.h"
#include "sockets.h"

#include <stdio.h>
#include <string.h>

static int field_int(const em_call *c, const char *param, int fallback)
{
    const qat_field *f = em_field(c, param);
    return f ? (int)f->number : fallback;
}

static void copy_field(const em_call *c, const char *param, char *dst, size_t cap)
{
    const qat_field *f = em_field(c, param);
    size_t n = f ? (f->len < cap ? f->len : cap - 1) : 0;
    if (f)
        memcpy(dst, f->text, n);
    dst[n] = '\0';
}

static size_t count_active(const em_state *st)
{
    size_t n = 0;
    for (int cid = 1; cid <= EM_CONTEXTS; cid++)
        n += st->ctx[cid].active;
    return n;
}

static void address_of(const em_state *st, int cid, char *buf, size_t n)
{
    if (st->ctx[cid].active)
        snprintf(buf, n, "10.0.0.%d", cid);
    else
        snprintf(buf, n, "0.0.0.0");
}

static em_verdict activate(em_state *st, int cid)
{
    if (cid < 1 || cid > EM_CONTEXTS)
        return EM_FAIL(EM_ERR_BAD_PARAM);
    if (st->ctx[cid].active)
        return EM_OK;
    if (!em_state_registered(st) || count_active(st) >= EM_MAX_ACTIVE)
        return EM_FAIL(EM_ERR_NOT_ALLOWED);
    st->ctx[cid].active = true;
    return EM_OK;
}

/* 2.14: a context deactivated takes the TCP/IP connections opened in it along. */
static void deactivate(em_responder *r, int cid)
{
    r->st->ctx[cid].active = false;
    em_sockets_close_context(r->socks, cid);
}

/* One information line per active context, its fields from the context. */
static em_verdict list_active(em_call *c)
{
    for (int cid = 1; cid <= EM_CONTEXTS; cid++) {
        const em_context *x = &c->r->st->ctx[cid];
        if (!x->active)
            continue;
        char id[8], type[8], addr[16];
        snprintf(id, sizeof id, "%d", cid);
        snprintf(type, sizeof type, "%d", x->type ? x->type : 1);
        address_of(c->r->st, cid, addr, sizeof addr);
        em_kv kv[] = {{"contextID", id}, {"cid", id},         {"context_state", "1"}, {"state", "1"},
                      {"context_type", type}, {"IP_address", addr}, {"PDP_addr", addr}};
        em_emit(c, 0, kv, sizeof kv / sizeof kv[0]);
    }
    return EM_OK;
}

/* AT+QICSGP=<contextID>,...: configure; AT+QICSGP=<contextID>: read the configuration back. */
static em_verdict qicsgp(em_call *c)
{
    em_context *x = &c->r->st->ctx[field_int(c, "contextID", 1)];
    if (c->form->n_lines) {
        char type[8], auth[8];
        snprintf(type, sizeof type, "%d", x->type ? x->type : 1);
        snprintf(auth, sizeof auth, "%d", x->auth);
        em_kv kv[] = {{"context_type", type}, {"APN", x->apn}, {"username", x->user}, {"password", x->pass},
                      {"authentication", auth}};
        em_emit(c, 0, kv, sizeof kv / sizeof kv[0]);
        return EM_OK;
    }
    x->type = field_int(c, "context_type", 1);
    x->auth = field_int(c, "authentication", 0);
    copy_field(c, "APN", x->apn, sizeof x->apn);
    copy_field(c, "username", x->user, sizeof x->user);
    copy_field(c, "password", x->pass, sizeof x->pass);
    return EM_OK;
}

static em_verdict qiact(em_call *c)
{
    return c->form->n_lines ? list_active(c) : activate(c->r->st, field_int(c, "contextID", 1));
}

static em_verdict qideact(em_call *c)
{
    deactivate(c->r, field_int(c, "contextID", 1));
    return EM_OK;
}

/* AT+CGACT=<state>,<cid> activates or deactivates like AT+QIACT / AT+QIDEACT; AT+CGACT? lists the active ones. */
static em_verdict cgact(em_call *c)
{
    if (c->form->n_lines)
        return list_active(c);
    int cid = field_int(c, "cid", 1);
    if (field_int(c, "state", 0))
        return activate(c->r->st, cid);
    deactivate(c->r, cid);
    return EM_OK;
}

static void cgpaddr_line(em_call *c, int cid)
{
    char id[8], addr[16];
    snprintf(id, sizeof id, "%d", cid);
    address_of(c->r->st, cid, addr, sizeof addr);
    em_kv kv[] = {{"cid", id}, {"PDP_addr", addr}};
    em_emit(c, 0, kv, 2);
}

/* AT+CGPADDR=<cid>[,<cid>...]: one line per context asked; AT+CGPADDR: one per active context. */
static em_verdict cgpaddr(em_call *c)
{
    bool asked = false;
    for (size_t i = 0; i < c->n_fields; i++)
        if (c->fields[i].param && strcmp(c->fields[i].param->name, "cid") == 0) {
            cgpaddr_line(c, (int)c->fields[i].number);
            asked = true;
        }
    for (int cid = 1; !asked && cid <= EM_CONTEXTS; cid++)
        if (c->r->st->ctx[cid].active)
            cgpaddr_line(c, cid);
    return EM_OK;
}

/* AT+CGATT?: attached while registered; AT+CGATT=0 detaches (and drops every context), =1 attaches. */
static em_verdict cgatt(em_call *c)
{
    em_state *st = c->r->st;
    if (c->form->n_lines) {
        em_kv kv = {"state", em_state_registered(st) ? "1" : "0"};
        em_emit(c, 0, &kv, 1);
        return EM_OK;
    }
    if (field_int(c, "state", 1) == 0) {
        st->detached = true;
        for (int cid = 1; cid <= EM_CONTEXTS; cid++)
            deactivate(c->r, cid);
        return EM_OK;
    }
    st->detached = false;
    return em_state_registered(st) ? EM_OK : EM_FAIL(EM_ERR_NOT_ALLOWED);
}

/* AT&F: the factory settings again, except the baud rate (2.5: <rate>的设置不会被 AT&F 恢复). ATZ too: the emulated
 * module's stored profile is its factory one (AT&W stores nothing it would restore differently). */
static em_verdict factory(em_call *c)
{
    em_state_forget(c->r->st, "AT+IPR");
    return EM_OK;
}

/* AT+COPS (27.007 §7.3): mode 3 only sets the format a query reads the operator in; a registered module's query shows
 * the mode, the format, the operator in it (long, short, or the IMSI's MCC and MNC) and E-UTRAN (7). */
static em_verdict cops(em_call *c)
{
    em_state *st = c->r->st;
    const char *name = c->form->cmd->name;
    if (c->form->form->kind == QAT_FORM_SET) {
        const qat_field *mode = em_field(c, "mode"), *format = em_field(c, "format");
        if (format)
            em_state_store(st, name, "format", format->text, format->len);
        if (mode && mode->number != 3)
            em_state_store(st, name, "mode", mode->text, mode->len);
        return EM_OK;
    }
    const char *mode = em_state_stored(st, name, "mode"), *format = em_state_stored(st, name, "format");
    em_kv kv[] = {{"mode", mode ? mode : "0"}, {"format", format ? format : "0"}, {"oper", ""}, {"AcT", "7"}};
    if (!em_state_registered(st)) {
        em_emit(c, 0, kv, 1);
        return EM_OK;
    }
    char numeric[8];
    snprintf(numeric, sizeof numeric, "%.5s", st->cfg.imsi);
    kv[2].value = kv[1].value[0] == '2' ? numeric : kv[1].value[0] == '1' ? st->cfg.operator_short : st->cfg.operator_long;
    em_emit_whole(c, 0, kv, 4);
    return EM_OK;
}

/* The index + 1 of the enum value F holds (its context_type: the spec lists IP, IPV6, IPV4V6 as AT+QICSGP numbers
 * them 1, 2, 3), or 0. */
static int enum_number(const qat_field *f)
{
    for (size_t i = 0; f && i < f->param->n_enum_values; i++)
        if (strlen(f->param->enum_values[i]) == f->len && memcmp(f->param->enum_values[i], f->text, f->len) == 0)
            return (int)i + 1;
    return 0;
}

/* The PDP_type enum's value numbered N (1: its first), of the command answered. */
static const char *pdp_type_name(const em_call *c, int n)
{
    const qat_command *cmd = c->form->cmd;
    const qat_param *p = qat_params_find(cmd->params, cmd->n_params, "PDP_type", strlen("PDP_type"));
    return p && n >= 1 && (size_t)n <= p->n_enum_values ? p->enum_values[n - 1] : "";
}

/* AT+CGDCONT (27.007 §10.1.1): the same contexts as AT+QICSGP. =<cid>,<PDP_type>[,<APN>] defines one, =<cid> alone
 * undefines it; the query lists those defined (1, the default bearer, always). */
static em_verdict cgdcont(em_call *c)
{
    if (c->form->form->kind == QAT_FORM_SET) {
        em_context *x = &c->r->st->ctx[field_int(c, "cid", 1)];
        x->type = enum_number(em_field(c, "PDP_type"));
        copy_field(c, "APN", x->apn, sizeof x->apn);
        return EM_OK;
    }
    if (c->form->form->kind != QAT_FORM_QUERY || !c->form->n_lines)
        return em_generic(c);
    for (int cid = 1; cid <= EM_CONTEXTS; cid++) {
        const em_context *x = &c->r->st->ctx[cid];
        if (cid != 1 && !x->type && !x->apn[0] && !x->active)
            continue;
        char id[8], addr[16];
        snprintf(id, sizeof id, "%d", cid);
        address_of(c->r->st, cid, addr, sizeof addr);
        em_kv kv[] = {{"cid", id}, {"PDP_type", pdp_type_name(c, x->type ? x->type : 1)}, {"APN", x->apn},
                      {"PDP_addr", addr}, {"d_comp", "0"}, {"h_comp", "0"}};
        em_emit(c, 0, kv, sizeof kv / sizeof kv[0]);
    }
    return EM_OK;
}

/* AT+CLCC (27.007 §7.18): the emulated module makes and takes no calls, so the list is empty. */
static em_verdict clcc(em_call *c)
{
    (void)c;
    return EM_OK;
}

/* AT+QFOTADL (4.1): a real download, the update's URCs, a restart (emulator/fota.c). */
static em_verdict qfotadl(em_call *c)
{
    return em_fota_start(c->r->fota, c);
}

static const struct {
    const char *name;
    em_handler fn;
} handlers[] = {
    {"AT+QICSGP", qicsgp}, {"AT+QIACT", qiact},   {"AT+QIDEACT", qideact}, {"AT+CGACT", cgact},
    {"AT+CGPADDR", cgpaddr}, {"AT+CGATT", cgatt}, {"AT&F", factory},       {"ATZ", factory},       {"AT+COPS", cops},       {"AT+CLCC", clcc},       {"AT+CGDCONT", cgdcont},       {"AT+QIOPEN", em_qiopen},
    {"AT+QISEND", em_qisend},  {"AT+QIRD", em_qird},    {"AT+QICLOSE", em_qiclose},   {"AT+QFOTADL", qfotadl},
    {"ATD", em_atd},           {"ATH", em_ath},         {"ATO", em_ato},
};

em_handler em_handler_for(const char *name)
{
    for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
        if (strcmp(handlers[i].name, name) == 0)
            return handlers[i].fn;
    return NULL;
}
