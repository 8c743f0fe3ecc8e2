#!/usr/bin/env bash
# Checks the release build (`make release`, run by `make release-check`):
#  1. `ldd` of haker-panel and haker-panel-server names only libraries a plain Debian machine with
#     ncurses, libcurl and SQLite has: libc, libm, libpthread, libdl, librt, ld-linux, libstdc++,
#     libgcc_s, libncursesw, libtinfo, libcurl (and what libcurl itself needs), libsqlite3, libz.
#     The client opens libcurl.so.4 with dlopen at its first request (issue 7), so ldd does not
#     list it: the line-mode runs below are what prove it loads.
#     No libswift*, no Foundation, no ICU, no libdispatch: the Swift runtime is linked statically.
#  2. Both binaries, copied alone into an empty folder, run from there (the policies are compiled
#     into the server; the one SwiftPM resource bundle, GRDB's, holds only Apple's privacy manifest): `haker-panel --version`,
#     `haker-panel-server --embedded` (its JSON hand-off line), `haker-panel show` and
#     `haker-panel policy privacy` in line mode against that server, and `haker-panel show` on the
#     embedded panel, which starts the copied server beside it.
# Usage: scripts/check-release.sh [BUILD_DIR]   (default: .build/release)
set -euo pipefail
if [ -n "${1:-}" ]; then bin=$(cd "$1" && pwd); else bin=$(cd "$(dirname "$0")/.." && pwd)/.build/release; fi
client=$bin/haker-panel
server=$bin/haker-panel-server

fail() { echo "release-check: FAIL: $*" >&2; exit 1; }
say() { echo "release-check: $*"; }

for binary in "$client" "$server"; do
    [ -x "$binary" ] || fail "$binary is missing: run make release first"
done

# MARK: - Shared libraries

# The libraries allowed by name (the part before ".so"); libcurl's own dependencies are added from
# ldd of the libcurl the binary resolves, whatever TLS and protocol libraries this Debian built it with.
allowed=(linux-vdso linux-gate libc libm libpthread libdl librt libutil ld-linux-x86-64 ld-linux-aarch64 ld-linux
         libstdc++ libgcc_s libncursesw libtinfo libcurl libsqlite3 libz)
library_names() { ldd "$1" | awk '{ print $1 }' | sed -e 's|.*/||' -e 's|\.so.*||'; }
library_path() { ldd "$1" | awk -v name="$2" '$1 ~ "^"name"\\.so" && $3 ~ /^\// { print $3; exit }'; }

check_libraries() {
    local binary=$1 name bad=() curl
    if ldd "$binary" | grep -q "not found"; then
        fail "$binary needs libraries this machine lacks:"$'\n'"$(ldd "$binary" | grep "not found")"
    fi
    local ok=("${allowed[@]}")
    curl=$(library_path "$binary" libcurl)
    if [ -n "$curl" ]; then mapfile -t -O "${#ok[@]}" ok < <(library_names "$curl"); fi
    while read -r name; do
        case " ${ok[*]} " in *" $name "*) ;; *) bad+=("$name") ;; esac
    done < <(library_names "$binary")
    if ((${#bad[@]})); then
        fail "$(basename "$binary") needs libraries beyond the allowed set: ${bad[*]}"$'\n'"$(ldd "$binary")"
    fi
    say "$(basename "$binary") ($(du -h "$binary" | cut -f1)) needs only: $(library_names "$binary" | sort -u | xargs)"
}
check_libraries "$client"
check_libraries "$server"

# MARK: - Copied alone into an empty folder

work=$(mktemp -d "${TMPDIR:-/tmp}/haker-panel-release-check.XXXXXX")
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/bin" "$work/home"
cp "$client" "$server" "$work/bin/"
say "copied to $work/bin: $(ls "$work/bin" | xargs)"
cd "$work"
# A clean environment: no API, no config file, no database of this machine.
export HOME=$work/home XDG_CONFIG_HOME=$work/home XDG_DATA_HOME=$work/home LANG=C.UTF-8
unset HAKER_PANEL_API HAKER_PANEL_LANG

version=$(bin/haker-panel --version) || fail "haker-panel --version failed"
[ -n "$version" ] || fail "haker-panel --version printed nothing"
say "haker-panel --version: $version"

# The server in embedded mode: its first line is the JSON hand-off; it ends when its stdin closes.
coproc SERVER { exec bin/haker-panel-server --embedded; }
server_pid=$SERVER_PID
read -r -t 60 handoff <&"${SERVER[0]}" || fail "haker-panel-server --embedded printed no hand-off line"
port=$(grep -o '"port":[0-9]*' <<<"$handoff" | cut -d: -f2) || true
[ -n "$port" ] || fail "the hand-off line has no port: $handoff"
grep -q '"token":"' <<<"$handoff" || fail "the hand-off line has no session: $handoff"
say "haker-panel-server --embedded: listening on 127.0.0.1:$port"

api=http://127.0.0.1:$port
shown=$(echo demo1234 | bin/haker-panel show --api "$api" --email demo@example.com --password-stdin) \
    || fail "haker-panel show against the copied server failed"
grep -q "HK-100231" <<<"$shown" || fail "haker-panel show did not show the demo customer:"$'\n'"$shown"
say "haker-panel show --api $api: $(grep -c '' <<<"$shown") lines, customer HK-100231"
policy=$(bin/haker-panel policy privacy --lang en --api "$api") || fail "haker-panel policy privacy failed"
head -1 <<<"$policy" | grep -q "Privacy Policy" || fail "the privacy policy was not served:"$'\n'"$policy"
say "haker-panel policy privacy: $(head -1 <<<"$policy"), $(grep -c '' <<<"$policy") lines"

exec {SERVER[1]}>&-
wait "$server_pid" || fail "haker-panel-server did not end cleanly when its stdin closed"
server_pid=

# The embedded panel: no API configured, so the client starts the copied server beside it.
start=$(date +%s%N)
embedded=$(bin/haker-panel show) || fail "haker-panel show on the embedded panel failed"
elapsed=$((($(date +%s%N) - start) / 1000000))
grep -q "HK-100231" <<<"$embedded" || fail "the embedded panel did not show the demo customer"
[ -f "$work/home/haker-panel/panel.sqlite" ] || fail "the embedded panel kept no database"
say "haker-panel show on the embedded panel (first run, seeding its database): ${elapsed} ms"
start=$(date +%s%N)
bin/haker-panel --demo show >/dev/null || fail "haker-panel --demo show failed"
say "haker-panel --demo show: $((($(date +%s%N) - start) / 1000000)) ms"
say "OK"
