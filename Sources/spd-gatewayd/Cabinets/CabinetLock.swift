import GatewayCore
import GatewayDevices

/// A cabinet's lock outputs, whatever drives them: Modbus coils / registers, or a private lock board.
protocol CabinetLock: Sendable {
    /// Releases every lock (a pulse for strikes; held for maglocks until ``engage()``).
    func release() async throws
    /// Drives the outputs to their locked state: held outputs need it to lock, and for pulsed strikes it makes sure
    /// a pulse whose end was lost (a failed restore write) does not leave them released.
    /// - Returns: whether an output was really written (false when the hardware has no such command).
    @discardableResult
    func engage() async throws -> Bool
}

/// Lock outputs on a Modbus slave, as its profile's ``LockMap`` describes.
struct ModbusCabinetLock: CabinetLock {
    let bus: ModbusBus
    let unit: Int
    let locks: LockMap

    func targets(_ value: UInt16) -> [ModbusWrite.Target] { Self.targets(value, locks: locks) }

    static func targets(_ value: UInt16, locks: LockMap) -> [ModbusWrite.Target] {
        (0..<locks.count).map { index in
            locks.kind == .coil
                ? .coil(address: locks.address + index, value: value != 0)
                : .register(address: locks.address + index, value: value)
        }
    }

    /// The write that puts a slave's lock outputs in their locked state (the bus repeats it after every connect and
    /// when it stops).
    static func lockedState(unit: Int, locks: LockMap) -> ModbusWrite {
        ModbusWrite(unit: unit, targets: targets(locks.lockedValue, locks: locks))
    }

    func release() async throws {
        try await bus.write(ModbusWrite(
            unit: unit, targets: targets(locks.unlockValue), pulse: locks.pulse, restore: targets(locks.lockedValue)))
    }

    func engage() async throws -> Bool {
        // Pulsed locks too: their restore may have failed, and writing the locked value again costs one request.
        try await bus.write(ModbusWrite(unit: unit, targets: targets(locks.lockedValue)))
        return true
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

    /// The board relocks a pulsed lock itself and has no "lock" command: nothing to write.
    func engage() async throws -> Bool { false }
}
