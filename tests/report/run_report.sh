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
    check "skip verdicts as <skipped>" 1 "$(count 'count(//testcase/skipped[@message])')"
    check "the suites' failures" 1 "$(count 'sum(//testsuite/@failures)')"
    check "the suites' errors" 1 "$(count 'sum(//testsuite/@errors)')"
    check "the failure is the failing case's" "qat/2.11/3" "$(count 'string(//failure/../@name)' | cut -d' ' -f1)"
    check "testcases, each with a name and classname" 6 "$(count 'count(//testcase[@name!="" and @classname!=""])')"
    check "one suite per chapter" 4 "$(count 'count(/testsuites/testsuite)')"
    check "the deviation's erratum named in its suite's <system-out>" 1 \
        "$(count 'count(//testsuite/system-out[contains(., "qat/2.7/1: deviation") and contains(., "erratum qgsn-prefix")])')"
}

case $part in
junit) junit ;;
*) echo "run_report.sh: unknown part $part"; exit 2 ;;
esac
[ "$fail" -eq 0 ] && echo "ok: $part ($summary)"
exit $fail
