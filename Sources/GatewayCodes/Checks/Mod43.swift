/// The Code 39 / HIBCC modulo-43 character set and check character.
enum Mod43 {
    /// Characters in value order 0...42.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%".utf8)

    /// Value of `byte` in the mod-43 set, nil when the byte is not in it (lower case included).
    @inline(__always)
    static func value(_ byte: UInt8) -> Int? {
        if ASCII.isDigit(byte) { return Int(byte &- ASCII.zero) }
        if ASCII.isUpper(byte) { return Int(byte &- UInt8(ascii: "A")) + 10 }
        switch byte {
        case UInt8(ascii: "-"): return 36
        case UInt8(ascii: "."): return 37
        case UInt8(ascii: " "): return 38
        case UInt8(ascii: "$"): return 39
        case UInt8(ascii: "/"): return 40
        case UInt8(ascii: "+"): return 41
        case UInt8(ascii: "%"): return 42
        default: return nil
        }
    }

    /// Check character over `range`; nil if a byte is outside the set.
    static func checkCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt8? {
        var sum = 0
        for index in range {
            guard let value = value(bytes[index]) else { return nil }
            sum &+= value
        }
        return alphabet[sum % 43]
    }
}
