/// Membership tests for the GS1 character sets, as 128-entry tables.
enum GS1CharacterSets {
    /// CSET 82 in value order (GS1 General Specifications figure 7.11-1).
    static let cset82: [UInt8] = Array(
        "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".utf8)
    static let cset39: [UInt8] = Array("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    static let base64url: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=".utf8)

    /// Per ASCII byte: CSET 82 value + 1 (0 = not a member).
    private static let cset82Values: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for (value, byte) in cset82.enumerated() { table[Int(byte)] = UInt8(value + 1) }
        return table
    }()

    /// Per byte: bit 0 numeric, 1 CSET 82, 2 CSET 39, 3 base64url.
    static let membership: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] |= 1 }
        for byte in cset82 { table[Int(byte)] |= 2 }
        for byte in cset39 { table[Int(byte)] |= 4 }
        for byte in base64url { table[Int(byte)] |= 8 }
        return table
    }()

    @inline(__always)
    static func contains(_ charset: GS1Charset, _ byte: UInt8) -> Bool {
        mask(charset).contains(byte)
    }

    /// The members of `charset` as a 128-bit mask: constants, so testing a byte reads no table (a `static let`
    /// table cost a one-time-initialisation check on each use). A test compares them with ``membership``.
    @inline(__always)
    static func mask(_ charset: GS1Charset) -> GS1ByteMask {
        switch charset {
        case .numeric: return GS1ByteMask(low: 0x03FF_0000_0000_0000, high: 0)
        case .cset82: return GS1ByteMask(low: 0xFFFF_FFE6_0000_0000, high: 0x07FF_FFFE_87FF_FFFE)
        case .cset39: return GS1ByteMask(low: 0x03FF_A008_0000_0000, high: 0x0000_0000_07FF_FFFE)
        case .base64url: return GS1ByteMask(low: 0x23FF_2000_0000_0000, high: 0x07FF_FFFE_87FF_FFFE)
        }
    }

    static func cset82Value(_ byte: UInt8) -> Int? {
        let value = cset82Values[Int(byte)]
        return value == 0 ? nil : Int(value) - 1
    }
}

/// A set of ASCII bytes as two 64-bit words (bit `b` of `low` for bytes below 64, of `high` for 64...127).
struct GS1ByteMask: Sendable, Equatable {
    let low: UInt64
    let high: UInt64

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        guard byte < 128 else { return false }
        return (byte < 64 ? low : high) >> UInt64(byte & 63) & 1 != 0
    }
}
