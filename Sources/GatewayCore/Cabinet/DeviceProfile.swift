/// A slave device's register map, as data: where its weighing channels, door inputs and lock outputs live and
/// how to read them. Built-in profiles cover the register maps met in the field (``DeviceProfile/builtIn``);
/// `[[modbus_profile]]` in the configuration derives new ones (see docs/cabinets.md).
public struct DeviceProfile: Sendable, Equatable {
    public var name: String
    /// One line for people: which device this is.
    public var summary: String
    public var limits: ReadLimits
    public var weight: WeightMap?
    public var doors: BitMap?
    public var locks: LockMap?

    public init(
        name: String, summary: String = "", limits: ReadLimits = ReadLimits(), weight: WeightMap? = nil,
        doors: BitMap? = nil, locks: LockMap? = nil
    ) {
        self.name = name
        self.summary = summary
        self.limits = limits
        self.weight = weight
        self.doors = doors
        self.locks = locks
    }

    /// Every point a poll cycle reads, for ``ReadPlanner``.
    public var polledPoints: [RegisterPoint] {
        var points: [RegisterPoint] = []
        if let weight {
            for channel in 0..<weight.channels {
                points.append(weight.point(channel: channel))
                if let status = weight.status { points.append(status.point(channel: channel)) }
            }
        }
        if let doors { points += (0..<doors.count).map(doors.point) }
        if let locks, locks.readBack { points += (0..<locks.count).map(locks.point) }
        return points
    }

    /// The poll plan within this device's limits.
    public var readPlan: [ReadRequest] { ReadPlanner.plan(polledPoints, limits: limits) }
}

/// Weighing channels: a value per channel `stride` registers apart, an optional status word, zero and tare
/// commands.
public struct WeightMap: Sendable, Equatable {
    /// Channel 1's value (gross weight, in grams after scaling).
    public var value: RegisterPoint
    public var channels: Int
    /// Registers from one channel's value to the next's.
    public var stride: Int
    public var status: StatusWord?
    /// Sets the reading to zero; devices accept it only near zero (within their zero range, a few % of capacity).
    public var zero: ZeroCommand?
    /// Subtracts the present load, whatever it is: what a loaded shelf's re-zero uses when the device has it.
    public var tare: ZeroCommand?

    public init(
        value: RegisterPoint, channels: Int = 1, stride: Int = 2, status: StatusWord? = nil, zero: ZeroCommand? = nil,
        tare: ZeroCommand? = nil
    ) {
        self.value = value
        self.channels = channels
        self.stride = stride
        self.status = status
        self.zero = zero
        self.tare = tare
    }

    /// The command the idle re-zero sends: tare where the device has one (it works at any load), else zero.
    public var rezeroCommand: ZeroCommand? { tare ?? zero }

    /// The value point of `channel` (0-based).
    public func point(channel: Int) -> RegisterPoint { value.shifted(by: channel * stride) }
}

/// A per-channel status word with motion / stable / data-OK bits (Mettler style: bit 12 motion, bit 15 OK).
public struct StatusWord: Sendable, Equatable {
    public var first: RegisterPoint
    public var stride: Int
    /// Set while the load moves.
    public var motionBit: Int?
    /// Set when the reading is stable.
    public var stableBit: Int?
    /// Set when the reading is valid; clear means a scale fault (overload, cell disconnected).
    public var okBit: Int?

    public init(
        first: RegisterPoint, stride: Int = 1, motionBit: Int? = nil, stableBit: Int? = nil, okBit: Int? = nil
    ) {
        self.first = first
        self.stride = stride
        self.motionBit = motionBit
        self.stableBit = stableBit
        self.okBit = okBit
    }

    public func point(channel: Int) -> RegisterPoint { first.shifted(by: channel * stride) }

    /// Whether the device calls the reading stable (nil when the word has neither bit).
    public func isStable(_ word: UInt16) -> Bool? {
        if let stableBit { return word & (1 << stableBit) != 0 }
        if let motionBit { return word & (1 << motionBit) == 0 }
        return nil
    }

    /// False when the data-OK bit is clear.
    public func isValid(_ word: UInt16) -> Bool {
        guard let okBit else { return true }
        return word & (1 << okBit) != 0
    }
}

/// How a device is told to zero (or tare) a channel.
public enum ZeroCommand: Sendable, Equatable {
    /// Write `value` to a holding register (`address + channel * stride`).
    case writeRegister(address: Int, value: UInt16, stride: Int)
    /// Set then clear one bit of a holding register (devices that act on the rising edge).
    case edgeBit(address: Int, bit: Int)
}

/// A run of bits (door inputs): `count` consecutive addresses from `address`.
public struct BitMap: Sendable, Equatable {
    public var kind: RegisterKind
    public var address: Int
    public var count: Int
    /// True when a set bit means "open" (reed switch normally closed wiring inverts it).
    public var activeWhenSet: Bool

    public init(kind: RegisterKind = .discrete, address: Int = 0, count: Int = 8, activeWhenSet: Bool = true) {
        self.kind = kind
        self.address = address
        self.count = count
        self.activeWhenSet = activeWhenSet
    }

    public func point(_ index: Int) -> RegisterPoint { RegisterPoint(kind: kind, address: address + index) }
}

/// Lock outputs: coils (or holding registers) from `address`; an unlock is `unlockValue` held for `pulse`, then
/// the output returns to locked (electric strikes); `pulse == nil` holds until the session relocks (maglocks).
public struct LockMap: Sendable, Equatable {
    public var kind: RegisterKind
    public var address: Int
    public var count: Int
    public var unlockValue: UInt16
    public var lockedValue: UInt16
    public var pulse: Duration?
    /// Whether the outputs are read back each cycle (to tell a stuck output from a commanded one).
    public var readBack: Bool

    public init(
        kind: RegisterKind = .coil, address: Int = 0, count: Int = 8, unlockValue: UInt16 = 1, lockedValue: UInt16 = 0,
        pulse: Duration? = .milliseconds(500), readBack: Bool = false
    ) {
        self.kind = kind
        self.address = address
        self.count = count
        self.unlockValue = unlockValue
        self.lockedValue = lockedValue
        self.pulse = pulse
        self.readBack = readBack
    }

    public func point(_ index: Int) -> RegisterPoint { RegisterPoint(kind: kind, address: address + index) }
}
