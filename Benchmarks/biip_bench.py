#!/usr/bin/env python3
"""Times biip (pip install biip) on the same 32 UDI strings as codes-bench, one core.

Usage: biip_bench.py [udi-mix.json] [seconds]
Prints "biip: N parses/s". Strings biip cannot parse (ISBT 128, MA...) still count as one parse attempt,
as they do for GatewayCodes (which reports them as decoded or as an error result).
"""
import json
import sys
import time

import biip

mix_path = sys.argv[1] if len(sys.argv) > 1 else "udi-mix.json"
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
mix = json.load(open(mix_path, encoding="utf-8"))
assert len(mix) == 32, "expected 32 strings"


def parse_all():
    failures = 0
    for text in mix:
        try:
            biip.parse(text)
        except Exception:  # biip raises ParseError for grammars it does not support
            failures += 1
    return failures


failures = parse_all()
rounds = 0
start = time.perf_counter()
deadline = start + seconds
while time.perf_counter() < deadline:
    parse_all()
    rounds += 1
elapsed = time.perf_counter() - start
print(f"biip: {int(rounds * len(mix) / elapsed)} parses/s ({rounds * len(mix)} parses in {elapsed:.2f} s; "
      f"{failures} of {len(mix)} strings raise ParseError), biip {getattr(biip, '__version__', '?')}")
