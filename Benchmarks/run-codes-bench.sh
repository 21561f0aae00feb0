#!/usr/bin/env bash
# Builds codes-bench in release, runs it pinned to one core, runs biip on the same 32 strings in the same
# run, and prints both figures and their ratio.
#   Benchmarks/run-codes-bench.sh [seconds-per-side]   (default 3)
# CODES_BENCH_SCRATCH=dir builds in that scratch directory instead of .build (to not fight other builders).
set -euo pipefail

seconds="${1:-3}"
cd "$(dirname "$0")"

scratch=()
if [ -n "${CODES_BENCH_SCRATCH:-}" ]; then scratch=(--scratch-path "$CODES_BENCH_SCRATCH"); fi
swift build -c release --product codes-bench "${scratch[@]}"
bin="$(swift build -c release --show-bin-path "${scratch[@]}")"
python3 -c 'import biip' 2>/dev/null || python3 -m pip install --quiet biip

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

swift_out="$("${pin[@]}" "$bin/codes-bench" udi-mix.json "$seconds")"
biip_out="$("${pin[@]}" python3 biip_bench.py udi-mix.json "$seconds")"
echo "$swift_out"
echo "$biip_out"

swift_rate="$(echo "$swift_out" | sed -n 's/^GatewayCodes: \([0-9]*\) parses\/s.*/\1/p')"
biip_rate="$(echo "$biip_out" | sed -n 's/^biip: \([0-9]*\) parses\/s.*/\1/p')"
core_rate="$(echo "$swift_out" | sed -n 's/^GatewayCodes core: \([0-9]*\) parses\/s.*/\1/p')"
python3 -c "print(f'ratio GatewayCodes / biip: {int($swift_rate) / max(1, int($biip_rate)):.0f}x (core path: {int(${core_rate:-0}) / max(1, int($biip_rate)):.0f}x)')"
