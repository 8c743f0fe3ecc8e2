"""The panel API server under load: start it, drive it with wrk, read its memory.

The server is started either in its embedded mode, which prints one JSON line on standard output,
{"port": N, "token": "...", ...}, with a ready session for the demo customer; or as it runs in
production (a database file, a log line per request), which prints "... listening on
http://HOST:PORT": then the demo customer signs in (POST /v1/session) for the token. wrk runs
`wrk/panel.lua`, which sends the bearer token, and for `PUT /v1/me/contact` the If-Match header
(see the script for how ETags are followed).
"""

import json
import os
import re
import signal
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from ptydrive import read_hwm_kb

LUA_SCRIPT = Path(__file__).resolve().parent / "wrk" / "panel.lua"


class NotAvailable(Exception):
    """A figure that cannot be measured; the message says why."""


# MARK: - The server process

DEMO_EMAIL, DEMO_PASSWORD = "demo@example.com", "demo1234"
_LISTENING = re.compile(r"listening on (https?://\S+?):(\d+)\b")


class ServerProcess:
    """`haker-panel-server ARGS` in a throw-away directory (its working directory, where its
    default database file goes), as a context manager."""

    def __init__(self, binary, workdir, args, env, start_timeout=60.0):
        self.binary, self.workdir, self.args = Path(binary).resolve(), Path(workdir), list(args)
        self.env, self.start_timeout = dict(env), start_timeout
        self.process = None
        self.info = {}
        self.start_seconds = None

    def __enter__(self):
        if not self.binary.is_file():
            raise NotAvailable("%s is not built" % self.binary)
        self.workdir.mkdir(parents=True, exist_ok=True)
        stdout_path, stderr_path = self.workdir / "server.out", self.workdir / "server.err"
        # Files, not pipes: a server that logs a line per request must never block on us.
        with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
            started = time.perf_counter()
            self.process = subprocess.Popen([str(self.binary)] + self.args, stdin=subprocess.DEVNULL,
                                            stdout=stdout, stderr=stderr, env=self.env,
                                            cwd=self.workdir, start_new_session=True)
        deadline = started + self.start_timeout
        while time.perf_counter() < deadline:
            self.info = _handshake(stdout_path)
            if self.info:
                self.start_seconds = time.perf_counter() - started
                if not self.info.get("token"):
                    self._sign_in()
                return self
            if self.process.poll() is not None:
                self.stop()
                raise NotAvailable("%s %s exited with status %s before printing its port: %s" % (
                    self.binary.name, " ".join(self.args), self.process.returncode,
                    _tail(stderr_path) or _tail(stdout_path) or "no output"))
            time.sleep(0.01)
        self.stop()
        raise NotAvailable("%s printed neither a {\"port\": ...} line nor \"listening on\" within "
                           "%.0f s" % (self.binary.name, self.start_timeout))

    def _sign_in(self):
        """The demo customer's session (one bcrypt verification on the server)."""
        body = json.dumps({"email": DEMO_EMAIL, "password": DEMO_PASSWORD}).encode()
        status, _, grant = http("POST", self.url + "/v1/session", body=body,
                                headers={"Content-Type": "application/json"}, timeout=30.0)
        if status != 201 or not isinstance(grant, dict) or not grant.get("token"):
            self.stop()
            raise NotAvailable("signing in as %s answered %s" % (DEMO_EMAIL, status))
        self.info["token"] = grant["token"]

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.info["port"]

    @property
    def token(self):
        return self.info.get("token") or ""

    def peak_kb(self):
        return read_hwm_kb(self.process.pid)

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(grace)
                return
            except subprocess.TimeoutExpired:
                continue


def _handshake(path):
    """{"port": N, "token"?: T} from the embedded JSON line or a "listening on URL" line."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return {}
    for line in lines:
        listening = _LISTENING.search(line)
        if listening:
            return {"port": int(listening.group(2))}
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and isinstance(value.get("port"), int):
            return value
    return {}


def _tail(path, lines=3):
    try:
        return " | ".join(path.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


# MARK: - HTTP

def http(method, url, token="", body=None, headers=None, timeout=10.0):
    """(status, headers, decoded JSON or None) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, method=method, data=body)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, answer_headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, raw = error.code, error.headers, error.read()
    except OSError as error:
        raise NotAvailable("%s %s: %s" % (method, url, error))
    try:
        return status, answer_headers, json.loads(raw) if raw else None
    except ValueError:
        return status, answer_headers, None


def contact_bodies(server):
    """The current ETag of /v1/me/contact and two bodies that differ only in the phone number."""
    status, headers, contact = http("GET", server.url + "/v1/me/contact", server.token)
    if status != 200 or not isinstance(contact, dict) or not headers.get("ETag"):
        raise NotAvailable("GET /v1/me/contact answered %s%s" % (
            status, "" if headers.get("ETag") else " without an ETag"))
    bodies = []
    for phone in ("+905321110001", "+905321110002"):
        bodies.append(json.dumps(dict(contact, phone=phone), ensure_ascii=False))
    return headers["ETag"], bodies


# MARK: - wrk

def run_wrk(url, connections, seconds, token="", put=None):
    """One wrk run; `put` = (etag, body_a, body_b) for PUTs. Returns the figures as a dict."""
    threads = max(1, min(connections, os.cpu_count() or 1))
    command = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--timeout", "5s",
               "-s", str(LUA_SCRIPT), url, "--", token] + list(put or ())
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    except FileNotFoundError:
        raise NotAvailable("wrk is not installed (scripts/deps.sh bench installs it)")
    line = next((l for l in finished.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise NotAvailable("wrk gave no figures: %s" % (finished.stderr.strip() or finished.stdout.strip()))
    raw = json.loads(line[len("BENCH_JSON "):])
    seconds_run = raw["duration_us"] / 1e6
    errors = raw["errors"]
    result = {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1) if seconds_run else None,
        "p50_ms": raw["p50_us"] / 1000.0, "p90_ms": raw["p90_us"] / 1000.0,
        "p99_ms": raw["p99_us"] / 1000.0, "max_ms": raw["max_us"] / 1000.0,
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        "non_2xx": errors["status"],  # wrk counts every status >= 400 here, 412s included
    }
    if put:
        result.update(ok=raw["put"]["ok"], conflict=raw["put"]["conflict"],
                      server_error=raw["put"]["server_error"], other=raw["put"]["other"])
        result["saves_per_s"] = round(result["ok"] / seconds_run, 1) if seconds_run else None
        result["errors"] = result["socket_errors"] + result["server_error"] + result["other"]
    else:
        result["errors"] = result["socket_errors"] + result["non_2xx"]
    return result


# MARK: - The whole server measurement

ENDPOINTS = [
    # (label, path, authorised, PUT)
    ("GET /healthz", "/healthz", False, False),
    ("GET /v1/me", "/v1/me", True, False),
    ("PUT /v1/me/contact", "/v1/me/contact", True, True),
]


def measure_server(binary, workdir, args, env, runs, seconds, connection_counts=(1, 64), log=print):
    """Every endpoint at each connection count, `runs` times, interleaved so that a busy moment on
    the machine hits all of them alike. Returns per endpoint and count the runs and their medians."""
    result = {"endpoints": {}, "runs": runs, "seconds_per_run": seconds}
    with ServerProcess(binary, workdir, args, env) as server:
        result["start_ms"] = round(server.start_seconds * 1000.0, 1)
        result["peak_kb_after_start"] = server.peak_kb()
        for label, path, authorised, put in ENDPOINTS:  # warm-up, not counted
            try:
                _one(server, path, authorised, put, 64, 1)
            except NotAvailable as reason:
                result["endpoints"][label] = {"available": False, "reason": str(reason)}
        for connections in connection_counts:
            for run in range(runs):
                for label, path, authorised, put in ENDPOINTS:
                    entry = result["endpoints"].setdefault(label, {"available": True})
                    if not entry["available"]:
                        continue
                    try:
                        figures = _one(server, path, authorised, put, connections, seconds)
                    except NotAvailable as reason:
                        entry.update(available=False, reason=str(reason))
                        continue
                    figures["load_1m"] = os.getloadavg()[0]
                    entry.setdefault(str(connections), {"runs": []})["runs"].append(figures)
                    log("  server %-20s %2d conn, run %d/%d: %8.0f req/s, p99 %.2f ms" % (
                        label, connections, run + 1, runs, figures["rps"], figures["p99_ms"]))
            if not server.alive():
                break
        result["peak_kb"] = server.peak_kb() if server.alive() else None
        result["alive_after_load"] = server.alive()
    for entry in result["endpoints"].values():
        for key, per_count in entry.items():
            if isinstance(per_count, dict) and per_count.get("runs"):
                per_count["median"] = _medians(per_count["runs"])
    return result


def _one(server, path, authorised, put, connections, seconds):
    token = server.token if authorised else ""
    bodies = None
    if put:
        etag, (body_a, body_b) = contact_bodies(server)
        bodies = (etag, body_a, body_b)
    return run_wrk(server.url + path, connections, seconds, token, bodies)


def _medians(runs):
    """Medians of the numeric figures; error counts are summed over the runs instead."""
    summed = ("errors", "socket_errors", "non_2xx", "server_error", "other", "conflict", "ok",
              "requests")
    out = {}
    for key in runs[0]:
        values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
        if values:
            out[key] = sum(values) if key in summed else round(statistics.median(values), 3)
    return out
