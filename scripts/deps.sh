#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for building, testing and running Haker Panel.
# As root it runs apt-get (and pip); otherwise it prints the exact command and fails.
# Usage: scripts/deps.sh [build|test|bench]   (each level includes the ones before it)
set -euo pipefail
level=${1:-build}

need_pkgs=()
have_header() { [ -e "/usr/include/$1" ] || [ -e "/usr/include/$(gcc -dumpmachine 2>/dev/null)/$1" ]; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

have_header ncursesw/curses.h || have_header curses.h || need_pkgs+=(libncurses-dev)
# The headers for the build; it brings libcurl4, which the client opens with dlopen at run time.
have_header curl/curl.h || need_pkgs+=(libcurl4-openssl-dev)
have_header sqlite3.h || need_pkgs+=(libsqlite3-dev)
if [ "$level" = test ] || [ "$level" = bench ]; then
    have_cmd tmux || need_pkgs+=(tmux)
    [ -x /usr/sbin/sshd ] || need_pkgs+=(openssh-server)
    have_cmd ssh || need_pkgs+=(openssh-client)
    have_cmd ssh-keygen || need_pkgs+=(openssh-client)
    have_cmd wrk || need_pkgs+=(wrk)
    have_cmd sqlite3 || need_pkgs+=(sqlite3)
    have_cmd openssl || need_pkgs+=(openssl)
fi
if [ "$level" = bench ]; then
    have_cmd dialog || need_pkgs+=(dialog)
    have_cmd whiptail || need_pkgs+=(whiptail)
    have_cmd mc || need_pkgs+=(mc)
    have_cmd htop || need_pkgs+=(htop)
fi

pip_pkgs=()
if [ "$level" = test ] || [ "$level" = bench ]; then
    python3 -c 'import schemathesis' 2>/dev/null || pip_pkgs+=(schemathesis)
    python3 -c 'import yaml' 2>/dev/null || pip_pkgs+=(PyYAML)
fi
if [ "$level" = bench ]; then
    python3 -c 'import pyte' 2>/dev/null || pip_pkgs+=(pyte)
fi

if ((${#need_pkgs[@]})); then
    # deduplicate
    mapfile -t need_pkgs < <(printf '%s\n' "${need_pkgs[@]}" | sort -u)
    if [ "$(id -u)" = 0 ] && have_cmd apt-get; then
        echo "deps: installing ${need_pkgs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
    else
        echo "deps: missing Debian packages. Run:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y ${need_pkgs[*]}" >&2
        exit 1
    fi
fi
if ((${#pip_pkgs[@]})); then
    if python3 -m pip --version >/dev/null 2>&1; then
        echo "deps: installing from PyPI: ${pip_pkgs[*]}"
        python3 -m pip install -q --disable-pip-version-check "${pip_pkgs[@]}" 2>&1 | grep -v "^WARNING: Running pip as" || true
    else
        echo "deps: missing Python packages. Run:" >&2
        echo "    python3 -m pip install ${pip_pkgs[*]}" >&2
        exit 1
    fi
fi
