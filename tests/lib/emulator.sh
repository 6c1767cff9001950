# emulator.sh — shared by the tests that put real programs in front of `qatspec emulate` (tests/capture, tests/clients):
# the emulator started on WORKDIR/tty and waited for, cleanup on exit, bounded waits on a condition. Needs $qatspec,
# $spec and $work; sets $emu (and kills $tool too, when a test sets it).
emu='' tool=''
cleanup() {
    [ -n "$tool" ] && kill "$tool" 2>/dev/null
    [ -n "$emu" ] && kill "$emu" 2>/dev/null
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
need() { command -v "$1" >/dev/null || { echo "SKIP: $1 is not installed"; exit 77; }; }
words() { set -- $1; echo $#; }

# Run "$@" every 0.1 s until it succeeds; fail naming WHAT after 10 s.
wait_until() {
    what=$1
    shift
    tries=0
    until "$@"; do
        tries=$((tries + 1))
        [ $tries -lt 100 ] || fail "no $what within 10 s"
        sleep 0.1
    done
}
oks_at_least() { [ "$(grep -c '^OK' "$1" 2>/dev/null)" -ge "$2" ]; }

# Start the emulator with the link ARGS given (--link PATH or --tcp HOST:PORT) and +CSQ: 16,99, its stdin kept open on
# fd 3; wait for `ready`: $device is where it serves.
launch_emulator() {
    rm -rf "$work" && mkdir -p "$work" && mkfifo "$work/emu.in" "$work/emu.out" || fail "cannot make $work"
    "$qatspec" emulate --spec "$spec" --csq 16,99 "$@" <"$work/emu.in" >"$work/emu.out" 2>"$work/emu.err" &
    emu=$!
    exec 3>"$work/emu.in" 4<"$work/emu.out"
    read -r word device <&4 || fail "the emulator printed no ready line: $(cat "$work/emu.err")"
    [ "$word" = ready ] || fail "the emulator's first line is '$word $device'"
}

# The emulator on WORKDIR/tty.
start_emulator() { launch_emulator --link "$work/tty"; }

