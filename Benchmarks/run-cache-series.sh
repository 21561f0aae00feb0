#!/usr/bin/env bash
# A series of cache probes on a kept database, each followed by the same-minute reference the issue asks for: the
# sqlite3 CLI looking up 2,000 of the same catalogue's products in one process. On a machine whose speed drifts
# (a VM on a busy host), a single run says little; a series shows how the resolve percentiles move with the
# machine, the CLI's time per lookup showing the machine's speed at that moment.
#
#   Benchmarks/run-cache-series.sh DB [runs] [samples]     (default 10 runs of 200000 samples)
# DB: a file made by `cache-bench --dir D --keep` (5 M products and 1 M codes by default: pass the same sizes in
# CACHE_SERIES_PRODUCTS / CACHE_SERIES_CODES if it was made with others). One line per run:
#   time  warm p50/p90/p99 us  GTIN p99, package p99, label p99 us  RSS KiB  sqlite3 CLI us per lookup
#   biip parses/s  load
set -euo pipefail

database="${1:?usage: run-cache-series.sh DB [runs] [samples]}"
runs="${2:-10}"
samples="${3:-200000}"
products="${CACHE_SERIES_PRODUCTS:-5000000}"
codes="${CACHE_SERIES_CODES:-1000000}"
cd "$(dirname "$0")"
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI missing: apt-get install sqlite3" >&2; exit 1; }
python3 -c 'import biip' 2>/dev/null || python3 -m pip install --quiet biip

rm -f .build-cache/release.yaml
swift build -c release --scratch-path .build-cache --product cache-bench >/dev/null

queries="$(mktemp)"
empty="$(mktemp)"
trap 'rm -f "$queries" "$empty"' EXIT
{
    echo ".output /dev/null"
    sqlite3 "$database" "SELECT key FROM product WHERE id < 100000000000000 ORDER BY random() LIMIT 2000" |
        sed "s/.*/SELECT key, name, high_value FROM product WHERE key = '&';/"
} >"$queries"
echo ".output /dev/null" >"$empty"

# Nanoseconds of one sqlite3 process reading `$1` (a file of statements).
cli_nanoseconds() {
    local start end
    start=$(date +%s%N)
    sqlite3 "$database" <"$1" >/dev/null
    end=$(date +%s%N)
    echo $((end - start))
}
# biip's parses/s over half a second; a run's figure is the mean of one just before and one just after its probe.
biip_rate() { python3 biip_bench.py udi-mix.json 0.5 | sed -n 's/^biip: \([0-9]*\) parses\/s.*/\1/p'; }
# A `name=value` field of the probe's PROBE line, and a kind's p99 from its "by kind" line (in $output).
field() { tr ' ' '\n' <<<"$output" | sed -n "s/^$1=//p"; }
kind_p99() { sed -n "s/.*$1 ([0-9]*) p50 [0-9.]* µs, p90 [0-9.]* µs, p99 \([0-9.]*\) µs.*/\1/p" <<<"$output"; }
microseconds() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1000 }'; }

row='%-8s %-22s %-22s %-9s %-7s %-8s %s\n'
# shellcheck disable=SC2059  # the format is the same for every line
printf "$row" time "warm p50/p90/p99 us" "gtin/package/label p99" "RSS KiB" "CLI us" biip/s load
for _ in $(seq "$runs"); do
    biip_before=$(biip_rate)
    output=$(nice -n -15 .build-cache/release/cache-bench probe --db "$database" --samples "$samples" \
        --products "$products" --codes "$codes")
    total=$(cli_nanoseconds "$queries")
    baseline=$(cli_nanoseconds "$empty")
    cli=$(awk -v t="$total" -v b="$baseline" 'BEGIN { printf "%.1f", (t - b) / 2000 / 1000 }')
    biip=$(((biip_before + $(biip_rate)) / 2))
    # shellcheck disable=SC2059
    printf "$row" "$(date +%H:%M:%S)" \
        "$(microseconds "$(field warm_p50_ns)")/$(microseconds "$(field warm_p90_ns)")/$(microseconds "$(field warm_p99_ns)")" \
        "$(kind_p99 gtin)/$(kind_p99 package)/$(kind_p99 label)" "$(field rss_kib)" "$cli" "$biip" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
done
