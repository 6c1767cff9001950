/* test_report.c — the report writers on a run built by hand (sample_run.c): report.json parsed back with cJSON
 * and checked field by field, the text helpers, the run directory and its `latest` link, the console line.
 * `test_report DIR` instead writes the sample's reports into DIR/<run-id> and prints the summary (run_report.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "report.h"
#include "text.h"
#include "sample_run.h"
#include "spec.h"

static spec_opened spec;

static int open_spec(void **state)
{
    (void)state;
    return spec_open(&spec, QAT_SPEC_DIR, "test_report") ? 0 : -1;
}

static int close_spec(void **state)
{
    (void)state;
    spec_close(&spec);
    return 0;
}

static char *read_file(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    rewind(f);
    char *text = malloc((size_t)len + 1);
    assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
    text[len] = '\0';
    fclose(f);
    return text;
}

static void remove_tree(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static const char *str(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    assert_true(cJSON_IsString(item));
    return item->valuestring;
}

static double num(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    assert_true(cJSON_IsNumber(item));
    return item->valuedouble;
}

/* The sample run and its report.json, parsed: the state of the JSON tests. */
typedef struct {
    run_result r;
    char dir[64];
    cJSON *root;
} json_fixture;

static int json_setup(void **state)
{
    json_fixture *fx = calloc(1, sizeof *fx);
    sample_run_make(&fx->r, &spec.c);
    strcpy(fx->dir, "/tmp/qatspec-report-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    char err[256] = "";
    assert_true(report_write_json(&fx->r, fx->dir, err, sizeof err));
    char *text = read_file(fx->dir, "report.json");
    fx->root = cJSON_Parse(text);
    free(text);
    assert_non_null(fx->root);
    *state = fx;
    return 0;
}

static int json_teardown(void **state)
{
    json_fixture *fx = *state;
    cJSON_Delete(fx->root);
    remove_tree(fx->dir);
    free(fx);
    return 0;
}

static void check_counts(const cJSON *counts, const run_score *s)
{
    for (verdict v = 0; v < VERDICT_COUNT; v++)
        assert_int_equal((uint32_t)num(counts, verdict_name(v)), s->run[v]);
}

static void test_json_run(void **state)
{
    json_fixture *fx = *state;
    const run_result *r = &fx->r;
    const cJSON *root = fx->root;
    assert_int_equal((int)num(root, "version"), RUN_REPORT_VERSION);
    assert_string_equal(str(root, "run_id"), SAMPLE_RUN_ID);
    assert_string_equal(str(root, "target"), r->target);
    assert_string_equal(str(root, "manual"), spec.c.spec->manual);
    assert_string_equal(str(root, "started"), "2026-11-24T13:48:12.345Z");
    assert_string_equal(str(root, "finished"), "2026-11-24T13:50:44.845Z");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(root, "device_gone")));
    /* MUST weighs 3, SHOULD 1: 13 run (the skip is not), 7 passed leniently (pass, deviation, the SHOULD), 4 strictly */
    assert_true(num(root, "score") == 100.0 * 7 / 13);
    assert_true(num(root, "strict_score") == 100.0 * 4 / 13);
    assert_true(num(root, "weight_run") == 13);
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(root, "counts");
    check_counts(counts, &r->score);
    assert_int_equal((int)num(counts, "pass"), 2);
    assert_int_equal((int)num(counts, "fail"), 1);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "cases")), (int)r->n_results);
}

static void test_json_tables(void **state)
{
    const cJSON *root = ((json_fixture *)*state)->root;
    const cJSON *chapters = cJSON_GetObjectItemCaseSensitive(root, "chapters");
    assert_int_equal(cJSON_GetArraySize(chapters), 4);
    const cJSON *ch2 = cJSON_GetArrayItem(chapters, 1);
    assert_string_equal(str(ch2, "chapter"), "2");
    const qat_spec *s = spec.c.spec;
    const char *title = NULL;
    for (size_t i = 0; i < s->n_topics; i++)
        title = strcmp(s->topics[i].section, "2") == 0 ? s->topics[i].title : title;
    assert_non_null(title);
    assert_string_equal(str(ch2, "title"), title);
    /* chapter 2: deviation (3), fail (3), SHOULD pass (1) */
    assert_int_equal((int)num(ch2, "cases"), 3);
    assert_true(num(ch2, "score") == 100.0 * 4 / 7);
    assert_true(num(ch2, "strict_score") == 100.0 * 1 / 7);
    const cJSON *ch4 = cJSON_GetArrayItem(chapters, 3); /* only a skip: nothing to score */
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(ch4, "score")));
    assert_int_equal((int)num(cJSON_GetObjectItemCaseSensitive(ch4, "counts"), "skip"), 1);
    const cJSON *commands = cJSON_GetObjectItemCaseSensitive(root, "commands");
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(commands, 0), "command")));
    const cJSON *csq = cJSON_GetArrayItem(commands, 2);
    assert_string_equal(str(csq, "command"), "AT+CSQ");
    assert_int_equal((int)num(csq, "cases"), 2);
    assert_true(num(csq, "strict_score") == 100.0 * 1 / 4);
}

static void test_json_cases(void **state)
{
    json_fixture *fx = *state;
    const run_result *r = &fx->r;
    const cJSON *root = fx->root;
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
    const cJSON *fail = cJSON_GetArrayItem(cases, SAMPLE_FAIL);
    const case_result *c = &r->results[SAMPLE_FAIL];
    assert_string_equal(str(fail, "id"), c->pc->id);
    assert_string_equal(str(fail, "section"), "2.11");
    assert_string_equal(str(fail, "command"), "AT+CSQ");
    assert_string_equal(str(fail, "title"), c->pc->title);
    assert_string_equal(str(fail, "requirement"), SAMPLE_REQUIREMENT);
    assert_string_equal(str(fail, "kind"), plan_kind_name(PLAN_VALID));
    assert_string_equal(str(fail, "safety"), "safe");
    assert_string_equal(str(fail, "weight"), plan_weight_name(PLAN_MUST));
    assert_string_equal(str(fail, "verdict"), "fail");
    assert_string_equal(str(fail, "sent"), c->sent);
    assert_string_equal(str(fail, "expected"), c->expected);
    assert_string_equal(str(fail, "observed"), SAMPLE_FAIL_OBSERVED);
    assert_string_equal(str(fail, "reason"), c->reason); /* CR LF and quotes round-trip */
    assert_int_equal((size_t)num(fail, "mismatch_at"), c->mismatch_at);
    assert_true(num(fail, "duration_ms") == 3.5);
    const cJSON *error = cJSON_GetArrayItem(cases, SAMPLE_ERROR);
    /* control bytes kept (cJSON escapes them); bytes that are not UTF-8 shown as \xNN, so the file stays UTF-8 */
    assert_string_equal(str(error, "observed"), "garbage \x01\x02\x1b[0m \\xFF\\xFE\\x80 end\r\n");
    assert_string_equal(str(error, "reason"), "no answer within 150000 ms\x07");
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cases, 0), "command")));
}

static void test_json_errata(void **state)
{
    json_fixture *fx = *state;
    const run_result *r = &fx->r;
    const cJSON *root = fx->root;
    const cJSON *dev = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "cases"), SAMPLE_DEVIATION);
    assert_string_equal(str(dev, "verdict"), "deviation");
    const cJSON *errata = cJSON_GetObjectItemCaseSensitive(dev, "errata");
    assert_int_equal(cJSON_GetArraySize(errata), 1);
    const qat_erratum *e = qat_spec_erratum(spec.c.spec, r->results[SAMPLE_DEVIATION].errata[0]);
    assert_non_null(e);
    const cJSON *item = cJSON_GetArrayItem(errata, 0);
    assert_string_equal(str(item, "id"), e->id);
    assert_string_equal(str(item, "documented"), e->documented);
    assert_string_equal(str(item, "deviation"), e->deviation);
    assert_string_equal(str(item, "title"), e->title);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
                         cJSON_GetObjectItemCaseSensitive(root, "cases"), SAMPLE_FAIL), "errata")), 0);
}

static void check_clean(const char *in, report_text_use use, const char *want)
{
    char *got = report_text_clean_str(in, use);
    assert_string_equal(got, want);
    free(got);
}

static void test_text_clean(void **state)
{
    (void)state;
    check_clean("信号 ok", REPORT_TEXT_MARKUP, "信号 ok");
    check_clean(NULL, REPORT_TEXT_JSON, "");
    check_clean("a\x01\tb\r\n\x7f", REPORT_TEXT_JSON, "a\x01\tb\r\n\x7f");
    check_clean("a\x01\tb\r\n\x7f", REPORT_TEXT_MARKUP, "a\\x01\tb\r\n\\x7F");
    check_clean("\xc0\x80", REPORT_TEXT_JSON, "\\xC0\\x80");                 /* overlong NUL */
    check_clean("\xed\xa0\x80", REPORT_TEXT_JSON, "\\xED\\xA0\\x80");        /* a surrogate */
    check_clean("\xf4\x90\x80\x80", REPORT_TEXT_JSON, "\\xF4\\x90\\x80\\x80"); /* past U+10FFFF */
    check_clean("\xe4\xbd", REPORT_TEXT_JSON, "\\xE4\\xBD");                 /* cut short */
    check_clean("\xf0\x9f\x98\x80", REPORT_TEXT_MARKUP, "\xf0\x9f\x98\x80"); /* U+1F600 */
    check_clean("\xef\xbf\xbf", REPORT_TEXT_MARKUP, "\\xEF\\xBF\\xBF");      /* U+FFFF: not XML */
    const char *s = "a信";
    assert_int_equal(report_text_char_start(s, 2), 1);
    assert_int_equal(report_text_char_start(s, 3), 1);
    assert_int_equal(report_text_char_start(s, 4), 4);
}

static void test_time_and_score_text(void **state)
{
    (void)state;
    char t[40];
    report_time_iso(SAMPLE_STARTED_MS, true, t, sizeof t);
    assert_string_equal(t, "2026-11-24T13:48:12");
    report_time_iso(-1, false, t, sizeof t);
    assert_string_equal(t, "1969-12-31T23:59:59.999Z");
    report_score_text(100.0, t, sizeof t);
    assert_string_equal(t, "100");
    report_score_text(99.96, t, sizeof t); /* cut, never rounded up to a pass */
    assert_string_equal(t, "99.9");
    report_score_text(100.0 * 23 / 40, t, sizeof t);
    assert_string_equal(t, "57.5");
    report_score_text(0, t, sizeof t);
    assert_string_equal(t, "0");
}

static void test_summary_line(void **state)
{
    (void)state;
    run_result r;
    sample_run_make(&r, &spec.c);
    char line[256];
    report_summary_line(&r, line, sizeof line);
    assert_string_equal(line, "7 cases: 2 passed, 1 deviations, 1 failed, 1 errors, 1 skipped, 1 informational — score 53.8 % (strict 30.7 %)");
}

static void test_dir_and_latest(void **state)
{
    (void)state;
    char base[64] = "/tmp/qatspec-reports-XXXXXX", dir[256], err[512], link[256], sub[128];
    assert_non_null(mkdtemp(base));
    snprintf(sub, sizeof sub, "%s/reports", base); /* made on the way */
    assert_true(report_dir_create(sub, "run-1", dir, sizeof dir, err, sizeof err));
    assert_true(report_dir_create(sub, "run-2", dir, sizeof dir, err, sizeof err));
    char want[256];
    snprintf(want, sizeof want, "%s/run-2", sub);
    assert_string_equal(dir, want);
    snprintf(want, sizeof want, "%s/latest", sub);
    ssize_t n = readlink(want, link, sizeof link - 1);
    assert_true(n > 0);
    link[n] = '\0';
    assert_string_equal(link, "run-2");
    assert_false(report_dir_create(sub, "../escape", dir, sizeof dir, err, sizeof err));
    assert_non_null(strstr(err, "not a usable run id"));
    snprintf(want, sizeof want, "%s/file", base);
    FILE *f = fopen(want, "w");
    fclose(f);
    assert_false(report_dir_create(want, "run-3", dir, sizeof dir, err, sizeof err));
    assert_non_null(strstr(err, want));
    remove_tree(base);
}

/* Without a browser: every hole of the template filled, no <script> reaching the page, the mismatch marked. */
static void test_html_escaped(void **state)
{
    (void)state;
    run_result r;
    sample_run_make(&r, &spec.c);
    char dir[64] = "/tmp/qatspec-report-XXXXXX", err[512] = "";
    assert_non_null(mkdtemp(dir));
    assert_true(report_write_html(&r, dir, err, sizeof err));
    char *html = read_file(dir, "report.html");
    assert_null(strstr(html, "<!--@"));
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "<mark>&lt;script&gt;document.title=404&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"));
    assert_non_null(strstr(html, "查询信号质量：&lt;rssi&gt; 0-31，99 表示未知"));
    assert_non_null(strstr(html, "\\xFF\\xFE\\x80")); /* stray bytes shown, not written raw */
    assert_null(strstr(html, "\x01")); /* nor control bytes */
    free(html);
    remove_tree(dir);
}

static void test_write_all_fails_cleanly(void **state)
{
    (void)state;
    run_result r;
    sample_run_make(&r, &spec.c);
    char err[512] = "";
    assert_false(report_write_all(&r, "/nonexistent/qatspec", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/qatspec/report.json: "));
}

/* `test_report DIR`: the sample's reports written into DIR/<run-id> for the shell checks. */
static int write_sample(const char *base)
{
    if (open_spec(NULL) != 0)
        return 2;
    run_result r;
    sample_run_make(&r, &spec.c);
    char dir[4096], err[4096], line[256];
    bool ok = report_dir_create(base, SAMPLE_RUN_ID, dir, sizeof dir, err, sizeof err) &&
              report_write_all(&r, dir, err, sizeof err);
    close_spec(NULL);
    if (!ok) {
        fprintf(stderr, "test_report: %s\n", err);
        return 1;
    }
    report_summary_line(&r, line, sizeof line);
    printf("%s\n%s\n", dir, line);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2)
        return write_sample(argv[1]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_json_run, json_setup, json_teardown),
        cmocka_unit_test_setup_teardown(test_json_tables, json_setup, json_teardown),
        cmocka_unit_test_setup_teardown(test_json_cases, json_setup, json_teardown),
        cmocka_unit_test_setup_teardown(test_json_errata, json_setup, json_teardown),
        cmocka_unit_test(test_text_clean),        cmocka_unit_test(test_time_and_score_text),
        cmocka_unit_test(test_summary_line),      cmocka_unit_test(test_dir_and_latest),
        cmocka_unit_test(test_html_escaped),      cmocka_unit_test(test_write_all_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, open_spec, close_spec);
}
