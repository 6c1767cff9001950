/* emulator_faults.c — the fault table (see emulator_faults.h) and its hooks: each rewrites one answer in the
 * output buffer (bytes changed, dropped, held back for later, duplicated) or the state behind it. */
#include "emulator_faults.h"

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
    if (x->form && strcmp(x->form->cmd->name, f->find) == 0)
        em_state_store(x->st, f->find, "value", "1", 1);
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

static const em_fault table[] = {
    {"missing-cr", EM_FC_FRAMING, NULL, "lines end in LF alone", "AT+CSQ", NULL, replace_all, "\r\n", "\n"},
    {"doubled-lf", EM_FC_FRAMING, NULL, "the first line end is CR LF LF", "AT+CSQ", NULL, replace_first, "\r\n", "\r\n\n"},
    {"missing-crlf", EM_FC_FRAMING, NULL, "no blank line before the final OK", "AT+CSQ", NULL, replace_first,
     "\r\n\r\nOK\r\n", "\r\nOK\r\n"},
    {"no-final-ok", EM_FC_FRAMING, "AT+CSQ", "the final OK is left out", "AT+CSQ|AT", NULL, replace_first, "\r\nOK\r\n",
     ""},
    {"wrong-prefix", EM_FC_GRAMMAR, "AT+CSQ", "+CSQ answered as +CSX", "AT+CSQ", NULL, replace_first, "+CSQ:", "+CSX:"},
    {"missing-space", EM_FC_GRAMMAR, "AT+CSQ", "no space after the colon of +CSQ:", "AT+CSQ", NULL, replace_first,
     "+CSQ: ", "+CSQ:"},
    {"rssi-out-of-range", EM_FC_GRAMMAR, "AT+CSQ", "+CSQ reports rssi 32 (0-31 or 99)", "AT+CSQ", NULL, set_number,
     "+CSQ: ", "32"},
    {"bad-luhn", EM_FC_GRAMMAR, "AT+CGSN", "the IMEI's check digit is wrong", "AT+CGSN", NULL, break_luhn, "\r\n", ""},
    {"unquoted-ip", EM_FC_GRAMMAR, "AT+CGPADDR", "+CGPADDR's address without its quotes", "AT+QIACT=1|AT+CGPADDR=1",
     NULL, replace_all, "\"", ""},
    {"echo-stays", EM_FC_BEHAVIOUR, "ATE", "ATE0 does not turn echo off", "ATE0|AT", "OK\r\nAT\r", keep_echo, "ATE", ""},
    {"urc-duplicated", EM_FC_BEHAVIOUR, "AT+CEREG", "a +CEREG URC comes twice", "AT+CEREG=1|AT+CFUN=0",
     "+CEREG: 0\r\n\r\n+CEREG: 0\r\n", duplicate_line, "\r\n+CEREG:", ""},
    {"late-answer", EM_FC_TIMING, "AT+CFUN", "answers after twice the form's max_response_ms", "AT+CFUN?", NULL, delay,
     "", ""},
    {"no-answer", EM_FC_TIMING, "AT+CFUN", "answers nothing at all", "AT+CFUN?", NULL, drop, "", ""},
    {"garbage-before", EM_FC_ROBUSTNESS, "AT+CSQ", "noise bytes before the answer", "AT+CSQ", NULL, replace_first, "\r\n",
     "\x01\xfe#~\r\n"},
    {"reset-mid-command", EM_FC_ROBUSTNESS, "AT+CSQ", "RDY and a state reset instead of the answer", "AT+CSQ|AT", NULL,
     reset, "", ""},
};

size_t em_fault_count(void)
{
    return sizeof table / sizeof table[0];
}

const em_fault *em_fault_at(size_t i)
{
    return i < em_fault_count() ? &table[i] : NULL;
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

void em_faults_apply(em_fault_ctx *x)
{
    for (size_t i = 0; i < em_fault_count(); i++)
        if (x->run->on & (1u << i))
            table[i].hook(&table[i], x);
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
