#!/usr/bin/env bash
# Builds the GatewayCodes libFuzzer target and runs it for a bounded time.
#   fuzz/run.sh [seconds]   (default 60)
# Exits non-zero when libFuzzer finds a crash (the reproducer is left in fuzz/.build/artifacts/).
set -euo pipefail

seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="$here/.build"
mkdir -p "$build/corpus" "$build/artifacts"

# Seeds: the benchmark mix, one string per file (GS written as the real byte).
python3 - "$root/Benchmarks/udi-mix.json" "$build/corpus" <<'PY'
import json, sys, hashlib, pathlib
for text in json.load(open(sys.argv[1])):
    data = text.encode()
    (pathlib.Path(sys.argv[2]) / hashlib.sha1(data).hexdigest()).write_bytes(data)
PY

swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name CodesFuzz \
    $(find "$root/Sources/GatewayCodes" -name '*.swift' | sort) "$here/FuzzEntry.swift" \
    -o "$build/codes-fuzz"

"$build/codes-fuzz" -max_total_time="$seconds" -max_len=4200 -timeout=10 \
    -artifact_prefix="$build/artifacts/" "$build/corpus"
