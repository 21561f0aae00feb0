#!/usr/bin/env bash
# Builds spd-sim (root package, release, scratch path ../.build-release) and scanner-bench (release, scratch path
# .build-scanner), then measures, for each scanner type, the time from the simulator writing a scan's terminator
# (Enter key events, CR, the last HID-POS report) to the event committed in the outbox with fsync, through the
# gateway's real reader thread, decoder and outbox. Goal: p99 < 2 ms.
#
#   Benchmarks/run-scanner-bench.sh [scans-per-type]   (default 300)
# Extra options (e.g. --directory /var/lib/spd-gateway) go in $SCANNER_BENCH_ARGS. The outbox goes to $TMPDIR
# (or /tmp): on a gateway, point it at the disk the real outbox uses, not tmpfs.
set -euo pipefail

scans="${1:-300}"
cd "$(dirname "$0")"
root="$(cd .. && pwd)"

swift build -c release --package-path "$root" --scratch-path "$root/.build-release" --product spd-sim
# SwiftPM keeps the build plan of a path dependency (the root package) and misses source files added there
# since: drop the plan so the bench never runs against stale gateway code.
rm -f .build-scanner/release.yaml
swift build -c release --scratch-path .build-scanner --product scanner-bench

read -r -a extra <<< "${SCANNER_BENCH_ARGS:-}"
.build-scanner/release/scanner-bench --simulator "$root/.build-release/release/spd-sim" --scans "$scans" "${extra[@]}"
