import CModbus
import GatewayCore

/// One slave of the simulated cabinet: its profile, its libmodbus register mapping, and which of the cabinet's
/// doors, locks and channels it carries.
final class SimulatedUnit {
    let unit: Int
    let profile: DeviceProfile
    let mapping: UnsafeMutablePointer<modbus_mapping_t>
    let firstDoor: Int
    let firstChannel: Int
    var starts: [RegisterKind: Int] = [:]
    /// Replies still to corrupt (a noisy line), and until when the unit is silent.
    var corruptReplies = 0
    var mutedUntil = 0.0
    var requests = 0
    /// Edge-triggered command bits (zero, tare) as last seen, by register and bit: they act on their rising edge.
    var commandBitsSet: Set<[Int]> = []

    init(unit: Int, profile: DeviceProfile, firstDoor: Int, firstChannel: Int) throws {
        self.unit = unit
        self.profile = profile
        self.firstDoor = firstDoor
        self.firstChannel = firstChannel
        var ranges: [RegisterKind: ClosedRange<Int>] = [:]
        func cover(_ kind: RegisterKind, _ address: Int, _ count: Int) {
            let range = address...(address + max(count, 1) - 1)
            ranges[kind] =
                ranges[kind].map { min($0.lowerBound, range.lowerBound)...max($0.upperBound, range.upperBound) }
                ?? range
        }
        for point in profile.polledPoints { cover(point.kind, point.address, point.count) }
        if let locks = profile.locks { cover(locks.kind, locks.address, locks.count) }
        for command in [profile.weight?.zero, profile.weight?.tare] {
            switch command {
            case .writeRegister(let address, _, let stride)?:
                cover(.holding, address, 1 + stride * max(0, (profile.weight?.channels ?? 1) - 1))
            case .edgeBit(let address, _)?: cover(.holding, address, 1)
            case nil: break
            }
        }
        func start(_ kind: RegisterKind) -> UInt32 { UInt32(ranges[kind]?.lowerBound ?? 0) }
        func size(_ kind: RegisterKind) -> UInt32 { UInt32(ranges[kind]?.count ?? 0) }
        guard let mapping = modbus_mapping_new_start_address(
            start(.coil), size(.coil), start(.discrete), size(.discrete), start(.holding), size(.holding),
            start(.input), size(.input))
        else { throw CabinetSimulatorError("modbus_mapping_new_start_address failed for unit \(unit)") }
        self.mapping = mapping
        for kind in RegisterKind.allCases { starts[kind] = Int(start(kind)) }
    }

    deinit { modbus_mapping_free(mapping) }

    var doorCount: Int { profile.doors?.count ?? 0 }
    var lockCount: Int { profile.locks?.count ?? 0 }
    var channelCount: Int { profile.weight?.channels ?? 0 }

    func setWord(_ kind: RegisterKind, _ address: Int, _ value: UInt16) {
        let index = address - (starts[kind] ?? 0)
        if kind == .input {
            guard index >= 0, index < Int(mapping.pointee.nb_input_registers) else { return }
            mapping.pointee.tab_input_registers[index] = value
        } else {
            guard index >= 0, index < Int(mapping.pointee.nb_registers) else { return }
            mapping.pointee.tab_registers[index] = value
        }
    }

    func setBit(_ kind: RegisterKind, _ address: Int, _ value: Bool) {
        let index = address - (starts[kind] ?? 0)
        if kind == .discrete {
            guard index >= 0, index < Int(mapping.pointee.nb_input_bits) else { return }
            mapping.pointee.tab_input_bits[index] = value ? 1 : 0
        } else {
            guard index >= 0, index < Int(mapping.pointee.nb_bits) else { return }
            mapping.pointee.tab_bits[index] = value ? 1 : 0
        }
    }

    func bit(_ kind: RegisterKind, _ address: Int) -> Bool {
        let index = address - (starts[kind] ?? 0)
        guard kind == .coil, index >= 0, index < Int(mapping.pointee.nb_bits) else { return false }
        return mapping.pointee.tab_bits[index] != 0
    }

    func word(_ address: Int) -> UInt16 {
        let index = address - (starts[.holding] ?? 0)
        guard index >= 0, index < Int(mapping.pointee.nb_registers) else { return 0 }
        return mapping.pointee.tab_registers[index]
    }

    /// Writes a channel's value and status word.
    func publish(channel local: Int, grams: Double, moving: Bool, faulted: Bool) {
        guard let weight = profile.weight else { return }
        let point = weight.point(channel: local)
        let words = RegisterCodec.encode(grams / point.scale, as: point.type, order: point.order)
        for (offset, word) in words.enumerated() { setWord(point.kind, point.address + offset, word) }
        guard let status = weight.status else { return }
        var word: UInt16 = 0
        if moving, let bit = status.motionBit { word |= 1 << bit }
        if !moving, let bit = status.stableBit { word |= 1 << bit }
        if !faulted, let bit = status.okBit { word |= 1 << bit }
        let statusPoint = status.point(channel: local)
        setWord(statusPoint.kind, statusPoint.address, word)
    }
}

struct CabinetSimulatorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
