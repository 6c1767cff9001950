#!/usr/bin/env bash
# demo.sh — what `make demo` runs until the runner lands (issue 5): the spec linted, the manual's
# examples checked as captured sessions, and the checker's speed measured. Exit status: the first failure.
set -u
qatspec=${1:?usage: demo.sh QATSPEC SPEC_DIR}
spec=${2:?usage: demo.sh QATSPEC SPEC_DIR}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

step() { printf '\n== %s\n' "$*"; }

step "the spec: every command, form, parameter, URC, example and erratum of the manual"
"$qatspec" lint "$spec" || exit $?

step "the manual's $(ls "$root"/tests/check/examples/*.txt | wc -l) examples, checked as captured sessions (deviations are named errata)"
"$qatspec" check --spec "$spec" "$root"/tests/check/examples/*.txt | tail -n 1
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"

step "the checker's speed on an 8 MiB session drawn from the spec"
"$qatspec" bench --spec "$spec" --size 8 | grep -E '^(throughput|framing):' || exit 1

printf '\n%s\n' "Next: 'qatspec emulate' gives you an Air780E on a pty (see README); the runner that scores it and writes reports/ comes with issue 5."
