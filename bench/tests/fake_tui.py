#!/usr/bin/env python3
"""A tiny full-screen program for the driver's tests. It asks its terminal for the cursor position
and the device attributes (and waits for the answers, as real programs do), draws a menu, moves a
marker with the cursor keys in application form only (ESC O B / ESC O A, since it turns DECCKM on),
quits on `q` restoring the terminal, and on `x` leaving everything as it is."""

import os
import select
import sys
import termios
import tty


def write(text):
    os.write(1, text.encode())


def read_until(final, timeout=2.0):
    answer = b""
    while not answer.endswith(final):
        ready, _, _ = select.select([0], [], [], timeout)
        if not ready:
            return answer.decode(errors="replace") + "(no answer)"
        answer += os.read(0, 1)
    return answer.decode()


def draw_item(index, selected):
    write("\x1b[%d;1H%s item %d" % (6 + index, ">" if index == selected else " ", index))


def main():
    saved = termios.tcgetattr(0)
    tty.setraw(0)
    write("\x1b[?1049h\x1b[?1h\x1b=\x1b[2J\x1b[3;5H\x1b[6n")
    position = read_until(b"R")
    write("\x1b[c")
    attributes = read_until(b"c")
    write("\x1b[1;1HFake Menu\x1b[2;1Hcursor at %s\x1b[4;1Hda %s" % (
        position.lstrip("\x1b["), attributes.lstrip("\x1b[")))
    selected = 0
    for index in range(5):
        draw_item(index, selected)
    while True:
        key = os.read(0, 16)
        if key in (b"\x1bOB", b"\x1bOA"):
            previous = selected
            selected = min(selected + 1, 4) if key == b"\x1bOB" else max(selected - 1, 0)
            draw_item(previous, selected)
            draw_item(selected, selected)
        elif key == b"q":
            write("\x1b[?1l\x1b>\x1b[?1049l")
            termios.tcsetattr(0, termios.TCSADRAIN, saved)
            return 0
        elif key == b"x":
            return 3


if __name__ == "__main__":
    sys.exit(main())
