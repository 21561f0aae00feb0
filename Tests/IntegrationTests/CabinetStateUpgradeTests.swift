import Foundation
import GatewayCore
import Testing

/// A gateway upgraded in the middle of a cabinet session: the version before kept the session in
/// `cabinet-<id>.state.json`; the new daemon resumes from it, then keeps the state as an outbox checkpoint.
@Suite("Cabinet state upgrade", .serialized)
struct CabinetStateUpgradeTests {
    @Test func aSessionInTheOldStateFileIsResumedAndTheFileRetired() async throws {
        let directory = try TemporaryDirectory("cab-upgrade")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        // The door was open, with nurse N1001's session, when the old version stopped; each bin held 400 g.
        var state = CabinetState(channels: 4, doors: 2)
        state.phase = .open
        state.doorsOpen = [true, false]
        state.references = [400, 400, 400, 400]
        var record = CabinetSessionRecord(
            id: "cab-1-1763900000000",
            authorization: CabinetAuthorization(user: Party(id: "N1001", role: "nurse"), via: "backend"),
            startedMilliseconds: 1_763_900_000_000)
        record.before = state.references
        state.session = record
        let legacyFile = directory.file("state/cabinet-cab-1.state.json")
        try Data(try state.encoded()).write(to: URL(fileURLWithPath: legacyFile))

        let backend = try await BackendSimProcess(in: directory)
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2", "2:weight-16:4"])
        try cabinet.control("open 1")
        let config = try directory.write(
            "gateway.toml",
            CabinetIntegrationTests.config(directory: directory, backend: backend.address, bus: cabinet.address))
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "daemon")
        try await Task.sleep(for: .milliseconds(500))
        try cabinet.control("take 3 1")
        try cabinet.control("close 1")
        let events = await BackendRecord.waitForEvents(backend) { events in
            events.contains { $0["type"] as? String == "consume" }
        }
        let consume = try #require(events.first { $0["type"] as? String == "consume" }, "\(daemon.stderr)")
        #expect(consume["quantity"] as? Int == 1)
        #expect((consume["user"] as? [String: Any])?["id"] as? String == "N1001")
        #expect(consume["session"] as? String == "cab-1-1763900000000")
        #expect(!FileManager.default.fileExists(atPath: legacyFile))
        #expect(CabinetCheckpoint.read(directory)?["phase"] as? String == "idle")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}
