import Foundation
import GatewayTesting
import Testing

/// kill -9 of the real daemon at random points while scans stream in: after a restart, every scan the daemon
/// answered `OK <id>` reaches the backend simulator, and every duplicate is a flagged redelivery of the same id.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    /// Iterations in CI; `make soak` raises it with SPD_SOAK_KILLS.
    static let kills = Int(ProcessInfo.processInfo.environment["SPD_SOAK_KILLS"] ?? "") ?? 50

    static func config(directory: TemporaryDirectory, backend: String) -> String {
        """
        [gateway]
        id = "crash-gw"
        state_directory = "\(directory.file("state"))"

        [log]
        level = "warning"

        [backend]
        address = "\(backend)"
        window = 64
        heartbeat_interval = "200ms"
        peer_timeout = "2s"
        reconnect_min = "20ms"
        reconnect_max = "200ms"

        [network_scanner]
        listen = "unix:\(directory.file("scan.sock"))"
        station = "dock-1"
        """
    }

    /// Readiness is the listener accepting a connection (the socket file of a killed predecessor may linger).
    static func connect(to path: String, timeout: Duration = .seconds(20)) async -> ScanClient? {
        await poll(timeout: timeout, every: .milliseconds(5)) { try? ScanClient(path: path) }
    }

    @Test func killNineAtRandomPointsLosesNoAcceptedEvent() async throws {
        let directory = try TemporaryDirectory("crash")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let config = try directory.write("gateway.toml", Self.config(directory: directory, backend: backend.address))
        var random = SplitMix64(seed: 20_261_123)
        var accepted: [String] = []
        var scanned = 0

        for iteration in 0...Self.kills {
            let daemon = try ChildProcess(
                "spd-gatewayd", ["--config", config], in: directory, label: "daemon-\(iteration)")
            let client = try #require(
                await Self.connect(to: directory.file("scan.sock")), "start \(iteration): \(daemon.stderr)")
            let isLast = iteration == Self.kills
            // Kill after a random number of scans, sometimes mid-scan from another thread.
            let scansBeforeKill = isLast ? 20 : Int(random.next() % 40)
            let killMidScan = !isLast && random.next() % 2 == 0
            if killMidScan {
                let delay = Double(random.next() % 30) / 1000
                let pid = daemon.pid
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) { kill(pid, SIGKILL) }
            }
            // Without a timed kill, the kill comes right after the last answered scan (events in flight).
            let limit = killMidScan ? 1000 : scansBeforeKill
            for _ in 0..<limit {
                scanned += 1
                guard let answer = try? client.scan("KILL-\(iteration)-\(scanned)") else { break }
                if answer.hasPrefix("OK ") { accepted.append(String(answer.dropFirst(3))) }
            }
            if isLast {
                // Let the last daemon deliver everything, then stop it cleanly.
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline,
                    Set(try backend.receivedEvents().map(\.id)).isSuperset(of: accepted) == false
                {
                    try await Task.sleep(for: .milliseconds(50))
                }
                daemon.signal(SIGTERM)
                #expect(await daemon.waitForExit() == 0)
            } else {
                daemon.signal(SIGKILL)
                _ = await daemon.waitForExit()
            }
        }

        let received = try backend.receivedEvents()
        let receivedIDs = Set(received.map(\.id))
        let lost = Set(accepted).subtracting(receivedIDs)
        var seen = Set<String>()
        var unflagged = 0
        for event in received where !seen.insert(event.id).inserted && !event.redelivered { unflagged += 1 }
        let duplicates = received.count - receivedIDs.count
        print(
            "crash recovery: kills=\(Self.kills) scans sent=\(scanned) accepted=\(accepted.count) "
                + "received unique=\(receivedIDs.count) lost=\(lost.count) duplicates=\(duplicates) "
                + "unflagged duplicates=\(unflagged)")
        #expect(accepted.count > Self.kills, "the test accepted too few scans to prove anything")
        #expect(lost.isEmpty, "accepted but never delivered: \(lost.sorted().prefix(10))")
        #expect(unflagged == 0, "a duplicate arrived without redelivered: true")
        let report = try await backend.report()
        #expect(report.outOfOrderStations.isEmpty)
    }
}
