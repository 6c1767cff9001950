#!/bin/sh
# run_libfuzzer.sh — one time-boxed libFuzzer run of a target from the seed corpora with the dictionary.
# Used by `make fuzz` and by ctest; exit non-zero on a finding (the reproducer is in WORK/artifacts/).
#
#   run_libfuzzer.sh BINARY WORK SECONDS DICT [--fresh] CORPUS_DIR...
# WORK/corpus is where new inputs go (kept between runs unless --fresh); the CORPUS_DIRs are only read.
set -eu
if [ $# -lt 5 ]; then
  echo "usage: run_libfuzzer.sh BINARY WORK SECONDS DICT [--fresh] CORPUS_DIR..." >&2
  exit 2
fi
bin=$1 work=$2 seconds=$3 dict=$4
shift 4
if [ "$1" = "--fresh" ]; then
  rm -rf "$work/corpus"
  shift
fi
mkdir -p "$work/corpus" "$work/artifacts"
seeds=""
for dir in "$@"; do
  [ -d "$dir" ] && seeds="$seeds $dir"
done
# -timeout: an input that takes longer than 10 s is a hang; -rss_limit_mb: growth is a finding too.
# shellcheck disable=SC2086 # $seeds is a list of directories without spaces in their names
exec "$bin" -max_total_time="$seconds" -dict="$dict" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" $seeds
