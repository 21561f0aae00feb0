#!/usr/bin/env bash
# Builds cache-bench (release, scratch path .build-cache so it never waits on the other benchmarks' builds) and
# runs it: generates a catalogue of 5 million products and 1 million in-hospital codes as CSV, imports it as
# `spd-gateway cache import` does, and prints the import rate, the database size, resolve p50/p99 warm in-process,
# a fresh process's open time and RSS with the cache open, and the same lookups through the sqlite3 CLI.
#
#   Benchmarks/run-cache-bench.sh [products] [codes] [samples]   (default 5000000 1000000 200000)
# The files go to $TMPDIR (or /tmp); about 3 GB are needed at the default size. $CACHE_BENCH_ARGS adds options
# (e.g. --dir /var/lib/spd-gateway/bench --keep).
set -euo pipefail

products="${1:-5000000}"
codes="${2:-1000000}"
samples="${3:-200000}"
cd "$(dirname "$0")"
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI missing: apt-get install sqlite3" >&2; exit 1; }

# SwiftPM keeps the build plan of a path dependency (the root package) and misses source files added there
# since: drop the plan so the bench never runs against stale gateway code.
rm -f .build-cache/release.yaml
swift build -c release --scratch-path .build-cache --product cache-bench
read -r -a extra <<< "${CACHE_BENCH_ARGS:-}"
.build-cache/release/cache-bench --products "$products" --codes "$codes" --samples "$samples" "${extra[@]}"
