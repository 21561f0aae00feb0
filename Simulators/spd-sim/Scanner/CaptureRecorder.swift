import Foundation

/// Writes what a simulated scanner sent in the capture format the fixture replay reads
/// (`Sources/GatewayTesting/ScannerCapture.swift`): one `@<monotonic ns> <hex>` line per write.
final class CaptureRecorder {
    private var lines: [String]
    private var plugs = 0

    init(configuration: [String], scenario: String) {
        lines = [
            "# Recorded by spd-sim scanner from \(URL(fileURLWithPath: scenario).lastPathComponent).",
            "# Regenerate: see Tests/Fixtures/scanners/README.md (the .chk is what the replay must produce).",
        ] + configuration.map { "#! " + $0 }
    }

    func record(_ bytes: [UInt8]) {
        lines.append("@\(ScannerCommand.monotonicNow()) " + bytes.map { String(format: "%02x", $0) }.joined())
    }

    /// `unplug` or `replug`; the first plug-in is the capture's start, not a replug.
    func note(_ event: String) {
        if event == "replug" {
            plugs += 1
            if plugs == 1 { return }
        }
        lines.append("@\(ScannerCommand.monotonicNow()) \(event)")
    }

    var text: String { lines.joined(separator: "\n") + "\n" }
}
