/// A zero command addressed to one slave: the holding-register write that zeroes, and for edge-triggered devices
/// the write that clears the bit again.
public struct ZeroWrite: Sendable, Equatable, Hashable {
    public var unit: Int
    public var address: Int
    public var value: UInt16
    /// Written after a short pulse (edge-triggered bits); nil for a plain command register.
    public var resetValue: UInt16?

    public init(unit: Int, address: Int, value: UInt16, resetValue: UInt16? = nil) {
        self.unit = unit
        self.address = address
        self.value = value
        self.resetValue = resetValue
    }
}

extension ZeroCommand {
    /// The write that zeroes `channel` (0-based, on its device) on slave `unit`.
    public func write(unit: Int, channel: Int) -> ZeroWrite {
        switch self {
        case .writeRegister(let address, let value, let stride):
            return ZeroWrite(unit: unit, address: address + channel * stride, value: value)
        case .edgeBit(let address, let bit):
            return ZeroWrite(unit: unit, address: address, value: 1 << UInt16(bit), resetValue: 0)
        }
    }
}

extension CabinetSettings {
    /// Per channel (cabinet numbering): whether its device has a tare or zero command.
    public static func zeroable(_ devices: [Device]) -> [Bool] {
        devices.flatMap { device in
            Array(repeating: device.profile.weight?.rezeroCommand != nil, count: device.profile.weight?.channels ?? 0)
        }
    }

    /// The writes that re-zero `channels` (cabinet channel indices) with each device's tare, else zero command,
    /// one per distinct register: a device whose one command acts on all its channels gets it once.
    public func zeroWrites(channels: [Int]) -> [ZeroWrite] {
        var writes: [ZeroWrite] = []
        var first = 0
        for device in devices {
            let count = device.profile.weight?.channels ?? 0
            defer { first += count }
            guard let zero = device.profile.weight?.rezeroCommand else { continue }
            for index in channels where index >= first && index < first + count {
                let write = zero.write(unit: device.unit, channel: index - first)
                if !writes.contains(write) { writes.append(write) }
            }
        }
        return writes
    }
}
