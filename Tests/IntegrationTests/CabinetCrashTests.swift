import Foundation
import Testing

/// kill -9 of the daemon while a cabinet session is being closed and counted, round after round: the session state
/// is committed with its events in one transaction, so every take and put-back reaches the backend exactly once
/// (redeliveries only with the same id), whatever the moment of the kill.
@Suite("Cabinet sessions under kill -9", .serialized)
struct CabinetCrashTests {
    /// Rounds in CI; `make soak` raises SPD_SOAK_KILLS, a tenth of which are cabinet rounds.
    static let rounds = max(6, CrashRecoveryTests.kills / 10)

    static func distinct(_ events: [[String: Any]], where predicate: ([String: Any]) -> Bool) -> [[String: Any]] {
        var seen = Set<String>()
        return events.filter { predicate($0) && seen.insert($0["id"] as? String ?? "").inserted }
    }

    static func doorEvents(_ events: [[String: Any]], _ state: String) -> Int {
        distinct(events) { ($0["door"] as? [String: Any])?["state"] as? String == state }.count
    }

    /// Unlocks, retrying while a restarted daemon reconnects; a retry that finds the session already open (`busy`)
    /// means an earlier attempt got through.
    static func unlock(_ backend: BackendSimProcess, round: Int) async -> Bool {
        for attempt in 0..<15 {
            let id = "k-\(round)-\(attempt)"
            _ = try? backend.control(
                #"send {"class":"command","type":"unlock","id":"\#(id)","cabinet":"cab-1","user":{"id":"N1001"}}"#)
            if let reply = await BackendRecord.waitForReply(backend, id: id, timeout: .seconds(2)) {
                return reply["ok"] as? Bool == true || reply["error"] as? String == "busy"
            }
        }
        return false
    }

    @Test func aKillWhileASessionIsCountedNeitherLosesNorDuplicatesItsEvents() async throws {
        let directory = try TemporaryDirectory("cab-kill")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2", "2:weight-16:4"])
        let config = try directory.write(
            "gateway.toml",
            CabinetIntegrationTests.config(directory: directory, backend: backend.address, bus: cabinet.address))
        var daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "daemon-0")
        defer { daemon.signal(SIGKILL) }
        #expect(await CabinetIntegrationTests.waitUntilReady(directory), "\(daemon.stderr)")
        var tally = FaultTally(
            fault: "kill -9 during cabinet sessions",
            injected: "\(Self.rounds) sessions (take, put back in turn), "
                + "the daemon killed 0-700 ms after each door close and restarted")
        for round in 1...Self.rounds {
            #expect(await Self.unlock(backend, round: round), "round \(round): \(daemon.stderr)")
            try cabinet.control("open 1")
            _ = await BackendRecord.waitForEvents(backend) { Self.doorEvents($0, "open") == round }
            try cabinet.control(round % 2 == 1 ? "take 3 1" : "return 3 1")
            tally.sent += 1
            try cabinet.control("close 1")
            // Somewhere between the close being seen, the scales settling, the count and its delivery.
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...700)))
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit()
            daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "daemon-\(round)")
            let events = await BackendRecord.waitForEvents(backend) { Self.doorEvents($0, "locked") == round }
            #expect(Self.doorEvents(events, "locked") == round, "round \(round) never relocked: \(daemon.stderr)")
        }
        let events = BackendRecord.messages(backend, kind: "event")
        let consumes = Self.distinct(events) { $0["type"] as? String == "consume" }
        let returns = Self.distinct(events) { $0["type"] as? String == "return" }
        tally.accepted = (consumes + returns).compactMap { $0["id"] as? String }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        let received = try backend.receivedEvents()
        let (lost, duplicated) = tally.report(received: received)
        #expect(
            consumes.count == (Self.rounds + 1) / 2, "one consume per take: \(consumes.map { $0["session"] ?? "" })")
        #expect(returns.count == Self.rounds / 2, "one return per put-back: \(returns.map { $0["session"] ?? "" })")
        #expect((consumes + returns).allSatisfy { $0["quantity"] as? Int == 1 })
        #expect(
            Set((consumes + returns).compactMap { $0["session"] as? String }).count == Self.rounds,
            "one count per session")
        #expect(lost == 0 && duplicated == 0)
        let sequences = Set(received.map(\.sequence))
        #expect(sequences.count == Int(sequences.max() ?? 0), "a gap in the sequences is a lost event")
    }
}
