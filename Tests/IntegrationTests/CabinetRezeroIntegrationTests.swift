import Foundation
import Testing

/// Hardware re-zero against `spd-sim cabinet`: two transmitters with the two zero styles of the field (a command
/// register, and an edge-triggered bit), a daemon that re-zeroes them after a short idle time, and a take counted
/// afterwards from the new zero.
@Suite("Cabinet re-zero when idle", .serialized)
struct CabinetRezeroIntegrationTests {
    static func config(directory: TemporaryDirectory, backend: String, bus: String) -> String {
        """
        [gateway]
        id = "rezero-gw"
        state_directory = "\(directory.file("state"))"

        [backend]
        address = "\(backend)"
        reconnect_min = "20ms"
        reconnect_max = "200ms"

        [[modbus_bus]]
        id = "bus-1"
        address = "\(bus)"
        poll_interval = "50ms"

        [[cabinet]]
        id = "cab-1"
        bus = "bus-1"
        stable_window = "300ms"
        rezero_idle = "2s"

        [[cabinet.device]]
        unit = 1
        profile = "io-8"
        count = 1

        [[cabinet.device]]
        unit = 2
        profile = "transmitter-80"

        [[cabinet.device]]
        unit = 3
        profile = "transmitter-cdab"

        [[cabinet.bin]]
        channel = "2"
        product = "06901234567892"
        unit_g = 12.5
        """
    }

    /// The daemon's committed references for the two channels, once both are known.
    static func references(_ directory: TemporaryDirectory) -> [Double]? {
        CabinetCheckpoint.references(directory).flatMap { $0.count == 2 ? $0 : nil }
    }

    @Test func idleTransmittersAreZeroedByTheirDevicesAndATakeIsCountedFromTheNewZero() async throws {
        let directory = try TemporaryDirectory("cab-rezero")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let cabinet = try await CabinetSimProcess(
            in: directory, units: ["1:io-8:1", "2:transmitter-80", "3:transmitter-cdab"])
        let config = try directory.write(
            "gateway.toml", Self.config(directory: directory, backend: backend.address, bus: cabinet.address))
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "daemon")

        // Each bin starts at its tare plus 20 items (400 g): far from zero, so both are zeroed after 2 s idle.
        let zeroed = await poll { (try? cabinet.control("state"))?.contains("zeros=2") == true ? true : nil }
        #expect(zeroed == true, "\((try? cabinet.control("state")) ?? ""): \(daemon.stderr)")
        // The daemon took the post-zero readings as its new references, and raised nothing for the jump.
        let nearZero = await poll { Self.references(directory).flatMap { $0.allSatisfy { abs($0) < 2 } ? $0 : nil } }
        #expect(nearZero != nil, "references: \(String(describing: Self.references(directory))): \(daemon.stderr)")
        // Zeroed channels stay zeroed: nothing drifted past the deadband, so no second zero.
        try await Task.sleep(for: .seconds(3))
        #expect(try cabinet.control("state").contains("zeros=2"))

        try backend.control(
            #"send {"class":"command","type":"unlock","id":"u-1","cabinet":"cab-1","user":{"id":"N1001"}}"#)
        #expect(await BackendRecord.waitForReply(backend, id: "u-1")?["ok"] as? Bool == true)
        try cabinet.control("open 1")
        _ = await BackendRecord.waitForEvents(backend) { events in
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "open" }
        }
        try cabinet.control("take 2 3")
        try cabinet.control("close 1")
        let events = await BackendRecord.waitForEvents(backend) { events in
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "locked" }
        }
        #expect(
            !events.contains { ($0["alarm"] as? [String: Any])?["kind"] as? String == "weight_change_while_locked" },
            "\(events)")
        let consume = try #require(events.first { $0["type"] as? String == "consume" }, "\(events)")
        #expect(consume["quantity"] as? Int == 3)
        let before = try #require((consume["weight"] as? [String: Any])?["before_g"] as? Double)
        #expect(abs(before) < 2, "counted from \(before) g, not from the new zero")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}
