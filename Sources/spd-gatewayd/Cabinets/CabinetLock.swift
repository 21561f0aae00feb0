import GatewayCore
import GatewayDevices

/// A cabinet's lock outputs, whatever drives them: Modbus coils / registers, or a private lock board.
protocol CabinetLock: Sendable {
    /// Releases every lock (a pulse for strikes; held for maglocks until ``engage()``).
    func release() async throws
    /// Locks again (only held outputs need it; pulsed strikes relock by themselves).
    func engage() async throws
}

/// Lock outputs on a Modbus slave, as its profile's ``LockMap`` describes.
struct ModbusCabinetLock: CabinetLock {
    let bus: ModbusBus
    let unit: Int
    let locks: LockMap

    func targets(_ value: UInt16) -> [ModbusWrite.Target] {
        (0..<locks.count).map { index in
            locks.kind == .coil
                ? .coil(address: locks.address + index, value: value != 0)
                : .register(address: locks.address + index, value: value)
        }
    }

    func release() async throws {
        try await bus.write(ModbusWrite(
            unit: unit, targets: targets(locks.unlockValue), pulse: locks.pulse, restore: targets(locks.lockedValue)))
    }

    func engage() async throws {
        guard locks.pulse == nil else { return }
        try await bus.write(ModbusWrite(unit: unit, targets: targets(locks.lockedValue)))
    }
}

/// Locks on a lock board with the XOR-checksum framing; the board pulses a lock itself when told to open it.
struct LockBoardCabinetLock: CabinetLock {
    let port: LockBoardPort
    let board: Int
    let locks: Int

    func release() async throws {
        for lock in 1...locks {
            let answer = try await port.exchange(LockBoardFrame.open(board: UInt8(board), lock: UInt8(lock)))
            guard answer.value == LockBoardFrame.openFunction else {
                throw LockBoardError(
                    code: .wrongAnswer, port: port.path, message: "lock \(lock) did not confirm the opening")
            }
        }
    }

    func engage() async throws {}
}
