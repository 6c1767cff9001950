#!/bin/sh
# afl-multicore.sh — runs AFL++ on one target across the cores: one main (-M) and secondaries (-S)
# sharing a sync directory, all with the dictionary; stops them all after SECONDS, or on Ctrl-C.
#
#   fuzz/afl-multicore.sh TARGET [SECONDS] [CORES]     (build first: cmake --preset afl && cmake --build --preset afl)
# TARGET: stream, cmdline, spec or transcript. SECONDS: 0 runs until Ctrl-C (default 3600). CORES: default nproc.
# Findings: build/afl/sync/TARGET/*/crashes/ and hangs/; replay one with build/default/fuzz/TARGET_replay FILE.
set -eu
if [ $# -lt 1 ] || [ "$1" = --help ]; then
  sed -n '2,8s/^# \{0,1\}//p' "$0"
  [ $# -ge 1 ] && exit 0 || exit 2
fi
target=$1 seconds=${2:-3600} cores=${3:-$(nproc)}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build/afl/fuzz/fuzz_$target
gen=$top/build/afl/gen
seeds=$gen/seeds/$target dict=$gen/qat.dict
sync=$top/build/afl/sync/$target
[ -x "$bin" ] || { echo "afl-multicore: $bin not built (cmake --preset afl && cmake --build --preset afl)" >&2; exit 2; }
# seeds: the spec's (qatspec gen corpus), the committed ones and the regressions, in one input directory
if [ ! -f "$dict" ]; then
  rm -rf "$gen" && mkdir -p "$gen"
  "$top/build/afl/harness/qatspec" gen corpus --out "$gen/seeds" > /dev/null
  "$top/build/afl/harness/qatspec" gen dict --out "$dict" > /dev/null
fi
find "$top/corpus/seeds/$target" "$top/corpus/regressions/$target" -type f ! -name '.*' -exec cp -t "$seeds" {} +
mkdir -p "$sync"
# an existing sync dir is resumed (-i -), so that a run picks up where the last one stopped
input=$seeds
[ -d "$sync/main/queue" ] && input=-
export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_IMPORT_FIRST=1
[ "$seconds" -gt 0 ] && timebox="-V $seconds" || timebox=""
pids=""
stop() { for pid in $pids; do kill "$pid" 2>/dev/null || true; done; }
trap stop INT TERM
i=0
while [ "$i" -lt "$cores" ]; do
  if [ "$i" -eq 0 ]; then role="-M main"; else role="-S secondary$i"; fi
  # shellcheck disable=SC2086 # $role and $timebox are option lists
  afl-fuzz $role $timebox -i "$input" -o "$sync" -x "$dict" -- "$bin" > "$sync/afl-$i.log" 2>&1 &
  pids="$pids $!"
  i=$((i + 1))
done
echo "afl-multicore: $cores instances on fuzz_$target, sync dir $sync (logs: $sync/afl-N.log)"
rc=0
for pid in $pids; do wait "$pid" || rc=$?; done
# per instance: its name, executions and speed (afl-whatsup leaves out instances that have stopped)
for stats in "$sync"/*/fuzzer_stats; do
  awk -v name="$(basename "$(dirname "$stats")")" '$1 == "execs_done" { done = $3 } $1 == "execs_per_sec" { speed = $3 }
    END { printf "afl-multicore: %s: %s execs, %s exec/s\n", name, done, speed }' "$stats"
done
crashes=$(find "$sync" -path '*/crashes/id*' | wc -l)
echo "afl-multicore: done; $crashes crash(es) in $sync/*/crashes/"
[ "$crashes" -eq 0 ] && exit "$rc" || exit 1
