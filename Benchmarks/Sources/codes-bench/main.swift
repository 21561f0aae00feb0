// codes-bench: parses per second of GatewayCodes over a fixed mix of 32 realistic UDI strings, one core,
// full validation (default lenient mode: every linter, pairing rule and check digit runs), plus heap
// allocations per parse counted by the CMallocCounter interposer.
//
// Two paths are measured, both with full validation:
//   full  `decode(_:) -> DecodedCode`, then reads `ais` (which builds the [AIElement] array), `warnings` and
//         `lot`: what a consumer that wants every element as an array pays.
//   core  the same decode, then reads the elements through `aiElements` (no array), `warnings` and `lot`:
//         the allocation-free path for consumers that look at fields without keeping them.
//   reuse the full path's reads, but `decode(_:into:)` writes every result into one reused value.
//
// Usage: codes-bench [path/to/udi-mix.json] [seconds] [--rounds N] [--path full|core|reuse] [--per-string]
//   --rounds N   no timing: run exactly N rounds of the mix through one path (default full), for callgrind:
//                valgrind --tool=callgrind --toggle-collect='$s11codes_bench18measuredFullRoundsyS2iF' \
//                    codes-bench udi-mix.json 0 --rounds 200 --path full
//                (the exact mangled name: a pattern like '*measured*Rounds*' also matches the closure thunk that
//                calls it, and toggling on and off again collects nothing; minus --rounds 0, over 6,400 parses)
import CMallocCounter
import Foundation
import GatewayCodes

var arguments = Array(CommandLine.arguments.dropFirst())
/// Removes `--name value` from the arguments and returns the value.
@MainActor
func option(_ name: String) -> String? {
    guard let flag = arguments.firstIndex(of: name), flag + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(flag...(flag + 1)) }
    return arguments[flag + 1]
}
let fixedRounds = option("--rounds").flatMap { Int($0) }
let onlyPath = option("--path") ?? "full"
let mixPath = !arguments.isEmpty ? arguments[0]
    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../udi-mix.json").path
let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 3 : 3

guard let data = FileManager.default.contents(atPath: mixPath),
      let mix = try? JSONDecoder().decode([String].self, from: data), mix.count == 32 else {
    FileHandle.standardError.write(Data("codes-bench: cannot read 32 strings from \(mixPath)\n".utf8))
    exit(2)
}

let decoder = CodeDecoder(options: DecodeOptions(referenceDate: CivilDate(year: 2026, month: 11, day: 23)))
let invalid = mix.filter { decoder.decode($0).error != nil }
if !invalid.isEmpty { print("warning: \(invalid.count) mix strings do not decode cleanly: \(invalid)") }

/// Full path: decodes the whole mix `rounds` times and reads `ais` as an array; the checksum keeps the
/// optimiser from dropping the work.
@inline(never)
func measuredFullRounds(_ rounds: Int) -> Int {
    var checksum = 0
    for _ in 0..<rounds {
        for text in mix {
            let code = decoder.decode(text)
            checksum &+= (code.fields.ais?.count ?? 0) &+ code.warnings.count &+ (code.fields.lot?.utf8.count ?? 0)
        }
    }
    return checksum
}

/// Core path: the same decode, the elements read through `aiElements` (no array is built).
@inline(never)
func measuredCoreRounds(_ rounds: Int) -> Int {
    var checksum = 0
    for _ in 0..<rounds {
        for text in mix {
            let code = decoder.decode(text)
            checksum &+= code.fields.aiElements.count &+ code.warnings.count &+ (code.fields.lot?.utf8.count ?? 0)
        }
    }
    return checksum
}

/// Reuse path: the full path's reads, decoding in place into one result (`decode(_:into:)`).
@inline(never)
func measuredReuseRounds(_ rounds: Int) -> Int {
    var checksum = 0
    var code = DecodedCode(kind: .invalid)
    for _ in 0..<rounds {
        for text in mix {
            decoder.decode(text, into: &code)
            checksum &+= (code.fields.ais?.count ?? 0) &+ code.warnings.count &+ (code.fields.lot?.utf8.count ?? 0)
        }
    }
    return checksum
}

// --per-string: heap allocations of each mix string on the core path (which strings still allocate, and why).
if arguments.contains("--per-string") {
    _ = measuredCoreRounds(1)
    for text in mix {
        var checksum = 0
        malloc_counter_start()
        for _ in 0..<100 {
            let code = decoder.decode(text)
            checksum &+= code.fields.aiElements.count &+ code.warnings.count &+ (code.fields.lot?.utf8.count ?? 0)
        }
        let allocations = malloc_counter_stop()
        print(String(format: "%6.2f  ", Double(allocations) / 100) + text.debugDescription + " \(checksum % 2)")
    }
    exit(0)
}

let paths: [(name: String, run: (Int) -> Int)] = [
    ("full", measuredFullRounds), ("core", measuredCoreRounds), ("reuse", measuredReuseRounds),
]

if let fixedRounds {
    guard let path = paths.first(where: { $0.name == onlyPath }) else {
        FileHandle.standardError.write(Data("codes-bench: --path is full, core or reuse\n".utf8))
        exit(2)
    }
    _ = path.run(1)  // builds the AI tables, so that N and 0 rounds differ by exactly N rounds of work
    print("checksum \(path.run(fixedRounds)) after \(fixedRounds) rounds (\(fixedRounds * mix.count) parses)")
    exit(0)
}

for path in paths {
    _ = path.run(2_000)  // warm-up: builds the AI tables and pages in code
    let clock = ContinuousClock()
    var rounds = 0
    var checksum = 0
    let start = clock.now
    let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
    while clock.now < deadline {
        checksum &+= path.run(1_000)
        rounds += 1_000
    }
    let elapsed = start.duration(to: clock.now)
    let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let parses = Double(rounds * mix.count)

    malloc_counter_start()
    checksum &+= path.run(100)
    let allocations = malloc_counter_stop()

    let perSecond = parses / elapsedSeconds
    let label = path.name == "full" ? "GatewayCodes" : "GatewayCodes \(path.name)"
    print("\(label): \(Int(perSecond)) parses/s (\(Int(parses)) parses in \(String(format: "%.2f", elapsedSeconds)) s, "
        + "\(String(format: "%.0f", 1e9 / perSecond)) ns/parse)")
    print("\(label): \(String(format: "%.2f", Double(allocations) / Double(100 * mix.count))) heap allocations/parse")
    print("checksum \(checksum)")
}
