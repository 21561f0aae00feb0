#!/usr/bin/env bash
# Builds spd-sim (root package, release, scratch path ../.build-release) and cabinet-bench (release, scratch path
# .build-cabinet), then polls a 32-channel + 16-door `spd-sim cabinet` over Modbus TCP and RTU-over-pty as fast
# as each allows and prints cycles/s, the gateway's CPU per cycle, and that CPU as a share of real RS-485 bus time.
#
#   Benchmarks/run-cabinet-bench.sh [seconds]   (default 5 per transport)
set -euo pipefail

seconds="${1:-5}"
cd "$(dirname "$0")"
root="$(cd .. && pwd)"

swift build -c release --package-path "$root" --scratch-path "$root/.build-release" --product spd-sim
swift build -c release --package-path "$root" --scratch-path "$root/.build-release" --product spd-gatewayd
# SwiftPM keeps the build plan of a path dependency (the root package) and misses source files added there
# since: drop the plan so the bench never runs against stale gateway code.
rm -f .build-cabinet/release.yaml
swift build -c release --scratch-path .build-cabinet --product cabinet-bench
.build-cabinet/release/cabinet-bench --simulator "$root/.build-release/release/spd-sim" \
    --daemon "$root/.build-release/release/spd-gatewayd" --seconds "$seconds"
