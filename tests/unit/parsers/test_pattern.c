/* test_pattern.c — cmocka tests of the pattern-notation scanner (qat_pattern.h).
 * Each pattern is scanned from a heap copy of exactly its length, and its tokens are written as a string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qat_pattern.h"

/* The tokens of PATTERN, one word each: L'text' F<name> S<name> / [ ] ... E@offset:error. */
static void describe(const char *pattern, char *out, size_t size)
{
    size_t len = strlen(pattern), used = 0;
    char *copy = malloc(len ? len : 1);
    memcpy(copy, pattern, len);
    qat_pat_scanner s;
    qat_pat_token t;
    qat_pat_init(&s, copy, len);
    out[0] = '\0';
    for (int guard = 0; qat_pat_next(&s, &t) != QAT_PAT_END && guard < 1000; guard++) {
        const char *sep = used ? " " : "";
        int n = 0;
        switch (t.kind) {
        case QAT_PAT_LITERAL: n = snprintf(out + used, size - used, "%sL'%.*s'", sep, (int)t.len, copy + t.offset); break;
        case QAT_PAT_FIELD: n = snprintf(out + used, size - used, "%sF<%.*s>", sep, (int)t.name_len, t.name); break;
        case QAT_PAT_LIST: n = snprintf(out + used, size - used, "%sS<%.*s>", sep, (int)t.name_len, t.name); break;
        case QAT_PAT_EITHER: n = snprintf(out + used, size - used, "%s/", sep); break;
        case QAT_PAT_OPEN: n = snprintf(out + used, size - used, "%s[%u", sep, t.depth); break;
        case QAT_PAT_CLOSE: n = snprintf(out + used, size - used, "%s]%u", sep, t.depth); break;
        case QAT_PAT_REPEAT: n = snprintf(out + used, size - used, "%s...", sep); break;
        default:
            n = snprintf(out + used, size - used, "%sE@%zu:%s", sep, t.offset, qat_pat_error_text(t.error));
            break;
        }
        used += (size_t)n;
    }
    free(copy);
}

static void expect_tokens(const char *pattern, const char *tokens)
{
    char got[2048];
    describe(pattern, got, sizeof got);
    if (strcmp(got, tokens) != 0)
        fail_msg("pattern %s\n  expected %s\n  got      %s", pattern, tokens, got);
}

static void test_plain_literals(void **state)
{
    (void)state;
    expect_tokens("AT", "L'AT'");
    expect_tokens("OK", "L'OK'");
    expect_tokens("> ", "L'> '");
    expect_tokens("+QLTS:", "L'+QLTS:'");
    expect_tokens("", "");
}

static void test_fields(void **state)
{
    (void)state;
    expect_tokens("+CSQ: <rsi>,<ber>", "L'+CSQ: ' F<rsi> L',' F<ber>");
    expect_tokens("<IMEI>", "F<IMEI>");
    expect_tokens("AT+QIACT=<contextID>", "L'AT+QIACT=' F<contextID>");
    expect_tokens("+QIURC: \"recv\",<connectID>", "L'+QIURC: \"recv\",' F<connectID>");
    expect_tokens("ATS<n>=<value>", "L'ATS' F<n> L'=' F<value>");
}

static void test_optional_parts(void **state)
{
    (void)state;
    expect_tokens("AT+QIRD=<connectID>[,<read_length>]", "L'AT+QIRD=' F<connectID> [1 L',' F<read_length> ]1");
    expect_tokens("ATE[<value>]", "L'ATE' [1 F<value> ]1");
    expect_tokens("AT+QFOTADL=<HTTP_URL>[,<upgrade_mode>[,<download_URC_max>[,<update_URC_max>]]]",
                  "L'AT+QFOTADL=' F<HTTP_URL> [1 L',' F<upgrade_mode> [2 L',' F<download_URC_max> [3 L',' "
                  "F<update_URC_max> ]3 ]2 ]1");
    expect_tokens("+CEREG: <n>,<stat>[,[<tac>],[<ci>],[<AcT>][,<cause_type>,<reject_cause>]]",
                  "L'+CEREG: ' F<n> L',' F<stat> [1 L',' [2 F<tac> ]2 L',' [2 F<ci> ]2 L',' [2 F<AcT> ]2 [2 L',' "
                  "F<cause_type> L',' F<reject_cause> ]2 ]1");
}

static void test_repeat(void **state)
{
    (void)state;
    expect_tokens("AT+CGPADDR=<cid>[,<cid>[...]]", "L'AT+CGPADDR=' F<cid> [1 L',' F<cid> [2 ... ]2 ]1");
    expect_tokens("a....b", "L'a' ... L'.b'");
}

static void test_lists(void **state)
{
    (void)state;
    expect_tokens("+CSQ: (list of supported <rsi>s),(list of supported <ber>s)", "L'+CSQ: ' S<rsi> L',' S<ber>");
    expect_tokens("+IPR: (list of supported <rate>s)", "L'+IPR: ' S<rate>");
    /* not the whole construct: a literal "(" and a plain field */
    expect_tokens("(list of supported <n>)", "L'(list of supported ' F<n> L')'");
    expect_tokens("(list of <n>s)", "L'(list of ' F<n> L's)'");
}

static void test_either(void **state)
{
    (void)state;
    expect_tokens("<IP_address>/<domain_name>,<port>", "F<IP_address> / F<domain_name> L',' F<port>");
    expect_tokens("http://<host>:<port>/x", "L'http://' F<host> L':' F<port> L'/x'");
    expect_tokens("a/<b>", "L'a/' F<b>");
    expect_tokens("<a>/b", "F<a> L'/b'");
}

static void test_unmatched_close(void **state)
{
    (void)state;
    expect_tokens("]", "E@0:unmatched ']'");
    expect_tokens("AT+X=<a>]", "L'AT+X=' F<a> E@8:unmatched ']'");
    /* the 2.10 table as printed: two "]" too many, the scan goes on */
    expect_tokens("<n>[,<t>],[<c>]]]", "F<n> [1 L',' F<t> ]1 L',' [1 F<c> ]1 E@15:unmatched ']' E@16:unmatched ']'");
}

static void test_unclosed_open(void **state)
{
    (void)state;
    expect_tokens("[", "[1 E@0:unclosed '['");
    expect_tokens("AT+X=<a>[,<b>", "L'AT+X=' F<a> [1 L',' F<b> E@8:unclosed '['");
    /* the outermost unclosed "[" is named, once */
    expect_tokens("a[b[c[d]", "L'a' [1 L'b' [2 L'c' [3 L'd' ]3 E@1:unclosed '['");
    expect_tokens("a]b[c", "L'a' E@1:unmatched ']' L'b' [1 L'c' E@3:unclosed '['");
}

static void test_bad_fields(void **state)
{
    (void)state;
    expect_tokens("<", "E@0:unclosed '<'");
    expect_tokens("AT+X=<abc", "L'AT+X=' E@5:unclosed '<' L'abc'");
    expect_tokens("<a<b>", "E@0:unclosed '<' L'a' F<b>");
    expect_tokens("<a[b>]", "E@0:unclosed '<' L'a' [1 L'b>' ]1");
    expect_tokens("x<>y", "L'x' E@1:empty '<>' L'y'");
    expect_tokens("<>", "E@0:empty '<>'");
}

static void test_token_offsets(void **state)
{
    (void)state;
    const char *p = "AT+QIRD=<connectID>[,<read_length>]";
    qat_pat_scanner s;
    qat_pat_token t;
    qat_pat_init(&s, p, strlen(p));
    assert_int_equal(qat_pat_next(&s, &t), QAT_PAT_LITERAL);
    assert_int_equal(t.offset, 0);
    assert_int_equal(t.len, 8);
    assert_int_equal(qat_pat_next(&s, &t), QAT_PAT_FIELD);
    assert_int_equal(t.offset, 8);
    assert_int_equal(t.len, 11);
    assert_ptr_equal(t.name, p + 9);
    assert_int_equal(t.name_len, 9);
    assert_int_equal(qat_pat_next(&s, &t), QAT_PAT_OPEN);
    assert_int_equal(t.offset, 19);
    while (qat_pat_next(&s, &t) != QAT_PAT_END)
        ;
    assert_int_equal(t.offset, strlen(p));
    assert_int_equal(qat_pat_next(&s, &t), QAT_PAT_END); /* stays at the end */
}

static void test_null_text(void **state)
{
    (void)state;
    qat_pat_scanner s;
    qat_pat_token t;
    qat_pat_init(&s, NULL, 5);
    assert_int_equal(qat_pat_next(&s, &t), QAT_PAT_END);
    assert_string_equal(qat_pat_error_text(QAT_PAT_OK), "no error");
}

/* Every byte value, in every position, scans to the end without reading past the text. */
static void test_all_bytes(void **state)
{
    (void)state;
    char text[3];
    for (int a = 0; a < 256; a++)
        for (int b = 0; b < 256; b += 7) {
            text[0] = (char)a;
            text[1] = (char)b;
            text[2] = '<';
            for (size_t len = 1; len <= 3; len++) {
                char *copy = malloc(len);
                memcpy(copy, text, len);
                qat_pat_scanner s;
                qat_pat_token t;
                qat_pat_init(&s, copy, len);
                int steps = 0;
                while (qat_pat_next(&s, &t) != QAT_PAT_END)
                    assert_true(++steps <= 8);
                free(copy);
            }
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_literals), cmocka_unit_test(test_fields),
        cmocka_unit_test(test_optional_parts), cmocka_unit_test(test_repeat),
        cmocka_unit_test(test_lists),          cmocka_unit_test(test_either),
        cmocka_unit_test(test_unmatched_close), cmocka_unit_test(test_unclosed_open),
        cmocka_unit_test(test_bad_fields),     cmocka_unit_test(test_token_offsets),
        cmocka_unit_test(test_null_text),      cmocka_unit_test(test_all_bytes),
    };
    return cmocka_run_group_tests_name("qat_pattern", tests, NULL, NULL);
}
