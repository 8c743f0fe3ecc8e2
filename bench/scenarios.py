"""What the bench runs: every program, the texts that mark its first paint, the keys it gets, and
the targets of issue 7. This is the one place to adjust when our screens change.

Texts: a list whose items must all be on the screen; an item that is a tuple is satisfied by any
one of its alternatives (Turkish or English). Keys: names understood by ptydrive.encode_key
("down", "up", "tab", "enter", "esc", "f10", "ctrl-s", or one character).

In argv and env values, these placeholders are filled in for each run:
  {bin}    the directory of the release binaries (.build/release by default)
  {api}    the URL of the server started for the remote-mode runs
  {files}  a directory of 40 small files (mc's panels)
  {home}   a fresh, empty directory per run (also HOME, with XDG_* directories inside)
"""

from dataclasses import dataclass, field

TERM = "xterm-256color"
LANG = "C.UTF-8"        # our client then speaks English (issue 4: tr_* -> Turkish)
COLS, ROWS = 80, 24
QUIET_MS = 50           # a key's answer is over when the output has been quiet this long
PAINT_TIMEOUT_S = 15.0  # a first paint later than this is "not available"
KEY_TIMEOUT_S = 1.0     # a key without output within this has no latency (and 0 bytes)

# MARK: - Our client: adjust here when the screens land

CLIENT = "{bin}/haker-panel"
SERVER = "{bin}/haker-panel-server"
# The server as it runs in production: a database file (WAL) in its working directory (a fresh,
# throw-away one), the demo customers seeded, a log line per request (to a file), a free port. It
# prints "listening on http://127.0.0.1:N"; the bench then signs in as the demo customer.
# (`--embedded`, printing {"port": N, "token": "..."}, is understood too.)
SERVER_ARGS = ["--port", "0", "--seed-demo"]

SIGN_IN_TEXTS = ["Haker Panel", ("E-posta", "E-mail")]
HOME_TEXTS = ["Haker Panel", "DEMO", ("Ana sayfa", "Home")]
HOME_MENU_KEYS = ["down"] * 5 + ["up"] * 5          # the menu has six entries
OPEN_FORM_KEYS = ["2"]                               # 2 · Contact details
FORM_TEXTS = [("Telefon", "Phone")]
FORM_KEYS = ["tab"] * 8                              # E-mail ... Country (two letters, full)
# Five more Tabs (not measured) wrap round to Address line 2, a long field with room to type in.
BEFORE_TYPING_KEYS = ["tab"] * 5
TYPING_KEYS = list("hakerpanel")
# F10 quits; with an edited form it asks first ("Discard changes" / "< Stay >", Stay focused), so
# Left, Enter discards (each next key is sent only if the client still runs). A client still
# running after these is ended with SIGTERM ("killed").
CLIENT_QUIT_KEYS = ["f10", "left", "enter"]

# MARK: - The peers

MENU_ITEMS = [word for n in range(1, 11) for word in (str(n), "Item %d" % n)]
MENU_KEYS = ["down"] * 9 + ["up"] * 9


@dataclass
class Scenario:
    """One program, started fresh in each run."""
    name: str
    label: str
    argv: list
    texts: list
    phases: list = field(default_factory=list)   # {"name", "keys", "before"?, "texts"?}
    quit_keys: list = field(default_factory=list)
    env: dict = field(default_factory=dict)
    ours: bool = False
    needs_server: bool = False


PEERS = [
    Scenario("dialog", "dialog --menu (10 items)",
             ["dialog", "--menu", "Choose an item", "20", "60", "10"] + MENU_ITEMS,
             ["Item 10", "Cancel"], [{"name": "menu", "keys": MENU_KEYS}], ["enter"]),
    Scenario("whiptail", "whiptail --menu (10 items)",
             ["whiptail", "--menu", "Choose an item", "20", "60", "10"] + MENU_ITEMS,
             ["Item 10", "Cancel"], [{"name": "menu", "keys": MENU_KEYS}], ["enter"]),
    # -u: no subshell (it would start a shell and read its rc files); a fresh HOME every run.
    Scenario("mc", "mc -u (file panel)", ["mc", "-u", "{files}", "{files}"],
             ["file-10", "Quit"], [{"name": "panel", "keys": MENU_KEYS}], ["f10"]),
    # -d 100: a refresh every 10 s keeps htop's own redraws out of the key figures.
    Scenario("htop", "htop -d 100", ["htop", "-d", "100"],
             ["Load average", "PID", "Quit"], [{"name": "list", "keys": MENU_KEYS}], ["q"]),
]

# English whatever LANG says, so the texts above are found the same way on every machine.
CLIENT_LANG = ["--lang", "en"]

OURS = [
    Scenario("signin", "haker-panel sign-in (remote)", [CLIENT, "--api", "{api}"] + CLIENT_LANG,
             SIGN_IN_TEXTS, quit_keys=CLIENT_QUIT_KEYS, ours=True, needs_server=True),
    # No API configured and a fresh XDG_DATA_HOME: it starts its own server child (start,
    # migrations, seed, sign-in), as a first-time user sees it.
    Scenario("demo", "haker-panel demo Home", [CLIENT] + CLIENT_LANG, HOME_TEXTS,
             [{"name": "home_menu", "keys": HOME_MENU_KEYS},
              {"name": "form_tab", "before": OPEN_FORM_KEYS, "texts": FORM_TEXTS, "keys": FORM_KEYS},
              {"name": "typing", "before": BEFORE_TYPING_KEYS, "keys": TYPING_KEYS}],
             CLIENT_QUIT_KEYS, ours=True),
    # --demo: a throw-away in-memory panel, as offered over SSH.
    Scenario("demo_flag", "haker-panel --demo Home", [CLIENT, "--demo"] + CLIENT_LANG, HOME_TEXTS,
             [{"name": "home_menu", "keys": HOME_MENU_KEYS}], CLIENT_QUIT_KEYS, ours=True),
]

# MARK: - Targets (issue 7): our figure / the peer's figure must be at most `ratio`

@dataclass
class Target:
    label: str
    ours: tuple        # (scenario, figure) or (scenario, phase, figure)
    peer: tuple
    ratio: float
    note: str = ""


TARGETS = [
    Target("sign-in painted vs dialog's first paint", ("signin", "first_paint_ms"),
           ("dialog", "first_paint_ms"), 3.0, "moonshot 1.5x"),
    Target("demo Home painted vs htop's first paint", ("demo", "first_paint_ms"),
           ("htop", "first_paint_ms"), 1.0, "server start, seed and sign-in included"),
    Target("--demo Home painted vs htop's first paint", ("demo_flag", "first_paint_ms"),
           ("htop", "first_paint_ms"), 1.0, "in-memory server start included"),
    Target("key latency, Home menu vs dialog menu", ("demo", "home_menu", "latency_ms"),
           ("dialog", "menu", "latency_ms"), 1.5),
    Target("key latency, form Tab vs dialog menu", ("demo", "form_tab", "latency_ms"),
           ("dialog", "menu", "latency_ms"), 1.5),
    Target("key latency, typing vs dialog menu", ("demo", "typing", "latency_ms"),
           ("dialog", "menu", "latency_ms"), 1.5),
    Target("bytes per arrow key, Home menu vs dialog", ("demo", "home_menu", "bytes"),
           ("dialog", "menu", "bytes"), 1.0),
    Target("client peak memory vs mc", ("demo", "peak_kb"), ("mc", "peak_kb"), 1.5,
           "the client alone, not its server child"),
]
SERVER_RPS_FLOOR = 10000        # GET /v1/me at 64 connections ...
SERVER_RPS_SHARE_OF_HEALTHZ = 0.4  # ... or this share of GET /healthz's rate in the same run
SERVER_P99_MS = 20.0
