/* tests/unit/check/test_transcript.c — cmocka tests of check/'s transcript reader: each form (raw with echo, raw
 * RX-only, marked, plain, socat -v, run log) detected, and read the same whole, byte by byte and split anywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "spec.h"

static spec_opened spec;

static int open_spec(void **state)
{
    (void)state;
    return spec_open(&spec, QAT_SPEC_DIR, "test") ? 0 : -1;
}

static int close_spec(void **state)
{
    (void)state;
    spec_close(&spec);
    return 0;
}

/* Every event as "LINE KIND", one a line; a payload's chunks (they follow the splits) as one. */
typedef struct {
    char text[8192];
    size_t len;
    bool in_payload;
} event_log;

static void on_event(void *user, const qat_event *ev, uint64_t line)
{
    event_log *log = user;
    bool chunk = ev->kind == QAT_EV_PAYLOAD && log->in_payload;
    log->in_payload = ev->kind == QAT_EV_PAYLOAD;
    if (chunk)
        return;
    int w = snprintf(log->text + log->len, sizeof log->text - log->len, "%llu %d %s\n", (unsigned long long)line,
                     (int)ev->kind, ev->kind == QAT_EV_VIOLATION ? qat_violation_name(ev->violation) : "");
    if (w > 0 && (size_t)w < sizeof log->text - log->len)
        log->len += (size_t)w;
}

/* TEXT read as FORMAT, fed in pieces of PIECE bytes (0: whole) or split once at SPLIT. */
static void read_as(transcript_format format, const char *text, size_t len, size_t piece, size_t split, event_log *log,
                    transcript_counts *counts)
{
    memset(log, 0, sizeof *log);
    transcript_reader *r = transcript_reader_new(&spec.c, format, on_event, log, counts);
    for (size_t at = 0; at < len;) {
        size_t k = piece ? piece : split && at < split ? split - at : len - at;
        k = k < len - at ? k : len - at;
        transcript_reader_feed(r, text + at, k);
        at += k;
    }
    transcript_reader_end(r);
}

/* TEXT is detected as WANT, reads with VIOLATIONS violations and COMMANDS commands (INFERRED of them inferred), and
 * every way of splitting it gives the same events and counts. */
static void check_form(const char *text, transcript_format want, uint64_t commands, uint64_t inferred,
                       uint64_t violations)
{
    size_t len = strlen(text);
    transcript_format f = transcript_detect(text, len);
    assert_string_equal(transcript_format_name(f), transcript_format_name(want));
    static event_log whole, other;
    transcript_counts c, d;
    read_as(f, text, len, 0, 0, &whole, &c);
    assert_int_equal(c.commands, commands);
    assert_int_equal(c.inferred, inferred);
    assert_int_equal(c.violations, violations);
    read_as(f, text, len, 1, 0, &other, &d);
    assert_string_equal(whole.text, other.text);
    assert_memory_equal(&c, &d, sizeof c);
    for (size_t split = 1; split < len; split++) {
        read_as(f, text, len, 0, split, &other, &d);
        assert_string_equal(whole.text, other.text);
        assert_memory_equal(&c, &d, sizeof c);
    }
}

static void test_raw_with_echo(void **state)
{
    (void)state;
    check_form("AT+CSQ\r\r\n+CSQ: 16,99\r\n\r\nOK\r\nATE0\r\r\nOK\r\n\r\n+CEREG: 1\r\n\r\nOK\r\n", TRANSCRIPT_RAW, 3, 1, 0);
}

static void test_raw_rx_only(void **state)
{
    (void)state;
    check_form("\r\n+QIRD: 8\r\n\r\nOK\r\n\r\n\r\n\r\nOK\r\n\r\n+CSQ: 15,99\r\n\r\nOK\r\n", TRANSCRIPT_RAW, 2, 2, 0);
}

static void test_marked(void **state)
{
    (void)state;
    check_form("> AT+CSQ\\r\n< +CSQ: 16,99\n< OK\n> AT+CSQ\\r\n< \\r\\n+CSQ: 16,100\\r\\n\\r\\nOK\\r\\n\n", TRANSCRIPT_MARKED,
               2, 0, 1);
}

static void test_plain(void **state)
{
    (void)state;
    check_form("AT+QIRD=0,1500\n+QIRD: 4\nOK\n\nOK\n", TRANSCRIPT_PLAIN, 1, 0, 0);
}

static void test_socat(void **state)
{
    (void)state;
    check_form("> 2026/12/03 17:58:05.000862310  length=7 from=0 to=6\n"
               "AT+CSQ\\r< 2026/12/03 17:58:05.000864542  length=28 from=0 to=27\n"
               "AT+CSQ\\r\\r\n+CSQ: 15,99\\r\n\\r\nOK\\r\n"
               "2026/12/03 17:58:05 socat[1] N exiting with status 0\n",
               TRANSCRIPT_SOCAT, 1, 0, 0);
}

static void test_runlog(void **state)
{
    (void)state;
    check_form("   0.022940 # case qat/2.4/5 (invalid)  ATE exec: <value> out of range 2\n"
               "   0.022941 > ATE2\\r\n"
               "   0.023104 < ATE2\\r\\r\\nERROR\\r\\n\n"
               "   0.023145 > AT+CSQ\\r\n"
               "   0.023367 < AT+CSQ\\r\\r\\n+CSQ: 15,99\\r\\n\\r\\nOK\\r\\n\n",
               TRANSCRIPT_RUNLOG, 2, 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raw_with_echo), cmocka_unit_test(test_raw_rx_only), cmocka_unit_test(test_marked),
        cmocka_unit_test(test_plain),         cmocka_unit_test(test_socat),       cmocka_unit_test(test_runlog),
    };
    return cmocka_run_group_tests_name("transcript forms", tests, open_spec, close_spec);
}
