#!/usr/bin/env python3
"""Drive a terminal program in a pseudo-terminal and time it the way its terminal sees it.

The program is started (posix_spawn, as the leader of a new session whose controlling terminal is
a fresh pty of the given size) and this module plays the terminal: it reads everything the
program writes, timestamps each read, keeps a screen model, answers the queries a terminal
answers, types keys one at a time and finally quits the program and checks what it left behind.

Figures (seconds internally, milliseconds in `as_json` results):
  first paint   spawn -> arrival of the read after which every expected text is on the screen;
  key latency   key written -> last byte of the answer, once the output has been quiet for the
                quiet window (the window itself is not counted); bytes = bytes of that answer;
  peak memory   VmHWM of the process (kB) from /proc, read just before quitting; for the tree,
                the sum of VmHWM over the process and its descendants (each one's own peak);
  restored      alternate screen left (or never entered), no tracked mode left on, and the pty's
                termios after exit equal to what it was at spawn.

Screen model: pyte (exact VT emulation) when importable, else an approximation that strips escape
sequences from the stream (cursor moves become line breaks) and searches the text written since
the last full clear. Only the standard library is required.

Usable as a command for trying expected texts and keys by hand:
    python3 bench/ptydrive.py --expect 'Item 10' --keys 'down*9 up*9' --quit enter --show -- \\
        dialog --menu Pick 20 60 10 1 'Item 1' ... 10 'Item 10'
"""

import argparse
import codecs
import errno
import fcntl
import json
import os
import re
import select
import shlex
import shutil
import signal
import statistics
import struct
import sys
import termios
import time

try:
    import pyte
except ImportError:  # the fallback model below is used instead
    pyte = None

now = time.perf_counter

# MARK: - Keys

_CURSOR_KEYS = {"up": b"A", "down": b"B", "right": b"C", "left": b"D", "home": b"H", "end": b"F"}
_NAMED_KEYS = {
    "enter": b"\r", "tab": b"\t", "btab": b"\x1b[Z", "esc": b"\x1b", "space": b" ",
    "backspace": b"\x7f", "insert": b"\x1b[2~", "delete": b"\x1b[3~", "pgup": b"\x1b[5~",
    "pgdn": b"\x1b[6~", "f1": b"\x1bOP", "f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS",
    "f5": b"\x1b[15~", "f6": b"\x1b[17~", "f7": b"\x1b[18~", "f8": b"\x1b[19~",
    "f9": b"\x1b[20~", "f10": b"\x1b[21~", "f11": b"\x1b[23~", "f12": b"\x1b[24~",
}


def parse_keys(spec):
    """Key names from a spec such as "down*9 up*9 tab type:abc ctrl-s": `name*N` repeats a key,
    `type:TEXT` types each character of TEXT as its own key, a single character is itself."""
    keys = []
    for token in shlex.split(spec or ""):
        if token.startswith("type:"):
            keys.extend(token[5:])
            continue
        match = re.fullmatch(r"(.+)\*(\d+)", token)
        name, count = (match.group(1), int(match.group(2))) if match else (token, 1)
        encode_key(name, False)  # fail early on an unknown name
        keys.extend([name] * count)
    return keys


def encode_key(name, app_cursor):
    """Bytes a terminal sends for a key; cursor keys in application form (ESC O x) while the program
    has DECCKM on, as xterm does."""
    low = name.lower()
    if low in _CURSOR_KEYS:
        return (b"\x1bO" if app_cursor else b"\x1b[") + _CURSOR_KEYS[low]
    if low in _NAMED_KEYS:
        return _NAMED_KEYS[low]
    if re.fullmatch(r"ctrl-[a-z]", low):
        return bytes([ord(low[-1]) & 0x1F])
    if len(name) == 1:
        return name.encode()
    raise ValueError("unknown key %r" % name)


# MARK: - Screen models

def _all_visible(text, expect):
    """Every item of `expect` is on screen; an item is a string or a tuple of alternatives."""
    return all(any(alt in text for alt in ((item,) if isinstance(item, str) else item))
               for item in expect)


if pyte is not None:
    class _RepScreen(pyte.Screen):
        """pyte's screen plus REP (CSI n b), which ncurses uses for xterm; queries are answered by
        the driver, not here."""

        _last_char = " "

        def draw(self, data):
            super().draw(data)
            if data:
                self._last_char = data[-1]

        def repeat_last(self, count=1, *args, **kwargs):
            super().draw(self._last_char * max(count, 1))

        def report_device_attributes(self, *args, **kwargs):
            pass

        def report_device_status(self, *args, **kwargs):
            pass

    class _RepStream(pyte.ByteStream):
        csi = dict(pyte.ByteStream.csi, b="repeat_last")

    def _tolerant(handler):
        """A CSI handler that ignores the private (CSI ? ...) forms it does not know, such as
        XTRESTORE (CSI ? n r) landing on set_margins: an exception would kill pyte's parser."""
        def tolerant(self, *args, private=False, **kwargs):
            if private and handler.__name__ not in ("set_mode", "reset_mode"):
                return None
            return handler(self, *args, private=private, **kwargs) if private else \
                handler(self, *args, **kwargs)
        return tolerant

    for _name in set(_RepStream.csi.values()):
        setattr(_RepScreen, _name, _tolerant(getattr(_RepScreen, _name)))


class PyteScreen:
    """The exact screen, by pyte."""

    name = "pyte"

    def __init__(self, cols, rows):
        self._screen = _RepScreen(cols, rows)
        self._stream = _RepStream(self._screen)
        self.errors = 0

    def feed(self, data):
        try:
            self._stream.feed(data)
        except Exception:  # an unknown sequence must not end the measurement
            self.errors += 1
            self._stream = _RepStream(self._screen)  # the old parser died with the exception

    def text(self):
        return "\n".join(line.rstrip() for line in self._screen.display)

    def cursor(self):
        return self._screen.cursor.y + 1, self._screen.cursor.x + 1


class StrippedScreen:
    """An approximation without pyte: the text written since the last full clear, escape sequences
    removed (cursor moves become line breaks, cursor-forward becomes spaces), and a rough cursor."""

    name = "stripped"
    _TOKEN = re.compile(
        r"\x1b\[([0-?]*)[ -/]*([@-~])"          # CSI
        r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"    # OSC
        r"|\x1b[P^_X][^\x1b]*\x1b\\"             # DCS, PM, APC, SOS
        r"|\x1b[ -/]*[0-~]"                      # other ESC sequences (charsets, keypad...)
        r"|([\x00-\x1f\x7f])"                    # C0 controls
        r"|([^\x00-\x1f\x7f\x1b]+)")             # text
    _KEEP = 16384

    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.row, self.col = 1, 1
        self._text = ""
        self._carry = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.errors = 0

    def feed(self, data):
        data = self._carry + self._decoder.decode(data)
        self._carry = ""
        pos = 0
        for match in self._TOKEN.finditer(data):
            if match.start() != pos:  # an escape sequence that is not complete yet
                break
            pos = match.end()
            self._apply(match)
        self._carry = data[pos:][-256:]
        self._text = self._text[-self._KEEP:]

    def _apply(self, match):
        params, final, control, text = match.group(1), match.group(2), match.group(3), match.group(4)
        if text:
            self._text += text
            self.col += len(text)
            while self.col > self.cols:
                self.col -= self.cols
                self.row = min(self.row + 1, self.rows)
        elif control == "\n":
            self._text += "\n"
            self.row = min(self.row + 1, self.rows)
        elif control == "\r":
            self.col = 1
        elif control == "\b":
            self.col = max(self.col - 1, 1)
        elif final:
            self._csi(params or "", final)

    def _csi(self, params, final):
        numbers = [int(p) if p.isdigit() else 0 for p in params.lstrip("?>=").split(";")]
        count = numbers[0] or 1
        if final in "Hf":
            self.row = min(max(numbers[0], 1), self.rows)
            self.col = min(max(numbers[1] if len(numbers) > 1 else 1, 1), self.cols)
        elif final == "A":
            self.row = max(self.row - count, 1)
        elif final == "B":
            self.row = min(self.row + count, self.rows)
        elif final == "d":
            self.row = min(count, self.rows)
        elif final == "C":
            self.col = min(self.col + count, self.cols)
            self._text += " " * count
            return
        elif final == "D":
            self.col = max(self.col - count, 1)
        elif final == "G":
            self.col = min(count, self.cols)
        elif (final == "J" and numbers[0] == 2) or (final == "h" and params.startswith("?1049")):
            self._text = ""
            return
        else:
            return
        self._text += "\n"  # a cursor move: what follows is not the same word

    def text(self):
        return self._text

    def cursor(self):
        return self.row, self.col


def new_screen(cols, rows, kind="auto"):
    if kind == "stripped" or (kind == "auto" and pyte is None):
        return StrippedScreen(cols, rows)
    if pyte is None:
        raise RuntimeError("pyte is not importable")
    return PyteScreen(cols, rows)


# MARK: - Terminal queries and modes

# (name, pattern): answered at once, as the query is read.
_QUERIES = [
    ("DA1", rb"\x1b\[0?c"),
    ("DA2", rb"\x1b\[>0?c"),
    ("DSR", rb"\x1b\[5n"),
    ("CPR", rb"\x1b\[6n"),
    ("DECXCPR", rb"\x1b\[\?6n"),
    ("OSC-COLOUR", rb"\x1b\](1[01]);\?(\x07|\x1b\\)"),
]
_QUERY_RE = re.compile(b"|".join(b"(?P<%s>%s)" % (name.replace("-", "_").encode(), pattern)
                                 for name, pattern in _QUERIES))
_MODE_RE = re.compile(rb"\x1b\[\?([0-9;]+)([hl])")
_KEYPAD_RE = re.compile(rb"\x1b([=>])")
_SCAN_CARRY = 32
_ALT_SCREEN_MODES = (47, 1047, 1049)
# Private modes a program must not leave on when it exits (cursor visibility is checked apart).
_TRACKED_MODES = {1: "application cursor keys", 1000: "mouse", 1002: "mouse drag",
                  1003: "mouse motion", 1006: "SGR mouse", 2004: "bracketed paste"}
_TERMIOS_FIELDS = ("iflag", "oflag", "cflag", "lflag")
_TERMIOS_BITS = {"iflag": ("ICRNL", "IXON", "BRKINT", "ISTRIP"), "oflag": ("OPOST", "ONLCR"),
                 "cflag": ("CS8", "PARENB"), "lflag": ("ICANON", "ECHO", "ISIG", "IEXTEN")}


def _termios_changes(before, after):
    """Names of the termios settings that differ ("-ICANON": was on, now off)."""
    changes = []
    for index, field in enumerate(_TERMIOS_FIELDS):
        if before[index] == after[index]:
            continue
        named = False
        for bit_name in _TERMIOS_BITS[field]:
            bit = getattr(termios, bit_name)
            if (before[index] & bit) != (after[index] & bit):
                changes.append(("" if after[index] & bit else "-") + bit_name)
                named = True
        if not named:
            changes.append("%s 0x%x->0x%x" % (field, before[index], after[index]))
    if before[6] != after[6]:
        changes.append("control characters")
    return changes


# MARK: - Memory

def read_status_kb(pid, field):
    """A kB figure of /proc/PID/status (b"VmHWM", b"RssAnon", ...) of a live process, or None."""
    try:
        with open("/proc/%d/status" % pid, "rb") as status:
            for line in status:
                if line.startswith(field + b":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def read_hwm_kb(pid):
    """VmHWM (peak resident set, kB) of a live process, or None."""
    return read_status_kb(pid, b"VmHWM")


def descendants(root):
    """Pids of every live descendant of `root`."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as stat:
                parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(name))
    found, todo = [], list(children.get(root, ()))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


# MARK: - The driver

class NotPainted(Exception):
    """The expected text did not appear; the message says why (timeout, exit)."""


class PtyProgram:
    """One program in one pseudo-terminal. Use as a context manager so it is always ended."""

    def __init__(self, argv, env, cols=80, rows=24, cwd=None, quiet_ms=50, screen="auto"):
        self.argv, self.env, self.cwd = list(argv), dict(env), cwd
        self.cols, self.rows = cols, rows
        self.quiet = quiet_ms / 1000.0
        self.screen = new_screen(cols, rows, screen)
        self.master = self.pid = self.pidfd = None
        self.t0 = self.first_byte_t = self.last_byte_t = self.exit_t = None
        self.eof = False
        self.status = None
        self.total_bytes = 0
        self.modes = {}
        self.keypad_app = False
        self.queries = {}
        self._pending = []       # (arrival time, bytes) not yet fed to the screen model
        self._scan_carry = b""
        self._watch = None       # expected texts looked for while feeding the model
        self._watch_t = None
        self._termios_at_spawn = None

    # MARK: Process

    def start(self):
        """Spawn the program; t0 is taken just before the spawn."""
        path = shutil.which(self.argv[0], path=self.env.get("PATH", os.defpath))
        if path is None:
            raise FileNotFoundError("%s: not found" % self.argv[0])
        self.master, slave = os.openpty()  # closed by close(), also when the spawn fails
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        self._termios_at_spawn = termios.tcgetattr(slave)
        # After setsid the child opens the pty by name, which makes it its controlling terminal.
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
        # Python ignores SIGPIPE and SIGXFSZ; an ignored signal would stay ignored across exec.
        defaults = {signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
        previous_cwd = os.getcwd()
        try:
            if self.cwd:
                os.chdir(self.cwd)  # Python 3.11's posix_spawn has no chdir action
            self.t0 = now()
            self.pid = os.posix_spawn(path, self.argv, self.env, file_actions=actions,
                                      setsid=True, setsigdef=defaults, setsigmask=())
        finally:
            os.chdir(previous_cwd)
            os.close(slave)
        os.set_blocking(self.master, False)
        try:
            self.pidfd = os.pidfd_open(self.pid)
        except (AttributeError, OSError):
            self.pidfd = None  # exit is then found by polling waitpid

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def alive(self):
        return self.exit_t is None

    def _reap(self, t):
        if self.exit_t is not None:
            return
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.exit_t, self.status = t, status

    # MARK: Reading

    def _poll(self, timeout):
        """Wait up to `timeout` for output or exit; returns True when something was read."""
        fds = [] if self.eof else [self.master]
        if self.pidfd is not None and self.exit_t is None:
            fds.append(self.pidfd)
        if self.pidfd is None and self.exit_t is None:
            timeout = min(timeout, 0.005)
        if not fds:
            time.sleep(max(min(timeout, 0.005), 0))
            self._reap(now())
            return False
        readable, _, _ = select.select(fds, [], [], max(timeout, 0))
        t = now()
        got = False
        if self.master in readable:
            try:
                data = os.read(self.master, 65536)
            except BlockingIOError:
                data = None
            except OSError as error:
                if error.errno != errno.EIO:
                    raise
                data = b""
            if data == b"":
                self.eof = True
            elif data:
                self._received(t, data)
                got = True
        if self.exit_t is None and (self.pidfd is None or self.pidfd in readable):
            self._reap(t)
        return got

    def _received(self, t, data):
        if self.first_byte_t is None:
            self.first_byte_t = t
        self.last_byte_t = t
        self.total_bytes += len(data)
        buffer = self._scan_carry + data
        skip = len(self._scan_carry)
        self._scan_carry = buffer[-_SCAN_CARRY:]
        for match in _MODE_RE.finditer(buffer):
            if match.end() > skip:
                for mode in match.group(1).split(b";"):
                    if mode.isdigit():
                        self.modes[int(mode)] = match.group(2) == b"h"
        for match in _KEYPAD_RE.finditer(buffer):
            if match.end() > skip:
                self.keypad_app = match.group(1) == b"="
        queries = [m for m in _QUERY_RE.finditer(buffer) if m.end() > skip]
        if not queries:
            self._pending.append((t, data))
            return
        # A cursor report must describe the screen as it is at the query: feed the model up to it.
        self._feed_pending()
        fed = 0
        for match in queries:
            end = match.end() - skip
            if end > fed:
                self._feed(t, data[fed:end])
                fed = end
            self._answer(match)
        if fed < len(data):
            self._feed(t, data[fed:])

    def _answer(self, match):
        name = match.lastgroup.replace("_", "-")
        row, col = self.screen.cursor()
        reply = {
            "DA1": b"\x1b[?62;22c",            # what xterm says: VT220 with ANSI colour
            "DA2": b"\x1b[>41;379;0c",         # xterm patch 379
            "DSR": b"\x1b[0n",
            "CPR": b"\x1b[%d;%dR" % (row, col),
            "DECXCPR": b"\x1b[?%d;%d;1R" % (row, col),
        }.get(name)
        if name == "OSC-COLOUR":  # light grey on black, with the query's own terminator
            which = match.group(0)[2:4]
            colour = b"rgb:d0d0/d0d0/d0d0" if which == b"10" else b"rgb:0000/0000/0000"
            end = b"\x07" if match.group(0).endswith(b"\x07") else b"\x1b\\"
            reply = b"\x1b]" + which + b";" + colour + end
        self.queries[name] = self.queries.get(name, 0) + 1
        os.write(self.master, reply)

    def _feed(self, t, data):
        self.screen.feed(data)
        if self._watch is not None and self._watch_t is None and _all_visible(self.screen.text(),
                                                                                self._watch):
            self._watch_t = t

    def _feed_pending(self):
        pending, self._pending = self._pending, []
        for t, data in pending:
            self._feed(t, data)

    # MARK: Waiting

    def wait_text(self, expect, timeout):
        """Seconds from spawn until every text of `expect` was on the screen (the arrival time of
        the read that completed it). The model is fed when the program pauses for 1 ms, so it
        competes less for the CPU; the timestamps are taken at each read regardless.
        Raises NotPainted when the program exits or `timeout` passes first."""
        self._watch, self._watch_t = list(expect), None
        self._feed_pending()
        if self._watch_t is None and _all_visible(self.screen.text(), expect):
            self._watch_t = now()  # already there (a phase's screen drawn while settling)
        deadline = now() + timeout
        try:
            while self._watch_t is None:
                remaining = deadline - now()
                if remaining <= 0:
                    raise NotPainted("%s not on the screen after %.1f s" % (_describe(expect), timeout))
                if self.exit_t is not None and (self.eof or now() - self.exit_t > 0.3):
                    self._feed_pending()
                    if self._watch_t is None:
                        raise NotPainted("%s exited (status %s) before %s was on the screen" % (
                            os.path.basename(self.argv[0]), self.exit_description(),
                            _describe(expect)))
                    break
                pending_bytes = sum(len(d) for _, d in self._pending)
                if not self._poll(0.001 if self._pending else min(remaining, 0.05)) or \
                        pending_bytes > 65536:
                    self._feed_pending()
            return self._watch_t - self.t0
        finally:
            self._watch = None

    def wait_quiet(self, since, first_timeout, cap=5.0):
        """Read until the output has been quiet for the quiet window. Waits up to `first_timeout`
        after `since` for a first byte. Returns (first byte time, last byte time, bytes) with times
        None when nothing came."""
        start_bytes = self.total_bytes
        first = last = None
        hard = since + cap
        while self.alive() or not self.eof:
            limit = since + first_timeout if first is None else last + self.quiet
            remaining = min(limit, hard) - now()
            if remaining <= 0:
                break
            if self._poll(remaining):
                first = first or self.last_byte_t
                last = self.last_byte_t
            elif not self.alive() and self.eof:
                break
        self._feed_pending()
        return first, last, self.total_bytes - start_bytes

    def settle(self, cap=5.0):
        """Let the current burst of output finish (quiet window), as before a key."""
        self.wait_quiet(now(), first_timeout=self.quiet, cap=cap)

    # MARK: Keys

    def write_key(self, name):
        """Write one key; returns the time just before the write (after it, this process may have
        been descheduled while the program already answered)."""
        data = encode_key(name, self.modes.get(1, False))
        sent = now()
        os.write(self.master, data)
        return sent

    def press(self, name, timeout=1.0):
        """Send one key and measure the answer: latency until quiet (window not counted), time to
        its first byte, and its bytes. A key without an answer within `timeout` has latency None."""
        sent = self.write_key(name)
        first, last, count = self.wait_quiet(sent, first_timeout=timeout)
        return {"key": name, "latency_s": None if last is None else last - sent,
                "first_s": None if first is None else first - sent, "bytes": count}

    # MARK: Memory, quitting, restoring

    def memory(self):
        """Peak resident memory (kB) of the program and of its process tree, now; and the
        program's resident anonymous memory (its own heap and stacks: no page of its binary or of
        a shared library, which the kernel maps 64 kB around each touched page)."""
        own = read_hwm_kb(self.pid)
        tree = [read_hwm_kb(pid) for pid in descendants(self.pid)]
        return {"peak_kb": own, "anon_kb": read_status_kb(self.pid, b"RssAnon"),
                "tree_peak_kb": (own or 0) + sum(kb for kb in tree if kb),
                "tree_processes": 1 + sum(1 for kb in tree if kb)}

    def quit(self, keys, timeout=3.0):
        """Send the quit keys (the next one only while the program still runs), wait for the exit,
        and check the terminal it left. Ends the program with SIGTERM, then SIGKILL, if it stays."""
        self.settle()
        children = descendants(self.pid) if self.alive() else []
        sent = now()
        for index, key in enumerate(keys):
            if not self.alive():
                break
            sent = self.write_key(key)
            if index < len(keys) - 1:
                self.wait_quiet(sent, first_timeout=0.5, cap=2.0)
        deadline = sent + timeout
        while self.alive() and now() < deadline:
            self._poll(deadline - now())
        killed = self.alive()
        if killed:
            self._end_group()
        end = now() + 0.5
        while not self.eof and now() < end:  # what was written before the exit (the rmcup)
            self._poll(end - now())
        self._feed_pending()
        left = [pid for pid in children if _alive(pid)]
        for pid in left:
            _kill_quietly(pid, signal.SIGKILL)
        result = {"exit_ms": None if killed else milliseconds(self.exit_t - sent), "killed": killed,
                  "exit_status": self.exit_description(), "left_processes": len(left)}
        result.update(self.restoration())
        return result

    def restoration(self):
        """What the program left in the terminal."""
        alt_now = any(self.modes.get(mode) for mode in _ALT_SCREEN_MODES)
        entered = any(mode in self.modes for mode in _ALT_SCREEN_MODES)
        left_on = [label for mode, label in _TRACKED_MODES.items() if self.modes.get(mode)]
        if self.modes.get(25) is False:
            left_on.append("cursor hidden")
        if self.keypad_app:
            left_on.append("keypad application mode")
        try:
            changes = _termios_changes(self._termios_at_spawn, termios.tcgetattr(self.master))
        except termios.error:
            changes = ["unreadable"]
        return {"alt_screen": "left on" if alt_now else "entered and left" if entered else "never",
                "modes_left_on": left_on, "termios_changes": changes,
                "restored": not alt_now and not left_on and not changes}

    def exit_description(self):
        if self.status is None:
            return None
        if os.WIFSIGNALED(self.status):
            return -os.WTERMSIG(self.status)
        return os.WEXITSTATUS(self.status)

    def _end_group(self):
        for sig, grace in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 2.0)):
            _kill_quietly(-self.pid, sig)  # the session leader's process group
            deadline = now() + grace
            while self.alive() and now() < deadline:
                self._poll(deadline - now())
            if not self.alive():
                return

    def close(self):
        """End the program (if it still runs) and release the pty."""
        if self.pid is not None and self.alive():
            for pid in descendants(self.pid):
                _kill_quietly(pid, signal.SIGKILL)
            self._end_group()
        for fd in (self.master, self.pidfd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.master = self.pidfd = None


def _alive(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False


def _kill_quietly(pid, sig):
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _describe(expect):
    return " and ".join("/".join(repr(a) for a in ((i,) if isinstance(i, str) else i)) for i in expect)


# MARK: - One whole run

def milliseconds(seconds):
    return None if seconds is None else round(seconds * 1000.0, 3)


def key_summary(presses):
    """Median and max over a list of press() results, in ms and bytes."""
    latencies = [p["latency_s"] for p in presses if p["latency_s"] is not None]
    return {
        "keys": len(presses),
        "keys_without_answer": sum(1 for p in presses if p["latency_s"] is None),
        "latency_ms": milliseconds(statistics.median(latencies)) if latencies else None,
        "latency_max_ms": milliseconds(max(latencies)) if latencies else None,
        "first_byte_ms": milliseconds(statistics.median(
            [p["first_s"] for p in presses if p["first_s"] is not None] or [0])) if latencies else None,
        "bytes": statistics.median([p["bytes"] for p in presses]) if presses else None,
        "bytes_max": max([p["bytes"] for p in presses]) if presses else None,
    }


def run_once(argv, env, expect, phases=(), quit_keys=(), cols=80, rows=24, cwd=None,
             quiet_ms=50, paint_timeout=10.0, key_timeout=1.0, screen="auto", show=False):
    """Start, wait for the first paint, measure each phase's keys, sample memory, quit.

    `phases` is a list of dicts: {"name", "before": [keys not measured], "expect": [texts to wait
    for after them], "keys": [measured keys]}. A phase whose expected text never appears is
    reported as not available and the run goes on to quit. Returns a JSON-able dict."""
    result = {"argv": list(argv), "phases": {}, "errors": []}
    program = PtyProgram(argv, env, cols, rows, cwd=cwd, quiet_ms=quiet_ms, screen=screen)
    result["screen_model"] = program.screen.name
    try:
        program.__enter__()
    except OSError as error:
        result.update(first_paint_ms=None, errors=["cannot start %s: %s" % (argv[0], error)])
        return result
    # Started above (not again by `with`: a second start ran a second copy of the program beside
    # the first, which kept running unseen and shared its data directory).
    try:
        try:
            result["first_paint_ms"] = milliseconds(program.wait_text(expect, paint_timeout))
        except NotPainted as reason:
            result["first_paint_ms"] = None
            result["errors"].append(str(reason))
        result["first_byte_ms"] = milliseconds(
            program.first_byte_t - program.t0 if program.first_byte_t else None)
        if result["first_paint_ms"] is not None:
            program.settle()
            result["startup_bytes"] = program.total_bytes
            for phase in phases:
                result["phases"][phase["name"]] = _run_phase(program, phase, paint_timeout, key_timeout)
                if not program.alive():
                    break
        if program.alive():
            result.update(program.memory())
        if show:
            result["screen"] = program.screen.text()
        result.update(program.quit(quit_keys) if program.alive() else
                      dict(program.restoration(), exit_status=program.exit_description(), killed=False))
        result["total_bytes"] = program.total_bytes
        result["queries_answered"] = program.queries
        result["screen_model_errors"] = program.screen.errors
    finally:
        program.close()
    return result


def _run_phase(program, phase, paint_timeout, key_timeout):
    for key in phase.get("before", ()):
        program.write_key(key)
        program.settle()
    if phase.get("expect"):
        try:
            program.wait_text(phase["expect"], paint_timeout)
        except NotPainted as reason:
            return {"available": False, "reason": str(reason)}
        program.settle()
    presses = []
    for key in phase["keys"]:
        if not program.alive():
            return {"available": False, "reason": "exited during the keys"}
        presses.append(program.press(key, key_timeout))
    summary = key_summary(presses)
    summary["available"] = summary["latency_ms"] is not None
    if not summary["available"]:
        summary["reason"] = "no key was answered"
    summary["per_key"] = [{"key": p["key"], "latency_ms": milliseconds(p["latency_s"]),
                           "bytes": p["bytes"]} for p in presses]
    return summary


# MARK: - Command line

def main(argv=None):
    parser = argparse.ArgumentParser(description="Time a terminal program in a pseudo-terminal.")
    parser.add_argument("--size", default="80x24", help="COLSxROWS (default 80x24)")
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--expect", action="append", default=[],
                        help="text that marks the first paint; repeat for several; a|b for either")
    parser.add_argument("--keys", default="", help='measured keys, e.g. "down*9 up*9 type:abc"')
    parser.add_argument("--quit", default="", help="keys that quit the program")
    parser.add_argument("--quiet-ms", type=float, default=50)
    parser.add_argument("--paint-timeout", type=float, default=10.0, help="seconds (default 10)")
    parser.add_argument("--screen", choices=["auto", "pyte", "stripped"], default="auto")
    parser.add_argument("--show", action="store_true", help="include the screen before quitting")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no program given")
    cols, rows = (int(n) for n in options.size.lower().split("x"))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = options.term
    env.update(item.split("=", 1) for item in options.env)
    expect = [tuple(e.split("|")) if "|" in e else e for e in options.expect]
    phases = [{"name": "keys", "keys": parse_keys(options.keys)}] if options.keys else []
    result = run_once(command, env, expect or [""], phases, parse_keys(options.quit), cols, rows,
                      quiet_ms=options.quiet_ms, paint_timeout=options.paint_timeout,
                      screen=options.screen, show=options.show)
    screen = result.pop("screen", None)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    if screen is not None:
        print(screen, file=sys.stderr)
    return 0 if result["first_paint_ms"] is not None else 1


if __name__ == "__main__":
    sys.exit(main())
