#!/usr/bin/env python3
"""The Haker Panel bench: our client and server beside dialog, whiptail, mc and htop, in one run.

    python3 bench/run.py [--runs 5] [--server-seconds 3] [--only peers,client,server]

Terminal programs run in a pseudo-terminal (bench/ptydrive.py) at 80x24, each started fresh in each
run, the programs interleaved run by run so that a busy moment on the machine hits them alike;
figures are medians over the runs. The server is measured with wrk (bench/serverload.py). What
runs, with which texts and keys, is in bench/scenarios.py. The table goes to standard output, the
raw figures to bench/results/latest.json.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ptydrive
import scenarios
import serverload
from serverload import NotAvailable, ServerProcess

ROOT = Path(__file__).resolve().parent.parent
PHASE_FIGURES = ("latency_ms", "first_byte_ms", "bytes")
RUN_FIGURES = ("first_paint_ms", "first_byte_ms", "startup_bytes", "peak_kb", "anon_kb",
               "tree_peak_kb", "exit_ms")


def log(message):
    print(message, file=sys.stderr, flush=True)


# MARK: - The machine

def _first_line(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout.strip() or done.stderr.strip()).splitlines()
    return text[0].strip() if text else None


def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_gib():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _cpu_times():
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def machine():
    try:
        import importlib.metadata
        pyte_version = importlib.metadata.version("pyte")
    except Exception:
        pyte_version = None
    os_name = None
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return {
        "cpu": _cpu_model(), "cores": os.cpu_count(), "memory_gib": _memory_gib(),
        "kernel": platform.release(), "os": os_name, "python": platform.python_version(),
        "pyte": pyte_version,
        "versions": {
            "dialog": _first_line(["dialog", "--version"]),
            "whiptail": _first_line(["whiptail", "--version"]),
            "mc": _first_line(["mc", "--version"]),
            "htop": _first_line(["htop", "--version"]),
            "wrk": _first_line(["wrk", "-v"]),
            "swift": _first_line(["swift", "--version"]),
        },
    }


# MARK: - Terminal programs

class Context:
    """Where a run's placeholders point."""

    def __init__(self, workdir, bin_dir):
        self.workdir, self.bin_dir = Path(workdir), Path(bin_dir)
        self.api = None
        self.server_reason = None  # why there is no server for the remote-mode runs
        self.files = self.workdir / "files"
        self.files.mkdir(parents=True, exist_ok=True)
        for n in range(1, 41):
            (self.files / ("file-%02d.txt" % n)).write_text("%d\n" % n)

    def fill(self, text, home):
        return text.format(bin=self.bin_dir, api=self.api or "", files=self.files, home=home)

    def environment(self, home, extra=None):
        """A clean environment, the same for every program: nothing of the caller's leaks in.
        `home` is created, with its XDG directories (all empty)."""
        for sub in ("data", "config", "cache", "runtime"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(home / "runtime", 0o700)
        env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(home),
               "TERM": scenarios.TERM, "LANG": scenarios.LANG, "USER": "bench", "LOGNAME": "bench",
               "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
               "XDG_CACHE_HOME": str(home / "cache"), "XDG_RUNTIME_DIR": str(home / "runtime")}
        env.update({k: self.fill(v, home) for k, v in (extra or {}).items()})
        return env


def unavailable_reason(scenario, context):
    program = context.fill(scenario.argv[0], "")
    if "/" in program:
        if not Path(program).is_file():
            return "%s is not built" % program
    elif shutil.which(program) is None:
        return "%s is not installed (scripts/deps.sh bench installs it)" % program
    if scenario.needs_server and context.api is None:
        return "no server to sign in to: %s" % (context.server_reason or "not started")
    return None


def run_scenario(scenario, context, index):
    home = context.workdir / ("%s-%d" % (scenario.name, index))
    env = context.environment(home, scenario.env)
    argv = [context.fill(a, home) for a in scenario.argv]
    phases = [dict(p, expect=p.get("texts", ())) for p in scenario.phases]
    load = os.getloadavg()[0]
    try:
        result = ptydrive.run_once(
            argv, env, scenario.texts, phases, scenario.quit_keys,
            scenarios.COLS, scenarios.ROWS, cwd=str(home), quiet_ms=scenarios.QUIET_MS,
            paint_timeout=scenarios.PAINT_TIMEOUT_S, key_timeout=scenarios.KEY_TIMEOUT_S)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    result["load_1m"] = load
    return result


def run_terminal_programs(selected, context, runs):
    results = {s.name: {"label": s.label, "ours": s.ours, "runs": []} for s in selected}
    for s in selected:
        reason = unavailable_reason(s, context)
        if reason:
            results[s.name].update(available=False, reason=reason)
    for index in range(runs):
        for s in selected:
            entry = results[s.name]
            if entry.get("available") is False:
                continue
            result = run_scenario(s, context, index)
            entry["runs"].append(result)
            if result["first_paint_ms"] is None and index == 0:
                # the same wait would repeat in every run: say why once, and move on
                entry.update(available=False, reason="; ".join(result["errors"]) or "not painted")
            log("  %-30s run %d/%d: paint %s ms, keys %s" % (
                s.label, index + 1, runs, result["first_paint_ms"],
                ", ".join("%s %s ms" % (n, p.get("latency_ms")) for n, p in result["phases"].items())))
    for s in selected:
        summarise(results[s.name], s)
    return results


def summarise(entry, scenario):
    painted = [r for r in entry["runs"] if r["first_paint_ms"] is not None]
    entry.setdefault("available", bool(painted))
    if not painted:
        entry.setdefault("reason", "never painted")
        return
    entry["runs_painted"] = len(painted)
    entry["median"] = {f: _median([r.get(f) for r in painted]) for f in RUN_FIGURES}
    entry["range"] = {"first_paint_ms": _range([r["first_paint_ms"] for r in painted])}
    restored = [r for r in entry["runs"] if r.get("restored")]
    entry["restored"] = "%d/%d" % (len(restored), len(entry["runs"]))
    entry["killed_runs"] = sum(1 for r in entry["runs"] if r.get("killed"))
    entry["runs_leaving_processes"] = sum(1 for r in entry["runs"] if r.get("left_processes"))
    entry["phases"] = {}
    for phase in scenario.phases:
        per_run = [r["phases"].get(phase["name"]) for r in painted]
        measured = [p for p in per_run if p and p.get("available")]
        if not measured:
            reasons = sorted({p["reason"] for p in per_run if p and p.get("reason")})
            entry["phases"][phase["name"]] = {"available": False,
                                              "reason": "; ".join(reasons) or "not reached"}
            continue
        figures = {f: _median([p.get(f) for p in measured]) for f in PHASE_FIGURES}
        figures["latency_ms_range"] = _range([p["latency_ms"] for p in measured])
        figures["latency_max_ms"] = max(p["latency_max_ms"] for p in measured)
        figures.update(available=True, runs=len(measured),
                       keys_without_answer=sum(p["keys_without_answer"] for p in measured))
        entry["phases"][phase["name"]] = figures


def _range(values):
    values = [v for v in values if isinstance(v, (int, float))]
    return [min(values), max(values)] if values else None


def _median(values):
    values = [v for v in values if isinstance(v, (int, float))]
    return round(statistics.median(values), 3) if values else None


# MARK: - Targets

def figure(results, path):
    entry = results.get(path[0]) or {}
    if not entry.get("available"):
        return None, "%s: not available" % entry["label"] if entry else "%s: not run" % path[0]
    if len(path) == 2:
        value = entry.get("median", {}).get(path[1])
        return value, None if value is not None else "no figure"
    phase = entry.get("phases", {}).get(path[1], {})
    if not phase.get("available"):
        return None, "%s, keys %s: not available" % (entry["label"], path[1])
    return phase.get(path[2]), None


def check_targets(tui, server):
    checks = []
    for target in scenarios.TARGETS:
        ours, why_ours = figure(tui, target.ours)
        peer, why_peer = figure(tui, target.peer)
        ratio = round(ours / peer, 2) if ours is not None and peer else None
        checks.append({
            "target": target.label, "ours": ours, "peer": peer, "ratio": ratio,
            "limit": "<= %gx" % target.ratio, "note": target.note,
            "met": None if ratio is None else ratio <= target.ratio,
            "why_not_measured": None if ratio is not None else (why_ours or why_peer)})
    checks.extend(_server_checks(server))
    return checks


def _server_figure(server, label, connections, name):
    endpoint = (server or {}).get("endpoints", {}).get(label, {})
    return endpoint.get(str(connections), {}).get("median", {}).get(name)


def _server_checks(server):
    reason = None if server and server.get("available", True) and server.get("endpoints") else (
        "server: not available" if server else "server: not run")
    me = _server_figure(server, "GET /v1/me", 64, "rps")
    healthz = _server_figure(server, "GET /healthz", 64, "rps")
    floor = scenarios.SERVER_RPS_FLOOR
    share = scenarios.SERVER_RPS_SHARE_OF_HEALTHZ
    p99 = _server_figure(server, "GET /v1/me", 64, "p99_ms")
    errors = None
    if not reason:
        errors = sum(per.get("median", {}).get("errors", 0)
                     for endpoint in server["endpoints"].values() for per in endpoint.values()
                     if isinstance(per, dict))
    return [
        {"target": "GET /v1/me req/s at 64 connections", "ours": me, "peer": healthz,
         "ratio": round(me / healthz, 2) if me and healthz else None,
         "limit": ">= %d/s or >= %gx healthz" % (floor, share), "note": "peer: GET /healthz",
         "met": None if me is None else (me >= floor or bool(healthz) and me >= share * healthz),
         "why_not_measured": None if me is not None else reason or "GET /v1/me not measured"},
        {"target": "GET /v1/me p99 at 64 connections (ms)", "ours": p99, "peer": None, "ratio": None,
         "limit": "<= %g ms" % scenarios.SERVER_P99_MS, "note": "",
         "met": None if p99 is None else p99 <= scenarios.SERVER_P99_MS,
         "why_not_measured": None if p99 is not None else reason or "GET /v1/me not measured"},
        {"target": "errors under load (5xx, socket, other)", "ours": errors, "peer": None,
         "ratio": None, "limit": "0", "note": "412s of concurrent PUTs are counted apart",
         "met": None if errors is None else errors == 0, "why_not_measured": reason},
    ]


# MARK: - The table

def _fmt(value, digits=1):
    if value is None:
        return "n/a"
    if isinstance(value, float) and not value.is_integer():
        return "{:,.{}f}".format(value, digits)
    return "{:,}".format(int(value))


def _span(values, digits):
    return "%s-%s" % (_fmt(values[0], digits), _fmt(values[1], digits)) if values else ""


def _row(cells, widths):
    return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                     for i, (c, w) in enumerate(zip(cells, widths)))


def render(report):
    out = []
    host, load = report["machine"], report["load"]
    out.append("Haker Panel bench, %s" % report["started"])
    out.append("machine: %s, %s cores, %s GiB, Linux %s; load average (1 min) %s at start, %s at "
               "end, %s..%s during the terminal runs; machine busy %s%% of the time" % (
                   host["cpu"], host["cores"], host["memory_gib"], host["kernel"],
                   load["start"], load["end"], load.get("runs_min"), load.get("runs_max"),
                   load.get("busy_percent")))
    tui = report.get("terminal")
    if tui:
        out.append("")
        out.append("Terminal programs: %dx%d, TERM=%s, medians of %d runs (keys: median per run, "
                   "then median of the runs; quiet window %d ms not counted); screen model %s" % (
                       scenarios.COLS, scenarios.ROWS, scenarios.TERM, report["runs"],
                       scenarios.QUIET_MS, report.get("screen_model")))
        widths = (30, 9, 7, 12, 9, 9, 9, 9, 8)
        out.append(_row(("program / keys", "paint ms", "key ms", "runs' range", "bytes/key",
                         "peak kB", "anon kB", "tree kB", "restored"), widths))
        for name, entry in tui.items():
            if not entry.get("available"):
                out.append("%s  not available: %s" % (entry["label"].ljust(widths[0]),
                                                       entry.get("reason")))
                continue
            median = entry["median"]
            out.append(_row((entry["label"], _fmt(median["first_paint_ms"]), "",
                             _span(entry["range"]["first_paint_ms"], 1), "",
                             _fmt(median["peak_kb"]), _fmt(median["anon_kb"]),
                             _fmt(median["tree_peak_kb"]),
                             entry["restored"]), widths))
            if entry["killed_runs"] or entry["runs_leaving_processes"]:
                out.append("  (runs that did not quit by the quit keys: %d; runs that left a "
                           "process behind: %d)" % (entry["killed_runs"],
                                                    entry["runs_leaving_processes"]))
            for phase_name, phase in entry["phases"].items():
                label = "  keys: " + phase_name
                if not phase.get("available"):
                    out.append("%s  not available: %s" % (label.ljust(widths[0]), phase["reason"]))
                    continue
                out.append(_row((label, "", _fmt(phase["latency_ms"], 2),
                                 _span(phase["latency_ms_range"], 2), _fmt(phase["bytes"])), widths))
    server = report.get("server")
    if server:
        out.append("")
        if not server.get("endpoints"):
            out.append("Server: not available: %s" % server.get("reason"))
        else:
            out.append("Server: wrk on loopback, %d s per run, medians of %d runs; started in %s ms; "
                       "peak memory %s kB after start, %s kB after the load" % (
                           server["seconds_per_run"], server["runs"], server.get("start_ms"),
                           _fmt(server.get("peak_kb_after_start")), _fmt(server.get("peak_kb"))))
            widths = (22, 6, 10, 8, 8, 8, 24)
            out.append(_row(("endpoint", "conns", "req/s", "p50 ms", "p99 ms", "errors", "notes"),
                            widths))
            for label, endpoint in server["endpoints"].items():
                if not endpoint.get("available"):
                    out.append("%s  not available: %s" % (label.ljust(widths[0]), endpoint["reason"]))
                    continue
                for connections in ("1", "64"):
                    median = endpoint.get(connections, {}).get("median")
                    if not median:
                        continue
                    note = ""
                    if "conflict" in median:
                        note = "saves %s/s, 412s %s" % (_fmt(median.get("saves_per_s")),
                                                         _fmt(median.get("conflict")))
                    out.append(_row((label, connections, _fmt(median["rps"], 0),
                                     _fmt(median["p50_ms"], 2), _fmt(median["p99_ms"], 2),
                                     _fmt(median["errors"]), note), widths))
    out.append("")
    out.append("Targets (issue 7): our figure against the peer's, same run")
    widths = (42, 10, 10, 6, 29, 12)
    out.append(_row(("target", "ours", "peer", "ratio", "limit", "result"), widths))
    for check in report["targets"]:
        result = ("MET" if check["met"] else "MISSED") if check["met"] is not None else \
            "not measured"
        out.append(_row((check["target"], _fmt(check["ours"], 2), _fmt(check["peer"], 2),
                         _fmt(check["ratio"], 2) if check["ratio"] is not None else "-",
                         check["limit"], result), widths))
        if check["met"] is None and check.get("why_not_measured"):
            out.append("    (%s)" % check["why_not_measured"])
    return "\n".join(out)


# MARK: - Main

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7,
                        help="runs per terminal program (default 7; at least 5 for figures to keep)")
    parser.add_argument("--server-runs", type=int, default=5,
                        help="wrk runs per endpoint and connection count (default 5)")
    parser.add_argument("--server-seconds", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--only", default="peers,client,server",
                        help="comma-separated: peers, client, server")
    parser.add_argument("--bin-dir", default=str(ROOT / ".build" / "release"))
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "latest.json"))
    options = parser.parse_args(argv)
    parts = set(options.only.split(","))
    bin_dir = Path(options.bin_dir).resolve()
    report = {"started": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
              "runs": options.runs, "machine": machine(),
              "load": {"start": round(os.getloadavg()[0], 2)},
              "screen_model": "pyte" if ptydrive.pyte else "stripped (pyte not importable)"}
    selected = [s for s in scenarios.PEERS if "peers" in parts] + \
        [s for s in scenarios.OURS if "client" in parts]
    with tempfile.TemporaryDirectory(prefix="haker-bench-") as workdir:
        context = Context(workdir, bin_dir)
        if selected:
            busy_before, load_runs = _cpu_times(), []
            try:
                with _remote_server(selected, context):
                    log("terminal programs: %d runs each" % options.runs)
                    report["terminal"] = run_terminal_programs(selected, context, options.runs)
            finally:
                busy_after = _cpu_times()
            load_runs = [r["load_1m"] for e in report.get("terminal", {}).values() for r in e["runs"]]
            if load_runs:
                report["load"].update(runs_min=round(min(load_runs), 2),
                                      runs_max=round(max(load_runs), 2))
            total = busy_after[1] - busy_before[1]
            report["load"]["busy_percent"] = round(100.0 * (busy_after[0] - busy_before[0]) / total) \
                if total else None
        if "server" in parts:
            log("server: wrk, %d runs of %d s per endpoint and connection count" % (
                options.server_runs, options.server_seconds))
            try:
                report["server"] = serverload.measure_server(
                    context.fill(scenarios.SERVER, workdir), Path(workdir) / "server-load",
                    scenarios.SERVER_ARGS, context.environment(Path(workdir) / "server-load-home"),
                    options.server_runs, options.server_seconds, log=log)
            except NotAvailable as reason:
                report["server"] = {"available": False, "reason": str(reason)}
    report["load"]["end"] = round(os.getloadavg()[0], 2)
    report["targets"] = check_targets(report.get("terminal", {}), report.get("server"))
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(render(report))
    print("\nraw figures: %s" % options.json)
    return 0


class _remote_server:
    """The server the remote-mode client signs in to, while the terminal programs run (idle
    otherwise: it is not the one measured under load)."""

    def __init__(self, selected, context):
        self.context = context
        self.wanted = any(s.needs_server for s in selected)
        self.server = None

    def __enter__(self):
        if not self.wanted:
            return self
        binary = self.context.fill(scenarios.SERVER, "")
        try:
            self.server = ServerProcess(binary, self.context.workdir / "server-remote",
                                        scenarios.SERVER_ARGS,
                                        self.context.environment(
                                            self.context.workdir / "server-remote-home")).__enter__()
            self.context.api = self.server.url
        except NotAvailable as reason:
            self.context.server_reason = str(reason)
        return self

    def __exit__(self, *exc):
        if self.server is not None:
            self.server.stop()


if __name__ == "__main__":
    sys.exit(main())
