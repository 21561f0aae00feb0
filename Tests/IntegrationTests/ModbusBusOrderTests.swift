import GatewayCore
import GatewayDevices
import Testing

/// The bus thread against `spd-sim cabinet` over Modbus TCP: door modules are read first in every cycle and handed
/// over at once, before the weighing modules (which a slow RS-485 line may take hundreds of milliseconds to read).
@Suite("Modbus bus cycle order", .serialized)
struct ModbusBusOrderTests {
    @Test func theDoorModuleIsDeliveredAheadOfEachCompleteCycle() async throws {
        let directory = try TemporaryDirectory("bus-order")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(in: directory, units: ["1:io-8:2", "2:weight-16:4"])
        let deliveries = Locked<[(units: [Int], isComplete: Bool)]>([])
        var weight = DeviceProfile.weight16
        weight.weight?.channels = 4
        var doors = DeviceProfile.io8
        doors.doors?.count = 2
        // Listed weight first: the order on the bus comes from the flag, not from the list.
        let bus = try ModbusBus(
            settings: ModbusBusSettings(
                id: "order", endpoint: .tcp(host: "127.0.0.1", port: cabinet.port), pollInterval: .milliseconds(20)),
            slaves: [
                ModbusSlave(unit: 2, plan: weight.readPlan),
                ModbusSlave(unit: 1, plan: doors.readPlan, deliversEarly: true),
            ]
        ) { cycle in
            deliveries.withLock { $0.append((cycle.results.keys.sorted(), cycle.isComplete)) }
        }
        defer { bus.stop() }
        let enough = await poll(timeout: .seconds(20)) { deliveries.withLock { $0.count >= 10 ? true : nil } }
        #expect(enough == true)
        bus.stop()
        let seen = deliveries.withLock { $0 }
        // Each cycle: a partial delivery with the door module only, then the complete cycle with both.
        let firstPartial = try #require(seen.firstIndex { !$0.isComplete })
        for (offset, delivery) in seen[firstPartial...].enumerated() {
            if offset % 2 == 0 {
                #expect(delivery.units == [1] && !delivery.isComplete, "\(seen)")
            } else {
                #expect(delivery.units == [1, 2] && delivery.isComplete, "\(seen)")
            }
        }
        let door = try #require(seen.first { !$0.isComplete })
        #expect(door.units == [1])
    }
}
