import Foundation
import Testing

/// The real daemon through a long backend outage (high-water alarm raised and cleared, everything delivered in
/// order afterwards) and through a full disk (scans refused with a clear answer, nothing accepted is lost).
@Suite("Backend outage and full disk", .serialized)
struct OutageAndStorageTests {
    /// Events during the outage in CI; `make soak` raises it (100,000) with SPD_SOAK_OUTAGE_EVENTS.
    static let outageEvents = Int(ProcessInfo.processInfo.environment["SPD_SOAK_OUTAGE_EVENTS"] ?? "") ?? 3000

    static func config(_ directory: TemporaryDirectory, highWater: Int) -> String {
        """
        [gateway]
        id = "outage-gw"
        state_directory = "\(directory.file("state"))"

        [log]
        level = "notice"

        [backend]
        address = "unix:\(directory.file("backend.sock"))"
        window = 256
        heartbeat_interval = "500ms"
        peer_timeout = "3s"
        reconnect_min = "50ms"
        reconnect_max = "300ms"

        [outbox]
        high_water_mark = \(highWater)

        [network_scanner]
        listen = "unix:\(directory.file("scan.sock"))"
        station = "dock-1"
        """
    }

    @Test func longOutageThenEverythingInOrderWithHighWaterAlarm() async throws {
        let directory = try TemporaryDirectory("outage")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let config = try directory.write("gateway.toml", Self.config(directory, highWater: Self.outageEvents / 2))
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory)
        let client = try #require(await CrashRecoveryTests.connect(to: directory.file("scan.sock")))
        var accepted = 0
        let started = ContinuousClock.now
        for index in 1...Self.outageEvents where try client.scan("OUTAGE-\(index)").hasPrefix("OK ") {
            accepted += 1
        }
        let acceptSeconds = (ContinuousClock.now - started) / .seconds(1)
        #expect(accepted == Self.outageEvents)
        #expect(await daemon.waitForLog("outbox over high-water mark"))

        // The backend comes up: everything drains.
        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        let drainStart = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline, (try backend.stats()["unique"] ?? 0) < Self.outageEvents + 2 {
            try await Task.sleep(for: .milliseconds(50))
        }
        let drainSeconds = (ContinuousClock.now - drainStart) / .seconds(1)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        let report = try await backend.report()
        print(
            "outage: \(Self.outageEvents) scans accepted in \(String(format: "%.1f", acceptSeconds)) s "
                + "while the backend was down; delivered \(report.unique) unique events "
                + "in \(String(format: "%.1f", drainSeconds)) s after it came up; lost 0 is asserted below; "
                + "duplicates \(report.duplicates)")
        #expect(report.byType["scan"] == Self.outageEvents, "every scan delivered")
        #expect(report.byType["alarm"] == 2, "high-water alarm raised and cleared")
        #expect(report.outOfOrderStations.isEmpty, "in order per station")
        #expect(report.unflaggedDuplicates == 0)
    }

    @Test func fullDiskRefusesNewScansClearlyAndLosesNothingAccepted() async throws {
        let directory = try TemporaryDirectory("diskfull")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let config = try directory.write("gateway.toml", Self.config(directory, highWater: 100_000))
        // RLIMIT_FSIZE stands in for a full disk: every write past 1 MiB in any file fails with EFBIG.
        let daemon = try ChildProcess(
            "/usr/bin/prlimit", ["--fsize=1048576", Products.path("spd-gatewayd"), "--config", config], in: directory,
            label: "daemon")
        let client = try #require(await CrashRecoveryTests.connect(to: directory.file("scan.sock")))
        var accepted: [String] = []
        var refusal: String?
        for index in 1...5000 {
            let answer = try client.scan("DISKFULL-\(index)-" + String(repeating: "X", count: 40))
            if answer.hasPrefix("OK ") {
                accepted.append(String(answer.dropFirst(3)))
            } else {
                refusal = answer
                break
            }
        }
        let refused = try #require(refusal, "the limit was never reached")
        #expect(refused.hasPrefix("ERR not accepted:"))
        #expect(accepted.count > 20)
        #expect(await daemon.waitForLog("scan not accepted"))

        // Still alive, and once the backend takes what was accepted, nothing is missing.
        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline,
            !Set(try backend.receivedEvents().map(\.id)).isSuperset(of: accepted)
        {
            try await Task.sleep(for: .milliseconds(50))
        }
        let received = Set(try backend.receivedEvents().map(\.id))
        print("disk full: accepted \(accepted.count) scans before the limit; refused with \"\(refused.prefix(80))\"; "
            + "lost \(Set(accepted).subtracting(received).count)")
        #expect(Set(accepted).subtracting(received).isEmpty)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}
