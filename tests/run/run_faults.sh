#!/bin/sh
# run_faults.sh — every fault `qatspec emulate --list-faults` lists, run through the whole plan: the run must fail
# (exit 1), and every failing case must be in the section the fault names or cite it in its reason. No --max-wait:
# the runner's waits fit its own emulator by themselves (the time each run took is printed).
# usage: run_faults.sh QATSPEC SPEC_DIR WORK_DIR
set -u
qatspec=$1 spec=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 2
"$qatspec" emulate --spec "$spec" --list-faults > "$work/faults" || { echo "FAIL: --list-faults"; exit 1; }
[ -s "$work/faults" ] || { echo "FAIL: no faults listed"; exit 1; }
bad=0
while read -r fault section rest; do
    started=$(date +%s.%N)
    "$qatspec" run --emulator --spec "$spec" --fault "$fault" --report-dir "$work/$fault" > "$work/$fault.out" 2>&1
    rc=$?
    took=$(printf "%.2f" "$(echo "$(date +%s.%N) - $started" | bc)")
    verdict=$(python3 - "$work/$fault/latest/report.json" "$section" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))["cases"]
section = sys.argv[2]
failing = [c for c in cases if c["verdict"] in ("fail", "error")]
elsewhere = [c["id"] for c in failing if c["section"] != section and "[%s]" % section not in (c["reason"] or "")]
if not failing:
    print("no failing case")
elif elsewhere:
    print("failing cases outside %s: %s" % (section, " ".join(elsewhere[:5])))
else:
    print("ok: %d failing, all at %s" % (len(failing), section))
PY
)
    case "$rc:$verdict" in
    1:ok*) echo "ok   $fault ($section): $verdict, in $took s" ;;
    *) echo "FAIL $fault ($section): exit $rc, $verdict"; tail -3 "$work/$fault.out"; bad=1 ;;
    esac
done < "$work/faults"
exit $bad
