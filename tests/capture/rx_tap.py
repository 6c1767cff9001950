# rx_tap.py DEVICE OUT COMMAND... — a tap on the module's TX line: types ATE0 first (its answer not kept), then each
# COMMAND with its CR, and writes to OUT only the bytes the module sent back, as a tap on its TX line records them.
import os
import select
import sys
import termios
import time
import tty

FINALS = (b"\r\nOK\r\n", b"\r\nERROR\r\n")


def answer(fd, line):
    """Write LINE and its CR; return what comes back up to its final result code (10 s at most)."""
    os.write(fd, line.encode() + b"\r")
    got = b""
    deadline = time.monotonic() + 10
    while not got.endswith(FINALS):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            sys.exit(f"rx_tap: no final result code for {line} within 10 s, got {got!r}")
        got += os.read(fd, 4096)
    return got


def main():
    device, out, commands = sys.argv[1], sys.argv[2], sys.argv[3:]
    fd = os.open(device, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    termios.tcflush(fd, termios.TCIOFLUSH)
    answer(fd, "ATE0")
    with open(out, "wb") as log:
        for line in commands:
            log.write(answer(fd, line))
    os.close(fd)


main()
