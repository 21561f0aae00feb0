import Foundation
import Testing

/// `make demo`'s script, run as a user runs it: every simulator, the daemon with its embedded configuration, a
/// scripted shift, and the check that the backend has every event the gateway committed.
@Suite("The demo", .serialized)
struct DemoScriptTests {
    @Test func theDemoShiftEndsWithEveryEventAtTheBackend() async throws {
        let directory = try TemporaryDirectory("demo")
        defer { directory.remove() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let demo = try ChildProcess(
            root.appendingPathComponent("scripts/demo.sh").path, [], in: directory, label: "demo")
        let status = await demo.waitForExit(timeout: .seconds(300))
        let output = demo.stdout
        #expect(status == 0, "demo failed:\n\(output.suffix(3000))\n\(demo.stderr.suffix(3000))")
        #expect(output.contains("demo: OK"))
        #expect(output.contains("consume   station=cab-1"), "the cabinet session billed by weight")
        #expect(output.contains("[already_consumed]"), "the re-scanned unique item is flagged")
        #expect(output.contains("device=dock-serial detached") && output.contains("device=dock-serial attached"))
        #expect(output.contains("connections (hellos): 2"), "the backend restarted once")
    }
}
