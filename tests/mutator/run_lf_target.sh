#!/bin/sh
# run_lf_target.sh TARGET WORKDIR — runs the libFuzzer target linked with libqat_lf_mutator.a for 2000
# inputs from two seeds; passes when libFuzzer ran them all and its new inputs came from our hooks.
set -u
target=$1 work=$2
rm -rf "$work" && mkdir -p "$work/corpus" || exit 1
printf 'AT+QIRD=0,1500\n\r\n+QIRD: 10\r\n0123456789\r\n\r\nOK\r\n' > "$work/corpus/qird"
printf 'AT+CEREG?\n\r\n+CEREG: 2,1,"DE10","05F7B51F",7\r\n\r\n+QIURC: "recv",0\r\n\r\nOK\r\n' > "$work/corpus/cereg"
"$target" -runs=2000 -seed=1 -max_len=4096 "$work/corpus" > "$work/log" 2>&1
rc=$?
cat "$work/log"
[ $rc -eq 0 ] || { echo "run_lf_target: the target exited $rc"; exit 1; }
grep -q 'Done 2000 runs' "$work/log" || { echo "run_lf_target: libFuzzer did not run 2000 inputs"; exit 1; }
grep -q 'LLVMFuzzerCustomMutator' "$work/log" || { echo "run_lf_target: libFuzzer did not find our mutator"; exit 1; }
grep -q 'MS: [0-9]* Custom' "$work/log" || { echo "run_lf_target: no new input came from our mutator"; exit 1; }
