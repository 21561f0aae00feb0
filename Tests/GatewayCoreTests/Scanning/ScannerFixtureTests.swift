import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Replays every recorded capture in Tests/Fixtures/scanners and compares the events with its `.log.chk`
/// (JSON lines). `SPD_REGENERATE_SCANNER_FIXTURES=1` rewrites the `.chk` files instead: see the README there.
@Suite("Scanner capture fixtures")
struct ScannerFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scanners")

    static var captures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".log") }.sorted()
    }

    static func jsonLines(_ drafts: [EventDraft]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try drafts.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    @Test func everyScannerTypeHasACapture() {
        let names = Self.captures
        for type in ["evdev", "hidpos", "serial"] {
            #expect(names.contains { $0.hasPrefix(type) }, "no capture for \(type) in \(Self.directory.path)")
        }
    }

    @Test(arguments: captures)
    func replayMatchesTheRecordedEvents(name: String) throws {
        let logURL = Self.directory.appendingPathComponent(name)
        let checkURL = Self.directory.appendingPathComponent(name + ".chk")
        let capture = try ScannerCapture.parse(try String(contentsOf: logURL, encoding: .utf8))
        let produced = try Self.jsonLines(try ScannerCaptureReplay.replay(capture))
        if ProcessInfo.processInfo.environment["SPD_REGENERATE_SCANNER_FIXTURES"] == "1" {
            try produced.write(to: checkURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: checkURL, encoding: .utf8)
        let producedLines = produced.split(separator: "\n"), expectedLines = expected.split(separator: "\n")
        #expect(producedLines.count == expectedLines.count, "\(name): event count")
        for (index, (got, want)) in zip(producedLines, expectedLines).enumerated() {
            #expect(got == want, "\(name): event \(index + 1) differs")
        }
    }

    @Test func captureTextRoundTrips() throws {
        let capture = ScannerCapture(
            comments: ["a comment"], configuration: ["[[scanner]]", "type = \"serial\""], reportPerRead: true,
            entries: [.read(5, [0x00, 0xAB, 0x1D]), .unplug(6), .replug(7)])
        #expect(try ScannerCapture.parse(capture.text) == capture)
        #expect(throws: ScannerCapture.FormatError.self) { try ScannerCapture.parse("@12 zz\n") }
    }
}
