import Foundation
import Testing

/// The real daemon and the real backend simulator across a hole in the outbox's sequence: an event settled on the
/// gateway (here moved to `rejected`, as a nack without retry does) while events below it were still pending.
@Suite("Sequence holes", .serialized)
struct SequenceHoleTests {
    static func config(_ directory: TemporaryDirectory) -> String {
        """
        [gateway]
        id = "hole-gw"
        state_directory = "\(directory.file("state"))"

        [log]
        level = "notice"

        [backend]
        address = "unix:\(directory.file("backend.sock"))"
        window = 8
        heartbeat_interval = "200ms"
        peer_timeout = "5s"
        ack_timeout = "1s"
        reconnect_min = "50ms"
        reconnect_max = "300ms"

        [network_scanner]
        listen = "unix:\(directory.file("scan.sock"))"
        station = "dock-1"
        """
    }

    /// Regression (the reviewer's reproduction): 12 events queued with no backend, the daemon stopped, seq 6
    /// moved to `rejected`, then a fresh backend (which acks a gap-free prefix from the hello's `last_acked_seq`)
    /// and the daemon with window 8: forwarding stopped at "sent 9, acked 1" for good, heartbeats keeping the
    /// connection up. Now the ack timeout reconnects, the new hello's `last_acked_seq` covers the hole, and
    /// everything else is delivered.
    @Test func rejectedEventBelowPendingOnesDoesNotStallForwarding() async throws {
        let directory = try TemporaryDirectory("hole")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let config = try directory.write("gateway.toml", Self.config(directory))

        let first = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "daemon-1")
        let client = try #require(await CrashRecoveryTests.connect(to: directory.file("scan.sock")))
        var accepted: [String] = []
        for index in 1...12 {
            let answer = try client.scan("HOLE-\(index)")
            #expect(answer.hasPrefix("OK "), "\(answer)")
            accepted.append(String(answer.dropFirst(3)))
        }
        first.signal(SIGTERM)
        #expect(await first.waitForExit() == 0)

        // What a permanent nack does, done by hand while the daemon is stopped: seq 6 leaves `events`.
        let outbox = directory.file("state/outbox.sqlite")
        let sql = """
            BEGIN;
            INSERT INTO rejected(seq, id, reason, rejected_ms, line)
                SELECT seq, id, 'test: refused', 0, line FROM events WHERE seq = 6;
            DELETE FROM events WHERE seq = 6;
            COMMIT;
            SELECT id FROM rejected WHERE seq = 6;
            """
        let sqlite = try ChildProcess("/usr/bin/sqlite3", [outbox, sql], in: directory, label: "sqlite3")
        #expect(await sqlite.waitForExit() == 0, "\(sqlite.stderr)")
        let rejected = sqlite.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!rejected.isEmpty)

        let backend = try await BackendSimProcess(in: directory, socketPath: directory.file("backend.sock"))
        let second = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "daemon-2")
        // Acknowledged, not only received: on main every event reached the backend, which never acked past 5.
        var pending = try await Self.query(outbox, "SELECT count(*) FROM events;", in: directory)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, pending != "0" {
            try await Task.sleep(for: .milliseconds(100))
            pending = try await Self.query(outbox, "SELECT count(*) FROM events;", in: directory)
        }
        #expect(pending == "0", "every event but the rejected one acknowledged")
        #expect(await second.waitForLog("backend acknowledged no event since seq"), "the stall is logged as an error")
        second.signal(SIGTERM)
        #expect(await second.waitForExit() == 0)

        let lastAcked = try await Self.query(
            outbox, "SELECT value FROM meta WHERE key = 'last_acked_seq';", in: directory)
        let lastSequence = try await Self.query(outbox, "SELECT max(seq) FROM rejected;", in: directory)
        #expect(Int(lastAcked) ?? 0 >= 12 && Int(lastSequence) == 6, "last_acked_seq \(lastAcked) covers the hole")
        let received = try backend.receivedEvents()
        #expect(Set(received.map(\.id)).isSuperset(of: Set(accepted).subtracting([rejected])))
        #expect(!received.contains { $0.id == rejected }, "the rejected event is not sent")
        #expect(try await backend.report().hellos >= 2, "recovered by reconnecting")
    }

    /// One value from the outbox file, read with the sqlite3 CLI (read-only: safe while the daemon runs).
    static func query(_ path: String, _ sql: String, in directory: TemporaryDirectory) async throws -> String {
        let sqlite = try ChildProcess("/usr/bin/sqlite3", ["-readonly", path, sql], in: directory, label: "query")
        guard await sqlite.waitForExit() == 0 else { throw SimulatorFailed(message: "sqlite3: \(sqlite.stderr)") }
        return sqlite.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
