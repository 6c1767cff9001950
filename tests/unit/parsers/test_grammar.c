/* test_grammar.c — cmocka tests of the pattern compiler and line matcher (parsers/qat_grammar.c).
 * Patterns and lines are the manual's; each refusal is checked for its byte offset and what was expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "qat_grammar.h"

static const qat_range rsi_values[] = {{0, 31}, {99, 99}, {100, 191}, {199, 199}};
static const qat_range ber_values[] = {{0, 7}, {99, 99}};
static const qat_range n_values[] = {{0, 2}};
static const qat_range stat_values[] = {{0, 5}};
static const qat_range act_values[] = {{0, 7}};
static const qat_range cid_values[] = {{1, 15}};
static const qat_range port_values[] = {{0, 65535}};
static const char *const service_types[] = {"TCP", "UDP", "TCP LISTENER", "UDP SERVICE"};

static const qat_param params[] = {
    {.name = "rsi", .type = QAT_TYPE_INT, .ranges = rsi_values, .n_ranges = 4},
    {.name = "ber", .type = QAT_TYPE_INT, .ranges = ber_values, .n_ranges = 2},
    {.name = "n", .type = QAT_TYPE_INT, .ranges = n_values, .n_ranges = 1},
    {.name = "stat", .type = QAT_TYPE_INT, .ranges = stat_values, .n_ranges = 1},
    {.name = "tac", .type = QAT_TYPE_HEX, .quoted = true, .digits = {4, 4}},
    {.name = "ci", .type = QAT_TYPE_HEX, .quoted = true, .digits = {1, 8}},
    {.name = "AcT", .type = QAT_TYPE_INT, .ranges = act_values, .n_ranges = 1},
    {.name = "cause_type", .type = QAT_TYPE_INT},
    {.name = "reject_cause", .type = QAT_TYPE_INT},
    {.name = "cid", .type = QAT_TYPE_INT, .ranges = cid_values, .n_ranges = 1},
    {.name = "service_type", .type = QAT_TYPE_ENUM, .quoted = true, .enum_values = service_types, .n_enum_values = 4},
    {.name = "IP_address", .type = QAT_TYPE_IPV4, .quoted = true},
    {.name = "domain_name", .type = QAT_TYPE_STRING, .quoted = true, .min_len = 1},
    {.name = "remote_port", .type = QAT_TYPE_INT, .ranges = port_values, .n_ranges = 1},
    {.name = "Buildtime", .type = QAT_TYPE_TEXT, .min_len = 1},
};
static const qat_param_set sets[] = {{params, sizeof params / sizeof params[0]}};

typedef struct {
    qat_op ops[QAT_GRAMMAR_MAX_OPS];
    qat_grammar g;
    qat_field fields[16];
} compiled;

static void compile_ok(compiled *c, const char *pattern, bool fold_case)
{
    qat_compile_result r = qat_grammar_compile(&c->g, pattern, strlen(pattern), sets, 1, c->ops, QAT_GRAMMAR_MAX_OPS);
    assert_int_equal(r.status, QAT_COMPILE_OK);
    c->g.fold_case = fold_case;
}

static qat_match match(compiled *c, const char *line)
{
    return qat_grammar_match(&c->g, line, strlen(line), c->fields, 16);
}

static void test_csq_line(void **state)
{
    (void)state;
    compiled c;
    compile_ok(&c, "+CSQ: <rsi>,<ber>", false);
    qat_match m = match(&c, "+CSQ: 15,99");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_int_equal(m.n_fields, 2);
    assert_string_equal(c.fields[0].param->name, "rsi");
    assert_int_equal(c.fields[0].number, 15);
    assert_int_equal(c.fields[0].offset, 6);
    assert_int_equal(c.fields[1].number, 99);
}

static void test_csq_refusals_name_offset_and_expectation(void **state)
{
    (void)state;
    compiled c;
    char msg[256];
    compile_ok(&c, "+CSQ: <rsi>,<ber>", false);

    qat_match m = match(&c, "+CSQ: 32,99");
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.value, QAT_VALUE_OUT_OF_RANGE);
    assert_int_equal(m.offset, 6);
    qat_match_describe(&m, "+CSQ: 32,99", 11, msg, sizeof msg);
    assert_non_null(strstr(msg, "<rsi> (int: 0-31, 99, 100-191, 199)"));
    assert_non_null(strstr(msg, "at byte 6"));

    m = match(&c, "+CSQ:15,99"); /* missing space */
    assert_int_equal(m.status, QAT_MATCH_LITERAL);
    assert_int_equal(m.offset, 5);
    qat_op_describe(m.expected, msg, sizeof msg);
    assert_string_equal(msg, "\"+CSQ: \"");

    m = match(&c, "+CSQ: 15"); /* missing field */
    assert_int_equal(m.status, QAT_MATCH_LITERAL);
    assert_int_equal(m.offset, 8);

    m = match(&c, "+CSQ: 15,"); /* empty field */
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.value, QAT_VALUE_EMPTY);
    assert_int_equal(m.offset, 9);

    m = match(&c, "+CSQ: 15,99,1"); /* extra field */
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.offset, 11);
}

static void test_nested_optional_groups(void **state)
{
    (void)state;
    compiled c;
    compile_ok(&c, "+CEREG: <n>,<stat>[,[<tac>],[<ci>],[<AcT>][,<cause_type>,<reject_cause>]]", false);

    qat_match m = match(&c, "+CEREG: 2,1,\"DE10\",\"05F7B51F\",7");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_int_equal(m.n_fields, 5);
    assert_string_equal(c.fields[2].param->name, "tac");
    assert_int_equal(c.fields[2].len, 4);
    assert_memory_equal(c.fields[2].text, "DE10", 4);

    assert_int_equal(match(&c, "+CEREG: 0,1").status, QAT_MATCH_OK);
    m = match(&c, "+CEREG: 2,1,,,7");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_int_equal(m.n_fields, 3);
    assert_int_equal(match(&c, "+CEREG: 2,1,\"DE10\",\"05F7B51F\",7,0,15").status, QAT_MATCH_OK);

    m = match(&c, "+CEREG: 2,1,\"DE1\",\"05F7B51F\",7"); /* TAC is two bytes: 4 hex digits */
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.value, QAT_VALUE_TOO_SHORT);
    assert_int_equal(m.offset, 16);

    m = match(&c, "+CEREG: 2,1,DE10,\"05F7B51F\",7"); /* bare where quoted */
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.value, QAT_VALUE_MISSING_QUOTE);
    assert_int_equal(m.offset, 12);
}

static void test_supported_value_lists(void **state)
{
    (void)state;
    compiled c;
    compile_ok(&c, "+CSQ: (list of supported <rsi>s),(list of supported <ber>s)", false);
    qat_match m = match(&c, "+CSQ: (0-31,99,100-191,199),(0-7,99)");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_int_equal(m.n_fields, 2);
    assert_int_equal(c.fields[0].number, 4); /* items in the list */

    m = match(&c, "+CSQ: (0-32),(99)");
    assert_int_equal(m.status, QAT_MATCH_LIST);
    assert_int_equal(m.offset, 7);
    assert_int_equal(m.value, QAT_VALUE_OUT_OF_RANGE);

    m = match(&c, "+CSQ: (5-1),(99)"); /* an empty range */
    assert_int_equal(m.status, QAT_MATCH_LIST);

    m = match(&c, "+CSQ: (0-31,99,(0-7)");
    assert_int_not_equal(m.status, QAT_MATCH_OK);
    m = match(&c, "+CSQ: 0-31,(0-7)");
    assert_int_equal(m.status, QAT_MATCH_LITERAL);
    assert_int_equal(m.offset, 6);
}

static void test_repeat_and_case_folding(void **state)
{
    (void)state;
    compiled c;
    compile_ok(&c, "+CGPADDR=<cid>[,<cid>[...]]", true);
    qat_match m = match(&c, "+CGPADDR=1,2,3");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_int_equal(m.n_fields, 3);
    assert_int_equal(c.fields[2].number, 3);
    assert_int_equal(match(&c, "+cgpaddr=1").status, QAT_MATCH_OK);
    m = match(&c, "+CGPADDR=1,16");
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.offset, 11);
    m = match(&c, "+CGPADDR=1,");
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.value, QAT_VALUE_EMPTY);
}

static void test_either_field(void **state)
{
    (void)state;
    compiled c;
    compile_ok(&c, "+QIOPEN=<cid>,<service_type>,<IP_address>/<domain_name>,<remote_port>", true);
    qat_match m = match(&c, "+QIOPEN=1,\"TCP\",\"127.0.0.1\",2901");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_string_equal(c.fields[2].param->name, "IP_address");
    m = match(&c, "+QIOPEN=1,\"TCP\",\"airtest.openluat.com\",2901");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_string_equal(c.fields[2].param->name, "domain_name");
    m = match(&c, "+QIOPEN=1,\"TCP LISTENER\",\"127.0.0.1\",65536");
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.value, QAT_VALUE_OUT_OF_RANGE);
    m = match(&c, "+QIOPEN=1,\"TCPX\",\"127.0.0.1\",1");
    assert_int_equal(m.status, QAT_MATCH_VALUE);
    assert_int_equal(m.value, QAT_VALUE_NOT_IN_ENUM);
    m = match(&c, "+QIOPEN=1,\"TCP\",\"\",1");
    assert_int_equal(m.status, QAT_MATCH_VALUE);
}

static void test_literal_lines_and_trailing_bytes(void **state)
{
    (void)state;
    compiled c;
    compile_ok(&c, "OK", false);
    assert_int_equal(match(&c, "OK").status, QAT_MATCH_OK);
    qat_match m = match(&c, "OK  ");
    assert_int_equal(m.status, QAT_MATCH_TRAILING);
    assert_int_equal(m.offset, 2);
    assert_null(m.expected);
    m = match(&c, "ok");
    assert_int_equal(m.status, QAT_MATCH_LITERAL);
    assert_int_equal(m.offset, 0);
    compile_ok(&c, "Buildtime: <Buildtime>", false);
    m = match(&c, "Buildtime: Feb 9 2023 10:36:53");
    assert_int_equal(m.status, QAT_MATCH_OK);
    assert_int_equal(c.fields[0].len, 19);
}

static void test_compile_errors(void **state)
{
    (void)state;
    qat_op ops[QAT_GRAMMAR_MAX_OPS];
    qat_grammar g;
    qat_compile_result r = qat_grammar_compile(&g, "+X: <nope>", 10, sets, 1, ops, QAT_GRAMMAR_MAX_OPS);
    assert_int_equal(r.status, QAT_COMPILE_UNKNOWN_PARAM);
    assert_int_equal(r.offset, 4);
    r = qat_grammar_compile(&g, "+X: <n>]", 8, sets, 1, ops, QAT_GRAMMAR_MAX_OPS);
    assert_int_equal(r.status, QAT_COMPILE_SYNTAX);
    r = qat_grammar_compile(&g, "+X: [<n>", 8, sets, 1, ops, QAT_GRAMMAR_MAX_OPS);
    assert_int_equal(r.status, QAT_COMPILE_SYNTAX);
    r = qat_grammar_compile(&g, "+X: <n>[...]", 12, sets, 1, ops, QAT_GRAMMAR_MAX_OPS);
    assert_int_equal(r.status, QAT_COMPILE_BAD_REPEAT);
    r = qat_grammar_compile(&g, "+X: <n>,<stat>", 14, sets, 1, ops, 2);
    assert_int_equal(r.status, QAT_COMPILE_TOO_BIG);
}

/* A hostile line: thousands of repeats must end in a refusal within the step budget, not a deep stack. */
static void test_hostile_repeat_is_bounded(void **state)
{
    (void)state;
    compiled c;
    compile_ok(&c, "+CGPADDR=<cid>[,<cid>[...]]", true);
    static char line[20010];
    size_t n = (size_t)snprintf(line, sizeof line, "+CGPADDR=1");
    while (n + 2 < sizeof line - 1) {
        line[n++] = ',';
        line[n++] = '1';
    }
    line[n] = '\0';
    qat_match m = qat_grammar_match(&c.g, line, n, c.fields, 16);
    assert_int_not_equal(m.status, QAT_MATCH_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csq_line),
        cmocka_unit_test(test_csq_refusals_name_offset_and_expectation),
        cmocka_unit_test(test_nested_optional_groups),
        cmocka_unit_test(test_supported_value_lists),
        cmocka_unit_test(test_repeat_and_case_folding),
        cmocka_unit_test(test_either_field),
        cmocka_unit_test(test_literal_lines_and_trailing_bytes),
        cmocka_unit_test(test_compile_errors),
        cmocka_unit_test(test_hostile_repeat_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
