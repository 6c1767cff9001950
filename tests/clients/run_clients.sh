#!/bin/sh
# run_clients.sh QATSPEC SPEC_DIR WORKDIR PART — client programs nobody here wrote, unchanged, with their usual
# configuration pointed at `qatspec emulate`: each must get through what it does against a module (PART: gammu, ofono).
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

# ---- oFono 1.31 through its phonesim driver, which dials the emulator's TCP port as an AT modem ----

ofono_daemon='' bus_daemon='' dbus_monitor=''
stop_ofono() {
    [ -n "$ofono_daemon" ] && kill "$ofono_daemon" 2>/dev/null
    [ -n "$dbus_monitor" ] && kill "$dbus_monitor" 2>/dev/null
    [ -n "$bus_daemon" ] && kill "$bus_daemon" 2>/dev/null
    cleanup
}

# The properties of interface IFACE of the modem /phonesim (or of the Manager's modem list for "modems").
ofono_props() {
    if [ "$1" = modems ]; then
        gdbus call --system --dest org.ofono --object-path / --method org.ofono.Manager.GetModems 2>/dev/null
    else
        gdbus call --system --dest org.ofono --object-path /phonesim --method "org.ofono.$1.GetProperties" 2>/dev/null
    fi
}

# IFACE's properties show each of the extended regexes that follow.
props_show() {
    iface=$1
    shift
    props=$(ofono_props "$iface") || return 1
    for pattern in "$@"; do
        printf '%s\n' "$props" | grep -Eq "$pattern" || return 1
    done
}

set_modem() { gdbus call --system --dest org.ofono --object-path /phonesim --method org.ofono.Modem.SetProperty \
    "$1" '<true>' >/dev/null || fail "SetProperty $1: refused"; }

# A private D-Bus of the test's own (its socket and policy in WORKDIR, named to oFono and gdbus as the system bus, so
# neither a system bus nor a stale /run/dbus matters), ofonod on it with phonesim pointed at the emulator: the modem
# powered and put online, then its SIM, registration, packet data and SMS read back over D-Bus. Each wait reads the
# state again whenever oFono signals on D-Bus (gdbus monitor logs its signals into WORKDIR), within a deadline.
start_private_bus() {
    printf '%s\n' '<busconfig><type>system</type>' "<listen>unix:path=$work/bus.socket</listen>" \
        '<auth>EXTERNAL</auth><policy context="default"><allow user="*"/><allow own="*"/>' \
        '<allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/></policy></busconfig>' >"$work/bus.conf"
    dbus-daemon --config-file="$work/bus.conf" --nopidfile --fork --print-pid >"$work/bus.pid" 2>"$work/bus.err" ||
        fail "cannot start a private D-Bus: $(cat "$work/bus.err")"
    bus_daemon=$(cat "$work/bus.pid")
    DBUS_SYSTEM_BUS_ADDRESS=unix:path=$work/bus.socket
    export DBUS_SYSTEM_BUS_ADDRESS
}

run_ofono() {
    need ofonod
    need gdbus
    need dbus-daemon
    launch_emulator --tcp 127.0.0.1:0
    trap stop_ofono EXIT
    start_private_bus
    gdbus monitor --system --dest org.ofono >"$work/dbus.log" 2>&1 &
    dbus_monitor=$!
    wait_until "gdbus monitor watching org.ofono" grep -q org.ofono "$work/dbus.log"
    printf '[phonesim]\nAddress=%s\nPort=%s\n' "${device%:*}" "${device##*:}" >"$work/phonesim.conf"
    OFONO_AT_DEBUG=1 OFONO_PHONESIM_CONFIG=$work/phonesim.conf ofonod -n -d >"$work/ofono.log" 2>&1 &
    ofono_daemon=$!
    wait_until "the phonesim modem on D-Bus" props_show modems "'/phonesim'"
    set_modem Powered
    wait_until "the modem powered" props_show Modem "'Powered': <true>"
    set_modem Online
    wait_until "the modem online with its interfaces" props_show Modem "'Online': <true>" "org.ofono.SimManager" \
        "org.ofono.NetworkRegistration" "org.ofono.ConnectionManager" "org.ofono.MessageManager"
    wait_until "the SIM's IMSI" props_show SimManager "'SubscriberIdentity': <'460060086257147'>"
    wait_until "registration with the operator's name" props_show NetworkRegistration "'Status': <'registered'>" \
        "'Name': <'CHINA UNICOM'>" "'MobileCountryCode': <'460'>"
    wait_until "packet data attached" props_show ConnectionManager "'Attached': <true>"
    wait_until "the SMS service centre" props_show MessageManager "'ServiceCenterAddress': <'8613800100500'>"
    echo "ok: oFono powered, online, SIM, registered to CHINA UNICOM, attached, SMS"
}

# ---- data calls: chat(8) dialling a packet call and wvdial starting its PPP program ----

# chat(8) as a ppp dial script uses it: ATZ, ATD*99***1# to CONNECT; the call's bytes both ways through the data
# program (it greets, then keeps what it gets); then the escape (+++ between guard times: OK), ATO, again, ATH.
run_dial() {
    need /usr/sbin/chat
    launch_emulator --link "$work/tty" --data-cmd "echo PONG; cat >$work/call.data"
    c="timeout 20 /usr/sbin/chat -v -s -t 5"
    $c '' ATZ OK 'ATD*99***1#' CONNECT '' PONG ping-over-the-call <"$work/tty" >"$work/tty" 2>"$work/chat.log" ||
        fail "chat did not get CONNECT and the program's PONG ($?): $(cat "$work/chat.log")"
    wait_until "the call's bytes at the data program" grep -q ping-over-the-call "$work/call.data"
    $c '' '\d\d+++\c' OK ATO CONNECT '\d\d+++\c' OK ATH OK ATO 'NO CARRIER' <"$work/tty" >"$work/tty" \
        2>>"$work/chat.log" || fail "chat: escape, ATO, ATH ($?): $(cat "$work/chat.log")"
    grep -q "data call on context 1: its bytes go to" "$work/emu.err" || fail "no data call in the log: $(cat "$work/emu.err")"
    echo "ok: chat dialled *99***1#, its bytes reached the data program and back, +++ OK, ATO CONNECT, ATH OK"
}

# wvdial 1.61 with its usual configuration (Init1 ATZ, the common Init2, ATDT*99***1#, Stupid Mode), its PPPD Path a
# script that records how it was started and then reads the line as pppd would: wvdial must reach CONNECT (the
# emulator logs the call) and start it with pppd's arguments and the modem's tty as its stdin. wvdial runs in the
# background, in a process group of its own so its pppd goes with it, and is stopped once that is seen (its own exit
# is not waited for: 1.61 may abort in its task switcher when pppd ends, an assertion of its own).
run_wvdial() {
    need wvdial
    launch_emulator --link "$work/tty"
    printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/pppd.args"\nreadlink /proc/$$/fd/0 >"%s/pppd.tmp"\n' "$work" "$work" \
        >"$work/pppd"
    printf 'mv "%s/pppd.tmp" "%s/pppd.tty"\nexec cat >/dev/null\n' "$work" "$work" >>"$work/pppd"
    chmod +x "$work/pppd"
    printf '[Dialer Defaults]\nModem = %s\nBaud = 115200\nInit1 = ATZ\nInit2 = %s\nPhone = *99***1#\n' "$work/tty" \
        'ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0' >"$work/wvdial.conf"
    printf 'Dial Command = ATDT\nUsername = x\nPassword = x\nStupid Mode = 1\nCarrier Check = no\n' >>"$work/wvdial.conf"
    printf 'Auto Reconnect = off\nPPPD Path = %s\n' "$work/pppd" >>"$work/wvdial.conf"
    setsid wvdial --config="$work/wvdial.conf" >"$work/wvdial.log" 2>&1 &
    tool=$!
    wait_until "wvdial starting its PPP program" test -s "$work/pppd.tty"
    grep -q "data call on context 1" "$work/emu.err" || fail "no call was made: $(cat "$work/emu.err")"
    grep -qx "call" "$work/pppd.args" && grep -qx "115200" "$work/pppd.args" ||
        fail "the PPP program was not started as wvdial starts pppd: $(cat "$work/pppd.args")"
    [ "$(cat "$work/pppd.tty")" = "$(readlink -f "$work/tty")" ] ||
        fail "the PPP program's stdin is $(cat "$work/pppd.tty"), not the modem $(readlink -f "$work/tty")"
    echo "ok: wvdial reached CONNECT and started '$work/pppd' $(tr '\n' ' ' <"$work/pppd.args")"
}

case "$part" in
dial) run_dial ;;
wvdial) run_wvdial ;;
gammu) run_gammu ;;
ofono) run_ofono ;;
*)
    echo "usage: run_clients.sh QATSPEC SPEC_DIR WORKDIR dial|wvdial|gammu|ofono" >&2
    exit 2
    ;;
esac
