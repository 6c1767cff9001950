#!/bin/sh
# run_emulate.sh QATSPEC SPEC_DIR PART [README] — command-level tests of `qatspec emulate` that need a shell:
# chat(8) from ppp against the pty, SIGTERM, SIGINT (exit 0, --link symlink removed), stdin ending (it serves on),
# --modules (a link, a state and an identity each), --background with --pidfile, --help, bad identity.
# modes: --help documents --hostile and --latency; their bad values exit 2 naming the option.
set -u
qatspec=$1 spec=$2 part=$3 readme=${4:-}
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

# DIGITS with their Luhn check digit after them.
luhn() {
    echo "$1" | awk '{ s = 0; n = length($0); for (i = n; i >= 1; i--) { d = substr($0, i, 1); if ((n - i) % 2 == 0) {
        d *= 2; if (d > 9) d -= 9 } s += d } print $0 (10 - s % 10) % 10 }'
}

# Wait for PID, not a child of this shell, to exit: on its pidfd (readable at its exit), within a 10 s guard.
wait_exit() {
    python3 -c 'import os, select, sys
try:
    fd = os.pidfd_open(int(sys.argv[1]))
except ProcessLookupError:
    sys.exit(0)
sys.exit(0 if select.select([fd], [], [], 10)[0] else 1)' "$1" || fail "process $1 did not exit"
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
    # stdin's end is no reason to stop (a background job's stdin is /dev/null): it still answers, then SIGTERM ends it
    start
    exec 3>&-
    timeout 20 /usr/sbin/chat -s -t 5 '' AT OK <"$dir/ttyQAT0" >"$dir/ttyQAT0" || fail "no answer after stdin ended"
    kill -TERM "$pid"
    finish
    ;;
modules)
    # --modules 3: PATH0..PATH2, a ready line each in order, each its own state and identity (module k: the
    # manual's IMEI with k added to its serial number, Luhn-valid)
    mkfifo "$dir/in" "$dir/out"
    "$qatspec" emulate --spec "$spec" --link "$dir/tty" --modules 3 <"$dir/in" >"$dir/out" &
    pid=$!
    exec 3>"$dir/in" 4<"$dir/out"
    for k in 0 1 2; do
        read -r word where <&4 || fail "no ready line for module $k"
        [ "$word" = ready ] && [ "$(readlink "$dir/tty$k")" = "$where" ] || fail "module $k: '$word $where'"
    done
    timeout 20 /usr/sbin/chat -s -t 5 '' ATE0 OK <"$dir/tty1" >"$dir/tty1" || fail "module 1: ATE0"
    for k in 0 1 2; do
        imei=$(luhn "86873905$((705344 + k))")
        c="timeout 20 /usr/sbin/chat -s -t 5"
        $c '' AT+CGSN "$imei" OK <"$dir/tty$k" >"$dir/tty$k" || fail "module $k's IMEI is not $imei"
        if [ "$k" = 1 ]; then
            $c ABORT 'AT\r' '' AT OK <"$dir/tty$k" >"$dir/tty$k" || fail "module 1 echoes after its ATE0"
        else
            $c '' AT 'AT\r\r\nOK' <"$dir/tty$k" >"$dir/tty$k" || fail "module $k lost its echo to module 1's ATE0"
        fi
    done
    kill -TERM "$pid"
    wait "$pid" || fail "--modules 3 exited $?"
    pid=
    [ ! -e "$dir/tty0" ] && [ ! -L "$dir/tty2" ] || fail "the modules' symlinks are still there"
    ;;
background)
    # --background returns once ready is printed; the pidfile names the serving process, whose SIGTERM removes
    # both the symlink and the pidfile
    "$qatspec" emulate --spec "$spec" --link "$dir/ttyQAT0" --pidfile "$dir/pid" --background </dev/null >"$dir/o" ||
        fail "--background exited $?"
    read -r word where <"$dir/o" && [ "$word" = ready ] || fail "no ready line: $(cat "$dir/o")"
    pid=$(cat "$dir/pid") && kill -0 "$pid" || fail "the pidfile names no live process: $(cat "$dir/pid")"
    timeout 20 /usr/sbin/chat -s -t 5 '' AT OK <"$dir/ttyQAT0" >"$dir/ttyQAT0" || fail "no answer in the background"
    kill -TERM "$pid"
    wait_exit "$pid"
    [ ! -e "$dir/pid" ] && [ ! -L "$dir/ttyQAT0" ] || fail "the pidfile or the symlink is still there"
    pid=
    ;;
ci_recipe)
    # README's CI recipe, as it stands, by sh from a script whose stdin is /dev/null, with qatspec on the PATH
    sed -n '/^<!-- ci-recipe -->$/,/^<!-- \/ci-recipe -->$/p' "$readme" | sed '1,2d;$d' | sed '$d' >"$dir/recipe.sh"
    [ "$(wc -l <"$dir/recipe.sh")" -ge 3 ] || fail "no CI recipe in $readme: $(cat "$dir/recipe.sh")"
    PATH=$(dirname "$qatspec"):$PATH sh -eu "$dir/recipe.sh" </dev/null || fail "the CI recipe failed ($?)"
    served=$(cat /tmp/qatspec.pid 2>/dev/null) && wait_exit "$served" # the pidfile goes last, once stopped
    [ ! -e /tmp/qatspec.pid ] && [ ! -L /tmp/ttyQAT0 ] || fail "the recipe left its pidfile or its link behind"
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
