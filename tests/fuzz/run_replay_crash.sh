#!/bin/sh
# run_replay_crash.sh — the replay driver names the file a target crashed on and fails; a clean directory passes.
#   run_replay_crash.sh REPLAY_BINARY WORK_DIR
set -u
bin=$1 work=$2
rm -rf "$work" && mkdir -p "$work/clean" "$work/crashing"
printf 'fine' > "$work/clean/a"
printf 'fine' > "$work/crashing/a"
printf 'crash here' > "$work/crashing/b"
"$bin" "$work/clean" > "$work/clean.out" 2>&1 || { echo "a clean directory failed:"; cat "$work/clean.out"; exit 1; }
grep -q '^replay: 1 files ran$' "$work/clean.out" || { echo "no count:"; cat "$work/clean.out"; exit 1; }
if "$bin" "$work/crashing" > "$work/crashing.out" 2>&1; then
  echo "a crashing input passed"; exit 1
fi
grep -q "^replay: CRASHED on $work/crashing/b\$" "$work/crashing.out" || { echo "the file is not named:"; cat "$work/crashing.out"; exit 1; }
echo "replay: names the crashing file and fails"
