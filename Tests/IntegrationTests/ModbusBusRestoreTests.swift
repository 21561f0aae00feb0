import GatewayCore
import GatewayDevices
import Testing

/// Fail-secure lock outputs on the bus thread, against `spd-sim cabinet` over Modbus TCP: a pulse's restore is kept
/// until it is written (a silent slave, a lost connection, a stop), and the locked state is written at connect and
/// at stop. Before, a restore that failed or met a closed connection was dropped and the lock stayed released.
@Suite("Modbus bus restores", .serialized)
struct ModbusBusRestoreTests {
    static let release: [ModbusWrite.Target] = [.coil(address: 0, value: true), .coil(address: 1, value: true)]
    static let locked: [ModbusWrite.Target] = [.coil(address: 0, value: false), .coil(address: 1, value: false)]

    static func bus(_ cabinet: CabinetSimProcess, safeState: [ModbusWrite] = []) throws -> ModbusBus {
        var doors = DeviceProfile.io8
        doors.doors?.count = 2
        let settings = ModbusBusSettings(
            id: "restore", endpoint: .tcp(host: "127.0.0.1", port: cabinet.port),
            responseTimeout: .milliseconds(100), pollInterval: .milliseconds(50), failuresBeforeBackoff: 2,
            slaveBackoffMinimum: .milliseconds(100), slaveBackoffMaximum: .milliseconds(500),
            reconnectMinimum: .milliseconds(50), reconnectMaximum: .milliseconds(500))
        return try ModbusBus(
            settings: settings, slaves: [ModbusSlave(unit: 1, plan: doors.readPlan)], safeState: safeState
        ) { _ in }
    }

    static func locks(_ cabinet: CabinetSimProcess) -> String? {
        guard let state = try? cabinet.control("state") else { return nil }
        return state.split(separator: " ").first { $0.hasPrefix("locks=") }.map { String($0.dropFirst(6)) }
    }

    static func waitForLocks(_ cabinet: CabinetSimProcess, _ expected: String, timeout: Duration) async -> Bool {
        await poll(timeout: timeout, every: .milliseconds(50)) { locks(cabinet) == expected ? true : nil } ?? false
    }

    static func pulse(_ duration: Duration) -> ModbusWrite {
        ModbusWrite(unit: 1, targets: release, pulse: duration, restore: locked)
    }

    @Test func aRestoreToASlaveThatWentSilentIsRetriedUntilItIsWritten() async throws {
        let directory = try TemporaryDirectory("restore-mute")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2"])
        let bus = try Self.bus(cabinet)
        defer { bus.stop() }
        // Seconds, not a real strike's 500 ms: the pulse must still be on when the slave goes silent, even when
        // the whole suite keeps the machine busy.
        try await bus.write(Self.pulse(.seconds(3)))
        #expect(Self.locks(cabinet) == "11")
        try cabinet.control("mute 1 5s")
        // The restore is due while the slave is silent: it fails, and is written once the slave answers again.
        #expect(await Self.waitForLocks(cabinet, "00", timeout: .seconds(20)), "\(bus.statistics())")
        #expect(bus.statistics().restoreFailures >= 1)
        #expect(bus.statistics().pendingRestores == 0)
    }

    @Test func aRestoreLostWithTheConnectionIsWrittenFirstAfterTheReconnect() async throws {
        let directory = try TemporaryDirectory("restore-unplug")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2"])
        let bus = try Self.bus(cabinet)
        defer { bus.stop() }
        // The pulse ends while the cable is out (seconds, so that holds on a machine busy with the whole suite).
        try await bus.write(Self.pulse(.seconds(2)))
        try cabinet.control("unplug 4s")
        #expect(Self.locks(cabinet) == "11")
        #expect(await Self.waitForLocks(cabinet, "00", timeout: .seconds(20)), "\(bus.statistics())")
        #expect(bus.statistics().connects >= 2)
    }

    @Test func stoppingTheBusMidPulseWritesTheRestoreBeforeClosing() async throws {
        let directory = try TemporaryDirectory("restore-stop")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2"])
        let bus = try Self.bus(cabinet)
        try await bus.write(Self.pulse(.seconds(5)))
        #expect(Self.locks(cabinet) == "11")
        bus.stop()
        #expect(await bus.waitUntilFinished(timeout: .seconds(5)))
        #expect(Self.locks(cabinet) == "00")
        #expect(bus.statistics().pendingRestores == 0)
    }

    @Test func theLockedStateIsWrittenAtConnectButAHeldReleaseSurvivesAReconnect() async throws {
        let directory = try TemporaryDirectory("restore-safe")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2"])
        // A previous run (or a crash) left the locks released.
        let previous = try Self.bus(cabinet)
        try await previous.write(ModbusWrite(unit: 1, targets: Self.release))
        previous.stop()
        #expect(await previous.waitUntilFinished(timeout: .seconds(5)))
        #expect(Self.locks(cabinet) == "11")
        let safe = [ModbusWrite(unit: 1, targets: Self.locked)]
        let bus = try Self.bus(cabinet, safeState: safe)
        defer { bus.stop() }
        #expect(await Self.waitForLocks(cabinet, "00", timeout: .seconds(10)), "\(bus.statistics())")
        // A maglock held open for a session is not relocked by a reconnect...
        try await bus.write(ModbusWrite(unit: 1, targets: Self.release))
        try cabinet.control("unplug 500ms")
        let reconnected = await poll(timeout: .seconds(10)) { bus.statistics().connects >= 2 ? true : nil }
        #expect(reconnected == true)
        try await Task.sleep(for: .milliseconds(300))
        #expect(Self.locks(cabinet) == "11")
        // ...but it is when the bus stops: nobody would lock it after the gateway has gone.
        bus.stop()
        #expect(await bus.waitUntilFinished(timeout: .seconds(5)))
        #expect(Self.locks(cabinet) == "00")
    }
}
