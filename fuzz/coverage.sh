#!/bin/sh
# coverage.sh — what the corpus reaches in parsers/: replays it through the coverage build's replay drivers,
# merges the profiles and prints llvm-cov's report of parsers/ with its line and region percentages.
#
#   coverage.sh BUILD_DIR SEEDS_DIR REGRESSIONS_DIR [WORK_DIR]
# Each target replays SEEDS_DIR/<target>, REGRESSIONS_DIR/<target> and, when WORK_DIR is given, the
# corpora fuzzing runs left in WORK_DIR/<target>*/corpus. BUILD_DIR is the coverage preset's.
set -eu
if [ $# -lt 3 ]; then
  echo "usage: coverage.sh BUILD_DIR SEEDS_DIR REGRESSIONS_DIR [WORK_DIR]" >&2
  exit 2
fi
build=$1 seeds=$2 regressions=$3 work=${4:-}
top=$(cd "$(dirname "$0")/.." && pwd)
profiles=$build/fuzz-coverage
rm -rf "$profiles"
mkdir -p "$profiles"
objects=""
for target in stream cmdline spec transcript; do
  bin=$build/fuzz/${target}_replay
  dirs=""
  for dir in "$seeds/$target" "$regressions/$target" ${work:+"$work/$target"*/corpus}; do
    [ -d "$dir" ] && dirs="$dirs $dir"
  done
  [ -n "$dirs" ] || continue
  # shellcheck disable=SC2086 # directory names without spaces
  LLVM_PROFILE_FILE="$profiles/$target-%p.profraw" "$bin" $dirs
  objects="${objects:+$objects -object=}$bin"
done
llvm-profdata merge -sparse "$profiles"/*.profraw -o "$profiles/merged.profdata"
# shellcheck disable=SC2086 # the first binary, then -object= the others
llvm-cov report $objects -instr-profile="$profiles/merged.profdata" "$top/parsers" | tee "$profiles/report.txt"
awk '$1 == "TOTAL" { printf "fuzz-coverage: parsers/: regions %s, functions %s, lines %s, branches %s\n", $4, $7, $10, $13 }' \
  "$profiles/report.txt"
