/* emulator/faults.c — the fault table (see emulator/faults.h) and its hooks: each rewrites one answer in the
 * output buffer (bytes changed, dropped, held back for later, duplicated) or the state behind it. */
#include "faults.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- hooks: FIND and PUT are the table's operands ---- */

static void replace_first(const em_fault *f, em_fault_ctx *x)
{
    size_t at = em_out_find(x->out, x->start, f->find);
    if (at < x->out->len)
        em_out_splice(x->out, at, strlen(f->find), f->put, strlen(f->put));
}

static void replace_all(const em_fault *f, em_fault_ctx *x)
{
    size_t at = x->start;
    while ((at = em_out_find(x->out, at, f->find)) < x->out->len) {
        em_out_splice(x->out, at, strlen(f->find), f->put, strlen(f->put));
        at += strlen(f->put);
    }
}

static size_t digits_at(const em_out *o, size_t at)
{
    size_t n = 0;
    while (at + n < o->len && o->data[at + n] >= '0' && o->data[at + n] <= '9')
        n++;
    return n;
}

/* The number right after FIND becomes PUT. */
static void set_number(const em_fault *f, em_fault_ctx *x)
{
    size_t at = em_out_find(x->out, x->start, f->find);
    if (at == x->out->len)
        return;
    at += strlen(f->find);
    em_out_splice(x->out, at, digits_at(x->out, at), f->put, strlen(f->put));
}

/* The number right after FIND grows by PUT (a signed count): a length that lies about its payload. */
static void add_to_number(const em_fault *f, em_fault_ctx *x)
{
    size_t at = em_out_find(x->out, x->start, f->find);
    if (at == x->out->len)
        return;
    at += strlen(f->find);
    size_t n = digits_at(x->out, at);
    char num[24];
    snprintf(num, sizeof num, "%.*s", (int)n, x->out->data + at);
    int len = snprintf(num, sizeof num, "%lld", atoll(num) + atoll(f->put));
    em_out_splice(x->out, at, n, num, (size_t)len);
}

/* The last digit of the first line of 14 digits or more after FIND changes: its Luhn check fails. */
static void break_luhn(const em_fault *f, em_fault_ctx *x)
{
    for (size_t at = em_out_find(x->out, x->start, f->find); at < x->out->len;
         at = em_out_find(x->out, at + 1, f->find)) {
        size_t n = digits_at(x->out, at + strlen(f->find));
        if (n >= 14) {
            char *d = &x->out->data[at + strlen(f->find) + n - 1];
            *d = (char)('0' + (*d - '0' + 1) % 10);
            return;
        }
    }
}

static void drop(const em_fault *f, em_fault_ctx *x)
{
    (void)f;
    x->out->len = x->start;
}

/* Held back for twice the form's max_response_ms (the command's when the form names none). */
static void delay(const em_fault *f, em_fault_ctx *x)
{
    (void)f;
    uint32_t max = x->form ? x->form->form->max_response_ms : 0;
    if (x->form && !max)
        max = x->form->cmd->max_response_ms;
    em_out_put(&x->run->held, x->out->data + x->start, x->out->len - x->start);
    x->out->len = x->start;
    x->run->due_ms = now_ms() + 2 * (int64_t)(max ? max : 300);
}

static void reset(const em_fault *f, em_fault_ctx *x)
{
    drop(f, x);
    x->run->reset = true;
}

/* ATE0 leaves echo on. */
static void keep_echo(const em_fault *f, em_fault_ctx *x)
{
    em_state_store(x->st, f->find, "value", "1", 1);
}

/* The URC named FIND never comes: the answer stays, the event loop asks em_faults_drop_urc. */
static void drop_urc(const em_fault *f, em_fault_ctx *x)
{
    (void)f;
    (void)x;
}

/* The first line starting with FIND is written twice. */
static void duplicate_line(const em_fault *f, em_fault_ctx *x)
{
    size_t at = em_out_find(x->out, x->start, f->find);
    size_t end = em_out_find(x->out, at + 1, "\r\n");
    char line[256]; /* a copy: the splice may move the buffer */
    if (end < x->out->len && end + 2 - at <= sizeof line) {
        memcpy(line, x->out->data + at, end + 2 - at);
        em_out_splice(x->out, end + 2, 0, line, end + 2 - at);
    }
}

/* ---- the table ---- */

/* Each fault rewrites only the answers of its scope's command, so that a run against `--fault NAME` fails in the
 * section em_fault_section names and nowhere else. The scope is the command it violates; the framing faults,
 * which break the framing rule (1.2) rather than a command, are scoped to the command of their first trigger
 * line (AT+CSQ) and keep the framing rule's section. urc-duplicated is scoped to its URC (+CEREG), which comes in
 * the answer to whatever line changed the registration. Fields: name, class, violates, scope, what, trigger,
 * shows, hides, hook, find, put. */
#define FRAMING(name, what, hook, find, put) {name, EM_FC_FRAMING, NULL, "AT+CSQ", what, "AT+CSQ", NULL, NULL, hook, find, put}
#define ON(command) command, command

static const em_fault table[] = {
    FRAMING("missing-cr", "lines end in LF alone", replace_all, "\r\n", "\n"),
    FRAMING("doubled-lf", "the first line end is CR LF LF", replace_first, "\r\n", "\r\n\n"),
    FRAMING("missing-crlf", "no blank line before the final OK", replace_first, "\r\n\r\nOK\r\n", "\r\nOK\r\n"),
    {"no-final-ok", EM_FC_FRAMING, ON("AT+CSQ"), "the final OK is left out", "AT+CSQ|AT", NULL, NULL, replace_first,
     "\r\nOK\r\n", ""},
    {"wrong-prefix", EM_FC_GRAMMAR, ON("AT+CSQ"), "+CSQ answered as +CSX", "AT+CSQ", NULL, NULL, replace_first, "+CSQ:",
     "+CSX:"},
    {"missing-space", EM_FC_GRAMMAR, ON("AT+CSQ"), "no space after the colon of +CSQ:", "AT+CSQ", NULL, NULL,
     replace_first, "+CSQ: ", "+CSQ:"},
    {"rssi-out-of-range", EM_FC_GRAMMAR, ON("AT+CSQ"), "+CSQ reports rssi 32 (0-31 or 99)", "AT+CSQ", NULL, NULL,
     set_number, "+CSQ: ", "32"},
    {"bad-luhn", EM_FC_GRAMMAR, ON("AT+CGSN"), "the IMEI's check digit is wrong", "AT+CGSN", NULL, NULL, break_luhn,
     "\r\n", ""},
    {"unquoted-ip", EM_FC_GRAMMAR, ON("AT+CGPADDR"), "+CGPADDR's address without its quotes",
     "AT+QIACT=1|AT+CGPADDR=1", NULL, NULL, replace_all, "\"", ""},
    {"echo-stays", EM_FC_BEHAVIOUR, ON("ATE"), "ATE0 does not turn echo off", "ATE0|AT", NULL, NULL, keep_echo,
     "ATE", ""},
    {"urc-duplicated", EM_FC_BEHAVIOUR, "AT+CEREG", NULL, "a +CEREG URC comes twice", "AT+CEREG=1|AT+CFUN=0",
     "+CEREG: 0\r\n\r\n+CEREG: 0\r\n", NULL, duplicate_line, "\r\n+CEREG:", ""},
    {"urc-missing", EM_FC_BEHAVIOUR, ON("AT+QIOPEN"), "the +QIOPEN URC never comes after OK",
     "AT+QIACT=1|AT+QIOPEN=1,0,\"UDP SERVICE\",\"127.0.0.1\",0,47321,0|AT", NULL, "+QIOPEN:", drop_urc, "qiopen", ""},
    {"payload-length-off", EM_FC_BEHAVIOUR, ON("AT+QIRD"), "+QIRD announces one byte less than its data",
     "AT+QIACT=1|AT+QIOPEN=1,0,\"UDP SERVICE\",\"127.0.0.1\",0,47321,0|AT+QISEND=0,5,\"127.0.0.1\",47321|hello|AT+QIRD=0",
     NULL, NULL, add_to_number, "+QIRD: ", "-1"},
    {"late-answer", EM_FC_TIMING, ON("AT+CFUN"), "answers after twice the form's max_response_ms", "AT+CFUN?", NULL,
     NULL, delay, "", ""},
    {"no-answer", EM_FC_TIMING, ON("AT+CFUN"), "answers nothing at all", "AT+CFUN?", NULL, NULL, drop, "", ""},
    {"garbage-before", EM_FC_ROBUSTNESS, ON("AT+CSQ"), "noise bytes before the answer", "AT+CSQ", NULL, NULL,
     replace_first, "\r\n", "\x01\xfe#~\r\n"},
    {"reset-mid-command", EM_FC_ROBUSTNESS, ON("AT+CSQ"), "RDY and a state reset instead of the answer", "AT+CSQ|AT",
     NULL, NULL, reset, "", ""},
};

size_t em_fault_count(void)
{
    return sizeof table / sizeof table[0];
}

const em_fault *em_fault_at(size_t i)
{
    return i < em_fault_count() ? &table[i] : NULL;
}

const char *em_fault_name(size_t i)
{
    return em_fault_at(i)->name;
}

const char *em_fault_trigger(size_t i)
{
    return em_fault_at(i)->trigger;
}

int em_fault_index(const char *name)
{
    for (size_t i = 0; i < em_fault_count(); i++)
        if (strcmp(table[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *em_fault_class_name(em_fault_class c)
{
    static const char *const names[] = {"framing", "grammar", "behaviour", "timing", "robustness"};
    return names[c];
}

const char *em_fault_section(const em_fault *f, const qat_compiled *c)
{
    if (!f->violates)
        return c->rules.framing ? c->rules.framing->section : "?";
    for (size_t i = 0; i < c->n_forms; i++)
        if (strcmp(c->forms[i].cmd->name, f->violates) == 0)
            return c->forms[i].cmd->section;
    return "?";
}

void em_faults_list(FILE *out, const qat_compiled *c)
{
    for (size_t i = 0; i < em_fault_count(); i++)
        fprintf(out, "%-18s  %-5s  %s: %s\n", table[i].name, em_fault_section(&table[i], c),
                em_fault_class_name(table[i].cls), table[i].what);
}

/* ---- at run time ---- */

/* The form of X's command that F is scoped to (X->form: NULL for a URC fault); false when none is. */
static bool in_scope(const em_fault *f, em_fault_ctx *x)
{
    x->form = NULL;
    if (!f->scope)
        return true;
    for (size_t i = 0; i < x->n_cmds; i++)
        if (strcmp(x->cmds[i].forms[0]->cmd->name, f->scope) == 0) {
            x->form = x->cmds[i].forms[0];
            return true;
        }
    return false;
}

void em_faults_apply(em_fault_ctx *x)
{
    for (size_t i = 0; i < em_fault_count(); i++)
        if ((x->run->on & (1u << i)) && in_scope(&table[i], x))
            table[i].hook(&table[i], x);
}

bool em_faults_drop_urc(const em_faults *f, const char *name)
{
    for (size_t i = 0; i < em_fault_count(); i++)
        if ((f->on & (1u << i)) && table[i].hook == drop_urc && strcmp(table[i].find, name) == 0)
            return true;
    return false;
}

int em_faults_timeout(const em_faults *f)
{
    if (!f->held.len)
        return -1;
    int64_t left = f->due_ms - now_ms();
    return left > 0 ? (int)left : 0;
}

void em_faults_release(em_faults *f, em_out *out)
{
    if (f->held.len && now_ms() >= f->due_ms) {
        em_out_put(out, f->held.data, f->held.len);
        em_out_clear(&f->held);
    }
}

void em_faults_free(em_faults *f)
{
    em_out_free(&f->held);
}
