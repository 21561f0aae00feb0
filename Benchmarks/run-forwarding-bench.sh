#!/usr/bin/env bash
# Builds spd-sim (root package, release, scratch path ../.build-release) and forwarding-bench (release, scratch
# path .build-forwarding, so it never waits on or re-resolves codes-bench's .build), then runs both scenarios
# against a real `spd-sim backend` process and prints the figures:
#   16 producers          the throughput case (closed loop: each producer awaits its append, as a dock does)
#   1 producer            closed loop: one append at a time, as fast as the disk allows
#   1 producer at 200/s   paced, the latency floor (the system is not saturated)
#   16 producers at 5000/s  paced at the goal rate: issue 5's "p99 < 5 ms at >= 5,000 events/s sustained"
#
#   Benchmarks/run-forwarding-bench.sh [runs] [events] [single-producer-events]   (default 3 20000 2000)
# Extra options for forwarding-bench (e.g. --directory /var/lib/spd-gateway) go in $FORWARDING_BENCH_ARGS.
# The outbox goes to $TMPDIR (or /tmp): on a gateway, point it at the disk the real outbox uses, not tmpfs.
set -euo pipefail

runs="${1:-3}"
events="${2:-20000}"
single_events="${3:-2000}"
cd "$(dirname "$0")"
root="$(cd .. && pwd)"

swift build -c release --package-path "$root" --scratch-path "$root/.build-release" --product spd-sim
# SwiftPM keeps the build plan of a path dependency (the root package) and misses source files added there
# since: drop the plan so the bench never runs against stale gateway code.
rm -f .build-forwarding/release.yaml
swift build -c release --scratch-path .build-forwarding --product forwarding-bench

bench=(.build-forwarding/release/forwarding-bench --simulator "$root/.build-release/release/spd-sim" --runs "$runs")
read -r -a extra <<< "${FORWARDING_BENCH_ARGS:-}"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"${bench[@]}" "${extra[@]}" --events "$events" --producers 16 --label "16-producers" | tee -a "$log"
echo
"${bench[@]}" "${extra[@]}" --events "$single_events" --producers 1 --label "1-producer" | tee -a "$log"
echo
"${bench[@]}" "${extra[@]}" --events 1000 --producers 1 --rate 200 --label "1-producer-200/s" | tee -a "$log"
echo
"${bench[@]}" "${extra[@]}" --events "$events" --producers 16 --rate 5000 --label "16-producers-5000/s" | tee -a "$log"
echo
grep '^SUMMARY' "$log"
