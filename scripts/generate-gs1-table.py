#!/usr/bin/env python3
"""Generate GatewayCodes' GS1 Application Identifier table from the GS1 Barcode Syntax Dictionary.

Usage (from the repository root):

    python3 scripts/generate-gs1-table.py [DICTIONARY] [OUTPUT]

DICTIONARY defaults to ../shared/data/gs1-syntax-dictionary.txt (relative to the repository root) and
OUTPUT to Sources/GatewayCodes/GS1/GS1ApplicationIdentifierTable.generated.swift. Stdlib only.

Every AI range in the dictionary ("3100-3105", "91-99") is expanded into one entry per AI so that the
runtime lookup table can be indexed directly by AI digits.
"""

import os
import re
import sys
import textwrap

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DICTIONARY = os.path.join(REPO_ROOT, "..", "shared", "data", "gs1-syntax-dictionary.txt")
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "Sources", "GatewayCodes", "GS1",
                              "GS1ApplicationIdentifierTable.generated.swift")

FLAG_CHARS = set("*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~")
COMPONENT_RE = re.compile(r"^(\[)?([NXYZ])(\.\.)?(\d+)(\])?((?:,[a-z0-9]+)*)$")


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_component(token):
    match = COMPONENT_RE.match(token)
    if not match:
        raise ValueError(f"unparseable component {token!r}")
    opening, kind, dots, length, closing, linters = match.groups()
    if bool(opening) != bool(closing):
        raise ValueError(f"unbalanced brackets in {token!r}")
    maximum = int(length)
    minimum = 1 if dots else maximum
    linter_names = [name for name in linters.split(",") if name]
    return {
        "letter": kind,
        "min": minimum,
        "max": maximum,
        "optional": bool(opening),
        "linters": linter_names,
    }


def parse_line(line):
    body, _, title = line.partition("#")
    tokens = body.split()
    if not tokens:
        return None
    ai_token = tokens.pop(0)
    flags = ""
    if tokens and all(ch in FLAG_CHARS for ch in tokens[0]):
        flags = tokens.pop(0)
    components, attributes = [], []
    for token in tokens:
        if token.startswith("dlpkey") or "=" in token:
            attributes.append(token)
        else:
            components.append(parse_component(token))
    req, ex, dlpkey = [], [], None
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        if key == "req":
            req.append([alternative.split("+") for alternative in value.split(",")])
        elif key == "ex":
            ex.extend(value.split(","))
        elif key == "dlpkey":
            dlpkey = [sequence.split(",") for sequence in value.split("|")] if value else []
        else:
            raise ValueError(f"unknown attribute {attribute!r}")
    if "-" in ai_token:
        first, last = ai_token.split("-")
        width = len(first)
        ais = [str(number).zfill(width) for number in range(int(first), int(last) + 1)]
    else:
        ais = [ai_token]
    return [{
        "ai": ai,
        "predefined": "*" in flags,
        "dl_attribute": "?" in flags,
        "components": components,
        "req": req,
        "ex": ex,
        "dlpkey": dlpkey,
        "title": title.strip(),
    } for ai in ais]


def render_component(component):
    token = ("?" if component["optional"] else "") + component["letter"]
    token += f"{component['min']}-{component['max']}"
    return ",".join([token] + component["linters"])


def render_entry(entry):
    """One TAB-separated line: AI, flags, components, req groups, ex patterns, dlpkey, title."""
    components = " ".join(render_component(c) for c in entry["components"])
    req = ";".join(",".join("+".join(alt) for alt in group) for group in entry["req"])
    ex = ",".join(entry["ex"])
    if entry["dlpkey"] is None:
        dlpkey = "-"
    else:
        dlpkey = "|".join(",".join(q for q in seq if q) for seq in entry["dlpkey"])
    flags = ("*" if entry["predefined"] else "") + ("?" if entry["dl_attribute"] else "")
    fields = [entry["ai"], flags, components, req, ex, dlpkey, entry["title"]]
    for field in fields:
        if "\t" in field or "\n" in field or '"""' in field or "\\" in field:
            raise ValueError(f"unexpected character in {field!r}")
    return "\t".join(fields)


def main(argv):
    dictionary = argv[1] if len(argv) > 1 else DEFAULT_DICTIONARY
    output = argv[2] if len(argv) > 2 else DEFAULT_OUTPUT
    release = "unknown"
    entries = []
    with open(dictionary, encoding="utf-8") as handle:
        for raw_line in handle:
            line = raw_line.rstrip("\n")
            release_match = re.match(r"^#\s*Release:\s*(\S+)", line)
            if release_match:
                release = release_match.group(1)
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parsed = parse_line(line)
            if parsed:
                entries.extend(parsed)
    known_linters = sorted({name for e in entries for c in e["components"] for name in c["linters"]})
    lines = [
        "// GENERATED FILE - DO NOT EDIT.",
        f"// Source: GS1 Barcode Syntax Dictionary, release {release} (Apache-2.0, GS1 AISBL).",
        "// Regenerate from the repository root with: python3 scripts/generate-gs1-table.py",
        *textwrap.wrap(f"{len(entries)} AIs (ranges expanded). Linters used: {', '.join(known_linters)}.",
                       width=120, initial_indent="// ", subsequent_indent="// ", break_on_hyphens=False),
        "//",
        "// The table is a string parsed once at first use (GS1AISpecificationParser): an array literal of",
        "// 541 nested struct values took the optimiser minutes to compile in release builds.",
        "",
        "extension GS1ApplicationIdentifierTable {",
        "    /// Release date of the GS1 Barcode Syntax Dictionary this table was generated from.",
        f"    public static let dictionaryRelease = {swift_string(release)}",
        "",
        "    /// One AI per line, TAB-separated: AI, flags (`*` predefined length, `?` Digital Link attribute),",
        "    /// components (`[?]<N|X|Y|Z><min>-<max>[,linter...]`), req groups (`;` between attributes, `,` between",
        "    /// alternatives, `+` within one), ex patterns, dlpkey (`-` = not a primary key, `|` between",
        "    /// qualifier sequences), title.",
        "    static let specification = \"\"\"",
    ]
    lines.extend("    " + render_entry(entry) for entry in entries)
    lines += ["    \"\"\"", "}", ""]
    with open(output, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print(f"wrote {len(entries)} AIs to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
