#!/usr/bin/env bash
# Runs schemathesis (PyPI) against a live haker-panel-server on loopback, with the checks and bounds
# of scripts/schemathesis.toml. Needs a built server (swift build) and `pip install schemathesis`
# (scripts/deps.sh test installs it). Exits non-zero on any failure.
# Usage: scripts/schemathesis.sh [path/to/haker-panel-server]
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-.build/debug/haker-panel-server}
config=scripts/schemathesis.toml
work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$server" --port 0 --db :memory: --seed-demo --log-level warning >"$work/stdout" 2>"$work/stderr" &
pid=$!
for _ in $(seq 1 600); do
    grep -q '^haker-panel-server listening on ' "$work/stdout" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
    sleep 0.1
done
base=$(sed -n 's/^haker-panel-server listening on //p' "$work/stdout")
[ -n "$base" ] || { echo "schemathesis.sh: the server did not start" >&2; cat "$work/stderr" >&2; exit 1; }

signin() {
    curl -sf -X POST "$base/v1/session" -H 'Content-Type: application/json' \
        -d '{"email":"demo@example.com","password":"demo1234"}' |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

# Everything but sign-out first, so that the session stays valid for the whole run...
token=$(signin)
schemathesis --config-file "$config" run openapi.yaml --url "$base" --no-color \
    -H "Authorization: Bearer $token" --exclude-operation-id signOut
# ...then sign-out, with that session.
schemathesis --config-file "$config" run openapi.yaml --url "$base" --no-color \
    -H "Authorization: Bearer $token" --include-operation-id signOut
