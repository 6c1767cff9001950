#!/bin/sh
# run_afl.sh SO SRC_DIR BUILTIN_LIB WORK INSTRUMENTED — afl-fuzz for 5 seconds with libqat_mutator.so as its
# only mutator, on a tiny AFL-instrumented target: tests/mutator/lf_target.c and parsers/ through AFL's
# libFuzzer driver, the built-in spec from BUILTIN_LIB. Skips (exit 77, saying why) where afl++ is
# missing or the environment forbids it.
set -u
so=$1 src=$2 builtin=$3 work=$4 instrumented=$5
skip() { echo "SKIP: $*"; exit 77; }
command -v afl-fuzz > /dev/null || skip "afl-fuzz is not installed (scripts/deps.sh installs afl++)"
command -v afl-clang-fast > /dev/null || skip "afl-clang-fast is not installed"
[ "$instrumented" = OFF ] || skip "this build's libqat_mutator.so is instrumented (sanitizers or afl-clang-fast); afl-fuzz cannot load it"
rm -rf "$work" && mkdir -p "$work/in" || exit 1
afl-clang-fast -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer -I"$src/parsers" \
    "$src/tests/mutator/lf_target.c" "$src"/parsers/*.c "$builtin" -o "$work/target" > "$work/cc.log" 2>&1 ||
    { cat "$work/cc.log"; echo "run_afl: afl-clang-fast failed"; exit 1; }
printf 'AT+QIRD=0,1500\n\r\n+QIRD: 10\r\n0123456789\r\n\r\nOK\r\n' > "$work/in/qird"
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_QUIET=1 \
AFL_CUSTOM_MUTATOR_LIBRARY="$so" AFL_CUSTOM_MUTATOR_ONLY=1 ASAN_OPTIONS= UBSAN_OPTIONS= \
    afl-fuzz -V 5 -i "$work/in" -o "$work/out" -- "$work/target" > "$work/log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
    tail -20 "$work/log"
    grep -qE 'shmget|shmat|core_pattern|Unable to bind|No usable CPU' "$work/log" &&
        skip "afl-fuzz cannot run in this environment (see its message above)"
    echo "run_afl: afl-fuzz exited $rc"
    exit 1
fi
grep -q "Loading custom mutator library from '$so'" "$work/log" || { echo "run_afl: the mutator was not loaded"; exit 1; }
execs=$(sed -n 's/^execs_done *: *//p' "$work/out/default/fuzzer_stats")
found=$(ls "$work/out/default/queue" | grep -c ',qat-')
echo "afl-fuzz with libqat_mutator.so: $execs executions in 5 s, $found new inputs named by the mutator"
[ "${execs:-0}" -gt 100 ] || { echo "run_afl: too few executions"; exit 1; }
[ "$found" -gt 0 ] || { echo "run_afl: no new input came from the mutator"; exit 1; }
