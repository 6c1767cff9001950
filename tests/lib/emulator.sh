# emulator.sh — shared by the tests that put real programs in front of `qatspec emulate` (tests/capture, tests/clients):
# the emulator started on WORKDIR/tty and waited for, cleanup on exit, waits on a condition woken by file events.
# Needs $qatspec, $spec and $work; sets $emu (and kills $tool too, when a test sets it: its whole process group when
# it was started under setsid, so the programs it started go with it).
emu='' tool=''
cleanup() {
    [ -n "$tool" ] && { kill -- "-$tool" 2>/dev/null || kill "$tool" 2>/dev/null; }
    [ -n "$emu" ] && kill "$emu" 2>/dev/null
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
need() { command -v "$1" >/dev/null || { echo "SKIP: $1 is not installed"; exit 77; }; }
words() { set -- $1; echo $#; }

# Check "$@" once, then again each time a file in $work changes, until it succeeds; fail naming WHAT when 10 s pass
# without. inotifywait's watch is in place before the first check, so no change between check and wait is missed.
wait_until() {
    what=$1
    shift
    events=$(mktemp -u "${TMPDIR:-/tmp}/qatspec-events.XXXXXX")
    mkfifo "$events" || fail "cannot make $events"
    timeout 10 inotifywait -m -e modify,create,moved_to,attrib "$work" >"$events" 2>&1 &
    watcher=$!
    exec 6<"$events"
    rm -f "$events"
    while read -r event <&6 && [ "$event" != "Watches established." ]; do :; done
    until "$@"; do
        read -r event <&6 || { exec 6<&-; fail "no $what within 10 s"; }
    done
    kill "$watcher" 2>/dev/null
    exec 6<&-
}
oks_at_least() { [ "$(grep -c '^OK' "$1" 2>/dev/null)" -ge "$2" ]; }

# Start the emulator with the link ARGS given (--link PATH or --tcp HOST:PORT) and +CSQ: 16,99, as a background job
# (stdin /dev/null: it serves until cleanup's SIGTERM); wait for `ready`: $device is where it serves.
launch_emulator() {
    need inotifywait
    rm -rf "$work" && mkdir -p "$work" && mkfifo "$work/emu.out" || fail "cannot make $work"
    "$qatspec" emulate --spec "$spec" --csq 16,99 "$@" </dev/null >"$work/emu.out" 2>"$work/emu.err" &
    emu=$!
    exec 4<"$work/emu.out"
    read -r word device <&4 || fail "the emulator printed no ready line: $(cat "$work/emu.err")"
    [ "$word" = ready ] || fail "the emulator's first line is '$word $device'"
}

# The emulator on WORKDIR/tty.
start_emulator() { launch_emulator --link "$work/tty"; }

