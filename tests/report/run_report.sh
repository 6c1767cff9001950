#!/bin/sh
# run_report.sh — the sample run's reports (written by `test_report DIR`) read by the tools that consume them:
# PART junit: junit.xml valid against the JUnit schema, failures and errors counted apart, skips marked;
# PART html: report.html rendered by headless Chromium, its text holding the score, the failing case and its
# mismatch, and the hostile strings escaped (no <script> reaches the page).
# usage: run_report.sh TEST_REPORT_BIN XSD PART
bin=$1
xsd=$2
part=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

out=$("$bin" "$tmp/reports") || { echo "FAIL: $bin $tmp/reports exited non-zero"; exit 1; }
dir=$(printf '%s\n' "$out" | sed -n 1p)
summary=$(printf '%s\n' "$out" | sed -n 2p)
[ "$(readlink "$tmp/reports/latest")" = "$(basename "$dir")" ] || { echo "FAIL: reports/latest does not point at $dir"; fail=1; }

# check NAME WANT GOT
check() {
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: expected '$2', got '$3'"
        fail=1
    fi
}

junit() {
    xml=$dir/junit.xml
    xmllint --noout --schema "$xsd" "$xml" || { echo "FAIL: $xml does not validate against $xsd"; fail=1; }
    count() { xmllint --xpath "$1" "$xml"; }
    check "fail verdicts as <failure>" 1 "$(count 'count(//testcase/failure)')"
    check "error verdicts as <error>" 1 "$(count 'count(//testcase/error)')"
    check "skip and informational verdicts as <skipped>" 2 "$(count 'count(//testcase/skipped[@message])')"
    check "the suites' failures" 1 "$(count 'sum(//testsuite/@failures)')"
    check "the suites' errors" 1 "$(count 'sum(//testsuite/@errors)')"
    check "the failure is the failing case's" "qat/2.11/3" "$(count 'string(//failure/../@name)' | cut -d' ' -f1)"
    check "testcases, each with a name and classname" 7 "$(count 'count(//testcase[@name!="" and @classname!=""])')"
    check "one suite per chapter" 4 "$(count 'count(/testsuites/testsuite)')"
    check "the deviation's erratum named in its suite's <system-out>" 1 \
        "$(count 'count(//testsuite/system-out[contains(., "qat/2.7/1: deviation") and contains(., "erratum qgsn-prefix")])')"
}

# The page as headless Chromium builds it (scripts enabled: a <script> that got through would run and retitle it),
# read back with xmllint's HTML parser. Without chromium: a skip outside CI, a failure in CI.
html() {
    if ! command -v chromium >/dev/null 2>&1; then
        if [ -n "${CI:-}" ]; then
            echo "FAIL: chromium is not installed (scripts/deps.sh lists it); CI must read the HTML report"
            exit 1
        fi
        echo "SKIP: chromium is not installed (run scripts/deps.sh): report.html not rendered"
        exit 77
    fi
    mkdir -p "$tmp/home"
    HOME=$tmp/home chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --dump-dom "file://$dir/report.html" \
        >"$tmp/dom.html" 2>"$tmp/chromium.log" || { echo "FAIL: chromium exited non-zero:"; cat "$tmp/chromium.log"; exit 1; }
    text() { xmllint --html --xpath "$1" "$tmp/dom.html" 2>/dev/null; }
    score=$(printf '%s\n' "$summary" | sed -n 's/.* score \([0-9.]*\) % (strict \([0-9.]*\) %)$/\1 \2/p')
    check "the score, big at the top" "${score% *} %" "$(text 'string(//*[@id="score"])')"
    check "the strict score" "${score#* } %" "$(text 'string(//*[@id="strict-score"])')"
    check "the failing case, shown as failed" "fail" "$(text 'string(//*[@id="qat/2.11/3"]//*[@class="verdict"])')"
    check "its mismatch, highlighted" "<script>document.title=404</script> & \"q\" 'a'\\r\\nOK" \
        "$(text 'string(//*[@id="qat/2.11/3"]//mark)')"
    check "no <script> in the page" 0 "$(text 'count(//script)')"
    check "the title, not retitled by a script" "qatspec: ${score% *} %" "$(text 'string(//title)' | cut -d' ' -f1-3)"
    check "Chinese text intact" "查询信号质量：<rssi> 0-31，99 表示未知" \
        "$(text 'string(//*[@id="qat/2.11/3"]//*[@class="requirement"])')"
    check "the deviation's erratum, with its documented reading" 1 \
        "$(text 'count(//*[@id="qat/2.7/1"]//*[@class="erratum"][contains(., "qgsn-prefix") and contains(., "documented")])')"
    check "a row per chapter" 4 "$(text 'count(//table[@class="summary"]/tbody/tr)')"
}

case $part in
junit) junit ;;
html) html ;;
*) echo "run_report.sh: unknown part $part"; exit 2 ;;
esac
[ "$fail" -eq 0 ] && echo "ok: $part ($summary)"
exit $fail
