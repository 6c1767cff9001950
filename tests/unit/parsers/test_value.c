/* test_value.c — cmocka tests of qat_value: every parameter type, ranges, Luhn, status texts.
 * Each input is copied into a heap buffer of exactly its length, so ASan catches any read past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qat_value.h"

/* ---- parameters, as the spec defines them (the YAML files in specs/) ---- */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const qat_range rssi_values[] = {{0, 31}, {99, 99}, {100, 191}, {199, 199}};
static const qat_range mnc_values[] = {{0, 999}};
static const qat_range context_id_values[] = {{1, 15}};
static const qat_range length_values[] = {{0, INT64_MAX}};
static const qat_range fun_values[] = {{0, 0}, {1, 1}, {4, 4}};

static const qat_param rssi = {.name = "rssi", .type = QAT_TYPE_INT, .ranges = rssi_values, .n_ranges = 4};
static const qat_param mnc = {.name = "MNC", .type = QAT_TYPE_INT, .ranges = mnc_values, .n_ranges = 1};
static const qat_param context_id = {.name = "contextID", .type = QAT_TYPE_INT, .ranges = context_id_values, .n_ranges = 1};
static const qat_param total_len = {.name = "total_send_length", .type = QAT_TYPE_INT, .ranges = length_values, .n_ranges = 1};
static const qat_param fun = {.name = "fun", .type = QAT_TYPE_INT, .ranges = fun_values, .n_ranges = COUNT(fun_values)};
static const qat_param any_int = {.name = "n", .type = QAT_TYPE_INT};
static const qat_param quoted_int = {.name = "n", .type = QAT_TYPE_INT, .quoted = true};

static const qat_param apn = {.name = "APN", .type = QAT_TYPE_STRING, .quoted = true, .max_len = 99};
static const qat_param pin = {.name = "pin", .type = QAT_TYPE_STRING, .quoted = true, .min_len = 4, .max_len = 8};
static const qat_param domain = {.name = "domain_name", .type = QAT_TYPE_STRING, .quoted = true, .min_len = 1};
static const char *const url_prefixes[] = {"http://", "https://"};
static const qat_param url = {.name = "HTTP_URL", .type = QAT_TYPE_STRING, .quoted = true, .max_len = 255,
                              .prefixes = url_prefixes, .n_prefixes = 2};
static const qat_param bare_string = {.name = "s", .type = QAT_TYPE_STRING, .quoted = false};

static const qat_param revision = {.name = "revision", .type = QAT_TYPE_TOKEN, .min_len = 1};
static const qat_param short_token = {.name = "t", .type = QAT_TYPE_TOKEN, .min_len = 2, .max_len = 4};

static const qat_param buildtime = {.name = "Buildtime", .type = QAT_TYPE_TEXT, .min_len = 1};
static const qat_param any_text = {.name = "t", .type = QAT_TYPE_TEXT};
static const qat_param short_text = {.name = "t", .type = QAT_TYPE_TEXT, .max_len = 5};

static const qat_param tac = {.name = "tac", .type = QAT_TYPE_HEX, .quoted = true, .digits = {4, 4}};
static const qat_param ci = {.name = "ci", .type = QAT_TYPE_HEX, .quoted = true, .digits = {1, 8}};
static const qat_param tac_upper = {.name = "tac", .type = QAT_TYPE_HEX, .quoted = true, .digits = {4, 4},
                                    .hex_case = QAT_CASE_UPPER};
static const qat_param tac_lower = {.name = "tac", .type = QAT_TYPE_HEX, .quoted = true, .digits = {4, 4},
                                    .hex_case = QAT_CASE_LOWER};
static const qat_param bare_tac = {.name = "TAC", .type = QAT_TYPE_HEX, .digits = {1, 4}};
static const qat_param any_hex = {.name = "h", .type = QAT_TYPE_HEX};

static const qat_param imei = {.name = "IMEI", .type = QAT_TYPE_DIGITS, .digits = {15, 15}, .luhn = true};
static const qat_param iccid = {.name = "ICCID", .type = QAT_TYPE_DIGITS, .digits = {19, 20}, .luhn = true};
static const qat_param imsi = {.name = "IMSI", .type = QAT_TYPE_DIGITS, .digits = {15, 15}};
static const qat_param quoted_imei = {.name = "IMEI", .type = QAT_TYPE_DIGITS, .quoted = true, .digits = {15, 15},
                                      .luhn = true};

static const qat_param ip = {.name = "IP_address", .type = QAT_TYPE_IPV4, .quoted = true};
static const qat_param bare_ip = {.name = "ip", .type = QAT_TYPE_IPV4};

static const char *const service_types[] = {"TCP", "UDP", "TCP LISTENER", "UDP SERVICE"};
static const qat_param service_type = {.name = "service_type", .type = QAT_TYPE_ENUM, .quoted = true,
                                       .enum_values = service_types, .n_enum_values = 4};
static const char *const cpin_codes[] = {"READY", "SIM PIN", "SIM PUK", "SIM PIN2", "SIM PUK2", "PH-SIM PIN", "PH-NET PIN"};
static const qat_param cpin_code = {.name = "code", .type = QAT_TYPE_ENUM, .enum_values = cpin_codes,
                                    .n_enum_values = COUNT(cpin_codes)};

static const qat_param qlts_time = {.name = "time", .type = QAT_TYPE_TIME, .quoted = true};
static const qat_param bare_time = {.name = "time", .type = QAT_TYPE_TIME};

static const qat_param payload = {.name = "data", .type = QAT_TYPE_PAYLOAD, .length_param = "currentrecvlength"};

/* ---- helpers ---- */

/* A heap copy of S[0..N) with no byte after it (NULL when N is 0: nothing may be read). */
static char *exact_copy(const char *s, size_t n)
{
    if (n == 0)
        return NULL;
    char *buf = malloc(n);
    assert_non_null(buf);
    memcpy(buf, s, n);
    return buf;
}

/* Checks S[0..N) against P and compares status and offset; when CONTENT is not NULL, also the
 * unquoted value (which must point into the checked buffer). */
static void check_field(int line, const qat_param *p, const char *s, size_t n, qat_value_status st, size_t off,
                         const char *content)
{
    char *buf = exact_copy(s, n);
    qat_value v = qat_value_check(p, buf, n);
    bool good = v.status == st && v.offset == off;
    if (good && content) {
        size_t clen = strlen(content);
        good = v.len == clen && (clen == 0 || (v.text >= buf && v.text + clen <= buf + n &&
                                              memcmp(v.text, content, clen) == 0));
    }
    free(buf);
    if (!good) {
        print_error("line %d: %s: got \"%s\" at %zu, want \"%s\" at %zu\n", line, p->name,
                    qat_value_status_text(v.status), v.offset, qat_value_status_text(st), off);
        fail();
    }
}

/* Checks an int field and compares its value. */
static void check_number(int line, const qat_param *p, const char *s, size_t n, int64_t want)
{
    char *buf = exact_copy(s, n);
    qat_value v = qat_value_check(p, buf, n);
    free(buf);
    if (v.status != QAT_VALUE_OK || v.number != want) {
        print_error("line %d: %s: got \"%s\" value %lld, want %lld\n", line, p->name, qat_value_status_text(v.status),
                    (long long)v.number, (long long)want);
        fail();
    }
}

/* String literals, so embedded NULs count: sizeof - 1 is the length. */
#define GOOD(p, lit) check_field(__LINE__, &(p), lit, sizeof(lit) - 1, QAT_VALUE_OK, 0, NULL)
#define GOOD_AS(p, lit, content) check_field(__LINE__, &(p), lit, sizeof(lit) - 1, QAT_VALUE_OK, 0, content)
#define BAD(p, lit, st, off) check_field(__LINE__, &(p), lit, sizeof(lit) - 1, QAT_VALUE_##st, off, NULL)
#define NUMBER(p, lit, want) check_number(__LINE__, &(p), lit, sizeof(lit) - 1, want)

/* ---- int ---- */

static void test_int_valid(void **state)
{
    (void)state;
    NUMBER(rssi, "15", 15);
    NUMBER(rssi, "0", 0);
    NUMBER(rssi, "31", 31);
    NUMBER(rssi, "99", 99);
    NUMBER(rssi, "100", 100);
    NUMBER(rssi, "191", 191);
    NUMBER(rssi, "199", 199);
    NUMBER(mnc, "01", 1); /* the manual prints MNC with its leading zero */
    NUMBER(mnc, "000", 0);
    NUMBER(fun, "4", 4);
    NUMBER(any_int, "-0", 0);
    NUMBER(any_int, "-48", -48);
    NUMBER(any_int, "9223372036854775807", INT64_MAX);
    NUMBER(any_int, "-9223372036854775808", INT64_MIN);
    NUMBER(total_len, "9223372036854775807", INT64_MAX);
    NUMBER(quoted_int, "\"5\"", 5);
    GOOD_AS(rssi, "15", "15");
}

static void test_int_range(void **state)
{
    (void)state;
    BAD(rssi, "32", OUT_OF_RANGE, 0);
    BAD(rssi, "98", OUT_OF_RANGE, 0);
    BAD(rssi, "192", OUT_OF_RANGE, 0);
    BAD(rssi, "198", OUT_OF_RANGE, 0);
    BAD(rssi, "200", OUT_OF_RANGE, 0);
    BAD(rssi, "-1", OUT_OF_RANGE, 0);
    BAD(context_id, "0", OUT_OF_RANGE, 0);
    BAD(context_id, "16", OUT_OF_RANGE, 0);
    BAD(fun, "2", OUT_OF_RANGE, 0);
    BAD(mnc, "1000", OUT_OF_RANGE, 0);
    BAD(total_len, "-1", OUT_OF_RANGE, 0);

    /* the value is reported even when out of range */
    qat_value v = qat_value_check(&context_id, "16", 2);
    assert_int_equal(v.status, QAT_VALUE_OUT_OF_RANGE);
    assert_int_equal(v.number, 16);
}

static void test_int_overflow(void **state)
{
    (void)state;
    BAD(any_int, "9223372036854775808", OVERFLOW, 0);
    BAD(any_int, "-9223372036854775809", OVERFLOW, 0);
    BAD(any_int, "99999999999999999999", OVERFLOW, 0);
    BAD(total_len, "18446744073709551616", OVERFLOW, 0);
    BAD(any_int, "99999999999999999999x", NOT_A_NUMBER, 20); /* syntax first */
}

static void test_int_syntax(void **state)
{
    (void)state;
    BAD(rssi, "", EMPTY, 0);
    BAD(rssi, "-", NOT_A_NUMBER, 1);
    BAD(rssi, "+5", NOT_A_NUMBER, 0);
    BAD(rssi, " 5", NOT_A_NUMBER, 0);
    BAD(rssi, "5 ", NOT_A_NUMBER, 1);
    BAD(rssi, "1x", NOT_A_NUMBER, 1);
    BAD(rssi, "--1", NOT_A_NUMBER, 1);
    BAD(rssi, "1-2", NOT_A_NUMBER, 1);
    BAD(rssi, "0x1F", NOT_A_NUMBER, 1);
    BAD(rssi, "1\0", NOT_A_NUMBER, 1);
    BAD(rssi, "1\r", NOT_A_NUMBER, 1);
    BAD(rssi, "\xef\xbc\x91", NOT_A_NUMBER, 0); /* fullwidth digit one */
    BAD(rssi, "\"5\"", UNEXPECTED_QUOTE, 0);
    BAD(quoted_int, "5", MISSING_QUOTE, 0);
    BAD(quoted_int, "\"5", MISSING_QUOTE, 2);
    BAD(quoted_int, "\"\"", EMPTY, 1);
}

/* ---- string ---- */

static void test_string_valid(void **state)
{
    (void)state;
    GOOD_AS(apn, "\"cmnet\"", "cmnet");
    GOOD_AS(apn, "\"\"", "");
    GOOD_AS(apn, "\"a,b;c\"", "a,b;c");                  /* separators inside quotes are data */
    GOOD_AS(apn, "\"\xe4\xb8\xad\xe5\x9b\xbd\"", "\xe4\xb8\xad\xe5\x9b\xbd"); /* UTF-8 is allowed */
    GOOD_AS(bare_string, "cmnet", "cmnet");
    GOOD(bare_string, "");
}

static void test_string_length(void **state)
{
    (void)state;
    char field[102];
    field[0] = '"';
    memset(field + 1, 'a', 100);
    field[100] = '"'; /* 99 bytes between the quotes: the maximum */
    check_field(__LINE__, &apn, field, 101, QAT_VALUE_OK, 0, NULL);
    field[100] = 'a';
    field[101] = '"'; /* 100 bytes */
    check_field(__LINE__, &apn, field, 102, QAT_VALUE_TOO_LONG, 100, NULL);
    check_field(__LINE__, &apn, field, 101, QAT_VALUE_MISSING_QUOTE, 101, NULL);

    BAD(pin, "\"123\"", TOO_SHORT, 4);
    GOOD(pin, "\"1234\"");
    GOOD(pin, "\"12345678\"");
    BAD(pin, "\"123456789\"", TOO_LONG, 9);
    BAD(pin, "\"\"", EMPTY, 1);
    BAD(domain, "\"\"", EMPTY, 1);
    GOOD(domain, "\"a\"");
}

static void test_string_quoting(void **state)
{
    (void)state;
    BAD(apn, "", EMPTY, 0);
    BAD(apn, "cmnet", MISSING_QUOTE, 0);
    BAD(apn, "cmnet\"", MISSING_QUOTE, 0);
    BAD(apn, "\"cmnet", MISSING_QUOTE, 6);
    BAD(apn, "\"", MISSING_QUOTE, 1);
    BAD(apn, "\"ab\"cd", MISSING_QUOTE, 6);
    BAD(apn, "\"a\"b\"", BAD_CHAR, 2);
    BAD(apn, "\"\"\"", BAD_CHAR, 1);
    BAD(bare_string, "\"cmnet\"", UNEXPECTED_QUOTE, 0);
    BAD(bare_string, "a\"b", BAD_CHAR, 1);
}

static void test_string_bytes(void **state)
{
    (void)state;
    BAD(apn, "\"a\0b\"", BAD_CHAR, 2);
    BAD(apn, "\"a\rb\"", BAD_CHAR, 2);
    BAD(apn, "\"a\nb\"", BAD_CHAR, 2);
    BAD(apn, "\"\tx\"", BAD_CHAR, 1);
    BAD(apn, "\"ab\x7f\"", BAD_CHAR, 3);
    BAD(apn, "\"ab\x1b\"", BAD_CHAR, 3);
    BAD(bare_string, "ab\x1f", BAD_CHAR, 2);
}

static void test_string_prefix(void **state)
{
    (void)state;
    GOOD(url, "\"http://example.com:80/fw.bin\"");
    GOOD(url, "\"https://example.com/fw.bin\"");
    GOOD(url, "\"http://\"");
    BAD(url, "\"ftp://example.com\"", BAD_PREFIX, 1);
    BAD(url, "\"HTTP://example.com\"", BAD_PREFIX, 1);
    BAD(url, "\"http:/example.com\"", BAD_PREFIX, 7); /* where the second '/' was expected */
    BAD(url, "\"https:example.com\"", BAD_PREFIX, 7);
    BAD(url, "\"http\"", BAD_PREFIX, 5);
    BAD(url, "\"\"", BAD_PREFIX, 1);
}

/* ---- token ---- */

static void test_token(void **state)
{
    (void)state;
    GOOD_AS(revision, "AirM2M_780E_V1039_LTE_QAT", "AirM2M_780E_V1039_LTE_QAT");
    GOOD(revision, "A");
    GOOD(revision, "Air780\xe5\x9e\x8b"); /* bytes >= 0x80 are not control bytes */
    BAD(revision, "", EMPTY, 0);
    BAD(revision, "a b", BAD_CHAR, 1);
    BAD(revision, "a,b", BAD_CHAR, 1);
    BAD(revision, "\"ab\"", UNEXPECTED_QUOTE, 0);
    BAD(revision, "ab\"", BAD_CHAR, 2);
    BAD(revision, "a\tb", BAD_CHAR, 1);
    BAD(revision, "ab\0", BAD_CHAR, 2);
    BAD(revision, "ab\r", BAD_CHAR, 2);
    BAD(revision, "ab\x7f", BAD_CHAR, 2);
    BAD(short_token, "a", TOO_SHORT, 1);
    GOOD(short_token, "ab");
    GOOD(short_token, "abcd");
    BAD(short_token, "abcde", TOO_LONG, 4);
}

/* ---- text ---- */

static void test_text(void **state)
{
    (void)state;
    GOOD_AS(buildtime, "Feb 9 2023 10:36:53", "Feb 9 2023 10:36:53");
    GOOD(buildtime, "\"quoted\", commas; and\ttabs");   /* the rest of the line, as is */
    GOOD(buildtime, "\xe7\x89\x88\xe6\x9c\xac");        /* UTF-8 */
    GOOD(buildtime, "x");
    BAD(buildtime, "", EMPTY, 0);
    BAD(buildtime, "a\rb", BAD_CHAR, 1);
    BAD(buildtime, "a\nb", BAD_CHAR, 1);
    BAD(buildtime, "ab\0", BAD_CHAR, 2);
    GOOD(any_text, "");
    GOOD(short_text, "abcde");
    BAD(short_text, "abcdef", TOO_LONG, 5);
}

/* ---- hex ---- */

static void test_hex(void **state)
{
    (void)state;
    GOOD_AS(tac, "\"1A2B\"", "1A2B");
    GOOD(tac, "\"1a2b\"");
    GOOD(tac, "\"0000\"");
    BAD(tac, "\"1A2\"", TOO_SHORT, 4);
    BAD(tac, "\"1A2B3\"", TOO_LONG, 5);
    BAD(tac, "\"1G2B\"", BAD_CHAR, 2);
    BAD(tac, "\"0x1A\"", BAD_CHAR, 2);
    BAD(tac, "\"1A\0" "2B\"", BAD_CHAR, 3);
    BAD(tac, "\"1A\xc3" "2B\"", BAD_CHAR, 3);
    BAD(tac, "\"1A 2\"", BAD_CHAR, 3);
    BAD(tac, "1A2B", MISSING_QUOTE, 0);
    BAD(tac, "\"1A2B", MISSING_QUOTE, 5);
    BAD(tac, "\"\"", EMPTY, 1);
    BAD(tac, "", EMPTY, 0);

    GOOD(ci, "\"1\"");
    GOOD(ci, "\"0FA1B2C3\"");
    BAD(ci, "\"123456789\"", TOO_LONG, 9);

    GOOD(tac_upper, "\"1A2B\"");
    BAD(tac_upper, "\"1A2b\"", BAD_CASE, 4);
    GOOD(tac_lower, "\"1a2b\"");
    BAD(tac_lower, "\"1a2B\"", BAD_CASE, 4);
    GOOD(tac_lower, "\"1234\"");

    GOOD_AS(bare_tac, "1A2B", "1A2B");
    GOOD(bare_tac, "F");
    BAD(bare_tac, "\"1A2B\"", UNEXPECTED_QUOTE, 0);
    BAD(bare_tac, "1A2B5", TOO_LONG, 4);

    GOOD(any_hex, "0123456789abcdefABCDEF");
    BAD(any_hex, "", EMPTY, 0);
    BAD(any_hex, "12-", BAD_CHAR, 2);
}

/* ---- digits and Luhn ---- */

static void test_digits(void **state)
{
    (void)state;
    GOOD_AS(imei, "868739057053443", "868739057053443"); /* the manual's IMEI */
    BAD(imei, "868739057053444", BAD_LUHN, 14);
    BAD(imei, "86873905705344", TOO_SHORT, 14);
    BAD(imei, "8687390570534430", TOO_LONG, 15);
    BAD(imei, "86873905705344X", BAD_CHAR, 14);
    BAD(imei, "868739057053443\0", BAD_CHAR, 15);
    BAD(imei, "-868739057053443", BAD_CHAR, 0);
    BAD(imei, "\"868739057053443\"", UNEXPECTED_QUOTE, 0);
    BAD(imei, "", EMPTY, 0);

    GOOD(iccid, "89860621260002571479"); /* the manual's ICCID */
    GOOD(iccid, "8986062126000257147");  /* 19 digits */
    BAD(iccid, "89860621260002571478", BAD_LUHN, 19);
    BAD(iccid, "898606212600025714", TOO_SHORT, 18);
    BAD(iccid, "898606212600025714790", TOO_LONG, 20);
    BAD(iccid, "8986062126000257147F", BAD_CHAR, 19); /* padded ICCIDs seen in the field */

    GOOD(imsi, "460001234567890"); /* no Luhn check */
    BAD(imsi, "46000123456789", TOO_SHORT, 14);

    GOOD_AS(quoted_imei, "\"868739057053443\"", "868739057053443");
    BAD(quoted_imei, "\"868739057053444\"", BAD_LUHN, 15);
    BAD(quoted_imei, "868739057053443", MISSING_QUOTE, 0);
}

static void test_luhn(void **state)
{
    (void)state;
    assert_true(qat_luhn_valid("868739057053443", 15));
    assert_true(qat_luhn_valid("89860621260002571479", 20));
    assert_true(qat_luhn_valid("79927398713", 11));
    assert_true(qat_luhn_valid("0", 1));
    assert_false(qat_luhn_valid("79927398710", 11));
    assert_false(qat_luhn_valid("", 0));
    assert_false(qat_luhn_valid("12a", 3));
    assert_false(qat_luhn_valid("868739057053443", 14)); /* only LEN bytes count */
}

/* ---- ipv4 ---- */

static void test_ipv4_valid(void **state)
{
    (void)state;
    GOOD_AS(ip, "\"10.0.0.1\"", "10.0.0.1");
    GOOD(ip, "\"0.0.0.0\"");
    GOOD(ip, "\"255.255.255.255\"");
    GOOD(ip, "\"127.0.0.1\"");
    GOOD(ip, "\"1.2.3.0\"");
    GOOD_AS(bare_ip, "10.0.0.1", "10.0.0.1");
}

static void test_ipv4_invalid(void **state)
{
    (void)state;
    BAD(ip, "\"256.0.0.1\"", BAD_IPV4, 1);
    BAD(ip, "\"1.2.3.256\"", BAD_IPV4, 7);
    BAD(ip, "\"1.2.300.4\"", BAD_IPV4, 5);
    BAD(ip, "\"1234.1.1.1\"", BAD_IPV4, 1);
    BAD(ip, "\"99999999999.1.1.1\"", BAD_IPV4, 1);
    BAD(ip, "\"010.0.0.1\"", BAD_IPV4, 1); /* leading zeros: octal to inet_aton, refused */
    BAD(ip, "\"1.2.3.04\"", BAD_IPV4, 7);
    BAD(ip, "\"1.2.3\"", BAD_IPV4, 6);
    BAD(ip, "\"1.2.3.\"", BAD_IPV4, 7);
    BAD(ip, "\"1.2.3.4.5\"", BAD_IPV4, 8);
    BAD(ip, "\"1..3.4\"", BAD_IPV4, 3);
    BAD(ip, "\"+1.2.3.4\"", BAD_IPV4, 1);
    BAD(ip, "\" 1.2.3.4\"", BAD_IPV4, 1);
    BAD(ip, "\"1.2.3.4 \"", BAD_IPV4, 8);
    BAD(ip, "\"1.2.3.4\0\"", BAD_IPV4, 8);
    BAD(ip, "\"1.2.3.\xd9\xa4\"", BAD_IPV4, 7); /* Arabic-Indic four */
    BAD(ip, "\"a.b.c.d\"", BAD_IPV4, 1);
    BAD(ip, "\"\"", EMPTY, 1);
    BAD(ip, "", EMPTY, 0);
    BAD(ip, "10.0.0.1", MISSING_QUOTE, 0);
    BAD(ip, "\"10.0.0.1", MISSING_QUOTE, 9);
    BAD(bare_ip, "\"10.0.0.1\"", UNEXPECTED_QUOTE, 0);
}

/* ---- enum ---- */

static void test_enum(void **state)
{
    (void)state;
    GOOD_AS(service_type, "\"TCP\"", "TCP");
    GOOD(service_type, "\"UDP\"");
    GOOD_AS(service_type, "\"TCP LISTENER\"", "TCP LISTENER");
    GOOD(service_type, "\"UDP SERVICE\"");
    BAD(service_type, "\"tcp\"", NOT_IN_ENUM, 1);
    BAD(service_type, "\"TCPX\"", NOT_IN_ENUM, 4);
    BAD(service_type, "\"TCP \"", NOT_IN_ENUM, 5);
    BAD(service_type, "\"TCP LISTEN\"", NOT_IN_ENUM, 11);
    BAD(service_type, "\"TCP LISTENERS\"", NOT_IN_ENUM, 13);
    BAD(service_type, "\"TCP\0\"", NOT_IN_ENUM, 4);
    BAD(service_type, "\"UDP\"\"", BAD_CHAR, 4);
    BAD(service_type, "TCP", MISSING_QUOTE, 0);
    BAD(service_type, "\"TCP", MISSING_QUOTE, 4);
    BAD(service_type, "\"\"", EMPTY, 1);

    GOOD(cpin_code, "READY");
    GOOD(cpin_code, "SIM PIN");
    GOOD(cpin_code, "PH-NET PIN");
    BAD(cpin_code, "\"READY\"", UNEXPECTED_QUOTE, 0);
    BAD(cpin_code, "SIM PIN3", NOT_IN_ENUM, 7);
    BAD(cpin_code, "SIM", NOT_IN_ENUM, 3);
    BAD(cpin_code, "", EMPTY, 0);
}

/* ---- time ---- */

/* Offsets in a quoted time: yyyy 1, MM 6, dd 9, hh 12, mm 15, ss 18, sign 20, zz 21. */
static void test_time_valid(void **state)
{
    (void)state;
    GOOD_AS(qlts_time, "\"2023/02/13,08:55:04+32\"", "2023/02/13,08:55:04+32"); /* the manual's example */
    GOOD(qlts_time, "\"2022/06/15,17:56:03+08\"");
    GOOD(qlts_time, "\"2000/01/01,00:00:00+00\"");
    GOOD(qlts_time, "\"2023/12/31,23:59:59+48\"");
    GOOD(qlts_time, "\"2023/01/31,00:00:00-48\"");
    GOOD(qlts_time, "\"2023/01/31,00:00:00-00\"");
    GOOD(qlts_time, "\"2024/02/29,12:00:00+00\""); /* leap year */
    GOOD(qlts_time, "\"2000/02/29,12:00:00+00\""); /* divisible by 400 */
    GOOD_AS(bare_time, "2023/02/13,08:55:04+32", "2023/02/13,08:55:04+32");
}

static void test_time_invalid(void **state)
{
    (void)state;
    BAD(qlts_time, "\"2023/02/13,08:55:04+49\"", BAD_TIME, 21);
    BAD(qlts_time, "\"2023/02/13,08:55:04-49\"", BAD_TIME, 21);
    BAD(qlts_time, "\"2023/00/13,08:55:04+32\"", BAD_TIME, 6);
    BAD(qlts_time, "\"2023/13/13,08:55:04+32\"", BAD_TIME, 6);
    BAD(qlts_time, "\"2023/01/00,08:55:04+32\"", BAD_TIME, 9);
    BAD(qlts_time, "\"2023/01/32,08:55:04+32\"", BAD_TIME, 9);
    BAD(qlts_time, "\"2023/04/31,08:55:04+32\"", BAD_TIME, 9);
    BAD(qlts_time, "\"2023/02/29,08:55:04+32\"", BAD_TIME, 9);
    BAD(qlts_time, "\"2100/02/29,08:55:04+32\"", BAD_TIME, 9); /* divisible by 100, not 400 */
    BAD(qlts_time, "\"2023/02/13,24:55:04+32\"", BAD_TIME, 12);
    BAD(qlts_time, "\"2023/02/13,08:60:04+32\"", BAD_TIME, 15);
    BAD(qlts_time, "\"2023/02/13,08:55:60+32\"", BAD_TIME, 18);
    BAD(qlts_time, "\"2023/02/13,08:55:04*32\"", BAD_TIME, 20);
    BAD(qlts_time, "\"2023/02/13,08:55:04\"", BAD_TIME, 20);      /* no zone */
    BAD(qlts_time, "\"2023/02/13,08:55:04+3\"", BAD_TIME, 22);    /* short zone */
    BAD(qlts_time, "\"2023/02/13,08:55:04+32,0\"", BAD_TIME, 23); /* DST inside the quotes */
    BAD(qlts_time, "\"2023/2/13,08:55:04+32\"", BAD_TIME, 7);
    BAD(qlts_time, "\"2023-02-13,08:55:04+32\"", BAD_TIME, 5);
    BAD(qlts_time, "\"23/02/13,08:55:04+32\"", BAD_TIME, 3);
    BAD(qlts_time, "\"2023/02/13 08:55:04+32\"", BAD_TIME, 11);
    BAD(qlts_time, "\"2023/02/13,08:55:04+3\0\"", BAD_TIME, 22);
    BAD(qlts_time, "\"2023/02/13,08:55:04+3\xef\"", BAD_TIME, 22);
    BAD(qlts_time, "\"2023/02/13,0\r:55:04+32\"", BAD_TIME, 13);
    BAD(qlts_time, "2023/02/13,08:55:04+32", MISSING_QUOTE, 0);
    BAD(qlts_time, "\"2023/02/13,08:55:04+32", MISSING_QUOTE, 23);
    BAD(qlts_time, "\"\"", EMPTY, 1);
    BAD(qlts_time, "", EMPTY, 0);
    BAD(bare_time, "\"2023/02/13,08:55:04+32\"", UNEXPECTED_QUOTE, 0);
}

/* ---- payload ---- */

static void test_payload(void **state)
{
    (void)state;
    GOOD(payload, "OK\r\n\0\"\xff,"); /* any bytes: they are counted, not checked */
    GOOD(payload, "");
    char *buf = exact_copy("a\0b", 3);
    qat_value v = qat_value_check(&payload, buf, 3);
    assert_int_equal(v.status, QAT_VALUE_OK);
    assert_ptr_equal(v.text, buf);
    assert_int_equal(v.len, 3);
    free(buf);
}

/* ---- ranges ---- */

/* Parses S (exact-length copy) and compares; WANT_OK false expects a refusal that leaves OUT alone. */
static void check_range(int line, const char *s, bool want_ok, int64_t lo, int64_t hi)
{
    size_t n = strlen(s);
    char *buf = exact_copy(s, n);
    qat_range r = {111, 222};
    bool got = qat_range_parse(buf, n, &r);
    free(buf);
    bool good = got == want_ok && (want_ok ? r.lo == lo && r.hi == hi : r.lo == 111 && r.hi == 222);
    if (!good) {
        print_error("line %d: \"%s\": got %s %lld-%lld\n", line, s, got ? "ok" : "refused", (long long)r.lo,
                    (long long)r.hi);
        fail();
    }
}

#define RANGE(s, lo, hi) check_range(__LINE__, s, true, lo, hi)
#define NO_RANGE(s) check_range(__LINE__, s, false, 0, 0)

static void test_range_parse(void **state)
{
    (void)state;
    RANGE("99", 99, 99);
    RANGE("0-31", 0, 31);
    RANGE("-48--1", -48, -1);
    RANGE("-2-63", -2, 63);
    RANGE("-5", -5, -5);
    RANGE("5-1", 5, 1); /* parses; emptiness is the caller's check */
    RANGE("007-08", 7, 8);
    RANGE("0-9223372036854775807", 0, INT64_MAX);
    RANGE("-9223372036854775808", INT64_MIN, INT64_MIN);
    NO_RANGE("");
    NO_RANGE("-");
    NO_RANGE("1-");
    NO_RANGE("-1-");
    NO_RANGE("a-b");
    NO_RANGE("1-b");
    NO_RANGE("1 -2");
    NO_RANGE("1- 2");
    NO_RANGE(" 1");
    NO_RANGE("1 ");
    NO_RANGE("+1");
    NO_RANGE("1-+2");
    NO_RANGE("--1");
    NO_RANGE("1---2");
    NO_RANGE("1-2-3");
    NO_RANGE("1-2x");
    NO_RANGE("1,2");
    NO_RANGE("99999999999999999999");
    NO_RANGE("9223372036854775808");
    NO_RANGE("0-9223372036854775808");
    NO_RANGE("-9223372036854775809");
    qat_range r;
    assert_false(qat_range_parse(NULL, 0, &r));
    assert_false(qat_range_parse("1\0", 2, &r));
}

static void test_ranges_contain(void **state)
{
    (void)state;
    assert_true(qat_ranges_contain(NULL, 0, 12345));
    assert_true(qat_ranges_contain(NULL, 0, INT64_MIN));
    assert_true(qat_ranges_contain(rssi_values, 4, 0));
    assert_true(qat_ranges_contain(rssi_values, 4, 31));
    assert_true(qat_ranges_contain(rssi_values, 4, 99));
    assert_true(qat_ranges_contain(rssi_values, 4, 150));
    assert_true(qat_ranges_contain(rssi_values, 4, 199));
    assert_false(qat_ranges_contain(rssi_values, 4, -1));
    assert_false(qat_ranges_contain(rssi_values, 4, 32));
    assert_false(qat_ranges_contain(rssi_values, 4, 98));
    assert_false(qat_ranges_contain(rssi_values, 4, 200));
    assert_true(qat_ranges_contain(length_values, 1, INT64_MAX));
    assert_false(qat_ranges_contain(length_values, 1, INT64_MIN));
    const qat_range empty[] = {{5, 1}};
    assert_false(qat_ranges_contain(empty, 1, 3));
}

/* ---- status texts ---- */

static void test_status_text(void **state)
{
    (void)state;
    assert_string_equal(qat_value_status_text(QAT_VALUE_OUT_OF_RANGE), "out of range");
    assert_string_equal(qat_value_status_text(QAT_VALUE_BAD_LUHN), "bad Luhn check digit");
    for (int i = 0; i < QAT_VALUE_STATUS_COUNT; i++) {
        const char *t = qat_value_status_text((qat_value_status)i);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(t, qat_value_status_text((qat_value_status)j));
    }
    assert_string_equal(qat_value_status_text(QAT_VALUE_STATUS_COUNT), "unknown status");
}

static void test_bad_type(void **state)
{
    (void)state;
    qat_param p = {.name = "x", .type = QAT_TYPE_COUNT};
    qat_value v = qat_value_check(&p, "1", 1);
    assert_int_not_equal(v.status, QAT_VALUE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_valid),      cmocka_unit_test(test_int_range),
        cmocka_unit_test(test_int_overflow),   cmocka_unit_test(test_int_syntax),
        cmocka_unit_test(test_string_valid),   cmocka_unit_test(test_string_length),
        cmocka_unit_test(test_string_quoting), cmocka_unit_test(test_string_bytes),
        cmocka_unit_test(test_string_prefix),  cmocka_unit_test(test_token),
        cmocka_unit_test(test_text),           cmocka_unit_test(test_hex),
        cmocka_unit_test(test_digits),         cmocka_unit_test(test_luhn),
        cmocka_unit_test(test_ipv4_valid),     cmocka_unit_test(test_ipv4_invalid),
        cmocka_unit_test(test_enum),           cmocka_unit_test(test_time_valid),
        cmocka_unit_test(test_time_invalid),   cmocka_unit_test(test_payload),
        cmocka_unit_test(test_range_parse),    cmocka_unit_test(test_ranges_contain),
        cmocka_unit_test(test_status_text),    cmocka_unit_test(test_bad_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
