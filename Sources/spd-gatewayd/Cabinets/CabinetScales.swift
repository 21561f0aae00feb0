import GatewayCore
import GatewayDevices

/// The zero commands of a cabinet's weighing devices, written on its Modbus bus.
struct CabinetScales: Sendable {
    let bus: ModbusBus
    let settings: CabinetSettings

    /// How long an edge-triggered zero bit stays set before it is cleared: long enough for a device that samples
    /// its command register on its own cycle to see the rising edge.
    static let edgePulse: Duration = .milliseconds(100)

    /// Zeroes `channels` (cabinet channel indices); throws the first failed write.
    func zero(channels: [Int]) async throws {
        for write in settings.zeroWrites(channels: channels) {
            let reset = write.resetValue.map { [ModbusWrite.Target.register(address: write.address, value: $0)] } ?? []
            try await bus.write(ModbusWrite(
                unit: write.unit, targets: [.register(address: write.address, value: write.value)],
                pulse: reset.isEmpty ? nil : Self.edgePulse, restore: reset))
        }
    }
}
