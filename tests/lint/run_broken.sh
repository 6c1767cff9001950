#!/bin/sh
# run_broken.sh — lints a copy of the shipped spec plus one broken file, and checks what lint says.
# usage: run_broken.sh QATSPEC SPEC_DIR BROKEN.yaml
#
# Passes when `qatspec lint` exits 2, every "# expect: LINE:COL: TEXT" line of BROKEN.yaml appears
# as "<dir>/zz-broken.yaml:LINE:COL: ...TEXT...", no diagnostic names another file, and lint reports
# exactly as many problems as the file expects (so no cascade of follow-on messages goes unnoticed).
set -u
qatspec=$1
specs=$2
broken=$3

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/specs"
cp "$specs"/*.yaml "$tmp/specs/" || exit 1
cp "$broken" "$tmp/specs/zz-broken.yaml" || exit 1
target="$tmp/specs/zz-broken.yaml"

timeout 60 "$qatspec" lint "$tmp/specs" >"$tmp/out" 2>"$tmp/err"
rc=$?
fail=0
if [ "$rc" -ne 2 ]; then
    echo "FAIL: exit code $rc, expected 2"
    fail=1
fi

sed -n 's/^# expect: //p' "$broken" >"$tmp/expects"
if [ ! -s "$tmp/expects" ]; then
    echo "FAIL: $broken has no '# expect:' line"
    fail=1
fi
while IFS= read -r expect; do
    position=${expect%%: *}
    text=${expect#*: }
    if ! grep -F -- "$target:$position: " "$tmp/out" | grep -qF -- "$text"; then
        echo "FAIL: missing  $target:$position: ...$text..."
        fail=1
    fi
done <"$tmp/expects"

grep -v -e '^[0-9][0-9]* problems*$' "$tmp/out" >"$tmp/diags"
if grep -v -F -- "$target:" "$tmp/diags" >"$tmp/others"; then
    echo "FAIL: diagnostics about other files:"
    cat "$tmp/others"
    fail=1
fi
expected=$(wc -l <"$tmp/expects")
got=$(wc -l <"$tmp/diags")
if [ "$expected" -ne "$got" ]; then
    echo "FAIL: $got diagnostics, the file expects $expected"
    fail=1
fi

if [ "$fail" -ne 0 ]; then
    echo "--- qatspec lint output (exit $rc):"
    cat "$tmp/out" "$tmp/err"
    exit 1
fi
echo "ok: $(basename "$broken"): $got diagnostics as expected"
