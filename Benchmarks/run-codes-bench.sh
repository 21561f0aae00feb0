#!/usr/bin/env bash
# Builds codes-bench in release, runs it pinned to one core, runs biip on the same 32 strings in the same
# run, and prints both figures and their ratio.
#   Benchmarks/run-codes-bench.sh [seconds-per-side] [pairs]   (default 3 0)
# CODES_BENCH_SCRATCH=dir builds in that scratch directory instead of .build (to not fight other builders).
# pairs > 0 then alternates that many short runs of both (0.5 s each) and prints each pair's ratio and the median:
# on a VM whose host speed drifts minute to minute, the ratio of two runs a second apart is steadier than either
# rate, and it carries the issue's reference (biip ~12,000/s and GS1's C engine ~1.8 M/s on the reference machine).
set -euo pipefail

seconds="${1:-3}"
pairs="${2:-0}"
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

if ((pairs > 0)); then
    ratios=()
    for ((pair = 1; pair <= pairs; pair++)); do
        swift_pair="$("${pin[@]}" "$bin/codes-bench" udi-mix.json 0.5 | sed -n 's/^GatewayCodes: \([0-9]*\) parses\/s.*/\1/p')"
        biip_pair="$("${pin[@]}" python3 biip_bench.py udi-mix.json 0.5 | sed -n 's/^biip: \([0-9]*\) parses\/s.*/\1/p')"
        ratio="$(python3 -c "print(f'{$swift_pair / max(1, $biip_pair):.0f}')")"
        ratios+=("$ratio")
        echo "pair $pair: GatewayCodes full $swift_pair parses/s, biip $biip_pair parses/s, ratio ${ratio}x"
    done
    python3 -c "
import statistics
ratios = sorted(int(r) for r in '${ratios[*]}'.split())
median = statistics.median(ratios)
print(f'pairs: {len(ratios)}; ratio GatewayCodes full / biip: median {median:.0f}x, lowest {ratios[0]}x, highest {ratios[-1]}x')
print(f'as on the reference machine (biip ~12,000/s): median {median * 12000 / 1e6:.2f} M parses/s, lowest {ratios[0] * 12000 / 1e6:.2f} M '
      f'(goal >= 2 M; GS1 C engine ~1.8 M = 150x biip)')
"
fi
