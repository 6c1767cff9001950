#!/bin/sh
# coverage.sh — what the corpus reaches in parsers/: replays it through the coverage build's replay drivers,
# merges the profiles and prints llvm-cov's report of parsers/ with its line and region percentages.
#
#   coverage.sh BUILD_DIR ROOT...
# BUILD_DIR is the coverage preset's. For each target T every ROOT/T directory is replayed, and every
# ROOT/T*/corpus a fuzzing run left there (build/fuzz/work/T-local/corpus after `make fuzz`).
set -eu
if [ $# -lt 2 ]; then
  echo "usage: coverage.sh BUILD_DIR ROOT..." >&2
  exit 2
fi
build=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
profiles=$build/fuzz-coverage
rm -rf "$profiles"
mkdir -p "$profiles"
objects=""
for target in stream cmdline spec transcript; do
  bin=$build/fuzz/${target}_replay
  dirs=""
  for root in "$@"; do
    for dir in "$root/$target"*; do
      if [ -d "$dir/corpus" ]; then
        dirs="$dirs $dir/corpus" # a fuzzing run's directory: its corpus, not its findings
      elif [ "$dir" = "$root/$target" ] && [ -d "$dir" ]; then
        dirs="$dirs $dir"
      fi
    done
  done
  [ -n "$dirs" ] || continue
  echo "fuzz-coverage: $target:$dirs"
  # shellcheck disable=SC2086 # directory names without spaces
  LLVM_PROFILE_FILE="$profiles/$target-%p.profraw" "$bin" $dirs
  objects="${objects:+$objects -object=}$bin"
done
llvm-profdata merge -sparse "$profiles"/*.profraw -o "$profiles/merged.profdata"
# shellcheck disable=SC2086 # the first binary, then -object= the others
llvm-cov report $objects -instr-profile="$profiles/merged.profdata" "$top/parsers" | tee "$profiles/report.txt"
awk '$1 == "TOTAL" { printf "fuzz-coverage: parsers/: regions %s, functions %s, lines %s, branches %s\n", $4, $7, $10, $13 }' \
  "$profiles/report.txt"
