/* tests/unit/check/test_baseline.c — cmocka tests of check/baseline.c, the yardstick bench prints beside the checker.
 * One small hand-written stream split at every byte: the counts never change, payloads holding "\r\nOK\r\n" included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"

/* Every kind of line the reader tells apart; the comments count what each adds. */
static const char stream[] =
    "RDY\r\n"                                          /* URC */
    "\r\n+CEREG: 1\r\n"                                /* URC */
    "AT+QIRD=0,1500\r"                                 /* an echo: a line only */
    "\r\n+QIRD: 10\r\n" "ab\r\nOK\r\ncd" "\r\n\r\nOK\r\n" /* info, a payload of 10 bytes, result */
    "\r\n+QIURC: \"recv\",1,8\r\n" "\r\nOK\r\n\0\0"    /* URC, a pushed payload of 8 bytes */
    "\r\n+QIRD:6\r\n" "\r\nOK\r\n" "\r\nOK\r\n"        /* info, a payload of 6 bytes (no space), result */
    "\r\n+QIRD: 5,4,1\r\n\r\nOK\r\n"                   /* info (the length query: no payload), result */
    "\r\n+QIRD: 4,\"10.0.0.1\",80\r\n" "wxyz" "\r\n\r\nOK\r\n" /* info, a payload of 4 bytes, result */
    "\r\n+QIURC: \"recv\",2\r\n"                       /* URC (buffer mode: no payload) */
    "\r\n> hello\r\n"                                  /* prompt */
    "\r\nSEND OK\r\n\r\n+CME ERROR: 3\r\n"             /* result, result */
    "\r\n+CSQ: 15,99\r\n"                              /* info */
    "\r\n+XYZ: a line longer than the reader keeps of a line split across reads, which it counts as a line all the "
    "same and forgets past its first bytes, 0123456789 0123456789 0123456789 0123456789 0123456789\r\n" /* a line */
    "\r\nCONNECT\r\n"                                  /* result */
    "\r\nERROR";                                       /* result, without its CR LF: counted at the end */

static void check_counts(const baseline_reader *r)
{
    assert_int_equal(r->n.lines, 20);
    assert_int_equal(r->n.results, 8);
    assert_int_equal(r->n.urcs, 4);
    assert_int_equal(r->n.infos, 5);
    assert_int_equal(r->n.prompts, 1);
    assert_int_equal(r->n.payloads, 4);
}

static void test_whole(void **state)
{
    (void)state;
    baseline_reader r;
    baseline_init(&r);
    baseline_feed(&r, stream, sizeof stream - 1);
    baseline_finish(&r);
    check_counts(&r);
}

static void test_split_everywhere(void **state)
{
    (void)state;
    for (size_t at = 0; at < sizeof stream; at++) {
        baseline_reader r;
        baseline_init(&r);
        baseline_feed(&r, stream, at);
        baseline_feed(&r, stream + at, sizeof stream - 1 - at);
        baseline_finish(&r);
        check_counts(&r);
    }
}

static void test_byte_by_byte(void **state)
{
    (void)state;
    baseline_reader r;
    baseline_init(&r);
    for (size_t i = 0; i < sizeof stream - 1; i++)
        baseline_feed(&r, stream + i, 1);
    baseline_finish(&r);
    check_counts(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole),
        cmocka_unit_test(test_split_everywhere),
        cmocka_unit_test(test_byte_by_byte),
    };
    return cmocka_run_group_tests_name("baseline", tests, NULL, NULL);
}
