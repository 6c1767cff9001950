/* test_stream.c — cmocka tests of the stream parser (parsers/qat_stream.c) on the shipped spec.
 * Each stream is also fed at every split point and byte by byte: the event log must not change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qat_stream.h"
#include "spec.h"

/* ---- heap allocations made by the code under test (linked with --wrap) ---- */

static size_t heap_calls;
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n) { heap_calls++; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { heap_calls++; return __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { heap_calls++; return __real_realloc(p, n); }

/* ---- the spec, loaded and compiled once ---- */

static arena spec_arena;
static diag_list spec_diags;
static spec_loaded loaded;
static qat_compiled compiled;
static void *compiled_mem;

static int load_spec(void **state)
{
    (void)state;
    if (!spec_load_dir(&spec_arena, &spec_diags, QAT_SPEC_DIR, &loaded) || spec_diags.n)
        return -1;
    qat_spec_compile_error err;
    qat_compile_spec(&compiled, &loaded.spec, NULL, 0, &err);
    compiled_mem = malloc(err.needed);
    return qat_compile_spec(&compiled, &loaded.spec, compiled_mem, err.needed, &err) ? 0 : -1;
}

static int free_spec(void **state)
{
    (void)state;
    free(compiled_mem);
    arena_free(&spec_arena);
    diag_free(&spec_diags);
    return 0;
}

/* ---- an event log, one event a line, payload chunks merged ---- */

typedef struct {
    char text[16384];
    size_t len;
    bool in_payload;
    unsigned violations, deviations;
} event_log;

static const char *const kind_names[] = {"ECHO", "INFO", "URC", "FINAL", "PROMPT", "DATA_ECHO", "PAYLOAD", "DATA", "NOTE", "VIOLATION"};

static void log_printf(event_log *log, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(log->text + log->len, sizeof log->text - log->len, fmt, ap);
    va_end(ap);
    if (w > 0)
        log->len += (size_t)w < sizeof log->text - log->len ? (size_t)w : sizeof log->text - log->len - 1;
}

static const char *event_name(const qat_event *ev)
{
    if (ev->urc)
        return ev->urc->name;
    if (ev->result)
        return ev->result->name;
    if (ev->kind == QAT_EV_VIOLATION || ev->kind == QAT_EV_NOTE)
        return qat_violation_name(ev->violation);
    return ev->command ? ev->command->name : "-";
}

static void on_event(void *user, const qat_event *ev)
{
    event_log *log = user;
    if (ev->kind == QAT_EV_PAYLOAD) {
        if (!log->in_payload)
            log_printf(log, "PAYLOAD@%llu[", (unsigned long long)ev->offset);
        for (size_t i = 0; i < ev->len; i++)
            log_printf(log, "%02x", (unsigned char)ev->text[i]);
        log->in_payload = true;
        return;
    }
    if (log->in_payload)
        log_printf(log, "]\n");
    log->in_payload = false;
    log->violations += ev->kind == QAT_EV_VIOLATION && !ev->erratum;
    log->deviations += ev->erratum != NULL;
    log_printf(log, "%s L%llu @%llu %s \"%.*s\" n=%zu %s%s\n", kind_names[ev->kind], (unsigned long long)ev->line_no,
               (unsigned long long)ev->offset, event_name(ev), (int)ev->len, ev->text ? ev->text : "", ev->n_fields,
               ev->erratum ? ev->erratum : "", ev->inferred ? " inferred" : "");
}

/* A session: commands and the module's bytes; a NULL command feeds bytes for the one in flight. */
typedef struct {
    const char *command;
    const char *bytes;
    size_t len; /* 0: strlen(bytes) */
} step;

static bool inferring; /* the next runs read their streams with qat_stream_infer, as a raw capture is read */

/* Run STEPS, feeding each step's bytes in pieces of PIECE bytes (0: whole), or split once at SPLIT. */
static void run(const step *steps, size_t n, size_t piece, size_t split, event_log *log, size_t line_cap)
{
    char line[512];
    qat_stream s;
    memset(log, 0, sizeof *log);
    qat_stream_init(&s, &compiled, line, line_cap < sizeof line ? line_cap : sizeof line, on_event, log);
    qat_stream_infer(&s, inferring ? QAT_INFER_CAPTURE : QAT_INFER_NONE);
    for (size_t i = 0; i < n; i++) {
        if (steps[i].command)
            qat_stream_command(&s, steps[i].command, strlen(steps[i].command));
        size_t len = steps[i].len ? steps[i].len : strlen(steps[i].bytes);
        size_t at = 0;
        while (at < len) {
            size_t k = piece ? piece : (split && at < split && split < len ? split - at : len - at);
            k = k < len - at ? k : len - at;
            qat_stream_feed(&s, steps[i].bytes + at, k);
            at += k;
        }
    }
    qat_stream_finish(&s);
    if (log->in_payload)
        log_printf(log, "]\n");
}

static size_t total_bytes(const step *steps, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += steps[i].len ? steps[i].len : strlen(steps[i].bytes);
    return total;
}

/* Same events whole, byte by byte, and split in two at every point of every step, with a line buffer of CAP. */
static void assert_split_invariant(const step *steps, size_t n, size_t cap)
{
    static event_log whole, other;
    run(steps, n, 0, 0, &whole, cap);
    run(steps, n, 1, 0, &other, cap);
    assert_string_equal(whole.text, other.text);
    size_t longest = total_bytes(steps, n);
    for (size_t split = 1; split < longest; split++) {
        run(steps, n, 0, split, &other, cap);
        assert_string_equal(whole.text, other.text);
    }
}

static bool has(const event_log *log, const char *needle) { return strstr(log->text, needle) != NULL; }

/* ---- streams ---- */

#define BYTES(s) s, sizeof s - 1

static const step csq_echo[] = {
    {"AT+CSQ", "AT+CSQ\r\r\n+CSQ: 16,99\r\n\r\nOK\r\n", 0},
};

/* A +QIRD payload holding "\r\nOK\r\n", a NUL and a URC's text: read by its length, never by content. */
static const step qird_tricky[] = {
    {"AT+QIRD=0,1500", BYTES("\r\n+QIRD: 29\r\nab\r\nOK\r\n\0\r\n+QIURC: \"recv\",0\r\n\r\nOK\r\n")},
};

static const step send_and_push[] = {
    {"AT+QISEND=0,10", "\r\n> ", 0},
    {NULL, "0123456789\r\n\r\nSEND OK\r\n\r\n+QIURC: \"recv\",0,10\r\n0123456789\r\n+QIOPEN: 1,0\r\n", 0},
};

static const step cereg_mix[] = {
    {"AT+CEREG?", "\r\n+CEREG: 1\r\n\r\n+CEREG: 2,1,\"DE10\",\"05F7B51F\",7\r\n\r\n+QIURC: \"recv\",0\r\n\r\nOK\r\n", 0},
};

/* ---- tests ---- */

/* ---- qat_stream_infer: captures of the module's output alone ---- */

/* STEPS read with no command announced: the log, and every split gives the same one. */
static void run_inferred(const step *steps, size_t n, event_log *log)
{
    inferring = true;
    assert_split_invariant(steps, n, 512);
    run(steps, n, 0, 0, log, 512);
    inferring = false;
}

static void test_infer_takes_the_echo_as_the_command(void **state)
{
    (void)state;
    static const step raw[] = {{NULL, "AT+CSQ\r\r\n+CSQ: 16,99\r\n\r\nOK\r\n", 0}};
    event_log log;
    run_inferred(raw, 1, &log);
    assert_string_equal(log.text, "ECHO L1 @0 AT+CSQ \"AT+CSQ\" n=0 \n"
                                  "INFO L2 @9 AT+CSQ \"+CSQ: 16,99\" n=2 \n"
                                  "FINAL L4 @24 OK \"OK\" n=0 \n");
}

static void test_infer_names_the_command_by_its_answer_after_ate0(void **state)
{
    (void)state;
    static const step raw[] = {{NULL, "ATE0\r\r\nOK\r\n\r\n+CSQ: 20,0\r\n\r\nOK\r\n\r\nOK\r\n", 0}};
    event_log log;
    run_inferred(raw, 1, &log);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "INFO L4 @13 AT+CSQ \"+CSQ: 20,0\" n=2  inferred"));
    assert_true(has(&log, "FINAL L6 @27 OK \"OK\" n=0  inferred")); /* closes the inferred AT+CSQ */
    assert_true(has(&log, "FINAL L8 @33 OK \"OK\" n=0  inferred")); /* a result code alone: a command without lines */
}

static void test_infer_reads_a_payload_by_its_length(void **state)
{
    (void)state;
    static const step raw[] = {{NULL, BYTES("\r\n+QIRD: 29\r\nab\r\nOK\r\n\0\r\n+QIURC: \"recv\",0\r\n\r\nOK\r\n")}};
    event_log log;
    run_inferred(raw, 1, &log);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "INFO L2 @2 AT+QIRD \"+QIRD: 29\" n=1  inferred"));
    assert_true(has(&log, "PAYLOAD@13[61620d0a4f4b0d0a000d0a2b51495552433a202272656376222c300d0a]"));
    assert_false(has(&log, "URC"));
}

static void test_infer_urc_then_result_code(void **state)
{
    (void)state;
    static const step raw[] = {{NULL, "\r\n+CEREG: 1\r\n\r\nOK\r\n\r\n> 0123456789\r\n\r\nSEND OK\r\n", 0}};
    event_log log;
    run_inferred(raw, 1, &log);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "URC L2 @2 cereg-stat"));
    assert_true(has(&log, "PROMPT L6 @21"));
    assert_true(has(&log, "DATA_ECHO L6 @23"));
    assert_true(has(&log, "FINAL L8 @37 SEND_OK"));
}

static void test_infer_concatenated_lower_case_echo(void **state)
{
    (void)state;
    static const step raw[] = {{NULL, "at+csq;+cereg?\r\r\n+CSQ: 16,99\r\n\r\n+CEREG: 0,1\r\n\r\nOK\r\n", 0}};
    event_log log;
    run_inferred(raw, 1, &log);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "ECHO L1 @0 AT+CSQ \"at+csq;+cereg?\""));
    assert_true(has(&log, "INFO L4 @32 AT+CEREG \"+CEREG: 0,1\" n=2 \n")); /* an answer, not the URC */
}

static void test_infer_notes_before_the_first_anchor(void **state)
{
    (void)state;
    static const step raw[] = {{NULL, BYTES("99,1\r\n\xff\xfe\r\n\r\nOK\r\n+BOGUS: 1\r\n")}};
    event_log log;
    run_inferred(raw, 1, &log);
    assert_true(has(&log, "NOTE L1 @0 unknown-urc \"99,1\""));
    assert_true(has(&log, "NOTE L2 @6 unknown-urc"));
    assert_true(has(&log, "FINAL L4 @12 OK"));
    assert_int_equal(log.violations, 1); /* after the anchor: a violation */
    assert_true(has(&log, "VIOLATION L5 @16 unknown-urc \"+BOGUS: 1\""));
}

static void test_echo_info_final(void **state)
{
    (void)state;
    event_log log;
    run(csq_echo, 1, 0, 0, &log, 512);
    assert_string_equal(log.text, "ECHO L1 @0 AT+CSQ \"AT+CSQ\" n=0 \n"
                                  "INFO L2 @9 AT+CSQ \"+CSQ: 16,99\" n=2 \n"
                                  "FINAL L4 @24 OK \"OK\" n=0 \n");
    assert_int_equal(log.violations, 0);
}

static void test_urc_before_the_echo(void **state)
{
    (void)state;
    static const step rdy_first[] = {{"AT+CSQ", "\r\nRDY\r\nAT+CSQ\r\r\n+CSQ: 16,99\r\n\r\nOK\r\n", 0}};
    event_log log;
    run(rdy_first, 1, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "URC L2 @2 rdy"));
    assert_true(has(&log, "ECHO L3 @7 AT+CSQ"));
}

static void test_every_split_gives_the_same_events(void **state)
{
    (void)state;
    static const step long_line[] = {{"AT+CSQ", "\r\n+CSQ: 16,99,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19\r\n\r\nOK  \r\n", 0}};
    assert_split_invariant(csq_echo, 1, 512);
    assert_split_invariant(qird_tricky, 1, 512);
    assert_split_invariant(send_and_push, 2, 512);
    assert_split_invariant(cereg_mix, 1, 512);
    assert_split_invariant(long_line, 1, 32); /* longer than the buffer, and trailing spaces */
}

static void test_payload_holding_ok_and_urc_is_read_by_length(void **state)
{
    (void)state;
    event_log log;
    run(qird_tricky, 1, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    /* "ab\r\nOK\r\n\0\r\n+QIURC: \"recv\",0\r\n" in hex, then the real OK */
    assert_true(has(&log, "PAYLOAD@13[61620d0a4f4b0d0a000d0a2b51495552433a202272656376222c300d0a]"));
    assert_true(has(&log, "FINAL L8 @44 OK"));
    assert_false(has(&log, "URC"));
}

static void test_payload_longer_than_what_arrives(void **state)
{
    (void)state;
    static const step lie[] = {{"AT+QIRD=0,1500", "\r\n+QIRD: 20\r\n0123456789\r\nOK\r\n", 0}};
    event_log log;
    run(lie, 1, 0, 0, &log, 512);
    assert_true(has(&log, "payload-cut")); /* the OK was eaten as data: 4 bytes never came */
    assert_false(has(&log, "FINAL"));
    assert_true(has(&log, "missing-line")); /* and the command got no result code */
}

static void test_payload_shorter_than_what_arrives(void **state)
{
    (void)state;
    static const step lie[] = {{"AT+QIRD=0,1500", "\r\n+QIRD: 5\r\n0123456789\r\n\r\nOK\r\n", 0}};
    event_log log;
    run(lie, 1, 0, 0, &log, 512);
    assert_true(has(&log, "VIOLATION L3 @17 payload-length \"5\"")); /* one violation where the lie shows */
    assert_int_equal(log.violations, 1);                                /* the rest of the line is the payload's */
    assert_true(has(&log, "FINAL L5 @26 OK"));                          /* and the answer goes on */
}

/* A push whose length lies either way: one payload-length, and what follows is read again. */
static void test_pushed_payload_length_lies(void **state)
{
    (void)state;
    static const step longer[] = {{NULL, "\r\n+QIURC: \"recv\",0,5\r\nhello!!!\r\n\r\n+QIURC: \"closed\",0\r\n", 0}};
    static const step shorter[] = {{NULL, "\r\n+QIURC: \"recv\",0,9\r\nhello\r\n+QIURC: \"closed\",0\r\n", 0}};
    static const step exact[] = {{NULL, "\r\n+QIURC: \"recv\",0,5\r\nhello\r\n+QIURC: \"closed\",0\r\n", 0}};
    event_log log;
    run(longer, 1, 0, 0, &log, 512);
    assert_true(has(&log, "VIOLATION L3 @27 payload-length \"!!!\""));
    assert_int_equal(log.violations, 1);
    assert_true(has(&log, "URC L5 @34 qiurc-closed"));
    run(shorter, 1, 0, 0, &log, 512);
    assert_true(has(&log, "payload-length \"IURC: \"closed\",0\"")); /* the lie ate the URC's "+Q" */
    assert_int_equal(log.violations, 1);
    run(exact, 1, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_split_invariant(longer, 1, 512);
    assert_split_invariant(shorter, 1, 512);
}

static void test_urc_between_response_and_final(void **state)
{
    (void)state;
    static const step urc_inside[] = {
        {"AT+CSQ", "\r\n+CSQ: 16,99\r\n\r\n+CEREG: 5\r\n\r\n+QIURC: \"closed\",3\r\n\r\nOK\r\n", 0}};
    event_log log;
    run(urc_inside, 1, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "URC L4 @17 cereg-stat"));
    assert_true(has(&log, "URC L6 @30 qiurc-closed"));
    assert_true(has(&log, "FINAL L8 @52 OK"));
}

static void test_solicited_cereg_is_not_a_urc_and_back(void **state)
{
    (void)state;
    event_log log;
    run(cereg_mix, 1, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "URC L2 @2 cereg-stat \"+CEREG: 1\""));
    assert_true(has(&log, "INFO L4 @15 AT+CEREG \"+CEREG: 2,1,\"DE10\""));
    assert_true(has(&log, "URC L6 @50 qiurc-recv-buffer"));
}

static void test_overlong_line_is_cut_reported_and_parsing_goes_on(void **state)
{
    (void)state;
    static char bytes[600];
    memset(bytes, 'x', sizeof bytes);
    memcpy(bytes, "\r\n+CSQ: ", 8);
    memcpy(bytes + 200, "\r\n\r\nOK\r\n", 9);
    step long_line[] = {{"AT+CSQ", bytes, 0}};
    event_log log;
    run(long_line, 1, 0, 0, &log, 64);
    assert_true(has(&log, "line-too-long"));
    assert_true(has(&log, "FINAL L4 @204 OK"));
}

static void test_prompt_with_and_without_space(void **state)
{
    (void)state;
    event_log log;
    static const step with_space[] = {{"AT+QISEND=0,5", "\r\n> ", 0}, {NULL, "\r\nSEND OK\r\n", 0}};
    run(with_space, 2, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_int_equal(log.deviations, 0);
    assert_true(has(&log, "PROMPT L2 @2 PROMPT"));

    static const step no_space[] = {{"AT+QISEND=0,5", "\r\n>\r\nhello\r\n\r\nSEND OK\r\n", 0}};
    run(no_space, 1, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "prompt-line-end"));
    assert_true(has(&log, "DATA_ECHO L3 @5 AT+QISEND \"hello\""));

    static const step not_expected[] = {{"AT+CSQ", "\r\n> \r\n\r\nOK\r\n", 0}};
    run(not_expected, 1, 0, 0, &log, 512);
    assert_false(has(&log, "PROMPT"));
    assert_true(has(&log, "unexpected-line \"> \""));
}

static void test_framing_violations(void **state)
{
    (void)state;
    event_log log;
    static const step lf_only[] = {{"AT", "\nOK\n", 0}};
    run(lf_only, 1, 0, 0, &log, 512);
    assert_true(has(&log, "lf-without-cr"));
    static const step stray_cr[] = {{"AT+CSQ", "\r\n+CSQ: 16,99\rOK\r\n", 0}};
    run(stray_cr, 1, 0, 0, &log, 512);
    assert_true(has(&log, "stray-cr"));
    assert_true(has(&log, "missing-crlf"));
}

static void test_result_code_problems(void **state)
{
    (void)state;
    event_log log;
    static const step wrong_final[] = {{"AT+CSQ", "\r\n+CSQ: 16,99\r\n\r\nSEND OK\r\n", 0}};
    run(wrong_final, 1, 0, 0, &log, 512);
    assert_true(has(&log, "final-not-allowed"));
    static const step no_command[] = {{NULL, "\r\nOK\r\n", 0}};
    run(no_command, 1, 0, 0, &log, 512);
    assert_true(has(&log, "unexpected-final"));
    static const step unknown[] = {{"AT+XYZ", "\r\nOK\r\n\r\n+FOO: 1\r\n", 0}};
    run(unknown, 1, 0, 0, &log, 512);
    assert_true(has(&log, "bad-command"));
    assert_true(has(&log, "final-not-allowed")); /* a command the spec refuses must be refused */
    assert_true(has(&log, "unknown-urc \"+FOO: 1\""));
    static const step missing[] = {{"AT+CIMI", "\r\nOK\r\n", 0}};
    run(missing, 1, 0, 0, &log, 512);
    assert_true(has(&log, "missing-line"));
}

#define STAR_I(middle)                                                                                             \
    "\r\nManufacturer: AirM2M\r\nModel: Air780E\r\nRevision: R\r\n" middle "Buildtime: Feb 9 2023 10:36:53\r\n"            \
    "IMEI: 868739057053443\r\nICCID: 89860621260002571479\r\nIMSI: 460060086257147\r\n\r\nOK\r\n"

/* Each wire-level erratum, read the documented way (no erratum) and the deviant way (named). */
static void test_errata_read_both_ways(void **state)
{
    (void)state;
    static const struct {
        const char *command, *documented, *deviation, *erratum;
    } cases[] = {
        {"AT+QGSN", "\r\n868739057053443\r\n\r\nOK\r\n", "\r\n+QGSN: 868739057053443\r\n\r\nOK\r\n", "qgsn-prefix"},
        {"AT+QCCID", "\r\n+QCCID:89860621260002571479\r\n\r\nOK\r\n", "\r\n+QCCID: 89860621260002571479\r\n\r\nOK\r\n",
         "qccid-space"},
        {"AT+QIACT?", "\r\n+QIACT:1,1,1,\"10.164.118.24\"\r\n\r\nOK\r\n",
         "\r\n+QIACT: 1,1,1,\"10.164.118.24\"\r\n\r\nOK\r\n", "qiact-query-space"},
        {"AT+CGPADDR=1", "\r\n+CGPADDR:1,\"10.164.118.24\"\r\n\r\nOK\r\n",
         "\r\n+CGPADDR: 1,\"10.164.118.24\"\r\n\r\nOK\r\n", "cgpaddr-space"},
        {"AT+QLTS", "\r\n+QLTS: \"2023/02/13,08:55:04+32\",0\r\n\r\nOK\r\n",
         "\r\n+QLTS: \"2023/02/13,08:55:04+32,0\"\r\n\r\nOK\r\n", "qlts-dst-inside-quotes"},
        {"AT+QIRD=0,10", "\r\n+QIRD: 2\r\nab\r\n\r\nOK\r\n", "\r\n+QIRD:2\r\nab\r\n\r\nOK\r\n", "qird-example-no-space"},
        {"AT+IPR=?", "\r\n+IPR: (0,600),(9600)\r\n\r\nOK\r\n", "\r\n+IPR:(0,600),(9600)\r\n\r\nOK\r\n", "ipr-test-no-space"},
        {"AT+CIMI", "\r\n+CME ERROR: 10\r\n", "\r\n+CME ERROR:10\r\n", "cme-error-space"},
        {"AT+QCELLEX=1", "\r\n+QCELL: \"servingcell\",\"LTE\",460,1,\"DE10\",\"5F7B51F\",86,4\r\n\r\nOK\r\n",
         "\r\n+QCELL: \"servingcell\",\"LTE\",460,1,de10,5f7b51f,86,4\r\n\r\nOK\r\n", "qcellex-hex-quoting"},
        {"AT+QFOTADL=\"http://h/f.bin\"", "\r\nOK\r\n\r\n+QIND: \"FOTA\",\"HTTPSTART\"\r\n",
         "\r\nOK\r\n\r\n+QIND: \"FOTA\", \"HTTPSTART\"\r\n", "qind-fota-spacing"},
        {"ATI", "\r\nAirM2M\r\nAir780E\r\nRevision: A\r\n\r\nOK\r\n", "\r\nAirM2M  \r\nAir780E  \r\nRevision: A\r\n\r\nOK\r\n",
         "example-trailing-spaces"},
        {"AT*I", STAR_I("ATVer: 1\r\nHWVer: A12\r\n"), STAR_I("HWVer: A12\r\n"), "star-i-atver-missing"},
        {"AT*I", STAR_I("ATVer: 1\r\nHWVer: A12\r\n"), STAR_I("ATVer: 1\r\nHWver: A12\r\n"), "star-i-hwver-case"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        event_log log;
        step documented[] = {{cases[i].command, cases[i].documented, 0}};
        run(documented, 1, 0, 0, &log, 512);
        if (log.violations || log.deviations)
            fail_msg("%s documented reading: %s", cases[i].erratum, log.text);
        step deviation[] = {{cases[i].command, cases[i].deviation, 0}};
        run(deviation, 1, 0, 0, &log, 512);
        if (log.violations || !has(&log, cases[i].erratum))
            fail_msg("%s deviant reading: %s", cases[i].erratum, log.text);
    }
}

/* After ATE0 is answered OK an echo breaks 2.4 (the spec's command-echo rule); ATE1, AT&F and the RDY banner of a
 * restart turn it back on; an ATE0 refused leaves it on; the same events at every split. */
static const step echo_off_then_on[] = {
    {"ATE0", "ATE0\r\r\nOK\r\n", 0},
    {"AT", "\r\nOK\r\n", 0},
    {"AT+CSQ", "AT+CSQ\r\r\n+CSQ: 16,99\r\n\r\nOK\r\n", 0}, /* echoed while off */
    {"ATE1", "\r\nOK\r\n", 0},
    {"AT", "AT\r\r\nOK\r\n", 0},
};

static void test_echo_after_ate0_is_a_violation(void **state)
{
    (void)state;
    event_log log;
    run(echo_off_then_on, sizeof echo_off_then_on / sizeof echo_off_then_on[0], 0, 0, &log, 512);
    assert_int_equal(log.violations, 1);
    assert_true(has(&log, "VIOLATION L5 @17 echo-while-off \"AT+CSQ\""));
    assert_true(has(&log, "ECHO L11 @51 AT \"AT\"")); /* after ATE1: no violation */
    assert_split_invariant(echo_off_then_on, sizeof echo_off_then_on / sizeof echo_off_then_on[0], 512);
    static const step restored[] = {
        {"ATE0", "\r\nOK\r\n", 0}, {"AT&F", "\r\nOK\r\n", 0}, {"AT", "AT\r\r\nOK\r\n", 0},
        {"ATE0", "\r\nOK\r\n", 0}, {NULL, "\r\nRDY\r\n", 0},     {"AT", "AT\r\r\nOK\r\n", 0},
    };
    run(restored, sizeof restored / sizeof restored[0], 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    static const step refused[] = {{"ATE0", "\r\nERROR\r\n", 0}, {"AT", "AT\r\r\nOK\r\n", 0}};
    run(refused, 2, 0, 0, &log, 512);
    assert_false(has(&log, "echo-while-off")); /* (ERROR is not among ATE's results: final-not-allowed) */
}

/* V.250 §6.2.1's example: "ATS3=30" is ended by CR, its result code and what follows use character 30; S4 likewise
 * (the spec's line-characters rule). A refused line keeps the old characters; AT&F and a restart restore CR LF. The
 * bytes are those the emulator writes, and the same events come at every split. */
static const step line_chars[] = {
    {"ATS3=30", "ATS3=30\r\x1e\nOK\x1e\n", 0},
    {"AT+CSQ", "AT+CSQ\x1e\x1e\n+CSQ: 16,99\x1e\n\x1e\nOK\x1e\n", 0},
    {"ATS4=31", "ATS4=31\x1e\x1e\x1fOK\x1e\x1f", 0},
    {"AT", "AT\x1e\x1e\x1fOK\x1e\x1f", 0},
    {"AT&F", "AT&F\x1e\r\nOK\r\n", 0},
    {"AT", "AT\r\r\nOK\r\n", 0},
};

static void test_s3_and_s4_frame_what_follows(void **state)
{
    (void)state;
    event_log log;
    run(line_chars, sizeof line_chars / sizeof line_chars[0], 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "INFO L4 @23 AT+CSQ \"+CSQ: 16,99\" n=2")); /* S3 30, S4 still LF */
    assert_true(has(&log, "FINAL L8 @52 OK \"OK\"")); /* S4 31 as well: ATS4's own result uses it */
    assert_true(has(&log, "FINAL L12 @72 OK \"OK\""));  /* AT&F: CR LF again */
    assert_true(has(&log, "FINAL L14 @81 OK \"OK\""));
    assert_split_invariant(line_chars, sizeof line_chars / sizeof line_chars[0], 512);
    inferring = true; /* a raw capture: the echoes name the commands */
    static const step raw[] = {{NULL, "ATS3=30\r\x1e\nOK\x1e\nAT\x1e\x1e\nOK\x1e\nAT&F\x1e\r\nOK\r\nAT\r\r\nOK\r\n", 0}};
    run(raw, 1, 0, 0, &log, 512);
    inferring = false;
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "ECHO L3 @14 AT \"AT\""));
    assert_true(has(&log, "FINAL L8 @39 OK \"OK\"")); /* after AT&F: CR LF */
    static const step refused[] = {{"ATS3=30", "\r\nERROR\r\n", 0}, {"AT", "AT\r\r\nOK\r\n", 0}};
    run(refused, 2, 0, 0, &log, 512);
    assert_int_equal(log.violations, 0); /* ERROR in the old framing: S3 stays CR */
    static const step old_kept[] = {{"ATS3=30", "\r\nERROR\r\n", 0}, {"AT", "AT\x1e\x1e\nOK\x1e\n", 0}};
    run(old_kept, 2, 0, 0, &log, 512);
    assert_true(log.violations > 0); /* ...so character 30 ends no line */
}

/* ATD*99# (27.007 §10.2.1.1): after CONNECT the lines are data, unchecked (PPP frames: 0x7e flags, no CR or LF of
 * their own, here one that looks like an answer), until OK after the escape; ATO resumes, and NO CARRIER ends the
 * call. The same events at every split. */
static const step data_call[] = {
    {"ATD*99***1#", BYTES("ATD*99***1#\r\r\nCONNECT\r\n~\xff\x7d\x23\xc0!+CSQ: 99,99\x00~")},
    {NULL, "\r\nOK\r\n", 0},
    {"ATO", "ATO\r\r\nCONNECT\r\n~\x01\x02~\r\nNO CARRIER\r\n", 0},
    {"AT", "AT\r\r\nOK\r\n", 0},
};

static void test_data_call_online_until_its_result(void **state)
{
    (void)state;
    event_log log;
    run(data_call, sizeof data_call / sizeof data_call[0], 0, 0, &log, 512);
    assert_int_equal(log.violations, 0);
    assert_true(has(&log, "FINAL L2 @14 CONNECT \"CONNECT\""));
    assert_true(has(&log, "DATA L3 @23 ")); /* the frame, as one line of data */
    assert_true(has(&log, "FINAL L4 @44 OK \"OK\""));
    assert_true(has(&log, "FINAL L8 @69 NO_CARRIER \"NO CARRIER\""));
    assert_true(has(&log, "FINAL L10 @86 OK \"OK\""));
    assert_split_invariant(data_call, sizeof data_call / sizeof data_call[0], 512);
}

/* A fuzzer's find (corpus/regressions/stream/split-at-a-blank-lines-crlf): an answer cut after a blank line, its
 * missing result reported at the end, placed at the same byte whether the blank line's CR LF came whole or split. */
static void test_report_after_a_blank_line_at_every_split(void **state)
{
    (void)state;
    static const step cut[] = {{"AT+CSQ", "AT+CSQ\r\r\n+CSQ: 16,99\r\n\r\n", 0}};
    event_log log;
    run(cut, 1, 0, 0, &log, 512);
    assert_true(has(&log, "VIOLATION L3 @22 missing-line")); /* at the blank line, as when it comes split */
    assert_split_invariant(cut, 1, 512);
}

/* V.250 §6.2.5 (the spec's result-suppression rule): after ATQ1, its own line included, command lines get no result
 * code and the next command line ends the answer; ATQ0 and a restart bring them back. */
static void test_q1_answers_without_result_codes(void **state)
{
    (void)state;
    static const step quiet[] = {
        {"ATQ1", "ATQ1\r", 0},
        {"AT+CSQ", "AT+CSQ\r\r\n+CSQ: 16,99\r\n", 0},
        {"ATQ0", "ATQ0\r\r\nOK\r\n", 0},
        {"AT+CSQ", "AT+CSQ\r\r\n+CSQ: 16,99\r\n", 0}, /* Q0 again: the missing OK is a violation */
        {"ATQ1Q0", "ATQ1Q0\r\r\nOK\r\n", 0},
    };
    event_log log;
    run(quiet, sizeof quiet / sizeof quiet[0], 0, 0, &log, 512);
    assert_int_equal(log.violations, 1);
    assert_true(has(&log, "VIOLATION L6 @47 missing-line"));
    assert_split_invariant(quiet, sizeof quiet / sizeof quiet[0], 512);
}

static void test_parse_makes_no_heap_allocation(void **state)
{
    (void)state;
    event_log log;
    size_t before = heap_calls;
    run(qird_tricky, 1, 1, 0, &log, 512);
    run(send_and_push, 2, 0, 0, &log, 512);
    run(cereg_mix, 1, 3, 0, &log, 512);
    run(echo_off_then_on, sizeof echo_off_then_on / sizeof echo_off_then_on[0], 2, 0, &log, 512);
    assert_int_equal(heap_calls - before, 0);
    volatile char *probe = malloc(1); /* the counter itself works (a volatile store keeps the call) */
    probe[0] = 1;
    free((void *)probe);
    assert_int_equal(heap_calls - before, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_echo_info_final),
        cmocka_unit_test(test_urc_before_the_echo),
        cmocka_unit_test(test_every_split_gives_the_same_events),
        cmocka_unit_test(test_payload_holding_ok_and_urc_is_read_by_length),
        cmocka_unit_test(test_payload_longer_than_what_arrives),
        cmocka_unit_test(test_payload_shorter_than_what_arrives),
        cmocka_unit_test(test_urc_between_response_and_final),
        cmocka_unit_test(test_solicited_cereg_is_not_a_urc_and_back),
        cmocka_unit_test(test_overlong_line_is_cut_reported_and_parsing_goes_on),
        cmocka_unit_test(test_prompt_with_and_without_space),
        cmocka_unit_test(test_framing_violations),
        cmocka_unit_test(test_result_code_problems),
        cmocka_unit_test(test_errata_read_both_ways),
        cmocka_unit_test(test_echo_after_ate0_is_a_violation),
        cmocka_unit_test(test_parse_makes_no_heap_allocation),
        cmocka_unit_test(test_pushed_payload_length_lies),
        cmocka_unit_test(test_infer_takes_the_echo_as_the_command),
        cmocka_unit_test(test_infer_names_the_command_by_its_answer_after_ate0),
        cmocka_unit_test(test_infer_reads_a_payload_by_its_length),
        cmocka_unit_test(test_infer_urc_then_result_code),
        cmocka_unit_test(test_infer_concatenated_lower_case_echo),
        cmocka_unit_test(test_infer_notes_before_the_first_anchor),
        cmocka_unit_test(test_s3_and_s4_frame_what_follows),
        cmocka_unit_test(test_data_call_online_until_its_result),
        cmocka_unit_test(test_report_after_a_blank_line_at_every_split),
        cmocka_unit_test(test_q1_answers_without_result_codes),
    };
    return cmocka_run_group_tests(tests, load_spec, free_spec);
}
