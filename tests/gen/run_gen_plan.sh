#!/bin/sh
# run_gen_plan.sh QATSPEC SPEC_DIR — `qatspec gen plan --json` parses as JSON (python3's json module), has
# version 1, unique ids, counts per kind that match its cases and the text listing's last line; --help works.
set -eu
qatspec=$1 spec=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$qatspec" gen plan --json --spec "$spec" > "$tmp/plan.json"
"$qatspec" gen plan --spec "$spec" > "$tmp/plan.txt"
"$qatspec" gen plan --help | grep -q '^usage: qatspec gen plan'
"$qatspec" gen --help | grep -q '^  plan '
if "$qatspec" gen plan --bogus 2>"$tmp/err"; then echo "an unknown option passed"; exit 1; fi
grep -q '^qatspec gen plan: unexpected argument' "$tmp/err"
python3 - "$tmp/plan.json" "$tmp/plan.txt" <<'PY'
import collections, json, sys
plan = json.load(open(sys.argv[1]))
assert plan["version"] == 1, plan["version"]
cases = plan["cases"]
ids = [c["id"] for c in cases]
assert len(ids) == len(set(ids)), "duplicate ids"
counts = collections.Counter(c["kind"] for c in cases)
assert dict(counts) == {k: v for k, v in plan["counts"].items() if v}, (counts, plan["counts"])
for c in cases:
    assert c["weight"] in ("MUST", "SHOULD") and c["safety"] in ("safe", "stateful", "disruptive", "destructive"), c
    assert c["steps"] and all(s["timeout_ms"] > 0 for s in c["steps"]), c["id"]
assert cases[0]["kind"] == cases[-1]["kind"] == "sanity"
last = open(sys.argv[2]).read().splitlines()[-1]
want = "%d cases: " % len(cases) + ", ".join("%d %s" % (plan["counts"][k], k) for k in plan["counts"])
assert last == want, (last, want)
print(last)
PY
