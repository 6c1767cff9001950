#!/bin/sh
# run_check.sh — `qatspec check` end to end: transcripts and what check must say of them, --json, exit codes.
# usage: run_check.sh QATSPEC SPEC_DIR CHECK_DIR PART   (PART: cases, json, cli, hostile, lint, runlog, memory)
#
# cases: every transcript of CHECK_DIR/examples and CHECK_DIR/cases is checked from its own folder. With
# a NAME.expect beside it, the exit code is its "# exit N" line and every other line not starting with
# '#' must begin some output line (the summary line among them, so no unexpected violation slips by);
# without one, check must exit 0 and report no violation.
set -u
qatspec=$1
specs=$2
dir=$3
part=$4
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

say_fail() {
    echo "FAIL: $*"
    fail=1
}

show() {
    sed 's/^/    /' "$1"
}

. "$(dirname "$0")/../expect.sh"

# has_line_starting FILE PREFIX: some line of FILE begins with PREFIX.
has_line_starting() {
    awk -v p="$2" 'index($0, p) == 1 { found = 1 } END { exit !found }' "$1"
}

# check_one FOLDER NAME: check FOLDER/NAME against FOLDER/<NAME without extension>.expect.
check_one() {
    folder=$1
    name=$2
    expectation="$folder/${name%.*}.expect"
    (cd "$folder" && timeout 60 "$qatspec" check --spec "$specs" "$name") >"$tmp/out" 2>"$tmp/err"
    rc=$?
    want=0
    if [ -f "$expectation" ]; then
        want=$(sed -n 's/^# exit \([0-9]\).*/\1/p' "$expectation" | head -n 1)
        grep -v '^#' "$expectation" >"$tmp/lines"
    else
        echo " 0 violations," >"$tmp/lines"
    fi
    ok=1
    [ "$rc" -eq "${want:-0}" ] || ok=0
    while IFS= read -r line; do
        if [ -f "$expectation" ]; then
            has_line_starting "$tmp/out" "$line" || { ok=0; echo "    missing: $line"; }
        else
            grep -qF -- "$line" "$tmp/out" || ok=0
        fi
    done <"$tmp/lines"
    if [ "$ok" -eq 0 ]; then
        say_fail "$folder/$name: exit $rc (expected ${want:-0}), output:"
        show "$tmp/out"
        show "$tmp/err"
    fi
}

run_cases() {
    n=0
    for folder in "$dir/examples" "$dir/cases"; do
        for path in "$folder"/*; do
            case "$path" in *.expect) continue ;; esac
            check_one "$folder" "$(basename "$path")"
            n=$((n + 1))
        done
    done
    [ "$n" -ge 30 ] || say_fail "only $n transcripts found under $dir"
}

# The JSON document: its shape, the fields of each finding, the totals; an unreadable file is named.
run_json() {
    cases=$dir/cases
    "$qatspec" check --spec "$specs" --json "$cases/wrong-range.txt" "$dir/examples/03-at-qird-set-1.txt" \
        "$cases/marked-qird.log" "$cases/raw-boot.raw" >"$tmp/doc.json" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 1 ] || say_fail "--json on a transcript with violations exited $rc, expected 1"
    python3 - "$tmp/doc.json" <<'EOF' || fail=1
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
def need(cond, what):
    if not cond:
        print("FAIL: --json:", what)
        print(json.dumps(doc, indent=1)[:3000])
        sys.exit(1)
files = doc["files"]
need(len(files) == 4, "four files")
need([f["format"] for f in files] == ["plain", "plain", "marked", "raw"], "the detected formats")
v = files[0]["violations"]
need(len(v) == 1 and files[0]["deviations"] == [], "one violation in wrong-range.txt")
need(v[0]["line"] == 2 and v[0]["section"] == "2.11" and v[0]["kind"] == "bad-line", "line, section, kind")
need(v[0]["message"].startswith("out of range") and v[0]["text"] == "+CSQ: 32,99", "message and text")
d = files[1]["deviations"]
need(files[1]["violations"] == [] and len(d) == 1, "one deviation in the +QIRD example")
need(d[0]["erratum"] == "qird-example-no-space" and d[0]["line"] == 2 and d[0]["text"] == "+QIRD:10", "the deviation")
need(d[0]["section"] == "3.3" and d[0]["message"], "the deviation's section and message")
for f in files:
    s = f["summary"]
    need(s["violations"] == len(f["violations"]) and s["deviations"] == len(f["deviations"]), "per-file counts")
for key in ("lines", "commands", "urcs", "violations", "deviations"):
    need(doc["summary"][key] == sum(f["summary"][key] for f in files), "the total of " + key)
need(files[3]["summary"]["urcs"] == 2 and files[2]["summary"]["commands"] == 1, "URCs and commands")
EOF
    printf 'AT+CSQ\n+CSQ: \377\376\001\033 1\n\000OK\n' >"$tmp/bytes.txt"
    "$qatspec" check --spec "$specs" --json --format plain "$tmp/bytes.txt" "$tmp/missing.txt" >"$tmp/doc2.json" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 2 ] || say_fail "--json with an unreadable file exited $rc, expected 2"
    grep -q "missing.txt: cannot read" "$tmp/err" || say_fail "--json: no message naming the unreadable file"
    python3 - "$tmp/doc2.json" <<'EOF' || fail=1
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))  # strict UTF-8: bytes that are not are escaped
files = doc["files"]
if len(files) != 2 or "error" not in files[1] or not files[0]["violations"]:
    print("FAIL: --json with odd bytes and a missing file:", doc)
    sys.exit(1)
if "\\xFF\\xFE\\x01\\x1B" not in files[0]["violations"][0]["text"]:
    print("FAIL: --json: odd bytes not escaped:", files[0]["violations"][0])
    sys.exit(1)
EOF
}

run_cli() {
    cases=$dir/cases
    expect 0 '^usage: qatspec check TRANSCRIPT' "$qatspec" check --help
    expect 0 '^  check TRANSCRIPT\.\.\.' "$qatspec" --help
    expect 2 'no transcript given' "$qatspec" check --spec "$specs"
    expect 2 "unknown option '--bogus'" "$qatspec" check --bogus "$cases/wrong-range.txt"
    expect 2 "unknown format 'yaml'" "$qatspec" check --format yaml "$cases/wrong-range.txt"
    expect 2 "option '--spec' needs a value" "$qatspec" check "$cases/wrong-range.txt" --spec
    expect 2 "$tmp/nofile.txt: cannot read: No such file" "$qatspec" check --spec "$specs" "$tmp/nofile.txt"
    expect 2 "$tmp: cannot read" "$qatspec" check --spec "$specs" "$tmp"
    expect 2 "cannot read the spec directory" "$qatspec" check --spec "$tmp/nospec" "$cases/wrong-range.txt"
    expect 1 '^total: 3 lines, 1 commands \(0 inferred\), 0 URCs, 1 violations, 0 deviations, 0 notes$' "$qatspec" check --spec "$specs" -- "$cases/wrong-range.txt" /dev/null
    # an empty file, and one with nothing of the spec in it, warn and fail
    expect 1 'warning: /dev/null: the file is empty: nothing was checked' "$qatspec" check --spec "$specs" /dev/null
    printf 'hello world\n' >"$tmp/prose.txt"
    expect 1 'warning: .*prose.txt: no line of it is a command, response or URC of the spec' "$qatspec" check --spec "$specs" "$tmp/prose.txt"
    # several files: a summary each, then the total
    expect 1 '^.*wrong-range.txt: 3 lines, 1 commands \(0 inferred\), 0 URCs, 1 violations, 0 deviations, 0 notes$' \
        "$qatspec" check --spec "$specs" "$cases/wrong-range.txt" "$dir/examples/03-at-qird-set-1.txt"
    expect 0 ' 0 violations, ' env QATSPEC_SPEC="$specs" "$qatspec" check "$cases/raw-urcs.raw"
    # the form is detected per file, and --format forces one
    expect 0 '^4 lines, 1 commands \(0 inferred\), 0 URCs, 0 violations' "$qatspec" check --spec "$specs" "$cases/marked-qird.log"
    expect 1 '^4 lines, [0-9]+ commands \([0-9]+ inferred\), 0 URCs, [1-9][0-9]* violations' \
        "$qatspec" check --spec "$specs" --format raw "$cases/marked-qird.log"
    expect 1 'plain-push.txt:3: \[1.2\] lf-without-cr' "$qatspec" check --spec "$specs" --format raw "$cases/plain-push.txt"
    # violations and deviations of several files add up; deviations alone pass
    expect 1 '^total: 7 lines, 2 commands \(0 inferred\), 0 URCs, 1 violations, 1 deviations, 0 notes$' \
        "$qatspec" check --spec "$specs" "$cases/wrong-range.txt" "$dir/examples/03-at-qird-set-1.txt"
    expect 0 '^4 lines, 1 commands \(0 inferred\), 0 URCs, 0 violations, 1 deviations, 0 notes$' \
        "$qatspec" check --spec "$specs" "$dir/examples/03-at-qird-set-1.txt"
}

# What the runner writes checks clean: the whole plan run against the emulator, then its transcript.log (the
# invalid command lines it sends on purpose are notes), detected as a run log.
run_runlog() {
    "$qatspec" run --emulator --spec "$specs" --report-dir "$tmp/reports" >"$tmp/run.out" 2>&1 ||
        { say_fail "the run failed"; show "$tmp/run.out"; return; }
    expect 0 '^[0-9]+ lines, [1-9][0-9]* commands \(0 inferred\), [0-9]+ URCs, 0 violations, 0 deviations, [1-9][0-9]* notes$' \
        "$qatspec" check --spec "$specs" "$tmp/reports/latest/transcript.log"
    expect 0 '"format":[[:space:]]*"runlog"' "$qatspec" check --spec "$specs" --json "$tmp/reports/latest/transcript.log"
}

# Bounded memory: check and check --json on 32 MiB of module output (mostly violations, and clean RX-only) peak at
# the same resident size as on 4 MiB, whatever the file's size (it is read a chunk at a time, findings streamed).
# Under ASan its quarantine of freed blocks would grow with the findings: it is switched off for this measure.
run_memory() {
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
    export ASAN_OPTIONS
    for stream in violations rx-only; do
        for mib in 4 32; do
            "$qatspec" bench --spec "$specs" --size "$mib" --stream "$stream" --write "$tmp/$stream-$mib.raw" >/dev/null ||
                { say_fail "bench could not write a $mib MiB $stream stream"; return; }
        done
    done
    python3 - "$qatspec" "$specs" "$tmp" <<'EOF_PY' || fail=1
import resource, subprocess, sys
qatspec, specs, tmp = sys.argv[1:]
def peak_kib(args):
    # a fresh interpreter per run, so RUSAGE_CHILDREN's maximum is this run's alone
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + args, capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1])
failed = False
for stream, want_rc in (("violations", 1), ("rx-only", 0)):
    for json in ([], ["--json"]):
        small = peak_kib([qatspec, "check", "--spec", specs] + json + [f"{tmp}/{stream}-4.raw"])
        big = peak_kib([qatspec, "check", "--spec", specs] + json + [f"{tmp}/{stream}-32.raw"])
        print(f"{stream} {' '.join(json) or 'text'}: exit {big[0]}, peak {small[1]} KiB on 4 MiB, {big[1]} KiB on 32 MiB")
        if big[0] != want_rc or big[1] > small[1] + 4096:
            print(f"FAIL: {stream} {json}: exit {big[0]} (want {want_rc}), peak grew with the file")
            failed = True
sys.exit(1 if failed else 0)
EOF_PY
}

# Files no one would call a transcript: check reads each as all three forms, without crashing or hanging.
run_hostile() {
    python3 - "$tmp" <<'EOF' || exit 1
import random, sys
d, r = sys.argv[1], random.Random(3)
open(d + "/random.bin", "wb").write(bytes(r.randrange(256) for _ in range(100000)))
open(d + "/nul.txt", "wb").write(b"AT+CSQ\n\0\0+CSQ: 1\0,99\nOK\n" + b"\0" * 5000)
open(d + "/long.txt", "wb").write(b"AT+CSQ\n+CSQ: " + b"9" * 2000000 + b"\nOK\n" + b"x" * 2000000)
open(d + "/lines.txt", "wb").write(b"AT+QIRD=0,1500\n+QIRD: 1500\n" + b"<\n" * 300000 + b"\\x\\")
open(d + "/escapes.log", "wb").write(b"> AT\\x4\n< \\x0d\\x0a+QIRD: 9\\r\\n\\x00\\xff\\\\\\" + b"\\r" * 50000 + b"\n<\n>\n")
open(d + "/prompts.txt", "wb").write(b"AT+QISEND=0,5\n>\n" * 5000 + b">\n\n...\n")
EOF
    for f in random.bin nul.txt long.txt lines.txt escapes.log prompts.txt; do
        for format in raw marked plain; do
            timeout 120 "$qatspec" check --spec "$specs" --format "$format" "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
            rc=$?
            if [ "$rc" -gt 1 ] || ! tail -n 1 "$tmp/out" | grep -q -E '^[0-9]+ lines, [0-9]+ commands \([0-9]+ inferred\), '; then
                say_fail "$f as $format: exit $rc"
                tail -n 3 "$tmp/out"
                head -c 2000 "$tmp/err"
            fi
        done
        timeout 120 "$qatspec" check --spec "$specs" --json "$tmp/$f" >"$tmp/doc.json" 2>"$tmp/err"
        python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$tmp/doc.json" ||
            say_fail "$f: --json is not valid JSON"
    done
}

# lint reads every example of a spec through the same reader: lint-spec/ holds examples that pass and
# examples that fail in each way; its "# expect:" lines are the diagnostics lint must give, no more.
run_lint() {
    spec=$dir/lint-spec
    cp -r "$spec" "$tmp/spec"
    timeout 60 "$qatspec" lint "$tmp/spec" >"$tmp/out" 2>&1
    rc=$?
    [ "$rc" -eq 2 ] || say_fail "lint of lint-spec exited $rc, expected 2"
    sed -n 's/^# expect: //p' "$spec/spec.yaml" >"$tmp/expects"
    while IFS= read -r e; do
        has_line_starting "$tmp/out" "$tmp/spec/spec.yaml:$e" || say_fail "lint did not say: $e"
    done <"$tmp/expects"
    want=$(wc -l <"$tmp/expects")
    has_line_starting "$tmp/out" "$want problems" || say_fail "lint of lint-spec: expected $want problems"
    # examples are checked only once everything else passes: one other problem, and it alone is reported
    printf -- '- erratum: zz-other\n  section: "9.1"\n  command: AT+NOPE\n  title: t\n  documented: d\n  deviation: d\n  evidence: e\n' \
        >>"$tmp/spec/spec.yaml"
    expect 2 '^1 problem$' "$qatspec" lint "$tmp/spec"
    if [ "$fail" -ne 0 ]; then
        show "$tmp/out"
    fi
}

case "$part" in
cases) run_cases ;;
json) run_json ;;
cli) run_cli ;;
hostile) run_hostile ;;
runlog) run_runlog ;;
memory) run_memory ;;
lint) run_lint ;;
*)
    echo "usage: run_check.sh QATSPEC SPEC_DIR CHECK_DIR cases|json|cli|hostile|lint|runlog|memory"
    exit 2
    ;;
esac
[ "$fail" -eq 0 ] && echo "ok: check $part"
exit "$fail"
