#!/usr/bin/env bash
# demo.sh — what `make demo` runs once the build is done: the spec linted, then the whole suite run against the
# emulator (which the runner starts itself), the score printed and where the report is. Exit: the first failure.
set -u
qatspec=${1:?usage: demo.sh QATSPEC SPEC_DIR [REPORT_DIR]}
spec=${2:?usage: demo.sh QATSPEC SPEC_DIR [REPORT_DIR]}
reports=${3:-reports}

step() { printf '\n== %s\n' "$*"; }

step "the spec: every command, form, parameter, URC, example, erratum and scenario of the manual"
"$qatspec" lint "$spec" || exit $?

step "the suite, drawn from the spec, run against an emulated Air780E (qatspec run --emulator)"
"$qatspec" run --emulator --spec "$spec" --report-dir "$reports" || exit $?

printf '\n%s\n%s\n' "Open $reports/latest/report.html in a browser; $reports/latest/ also holds report.json, junit.xml" \
  "and transcript.log. Against a real module: qatspec run --port /dev/ttyUSB0 (see README)."
