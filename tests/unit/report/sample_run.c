/* sample_run.c — a run built by hand for the report tests: every verdict, in four chapters, with Chinese text and
 * hostile strings (<script>, quotes, &, control bytes, CR LF, stray bytes), scored by run_score_compute. */
#include "sample_run.h"

#include <string.h>

static const char *const accept_ok[] = {"OK"};
static const plan_step at_step = {.kind = PLAN_STEP_SEND, .send = "AT", .accept = accept_ok, .n_accept = 1};

static const plan_case cases[] = {
    {"qat/1.2/1", "1.2", NULL, "sanity: AT answers OK", "AT 命令以 AT 开头", PLAN_SANITY, QAT_SAFE, PLAN_MUST, false,
     &at_step, 1, false},
    {"qat/2.7/1", "2.7", "AT+QGSN", "AT+QGSN exec", "查询 IMEI", PLAN_VALID, QAT_SAFE, PLAN_MUST, false, NULL, 0, false},
    {"qat/2.11/3", "2.11", "AT+CSQ", "AT+CSQ exec <rssi> & \"ber\"", SAMPLE_REQUIREMENT, PLAN_VALID, QAT_SAFE,
     PLAN_MUST, false, NULL, 0, false},
    {"qat/3.1/2", "3.1", "AT+QIOPEN", "AT+QIOPEN tcp", "打开 Socket 服务", PLAN_SCENARIO, QAT_STATEFUL, PLAN_MUST,
     true, NULL, 0, false},
    {"qat/4.1/1", "4.1", "AT+QFOTADL", "AT+QFOTADL url", "FOTA 升级", PLAN_VALID, QAT_DESTRUCTIVE, PLAN_MUST, false,
     NULL, 0, false},
    {"qat/2.11/4", "2.11", "AT+CSQ", "AT+CSQ test", "列出支持的值", PLAN_VALID, QAT_SAFE, PLAN_SHOULD, false, NULL, 0,
     false},
    {"qat/1.2/9", "1.2", "AT+GCAP", "AT+GCAP exec", "V.250 §6.1.9 capabilities", PLAN_VALID, QAT_SAFE, PLAN_SHOULD,
     false, NULL, 0, true},
};

static const char *const qgsn_errata[] = {"qgsn-prefix"};

static case_result results[] = {
    {.v = VERDICT_PASS, .sent = "AT\\r", .expected = "OK", .observed = "OK\\r\\n", .duration_ms = 1.25},
    {.v = VERDICT_DEVIATION, .sent = "AT+QGSN\\r", .expected = "<IMEI> then OK",
     .observed = "+QGSN: 868739057053443\\r\\nOK\\r\\n", .errata = qgsn_errata, .n_errata = 1, .duration_ms = 2.5},
    {.v = VERDICT_FAIL, .sent = "AT+CSQ\\r", .expected = "+CSQ: <rssi>,<ber> then OK", .observed = SAMPLE_FAIL_OBSERVED,
     .reason = "line 2: expected \"OK\" or \"+CME ERROR: <err>\",\r\n got <b>bold</b> & more", .duration_ms = 3.5},
    {.v = VERDICT_ERROR, .sent = "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7,0,0\\r", .expected = "OK then +QIOPEN: <id>,0",
     .observed = "garbage \x01\x02\x1b[0m \xff\xfe\x80 end\r\n", .reason = "no answer within 150000 ms\x07",
     .duration_ms = 150000},
    {.v = VERDICT_SKIP, .sent = "", .expected = "OK", .observed = "",
     .reason = "destructive: not run against a device without --allow destructive"},
    {.v = VERDICT_PASS, .sent = "AT+CSQ=?\\r", .expected = "+CSQ: (list of supported <rssi>s),... then OK",
     .observed = "+CSQ: (0-31,99),(0-7,99)\\r\\nOK\\r\\n", .duration_ms = 0.75},
    {.v = VERDICT_INFORMATIONAL, .sent = "AT+GCAP\\r", .expected = "+GCAP: <capabilities> then OK",
     .observed = "ERROR\\r\\n", .reason = "result code ERROR where OK was expected [1.2]", .duration_ms = 0.5},
};

void sample_run_make(run_result *r, const qat_compiled *spec)
{
    size_t n = sizeof results / sizeof results[0];
    for (size_t i = 0; i < n; i++) {
        results[i].pc = &cases[i];
        results[i].mismatch_at = (size_t)-1;
    }
    results[SAMPLE_FAIL].mismatch_at = strlen(SAMPLE_FAIL_OBSERVED) - strlen(SAMPLE_FAIL_MISMATCH);
    *r = (run_result){
        .run_id = SAMPLE_RUN_ID,
        .target = "emulator (profile \"manual\") <pty> & co",
        .spec_dir = "specs",
        .manual = spec->spec->manual,
        .qatspec_version = "0.1.0",
        .started_unix_ms = SAMPLE_STARTED_MS,
        .finished_unix_ms = SAMPLE_STARTED_MS + 152500,
        .spec = spec,
        .results = results,
        .n_results = n,
    };
    run_score_compute(r);
}
