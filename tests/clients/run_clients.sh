#!/bin/sh
# run_clients.sh QATSPEC SPEC_DIR WORKDIR PART — client programs nobody here wrote, unchanged, with their usual
# configuration pointed at `qatspec emulate`: each must get through what it does against a module (PART: gammu).
set -u
qatspec=$1 spec=$2 work=$3 part=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/emulator.sh"

# "$@" (a gammu command line) must exit 0 and print each of the extended regexes that follow "--" in its output.
expect_output() {
    out=$work/out
    cmd=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmd="$cmd $1"; shift; done
    shift
    # shellcheck disable=SC2086 # the words of the command line
    timeout 60 $cmd >"$out" 2>&1 || fail "'$cmd' exited $?: $(cat "$out")"
    for pattern in "$@"; do
        grep -Eq "$pattern" "$out" || fail "'$cmd' did not print /$pattern/: $(cat "$out")"
    done
    echo "ok: $cmd"
}

# gammu 1.42 over the emulated serial port (its at115200 connection): identify, the SIM, the network, an empty SMS
# store. Its init (a lone ESC, AT, ATE1, AT+MODE=2, AT+CMEE=1, AT+CSCS?, AT+CSCS=?) must not stop it.
run_gammu() {
    need gammu
    start_emulator
    printf '[gammu]\ndevice = %s\nconnection = at115200\nlogfile = %s\nlogformat = textall\n' "$work/tty" \
        "$work/gammu.log" >"$work/gammurc"
    g="gammu -c $work/gammurc"
    expect_output $g identify -- '^Manufacturer +: AirM2M$' '^Firmware +: AirM2M_780E_V1039_LTE_QAT$' \
        '^IMEI +: [0-9]{15}$' '^SIM IMSI +: [0-9]{15}$'
    expect_output $g getsecuritystatus -- '^Nothing to enter\.$'
    expect_output $g networkinfo -- '^Network state +: home network$' '^GPRS +: attached$'
    expect_output $g getallsms -- '^0 SMS parts in 0 SMS sequences$'
}

case "$part" in
gammu) run_gammu ;;
*)
    echo "usage: run_clients.sh QATSPEC SPEC_DIR WORKDIR gammu" >&2
    exit 2
    ;;
esac
