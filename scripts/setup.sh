#!/usr/bin/env bash
# Installs what spd-gateway needs to build and test on Debian 12, only where it is missing.
# Idempotent; needs root (or sudo) the first time. Used by `make demo`, `make test` and .ci/run.
set -euo pipefail

# System packages: the three C libraries the gateway links, pkg-config to find them, socat and mbpoll for
# tests that talk to the simulators from outside, sqlite3 for the cache benchmark's comparison, libfaketime to
# jump the daemon's wall clock in a fault test, and python3-venv for the independent pymodbus peer.
packages=(pkg-config libmodbus-dev libudev-dev libsqlite3-dev sqlite3 socat mbpoll libfaketime)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
        sudo_cmd=(sudo)
    fi
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python peers used by the tests: jsonschema validates the protocol's JSON Schemas against real messages.
if ! python3 -c "import jsonschema" 2>/dev/null; then
    echo "setup: installing python jsonschema"
    python3 -m pip install --quiet "jsonschema>=4" || echo "setup: could not install jsonschema; schema tests will be skipped" >&2
fi

# pymodbus is the independent Modbus peer the cabinet tests poll (its 4.x drops the datastore API they use).
if ! python3 -c "import pymodbus" 2>/dev/null; then
    echo "setup: installing python pymodbus<4"
    python3 -m pip install --quiet "pymodbus<4" || echo "setup: could not install pymodbus; its peer test will be skipped" >&2
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.2 or later is required)" >&2; exit 1; }
echo "setup: system packages present"
