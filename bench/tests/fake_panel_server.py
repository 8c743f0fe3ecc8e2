#!/usr/bin/env python3
"""A stand-in for `haker-panel-server` in the bench's tests: prints the embedded JSON line with
--embedded (else "listening on URL", and POST /v1/session signs the demo customer in), then serves
/healthz, /v1/me and /v1/me/contact (GET, and PUT with the If-Match rules: 428 without it, 412
with the current ETag when stale, 200 with a new ETag)."""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "test-token"
state = {"version": 1, "contact": {"email": "demo@example.com", "phone": "+905321234567",
                                   "fax": None, "contact_address": {"line1": "Atatürk Cad."}}}
lock = threading.Lock()


def etag():
    return '"v%d"' % state["version"]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else 40 ms of delayed ACK per request

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=None):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(raw)

    def authorised(self):
        if self.headers.get("Authorization") == "Bearer " + TOKEN:
            return True
        self.answer(401, {"code": "unauthorized"})
        return False

    def do_GET(self):
        if self.path == "/healthz":
            self.answer(200, {"status": "ok"})
        elif not self.authorised():
            return
        elif self.path == "/v1/me":
            self.answer(200, dict(state["contact"], customer_number="HK-1"))
        elif self.path == "/v1/me/contact":
            with lock:
                self.answer(200, state["contact"], {"ETag": etag()})
        else:
            self.answer(404, {"code": "not_found"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"null")
        if self.path == "/v1/session" and body == {"email": "demo@example.com", "password": "demo1234"}:
            self.answer(201, {"token": TOKEN, "expires_at": "2026-11-26T14:00:00Z",
                              "idle_timeout_minutes": 30})
        else:
            self.answer(401, {"code": "invalid_credentials"})

    def do_PUT(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"null")
        if self.path != "/v1/me/contact" or not self.authorised():
            return
        with lock:
            match = self.headers.get("If-Match")
            if match is None:
                self.answer(428, {"code": "precondition_required"})
            elif match != etag():
                self.answer(412, {"code": "stale", "etag": etag(), "current": state["contact"]},
                            {"ETag": etag()})
            else:
                state["contact"], state["version"] = body, state["version"] + 1
                self.answer(200, body, {"ETag": etag()})


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if "--embedded" in sys.argv:
        print(json.dumps({"port": server.server_address[1], "token": TOKEN}), flush=True)
    else:
        print("fake-panel-server listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
