#!/bin/sh
# run_gen.sh — `qatspec gen`: its command line (help, errors), and the dictionary `gen dict` writes.
# usage: run_gen.sh QATSPEC SPEC_DIR PART [CORPUS_DIR]   (PART: cli | dict | corpus, which writes CORPUS_DIR)
set -u
qatspec=$1
specs=$2
part=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

. "$(dirname "$0")/../expect.sh"

cli() {
    expect 0 '^  gen GENERATOR' "$qatspec" --help
    expect 0 '^  c +--out FILE.c' "$qatspec" gen --help
    expect 0 '^  dict +--out FILE' "$qatspec" gen --help
    expect 0 '^  corpus +--out DIR' "$qatspec" gen --help
    expect 2 '^usage: qatspec gen GENERATOR' "$qatspec" gen
    expect 2 "^qatspec gen: unknown generator 'bogus'" "$qatspec" gen bogus
    for g in c dict corpus; do
        expect 0 "^usage: qatspec gen $g --out" "$qatspec" gen $g --help
        expect 2 "^qatspec gen $g: --out is required" "$qatspec" gen $g
        expect 2 "^qatspec gen $g: unknown argument or missing value '--bogus'" "$qatspec" gen $g --bogus
        expect 2 "^qatspec gen $g: cannot (write|create) $tmp/no/such/file: No such file" \
            "$qatspec" gen $g --out "$tmp/no/such/file" --spec "$specs"
        expect 2 "^qatspec gen $g: the spec in $tmp/missing has problems" \
            "$qatspec" gen $g --out "$tmp/out.$g" --spec "$tmp/missing"
        [ -e "$tmp/out.$g" ] && { echo "FAIL: gen $g wrote a file from a bad spec"; fail=1; }
    done
}

# Each line a comment or name="value" as both AFL++ (name [A-Za-z0-9_]) and libFuzzer (escapes
# \\ \" \xNN only, printable bytes otherwise, value not empty) read it.
dict() {
    expect 0 '^gen dict: [0-9]+ entries in ' "$qatspec" gen dict --out "$tmp/qat.dict" --spec "$specs"
    cat "$tmp/out"
    bad=$(LC_ALL=C grep -n -v -E '^(#.*|[A-Za-z0-9_]+="([] !#-[^-~]|\\\\|\\"|\\x[0-9A-Fa-f]{2})+")$' "$tmp/qat.dict")
    [ -n "$bad" ] && { echo "FAIL: lines that are not dictionary entries:"; echo "$bad"; fail=1; }
    dups=$(grep -v '^#' "$tmp/qat.dict" | sed 's/^[^=]*=//' | sort | uniq -d)
    [ -n "$dups" ] && { echo "FAIL: duplicate values:"; echo "$dups"; fail=1; }
    for known in '"AT"' '"\x0D\x0A"' '";"' '"OK"' '"> "' '"+CME ERROR: "' '"AT+CSQ"' '"AT+CSQ=?"' \
        '"+CSQ: "' '"+CSQ:"' '"\x22recv\x22"' '"recv"' '"\x1A"' '"\x1B"'; do
        grep -q -F "=$known" "$tmp/qat.dict" || { echo "FAIL: $known is not in the dictionary"; fail=1; }
    done
    "$qatspec" gen dict --out "$tmp/again.dict" --spec "$specs" >/dev/null
    cmp -s "$tmp/qat.dict" "$tmp/again.dict" || { echo "FAIL: two runs wrote different dictionaries"; fail=1; }
    # libFuzzer's own parser, when clang can build a fuzzer here
    cc=$(command -v clang) || return 0
    echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
        >"$tmp/nop.c"
    "$cc" -fsanitize=fuzzer "$tmp/nop.c" -o "$tmp/nop" 2>/dev/null || return 0
    n=$(grep -c -v '^#' "$tmp/qat.dict")
    expect 0 "^Dictionary: $n entries" "$tmp/nop" -dict="$tmp/qat.dict" -runs=0
}

# The corpus: written, summarised, the same files on a second run.
corpus() {
    dir=$4
    rm -rf "$dir"
    counts='^gen corpus: [0-9]+ seeds: stream [1-9][0-9]*, cmdline [1-9][0-9]*, spec [1-9][0-9]*, transcript [1-9][0-9]*$'
    expect 0 "$counts" "$qatspec" gen corpus --out "$dir" --spec "$specs"
    cat "$tmp/out"
    expect 0 "$counts" "$qatspec" gen corpus --out "$tmp/again" --spec "$specs"
    (cd "$dir" && find . -type f | sort) >"$tmp/first"
    (cd "$tmp/again" && find . -type f | sort) >"$tmp/second"
    cmp -s "$tmp/first" "$tmp/second" || { echo "FAIL: two runs wrote different seeds"; fail=1; }
}

$part "$@"
[ "$fail" -eq 0 ] && echo "ok: gen $part"
exit "$fail"
