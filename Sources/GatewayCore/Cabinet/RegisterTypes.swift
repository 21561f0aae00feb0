/// The four Modbus data tables.
public enum RegisterKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// Read/write bits (FC 01 read, FC 05/15 write): lock outputs, lamps.
    case coil
    /// Read-only bits (FC 02): door sensors.
    case discrete
    /// Read-only 16-bit registers (FC 04).
    case input
    /// Read/write 16-bit registers (FC 03 read, FC 06/16 write).
    case holding

    /// Whether the table holds single bits rather than 16-bit words.
    public var isBit: Bool { self == .coil || self == .discrete }
}

/// How a value is stored in one or two registers.
public enum RegisterDataType: String, Sendable, Codable, CaseIterable, Hashable {
    case u16, i16, u32, i32, f32

    /// Registers the value occupies.
    public var wordCount: Int {
        switch self {
        case .u16, .i16: 1
        case .u32, .i32, .f32: 2
        }
    }
}

/// Byte order of a value across its registers, naming the big-endian bytes A (most significant) to D as they
/// appear on the wire: `ABCD` big-endian, `CDAB` low word first (word swap), `BADC` byte swap within words,
/// `DCBA` little-endian. For 16-bit values only the byte swap matters (`BADC`/`DCBA` swap the two bytes).
public enum WordOrder: String, Sendable, Codable, CaseIterable, Hashable {
    case abcd = "ABCD"
    case cdab = "CDAB"
    case badc = "BADC"
    case dcba = "DCBA"

    var swapsWords: Bool { self == .cdab || self == .dcba }
    var swapsBytes: Bool { self == .badc || self == .dcba }
}

/// One value in a device's register map: where it is and how to turn its registers into a number.
public struct RegisterPoint: Sendable, Equatable, Codable, Hashable {
    public var kind: RegisterKind
    /// Protocol address (0-based, as sent on the wire).
    public var address: Int
    public var type: RegisterDataType
    public var order: WordOrder
    /// Engineering value = raw x scale (e.g. 0.01 for a transmitter counting in 10 mg steps).
    public var scale: Double

    public init(
        kind: RegisterKind, address: Int, type: RegisterDataType = .u16, order: WordOrder = .abcd, scale: Double = 1
    ) {
        self.kind = kind
        self.address = address
        self.type = type
        self.order = order
        self.scale = scale
    }

    /// Registers (or bits) the point occupies.
    public var count: Int { kind.isBit ? 1 : type.wordCount }

    /// The point `offset` x `stride` registers further on (the same value of the next channel).
    public func shifted(by registers: Int) -> RegisterPoint {
        var copy = self
        copy.address += registers
        return copy
    }
}

/// Converts a documented register number to the protocol address: manuals number registers from 0, from 1, or
/// in Modicon style (`40001` = holding register at address 0). The base is a per-device setting.
public enum AddressBase {
    /// `documented - base`, or nil when the result is not a valid protocol address (0...65535).
    public static func protocolAddress(documented: Int, base: Int) -> Int? {
        let address = documented - base
        return (0...65535).contains(address) ? address : nil
    }
}
