#!/bin/sh
# run_cli.sh — the qatspec command line: usage, version, exit codes, the lint summary and $QATSPEC_SPEC.
# usage: run_cli.sh QATSPEC SPEC_DIR
set -u
qatspec=$1
specs=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

. "$(dirname "$0")/../expect.sh"

expect 0 '^  lint \[SPEC_DIR\]' "$qatspec" --help
expect 0 '^usage: qatspec COMMAND' "$qatspec" -h
expect 2 '^usage: qatspec COMMAND' "$qatspec"
expect 0 '^qatspec [0-9]+\.[0-9]+\.[0-9]+$' "$qatspec" --version
expect 2 "unknown command 'frobnicate'" "$qatspec" frobnicate
expect 0 '^usage: qatspec lint \[SPEC_DIR\]' "$qatspec" lint --help
expect 2 "unknown option '--bogus'" "$qatspec" lint --bogus
expect 2 'one SPEC_DIR at most' "$qatspec" lint "$specs" "$specs"
expect 2 "^$tmp/missing: cannot read the spec directory" "$qatspec" lint "$tmp/missing"
mkdir "$tmp/empty"
expect 2 "no \*\.yaml files in the spec directory" "$qatspec" lint "$tmp/empty"
summary=': [0-9]+ files, [0-9]+ commands, [0-9]+ forms, [0-9]+ parameters, [0-9]+ URCs, [0-9]+ results, [0-9]+ examples, [0-9]+ errata: ok$'
expect 0 "^$specs$summary" "$qatspec" lint "$specs"
expect 0 "^$specs$summary" env QATSPEC_SPEC="$specs" "$qatspec" lint
expect 2 "^$tmp/missing: cannot read" env QATSPEC_SPEC="$tmp/missing" "$qatspec" lint

# non-.yaml files are ignored; a file YAML cannot read is named with its line and column
cp "$specs"/*.yaml "$tmp/empty/"
echo "not yaml: [" >"$tmp/empty/notes.txt"
expect 0 "$summary" "$qatspec" lint "$tmp/empty"
printf -- '- topic: [\n' >"$tmp/empty/99-bad.yaml"
expect 2 "^$tmp/empty/99-bad.yaml:2:1: " "$qatspec" lint "$tmp/empty"
expect 2 "^1 problem$" "$qatspec" lint "$tmp/empty"

[ "$fail" -eq 0 ] && echo "ok: command line"
exit "$fail"
