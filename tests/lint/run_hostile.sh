#!/bin/sh
# run_hostile.sh — lints one hostile file made at test time (empty, random bytes, 10 MB, deep, alias bomb ...).
# usage: run_hostile.sh QATSPEC GEN_HOSTILE KIND
# Passes when lint exits 2 (no crash, no hang: `timeout 60` guards) with a located FILE:LINE:COL: message.
set -u
qatspec=$1
gen=$2
kind=$3

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/specs"
file="$tmp/specs/$kind.yaml"
"$gen" "$kind" "$file" || exit 1

start=$(date +%s)
timeout 60 "$qatspec" lint "$tmp/specs" >"$tmp/out" 2>"$tmp/err"
rc=$?
seconds=$(($(date +%s) - start))

fail=0
if [ "$rc" -eq 124 ]; then
    echo "FAIL: lint of $kind did not finish within 60 s"
    fail=1
elif [ "$rc" -ne 2 ]; then
    echo "FAIL: lint of $kind exited $rc, expected 2"
    fail=1
fi
if ! grep -q -F -- "$file:" "$tmp/out" || ! grep -q -E -- ":[0-9]+:[0-9]+: " "$tmp/out"; then
    echo "FAIL: no located message (FILE:LINE:COL: ...) about $file"
    fail=1
fi
if [ "$fail" -ne 0 ]; then
    echo "--- qatspec lint output (first lines):"
    head -20 "$tmp/out" "$tmp/err"
    exit 1
fi
echo "ok: $kind ($(wc -c <"$file") bytes) in ${seconds}s: $(head -1 "$tmp/out" | sed "s|$tmp/specs/||")"
