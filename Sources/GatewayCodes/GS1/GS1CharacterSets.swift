/// Membership tests for the GS1 character sets, as 128-entry tables.
enum GS1CharacterSets {
    /// CSET 82 in value order (GS1 General Specifications figure 7.11-1).
    static let cset82: [UInt8] = Array("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".utf8)
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
        membership[Int(byte)] & (1 << charset.rawValue) != 0
    }

    static func cset82Value(_ byte: UInt8) -> Int? {
        let value = cset82Values[Int(byte)]
        return value == 0 ? nil : Int(value) - 1
    }
}
