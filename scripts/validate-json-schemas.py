#!/usr/bin/env python3
"""Validate JSON documents against the protocol's JSON Schemas (docs/schema/).

Usage: validate-json-schemas.py SCHEMA_DIR PAIRS_FILE
PAIRS_FILE holds lines "schema-name<TAB>json-object". Prints one line per failure; exit 1 if any failed.
Used by the Swift test suite, which encodes real messages, and which extracts the examples of docs/protocol.md.
"""
import json
import sys

from jsonschema import Draft202012Validator


def main() -> int:
    schema_dir, pairs_file = sys.argv[1], sys.argv[2]
    validators = {}
    failures = 0
    checked = 0
    with open(pairs_file, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            name, _, document = line.partition("\t")
            if name not in validators:
                with open(f"{schema_dir}/{name}.json", encoding="utf-8") as schema_file:
                    schema = json.load(schema_file)
                Draft202012Validator.check_schema(schema)
                validators[name] = Draft202012Validator(schema)
            for error in validators[name].iter_errors(json.loads(document)):
                failures += 1
                print(f"line {number} ({name}): {error.json_path}: {error.message}")
            checked += 1
    print(f"checked {checked} documents, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
