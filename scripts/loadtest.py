#!/usr/bin/env python3
"""A bounded load test of the real panel server on loopback: sign-in, GET /v1/me and PUT
/v1/me/contact, then checks that nothing failed, no write was lost and memory stayed bounded.

Each round runs three phases of --seconds each: sign-ins of the demo customer from
--signin-connections clients (bcrypt cost 12 takes ~0.25 s of a core per sign-in by design, so
this phase measures its rate rather than loading the server at 64), then wrk at --connections on
GET /v1/me and on PUT /v1/me/contact (bench/wrk/panel.lua: every 200 is a real change, a 412 is a
stale ETag and expected). After the rounds the server is stopped and its SQLite file read:

- no 5xx, no socket error, no answer other than 200/201/412 (sign-ins: 201 only);
- no lost or phantom write: the change log holds one contact entry per acknowledged PUT (plus at
  most one per connection for the PUTs in flight when wrk stopped counting), each entry's old phone
  is the previous entry's new one (every save replaced the version it was based on), and the stored
  phone is the last one;
- PRAGMA integrity_check is ok;
- memory: the server's VmHWM stays under --max-peak-mb, and (with 2 rounds or more) grows by at most
  --max-growth-mb after the first round.

`make test` runs it for a few seconds; `make soak` for minutes (SOAK_SECONDS, SOAK_ROUNDS).
Prints one JSON line "LOAD_JSON {...}" with the figures, and exits 1 when a check fails.
"""

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from serverload import ServerProcess, NotAvailable, contact_bodies, http, run_wrk  # noqa: E402

DEMO = {"email": "demo@example.com", "password": "demo1234"}


def sign_in_load(url, connections, seconds):
    """`connections` threads signing in until the deadline; statuses and latencies."""
    statuses, latencies, lock = {}, [], threading.Lock()
    deadline = time.monotonic() + seconds
    body = json.dumps(DEMO).encode()

    def worker():
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                status, _, _ = http("POST", url + "/v1/session", body=body,
                                    headers={"Content-Type": "application/json"}, timeout=60.0)
            except NotAvailable:
                status = 0
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                latencies.append(time.monotonic() - started)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count, "rps": round(count / elapsed, 2) if elapsed else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "p50_ms": round(latencies[count // 2] * 1000, 1) if count else None,
        "max_ms": round(latencies[-1] * 1000, 1) if count else None,
        "errors": sum(v for k, v in statuses.items() if k != 201),
    }


def contact_log(database):
    """The contact change-log entries' phone changes (old, new), oldest first, and the stored phone."""
    with sqlite3.connect(database) as db:
        customer = db.execute("SELECT id, phone FROM customers WHERE email = ?", (DEMO["email"],)).fetchone()
        rows = db.execute("SELECT changes FROM change_log WHERE customer_id = ? AND resource = 'contact' "
                          "ORDER BY id", (customer[0],)).fetchall()
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    changes = []
    for (text,) in rows:
        phone = [c for c in json.loads(text) if c.get("field") == "phone"]
        changes.append((phone[0].get("old"), phone[0].get("new")) if phone else None)
    return changes, customer[1], integrity


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=3, help="length of each phase (default 3)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the three phases (default 1)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    parser.add_argument("--signin-connections", type=int, default=8, help="sign-in clients (default 8)")
    parser.add_argument("--max-peak-mb", type=float, default=256.0, help="VmHWM limit (default 256)")
    parser.add_argument("--max-growth-mb", type=float, default=32.0,
                        help="VmHWM growth allowed after the first round (default 32)")
    parser.add_argument("--build-dir", default=os.environ.get("HAKER_PANEL_BUILD_DIR", str(REPO / ".build/debug")))
    args = parser.parse_args()

    binary = Path(args.build_dir) / "haker-panel-server"
    failures = []
    result = {"seconds_per_phase": args.seconds, "rounds": args.rounds, "connections": args.connections,
              "signin_connections": args.signin_connections, "rounds_figures": []}
    with tempfile.TemporaryDirectory(prefix="haker-panel-load-") as workdir:
        database = os.path.join(workdir, "panel.sqlite")
        server_args = ["--embedded", "--db", database]
        try:
            with ServerProcess(binary, workdir, server_args, dict(os.environ)) as server:
                result["peak_kb_after_start"] = server.peak_kb()
                before, _, _ = contact_log(database)
                for round_index in range(args.rounds):
                    figures = {"signin": sign_in_load(server.url, args.signin_connections, args.seconds),
                               "get_me": run_wrk(server.url + "/v1/me", args.connections, args.seconds,
                                                 server.token)}
                    etag, (body_a, body_b) = contact_bodies(server)
                    figures["put_contact"] = run_wrk(server.url + "/v1/me/contact", args.connections, args.seconds,
                                                     server.token, (etag, body_a, body_b))
                    figures["peak_kb"] = server.peak_kb()
                    result["rounds_figures"].append(figures)
                    print("round %d: sign-in %s/s (%s), GET /v1/me %s/s, PUT %s/s (%d ok, %d 412), VmHWM %s kB"
                          % (round_index + 1, figures["signin"]["rps"], figures["signin"]["statuses"],
                             figures["get_me"]["rps"], figures["put_contact"]["rps"],
                             figures["put_contact"]["ok"], figures["put_contact"]["conflict"], figures["peak_kb"]),
                          flush=True)
                    for phase in ("signin", "get_me", "put_contact"):
                        if figures[phase]["errors"]:
                            failures.append("round %d %s: %s" % (round_index + 1, phase, figures[phase]))
                    if not server.alive():
                        failures.append("the server died")
                        break
                status, _, _ = http("GET", server.url + "/healthz")
                if status != 200:
                    failures.append("GET /healthz answered %s after the load" % status)
                acknowledged = sum(r["put_contact"]["ok"] for r in result["rounds_figures"])
        except NotAvailable as reason:
            print("load test: cannot run: %s" % reason, file=sys.stderr)
            return 1
        # The server is stopped (SIGTERM): the file as a restart would find it.
        after, stored_phone, integrity = contact_log(database)
        during = after[len(before):]
        result["acknowledged_puts"] = acknowledged
        result["contact_log_entries"] = len(during)
        result["integrity_check"] = integrity
        # wrk stops counting at its deadline with up to one request per connection in flight; the
        # server finishes those, so they may add entries nobody counted.
        in_flight = args.connections * args.rounds
        if not acknowledged <= len(during) <= acknowledged + in_flight:
            failures.append("%d acknowledged PUTs but %d change-log entries (at most %d more in flight)"
                            % (acknowledged, len(during), in_flight))
        broken = [i for i in range(1, len(during))
                  if during[i] is None or during[i - 1] is None or during[i][0] != during[i - 1][1]]
        if broken:
            failures.append("the change log's chain of phones breaks at %d entries" % len(broken))
        if during and during[-1] and stored_phone != during[-1][1]:
            failures.append("stored phone %s is not the last logged %s" % (stored_phone, during[-1][1]))
        if integrity != "ok":
            failures.append("integrity_check: %s" % integrity)

    peaks = [r["peak_kb"] for r in result["rounds_figures"] if r.get("peak_kb")]
    if peaks:
        result["peak_kb"] = max(peaks)
        if max(peaks) > args.max_peak_mb * 1024:
            failures.append("VmHWM %d kB is over %.0f MB" % (max(peaks), args.max_peak_mb))
        if len(peaks) >= 2 and peaks[-1] - peaks[0] > args.max_growth_mb * 1024:
            failures.append("VmHWM grew from %d to %d kB after the first round" % (peaks[0], peaks[-1]))
    result["failures"] = failures
    print("LOAD_JSON " + json.dumps(result, sort_keys=True))
    print("load test: %s — %d acknowledged PUTs, %d change-log entries, integrity %s, VmHWM %s → %s kB"
          % ("FAILED: " + "; ".join(failures) if failures else "ok", acknowledged, len(during), integrity,
             result.get("peak_kb_after_start"), result.get("peak_kb")))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
