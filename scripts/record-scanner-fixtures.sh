#!/bin/sh
# Re-records Tests/Fixtures/scanners/NAME.log from NAME.scenario.json with `spd-sim scanner --capture`.
# Deliberate: see Tests/Fixtures/scanners/README.md. Then regenerate the .chk files and review the diff.
set -eu
cd "$(dirname "$0")/.."
swift build --product spd-sim >/dev/null
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for scenario in Tests/Fixtures/scanners/*.scenario.json; do
    name="$(basename "$scenario" .scenario.json)"
    "$bin/spd-sim" scanner --path "$work/$name" --scenario "$scenario" --capture "Tests/Fixtures/scanners/$name.log" \
        --exit-when-done > "$work/$name.out" &
    sim=$!
    # A reader for the stand-in device (the simulator waits for one): reopen after each unplug.
    (
        while kill -0 "$sim" 2>/dev/null; do
            [ -e "$work/$name" ] && cat "$work/$name" > /dev/null 2>&1 || true
            sleep 0.01
        done
    ) &
    reader=$!
    wait "$sim"
    kill "$reader" 2>/dev/null || true
    wait "$reader" 2>/dev/null || true
    echo "recorded Tests/Fixtures/scanners/$name.log"
done
