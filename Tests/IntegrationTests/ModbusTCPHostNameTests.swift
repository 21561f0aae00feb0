import GatewayCore
import GatewayDevices
import Testing

/// libmodbus 3.1's `modbus_new_tcp` takes only an IPv4 literal: a bus configured with a host name passed the
/// configuration check and then failed every connect. The bus now resolves names (`modbus_new_tcp_pi`).
@Suite("Modbus TCP host names", .serialized)
struct ModbusTCPHostNameTests {
    @Test func aBusAddressedByHostNameConnectsAndPolls() async throws {
        let directory = try TemporaryDirectory("bus-hostname")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2"])
        var doors = DeviceProfile.io8
        doors.doors?.count = 2
        let answered = Locked(0)
        let bus = try ModbusBus(
            settings: ModbusBusSettings(
                id: "named", endpoint: .tcp(host: "localhost", port: cabinet.port), pollInterval: .milliseconds(20)),
            slaves: [ModbusSlave(unit: 1, plan: doors.readPlan)]
        ) { cycle in
            if case .success? = cycle.results[1] { answered.withLock { $0 += 1 } }
        }
        defer { bus.stop() }
        let polled = await poll(timeout: .seconds(10)) { answered.withLock { $0 >= 3 ? true : nil } }
        #expect(polled == true, "\(bus.statistics())")
    }
}
