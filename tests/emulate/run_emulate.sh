#!/bin/sh
# run_emulate.sh QATSPEC SPEC_DIR PART — command-level tests of `qatspec emulate` that need a shell:
# chat(8) from ppp against the pty, SIGTERM, SIGINT and stdin's end (exit 0, --link symlink removed), --help, bad identity.
# modes: --help documents --hostile and --latency; their bad values exit 2 naming the option.
set -u
qatspec=$1 spec=$2 part=$3
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Start the emulator with stdin and stdout on fifos; read its `ready` line into $where.
start() {
    mkfifo "$dir/in" "$dir/out"
    "$qatspec" emulate --spec "$spec" --link "$dir/ttyQAT0" "$@" <"$dir/in" >"$dir/out" &
    pid=$!
    exec 3>"$dir/in" 4<"$dir/out"
    read -r word where <&4 || fail "no ready line"
    [ "$word" = ready ] || fail "first line is '$word $where', not 'ready ...'"
    [ -L "$dir/ttyQAT0" ] || fail "--link made no symlink"
    echo "emulator ready on $where"
}

# Wait for the emulator to end and check it ended with 0 and removed its symlink.
finish() {
    wait "$pid"
    rc=$?
    pid=
    [ $rc -eq 0 ] || fail "the emulator exited with $rc"
    [ ! -e "$dir/ttyQAT0" ] && [ ! -L "$dir/ttyQAT0" ] || fail "the --link symlink is still there"
    echo "exited 0, symlink removed"
}

case $part in
chat)
    start
    timeout 20 /usr/sbin/chat -v -s -t 5 '' AT OK ATI OK AT+CGMR OK AT+CSQ OK 'AT+CEREG?' OK \
        <"$dir/ttyQAT0" >"$dir/ttyQAT0" || fail "chat failed ($?)"
    kill -TERM "$pid"
    finish
    ;;
sigterm | sigint)
    start
    kill -s "$(echo "${part#sig}" | tr a-z A-Z)" "$pid"
    finish
    ;;
stdin)
    start
    exec 3>&-
    finish
    ;;
help)
    "$qatspec" emulate --help | grep -q '^usage: qatspec emulate' || fail "no usage on --help"
    ;;
badimei)
    "$qatspec" emulate --spec "$spec" --imei 868739057053444 </dev/null >"$dir/o" 2>"$dir/e"
    rc=$?
    [ $rc -eq 2 ] || fail "a bad IMEI exits $rc, not 2"
    grep -q 'Luhn' "$dir/e" || fail "no Luhn message: $(cat "$dir/e")"
    [ ! -s "$dir/o" ] || fail "printed on stdout: $(cat "$dir/o")"
    "$qatspec" emulate --spec "$spec" --iccid 89860621260002571478 </dev/null 2>"$dir/e"
    [ $? -eq 2 ] && grep -q 'Luhn' "$dir/e" || fail "a bad ICCID is not refused: $(cat "$dir/e")"
    ;;
modes)
    "$qatspec" emulate --help >"$dir/h"
    for word in --hostile --hostile-rate --latency --trace split-line lie-length garbage; do
        grep -q -- "$word" "$dir/h" || fail "--help does not mention $word"
    done
    for bad in "--hostile-rate 101" "--hostile-rate x" "--latency fast" "--trace /nonexistent/dir/t"; do
        "$qatspec" emulate --spec "$spec" $bad </dev/null >"$dir/o" 2>"$dir/e"
        rc=$?
        [ $rc -eq 2 ] || fail "'$bad' exits $rc, not 2"
        grep -q "^qatspec emulate: ${bad%% *}" "$dir/e" || fail "'$bad': no message naming the option: $(cat "$dir/e")"
    done
    ;;
*)
    fail "unknown part $part"
    ;;
esac
echo "emulate $part: ok"
