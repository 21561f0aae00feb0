import Foundation
import Testing

/// The real daemon polling `spd-sim cabinet` over Modbus TCP and RTU-over-pty: a backend `unlock`, a door opened,
/// items taken and returned by weight, the door closed, and the consume / return events at the backend.
@Suite("Cabinet end to end", .serialized)
struct CabinetIntegrationTests {
    static let stentGTIN = "06901234567892"

    /// - Parameter rtu: the bus is RTU over a pty. Its answers take a second when the whole suite keeps the
    ///   machine busy (the simulator relays every byte): 200 ms timed out the first writes after a replug.
    static func config(
        directory: TemporaryDirectory, backend: String, bus: String, extraBus: String = "", rtu: Bool = false
    ) -> String {
        """
        [gateway]
        id = "cab-gw"
        state_directory = "\(directory.file("state"))"

        [log]
        level = "info"

        [backend]
        address = "\(backend)"
        reconnect_min = "20ms"
        reconnect_max = "200ms"

        [[modbus_bus]]
        id = "bus-1"
        address = "\(bus)"
        poll_interval = "50ms"
        response_timeout = "\(rtu ? "1s" : "200ms")"
        failures_before_backoff = 2
        backoff_max = "500ms"
        \(extraBus)

        [[cabinet]]
        id = "cab-1"
        bus = "bus-1"
        stable_window = "300ms"
        stable_band_g = 0.5
        deadband_g = 2.0
        settle_timeout = "5s"

        [[cabinet.device]]
        unit = 1
        profile = "io-8"
        count = 2

        [[cabinet.device]]
        unit = 2
        profile = "weight-16"
        count = 4

        [[cabinet.bin]]
        channel = "3"
        product = "\(stentGTIN)"
        name = "Coronary stent 3.0 x 18"
        unit_g = 12.5
        high_value = true
        """
    }

    /// Every channel has a reference weight in the daemon's committed cabinet state: the cabinet is ready.
    static func waitUntilReady(_ directory: TemporaryDirectory, timeout: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if CabinetCheckpoint.references(directory)?.count == 4 { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    struct Rig {
        let directory: TemporaryDirectory
        let backend: BackendSimProcess
        let cabinet: CabinetSimProcess
        let daemon: ChildProcess
    }

    static func start(rtu: Bool) async throws -> Rig {
        let directory = try TemporaryDirectory(rtu ? "cab-rtu" : "cab-tcp")
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let cabinet = try await CabinetSimProcess(in: directory, rtu: rtu, units: ["1:io-8:2", "2:weight-16:4"])
        let bus = rtu ? cabinet.address : cabinet.address
        let config = try directory.write(
            "gateway.toml",
            Self.config(
                directory: directory, backend: backend.address, bus: bus, extraBus: rtu ? "baud = 115200" : "",
                rtu: rtu))
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory, label: "daemon")
        return Rig(directory: directory, backend: backend, cabinet: cabinet, daemon: daemon)
    }

    static func unlock(_ rig: Rig, id: String) throws {
        try rig.backend.control(
            #"send {"class":"command","type":"unlock","id":"\#(id)","cabinet":"cab-1","#
                + #""user":{"id":"N1001","role":"nurse"},"patient":{"id":"P77"}}"#)
    }

    static func waitForReply(_ rig: Rig, id: String) async -> [String: Any]? {
        await BackendRecord.waitForReply(rig.backend, id: id)
    }

    /// unlock -> open -> take 2 stents, return 1 unknown-weight object elsewhere -> close -> events.
    static func runSession(_ rig: Rig) async throws {
        #expect(await waitUntilReady(rig.directory), "cabinet never settled: \(rig.daemon.stderr)")
        try unlock(rig, id: "u-1")
        let reply = try #require(await waitForReply(rig, id: "u-1"), "no reply: \(rig.daemon.stderr)")
        #expect(reply["ok"] as? Bool == true, "\(reply)")
        // Both lock coils of the door module were pulsed.
        let state = try rig.cabinet.control("state")
        #expect(state.contains("releases=2"), "\(state)\n\(rig.daemon.stderr)")
        try rig.cabinet.control("open 1")
        // A person takes seconds; the test only waits until the gateway has seen the door open.
        _ = await BackendRecord.waitForEvents(rig.backend) { events in
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "open" }
        }
        try rig.cabinet.control("take 3 2")
        try rig.cabinet.control("put 4 30")
        try rig.cabinet.control("close 1")
        let events = await BackendRecord.waitForEvents(rig.backend) { events in
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "locked" }
        }
        let consumes = events.filter { $0["type"] as? String == "consume" }
        #expect(consumes.count == 1, "\(events)")
        let consume = try #require(consumes.first)
        #expect(consume["quantity"] as? Int == 2)
        #expect((consume["user"] as? [String: Any])?["id"] as? String == "N1001")
        #expect((consume["patient"] as? [String: Any])?["id"] as? String == "P77")
        #expect((consume["item"] as? [String: Any])?["product_id"] as? String == stentGTIN)
        #expect(consume["station"] as? String == "cab-1")
        #expect(consume["session"] is String)
        let doors = events.compactMap { ($0["door"] as? [String: Any])?["state"] as? String }
        #expect(doors == ["unlocked", "open", "closed", "locked"])
        let anomaly = events.first { ($0["weight"] as? [String: Any])?["channel"] as? String == "4" }
        #expect((anomaly?["weight"] as? [String: Any])?["anomaly"] as? String == "no_unit_weight")
    }

    @Test func takeOverModbusTCPBecomesAConsumeBoundToTheUnlockingUser() async throws {
        let rig = try await Self.start(rtu: false)
        defer { rig.directory.remove() }
        try await Self.runSession(rig)
        // Refusals: an unknown cabinet, a missing user, a cabinet already in a session.
        try rig.backend.control(
            #"send {"class":"command","type":"unlock","id":"u-2","cabinet":"cab-9","user":{"id":"N1"}}"#)
        #expect(await Self.waitForReply(rig, id: "u-2")?["error"] as? String == "unknown_cabinet")
        try rig.backend.control(#"send {"class":"command","type":"unlock","id":"u-3","cabinet":"cab-1"}"#)
        #expect(await Self.waitForReply(rig, id: "u-3")?["error"] as? String == "invalid_command")
        try Self.unlock(rig, id: "u-4")
        #expect(await Self.waitForReply(rig, id: "u-4")?["ok"] as? Bool == true)
        try Self.unlock(rig, id: "u-5")
        #expect(await Self.waitForReply(rig, id: "u-5")?["error"] as? String == "busy")
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
    }

    @Test func takeOverRTUOnAPtySurvivesTheAdapterBeingUnplugged() async throws {
        let rig = try await Self.start(rtu: true)
        defer { rig.directory.remove() }
        #expect(await Self.waitUntilReady(rig.directory), "\(rig.daemon.stderr)")
        try rig.cabinet.control("unplug 1s")
        // The unplug's fault names the lost connection; a slave's timeout while the machine is busy at start-up
        // is a fault too, and its "attached" must not be taken for the end of the unplug.
        func reattached(_ events: [[String: Any]]) -> Bool {
            let devices = events.compactMap { $0["device"] as? [String: Any] }
            guard let unplugged = devices.firstIndex(where: { device in
                let detail = device["detail"] as? String ?? ""
                return device["state"] as? String == "fault"
                    && (detail.contains("connection_lost") || detail.contains("(connect,"))
            }) else { return false }
            let afterwards = devices[(unplugged + 1)...]
            return afterwards.contains { $0["id"] as? String == "cab-1/unit-1" && $0["state"] as? String == "attached" }
        }
        let events = await BackendRecord.waitForEvents(rig.backend, until: reattached)
        #expect(reattached(events), "\(rig.daemon.stderr)")
        try await Self.runSession(rig)
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
    }

    @Test func aSilentSlaveIsIsolatedWhileTheDoorModuleKeepsPolling() async throws {
        let rig = try await Self.start(rtu: false)
        defer { rig.directory.remove() }
        #expect(await Self.waitUntilReady(rig.directory))
        try rig.cabinet.control("mute 2 2s")
        try rig.cabinet.control("corrupt 1 2")
        try rig.cabinet.control("open 2")
        let events = await BackendRecord.waitForEvents(rig.backend) { events in
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "open" }
                && events.filter { ($0["device"] as? [String: Any])?["state"] as? String == "attached" }.count == 2
        }
        #expect(
            events.contains {
                ($0["alarm"] as? [String: Any])?["kind"] as? String == "door_opened_without_authorisation"
            })
        let devices = events.compactMap { $0["device"] as? [String: Any] }
        func states(_ id: String) -> [String] {
            devices.filter { $0["id"] as? String == id }.compactMap { $0["state"] as? String }
        }
        // The muted weighing module was isolated and came back; the door module's garbage answers were faults too,
        // and its door still reached the backend while the other slave was silent.
        #expect(states("cab-1/unit-2") == ["fault", "attached"], "\(rig.daemon.stderr)")
        #expect(states("cab-1/unit-1") == ["fault", "attached"])
        try rig.cabinet.control("close 2")
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
    }

    @Test func aLockBoardWithXORFramingIsOpenedByTheUnlockCommand() async throws {
        let directory = try TemporaryDirectory("cab-lockboard")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let boardLink = directory.file("lockboard.tty")
        let cabinet = try await CabinetSimProcess(
            in: directory, units: ["1:io-8:2", "2:weight-16:4"],
            extra: ["--lock-board-link", boardLink, "--lock-board-locks", "3"])
        let config = Self.config(directory: directory, backend: backend.address, bus: cabinet.address) + """

            [[cabinet.lock_board]]
            port = "\(boardLink)"
            board = 1
            locks = 3
            """
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try directory.write("gateway.toml", config)], in: directory, label: "daemon")
        let rig = Rig(directory: directory, backend: backend, cabinet: cabinet, daemon: daemon)
        #expect(await Self.waitUntilReady(directory), "\(daemon.stderr)")
        try Self.unlock(rig, id: "lb-1")
        #expect(await Self.waitForReply(rig, id: "lb-1")?["ok"] as? Bool == true, "\(daemon.stderr)")
        // The Modbus coils and the lock board's three locks were all released.
        let state = try cabinet.control("state")
        #expect(state.contains("releases=2") && state.contains("board_releases=3"), "\(state)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test func aSessionSurvivesTheDaemonBeingKilledWithTheDoorOpen() async throws {
        let rig = try await Self.start(rtu: false)
        defer { rig.directory.remove() }
        #expect(await Self.waitUntilReady(rig.directory))
        try Self.unlock(rig, id: "u-9")
        _ = await Self.waitForReply(rig, id: "u-9")
        try rig.cabinet.control("open 1")
        _ = await BackendRecord.waitForEvents(rig.backend) { events in
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "open" }
        }
        rig.daemon.signal(SIGKILL)
        _ = await rig.daemon.waitForExit()
        try rig.cabinet.control("take 3 1")
        try rig.cabinet.control("close 1")
        let config = rig.directory.file("gateway.toml")
        let restarted = try ChildProcess("spd-gatewayd", ["--config", config], in: rig.directory, label: "daemon-2")
        let events = await BackendRecord.waitForEvents(rig.backend) { events in
            events.contains { $0["type"] as? String == "consume" }
        }
        let consume = try #require(events.first { $0["type"] as? String == "consume" }, "\(restarted.stderr)")
        #expect(consume["quantity"] as? Int == 1)
        #expect((consume["user"] as? [String: Any])?["id"] as? String == "N1001")
        restarted.signal(SIGTERM)
        #expect(await restarted.waitForExit() == 0)
    }
}
