// codes-bench: parses per second of GatewayCodes over a fixed mix of 32 realistic UDI strings, one core,
// full validation (default lenient mode: every linter, pairing rule and check digit runs), plus heap
// allocations per parse counted by the CMallocCounter interposer.
//
// Usage: codes-bench [path/to/udi-mix.json] [seconds]
import CMallocCounter
import Foundation
import GatewayCodes

let arguments = CommandLine.arguments
let mixPath = arguments.count > 1 ? arguments[1]
    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../udi-mix.json").path
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 3 : 3

guard let data = FileManager.default.contents(atPath: mixPath),
      let mix = try? JSONDecoder().decode([String].self, from: data), mix.count == 32 else {
    FileHandle.standardError.write(Data("codes-bench: cannot read 32 strings from \(mixPath)\n".utf8))
    exit(2)
}

let decoder = CodeDecoder(options: DecodeOptions(referenceDate: CivilDate(year: 2026, month: 11, day: 23)))
let invalid = mix.filter { decoder.decode($0).error != nil }
if !invalid.isEmpty { print("warning: \(invalid.count) mix strings do not decode cleanly: \(invalid)") }

/// Decodes the whole mix `rounds` times; the checksum keeps the optimiser from dropping the work.
@inline(never)
func run(rounds: Int) -> Int {
    var checksum = 0
    for _ in 0..<rounds {
        for text in mix {
            let code = decoder.decode(text)
            checksum &+= (code.fields.ais?.count ?? 0) &+ code.warnings.count &+ (code.fields.lot?.utf8.count ?? 0)
        }
    }
    return checksum
}

_ = run(rounds: 2_000)  // warm-up: builds the AI tables and pages in code

let clock = ContinuousClock()
var rounds = 0
var checksum = 0
let start = clock.now
let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
while clock.now < deadline {
    checksum &+= run(rounds: 1_000)
    rounds += 1_000
}
let elapsed = start.duration(to: clock.now)
let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let parses = Double(rounds * mix.count)

malloc_counter_start()
checksum &+= run(rounds: 100)
let allocations = malloc_counter_stop()

let perSecond = parses / elapsedSeconds
print("GatewayCodes: \(Int(perSecond)) parses/s (\(Int(parses)) parses in \(String(format: "%.2f", elapsedSeconds)) s, "
    + "\(String(format: "%.0f", 1e9 / perSecond)) ns/parse)")
print("GatewayCodes: \(String(format: "%.2f", Double(allocations) / Double(100 * mix.count))) heap allocations/parse")
print("checksum \(checksum)")
