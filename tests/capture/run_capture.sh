#!/bin/sh
# run_capture.sh QATSPEC SPEC_DIR WORKDIR PART — `qatspec check` on captures that real tools (picocom, minicom, socat -v,
# an RX-only tap) make of a session with `qatspec emulate`, and on the copies kept in samples/: clean, then one answer broken.
set -u
set -f # the command lines hold '?'
qatspec=$1 spec=$2 work=$3 part=$4
here=$(cd "$(dirname "$0")" && pwd)
chat=/usr/sbin/chat

# The session typed: echo on, then ATE0 (AT+CSQ and ATE1 answered without echo), then echo again.
SESSION='AT AT+CSQ ATI AT+CEREG? ATE0 AT+CSQ ATE1 AT+QIACT? AT+CGMR'
# The RX-only tap's session, after an ATE0 it does not record: every command inferred from its answer.
RX_SESSION='AT AT+CSQ ATI AT+CEREG? AT+QIACT? AT+CGMR AT+CGATT? AT+CGSN'

. "$here/../lib/emulator.sh"

# A terminal program under script(1), its keyboard the fifo WORKDIR/keys on fd 5, its screen WORKDIR/screen; the program
# is the shell command CMD, which reads TTY and LOG from its environment. Waits for BANNER on the screen.
start_terminal() {
    cmd=$1 log=$2 banner=$3
    mkfifo "$work/keys" || fail "cannot make $work/keys"
    TTY=$work/tty LOG=$log timeout 30 script -qfc "$cmd" /dev/null <"$work/keys" >"$work/screen" 2>&1 &
    tool=$!
    exec 5>"$work/keys"
    wait_until "'$banner' on the terminal" grep -q "$banner" "$work/screen"
}

# Type each command of the session with its CR, each once LOG shows the OK of the one before.
type_session() {
    log=$1 typed=0
    for line in $SESSION; do
        printf '%s\r' "$line" >&5
        typed=$((typed + 1))
        wait_until "OK for $line (number $typed) in $log" oks_at_least "$log" $typed
    done
}

# Quit the terminal program with the KEYS its manual gives, and wait for it (timeout 30 kills a hung one: 124).
quit_terminal() {
    printf %b "$1" >&5
    wait "$tool"
    rc=$?
    tool=
    [ $rc -ne 124 ] || fail "the terminal program did not quit on its keys"
}

# FILE must check clean, with COMMANDS commands (INFERRED of them inferred, when given); the same with
# +CSQ: 16,99 -> 16,98 (<ber> 98 is out of range) must exit 1 naming the first such line.
check_capture() {
    file=$1 commands=$2 inferred=${3:-[0-9]*}
    out=$("$qatspec" check --spec "$spec" "$file")
    rc=$?
    printf '%s\n' "$out"
    [ $rc -eq 0 ] || fail "check $file exits $rc, not 0"
    printf '%s\n' "$out" | grep -q "^[0-9]* lines, $commands commands ($inferred inferred), [0-9]* URCs, 0 violations," ||
        fail "check $file: not 0 violations and $commands commands (${3:-any} inferred)"
    bad=$work/$(basename "$file").bad
    sed 's/+CSQ: 16,99/+CSQ: 16,98/' "$file" >"$bad"
    line=$(grep -n '+CSQ: 16,98' "$bad" | head -n 1 | cut -d: -f1)
    [ -n "$line" ] || fail "$file holds no +CSQ: 16,99 to break"
    out=$("$qatspec" check --spec "$spec" "$bad")
    rc=$?
    [ $rc -eq 1 ] || fail "check of $bad (line $line broken) exits $rc, not 1: $out"
    printf '%s\n' "$out" | grep -q "^$bad:$line: \[2.11\] bad-line: .*<ber>" ||
        fail "check of $bad does not name line $line's <ber>: $out"
    echo "broken at line $line: exit 1, named"
}

case $part in
picocom)
    need picocom
    need script
    start_emulator
    start_terminal 'exec picocom --logfile "$LOG" "$TTY"' "$work/picocom.log" 'Terminal ready'
    type_session "$work/picocom.log"
    quit_terminal '\001\030' # C-a C-x
    check_capture "$work/picocom.log" "$(words "$SESSION")"
    ;;
minicom)
    need minicom
    need script
    start_emulator
    # HOME=WORKDIR: this minirc, not a user's: no init string, no reset string (and -o: no init at all), no hardware
    # flow control. minicom wants a terminal type and a screen size; script's pty has none.
    printf 'pu minit\npu mreset\npu rtscts No\n' >"$work/.minirc.dfl"
    start_terminal 'export HOME="${LOG%/*}" TERM=vt100; stty rows 24 cols 80; exec minicom -o -D "$TTY" -C "$LOG"' \
        "$work/minicom.cap" 'CTRL-A Z for help'
    type_session "$work/minicom.cap"
    quit_terminal '\001q\r' # C-a q, then Enter on "Leave without reset? Yes"
    check_capture "$work/minicom.cap" "$(words "$SESSION")"
    ;;
socat)
    need socat
    [ -x "$chat" ] || { echo "SKIP: $chat (ppp) is not installed"; exit 77; }
    start_emulator
    socat -v PTY,link="$work/client",raw,echo=0 "$work/tty",raw,echo=0 2>"$work/socat.log" &
    tool=$!
    wait_until "socat's pty $work/client" test -e "$work/client"
    set -- '' # chat's script: expect nothing, then each line and its OK
    for line in $SESSION; do set -- "$@" "$line" OK; done
    timeout 20 "$chat" -t 5 "$@" <"$work/client" >"$work/client" || fail "chat failed ($?)"
    wait_until "last OK in socat's log" oks_at_least "$work/socat.log" "$(words "$SESSION")"
    kill "$tool"
    wait "$tool"
    tool=
    check_capture "$work/socat.log" "$(words "$SESSION")"
    ;;
rx-only)
    need python3
    start_emulator
    python3 "$here/rx_tap.py" "$work/tty" "$work/rx-only.raw" $RX_SESSION || fail "rx_tap.py failed"
    n=$(words "$RX_SESSION")
    check_capture "$work/rx-only.raw" "$n" "$n"
    ;;
samples)
    rm -rf "$work" && mkdir -p "$work" || fail "cannot make $work"
    # each in a subshell, so one that fails does not hide the others
    n=$(words "$SESSION") status=0
    for sample in picocom.log minicom.cap socat.log; do
        (check_capture "$here/samples/$sample" "$n") || status=1
    done
    n=$(words "$RX_SESSION")
    (check_capture "$here/samples/rx-only.raw" "$n" "$n") || status=1
    [ $status -eq 0 ] || fail "a sample does not check as it should (above)"
    ;;
*)
    fail "unknown part $part"
    ;;
esac
echo "capture $part: ok"
