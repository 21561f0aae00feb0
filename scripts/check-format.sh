#!/usr/bin/env bash
# Checks the layout the project's style guide asks for (120 columns, 4-space indent, sorted imports) and the
# swift-format rules in .swift-format that the code follows. Prints file:line of each finding; exits 1 if any.
#
#   scripts/check-format.sh         check (what `make test` and CI run; a few seconds, no network)
#   scripts/check-format.sh --fix   wrap long lines, re-indent tabs, sort imports (`swift format format`), check
#
# Why not plain `swift format lint`: its pretty printer always reports every line it would lay out differently
# (argument alignment, operator placement, multi-line string indentation), and no setting turns that off
# (swiftlang/swift-format#764). Enforcing it would mean rewriting the whole code base into swift-format's layout,
# which the style guide does not ask for. So this script keeps the findings of the rules enabled in .swift-format
# (OrderedImports and the others) and drops the pretty printer's layout findings; it checks the 120 columns
# itself (swift-format's LineLength measures its own re-laid-out lines, not the file's) and that indentation is
# spaces. For the same reason --fix formats only the offending lines (`--offsets`) and the import block, never a
# whole file. .swift-format's indentation and line length are what --fix, and editors using SourceKit-LSP, produce.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT="${SWIFT:-swift}"
config=.swift-format
max_columns=120
# The pretty printer's categories (see above); every other category is a rule from .swift-format and counts.
layout_categories='Indentation|AddLines|RemoveLine|Spacing|SpacingCharacter|TrailingWhitespace|TrailingComma'
layout_categories+='|LineLength|EndOfLineComment'

fix=false
case "${1:-}" in
    "") ;;
    --fix) fix=true ;;
    -h | --help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--fix]" >&2; exit 2 ;;
esac

# Every Swift file of the repository (sources, tests, simulators, benchmarks, fuzz entry, manifests); build
# directories are ignored by git. Without git (a source tarball), the same directories walked by hand.
files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    while IFS= read -r -d '' file; do
        [[ -f "$file" && "$file" != .build*/* && "$file" != */.build*/* ]] && files+=("$file")
    done < <(git ls-files -z --cached --others --exclude-standard -- '*.swift')
else
    while IFS= read -r -d '' file; do
        files+=("${file#./}")
    done < <(find . -name '.build*' -prune -o -name '*.swift' -type f -print0)
fi
if ((${#files[@]} == 0)); then
    echo "check-format: no Swift files found" >&2
    exit 2
fi

# swift-format's rule findings, as "file:line:column: [Rule] message". Anything else it prints (a file it
# cannot parse, a bad configuration) is kept too, so that it fails the check instead of passing silently; so is
# a failure of the tools themselves (lint exits 1 when there are findings of any kind, grep when nothing matched).
rule_findings() {
    local output status=0
    output=$("$SWIFT" format lint --strict --parallel --configuration "$config" --recursive "$@" 2>&1) || status=$?
    ((status <= 1)) || echo "check-format: \`$SWIFT format lint\` failed with status $status"
    printf '%s\n' "$output" |
        grep -Ev "^[^:]+:[0-9]+:[0-9]+: (error|warning): \[($layout_categories)\] |^$" |
        sed -E 's/^([^:]+:[0-9]+:[0-9]+): (error|warning): /\1: /' || true
}

# Lines over the limit, counted in characters, not bytes (some text is not ASCII), as "file:line: [LineLength]".
long_lines() {
    local output status=0
    output=$(LC_ALL=C.UTF-8 grep -nE "^.{$((max_columns + 1)),}" -- "$@") || status=$?
    ((status <= 1)) || echo "check-format: grep for long lines failed with status $status"
    [[ -z "$output" ]] ||
        printf '%s\n' "$output" | sed -E "s/^([^:]+:[0-9]+):.*/\1: [LineLength] longer than $max_columns columns/"
}

# Indentation that is not spaces.
tab_indents() {
    local output status=0
    output=$(grep -nE $'^ *\t' -- "$@") || status=$?
    ((status <= 1)) || echo "check-format: grep for tabs failed with status $status"
    [[ -z "$output" ]] ||
        printf '%s\n' "$output" | sed -E 's/^([^:]+:[0-9]+):.*/\1: [Indentation] indent with spaces, not tabs/'
}

# All findings, each once, by file and line.
findings() {
    { rule_findings "$@"; long_lines "$@"; tab_indents "$@"; } | sort -u | sort -t: -k1,1 -k2,2n -k3,3n
}

# Byte offsets "--offsets=start:end" of the given line numbers of a file, for `swift format format`.
line_offsets() {
    local file="$1"
    shift
    LC_ALL=C awk -v wanted=" $* " '
        { length_with_newline = length($0) + 1 }
        index(wanted, " " FNR " ") { printf "--offsets=%d:%d\n", offset, offset + length_with_newline - 1 }
        { offset += length_with_newline }' "$file"
}

# Sorts the imports at the top of a file with swift-format's OrderedImports (which it does not apply to a range):
# only the leading lines that are imports, #if/#else/#endif around them, comments and blank lines go through it.
sort_imports() {
    local file="$1" last
    last=$(awk '
        /^[[:space:]]*$/ || /^[[:space:]]*\/\// { next }
        /^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*import[[:space:]]/ || /^[[:space:]]*#endif/ { last = FNR; next }
        /^[[:space:]]*#(if|elseif|else)/ { next }
        { exit }
        END { print last + 0 }' "$file")
    if ((last == 0)) || [[ $(head -n "$last" "$file" | grep -cE '^[[:space:]]*#if') != \
        $(head -n "$last" "$file" | grep -cE '^[[:space:]]*#endif') ]]; then
        echo "$file: imports not sorted automatically (the import block is not at the top); sort them by hand" >&2
        return 0
    fi
    local sorted
    sorted=$(mktemp)
    if head -n "$last" "$file" |
        "$SWIFT" format format --configuration "$config" --assume-filename "$file" - >"$sorted"; then
        tail -n +"$((last + 1))" "$file" >>"$sorted"
        cat "$sorted" >"$file"
    fi
    rm -f "$sorted"
}

if $fix; then
    declare -A lines_of=() imports_of=()
    while IFS= read -r finding; do
        file="${finding%%:*}"
        rest="${finding#*:}"
        line="${rest%%:*}"
        case "$finding" in
            *"[LineLength]"* | *"[Indentation]"*) lines_of["$file"]+=" $line" ;;
            *"[OrderedImports]"*) imports_of["$file"]=1 ;;
        esac
    done < <(findings "${files[@]}")
    # Lines first: the import block is found afresh, while line numbers would shift if imports moved first.
    for file in "${!lines_of[@]}"; do
        # shellcheck disable=SC2086  # the line numbers are separate words on purpose
        mapfile -t offsets < <(line_offsets "$file" ${lines_of[$file]})
        "$SWIFT" format format --in-place --configuration "$config" "${offsets[@]}" "$file"
    done
    for file in "${!imports_of[@]}"; do
        sort_imports "$file"
    done
fi

result=$(findings "${files[@]}")
if [[ -n "$result" ]]; then
    printf '%s\n' "$result"
    count=$(printf '%s\n' "$result" | wc -l)
    if $fix; then
        echo "check-format: $count findings left that --fix cannot change (long string literals and comments," \
            "rules other than import order); fix them by hand" >&2
    else
        echo "check-format: $count findings (120 columns, sorted imports, .swift-format rules);" \
            "scripts/check-format.sh --fix wraps long lines and sorts imports" >&2
    fi
    exit 1
fi
echo "check-format: ${#files[@]} Swift files follow .swift-format"
