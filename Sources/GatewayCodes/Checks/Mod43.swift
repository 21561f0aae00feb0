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

    /// Value + 1 of every byte value (0 = not in the set): one table read per byte instead of the comparisons
    /// of ``value(_:)``, for the loops over whole HIBCC lines.
    // 256 entries in memory that is never freed, so that the loops read it without a bounds check, a range
    // test or a retain (an Array of 128 cost about twice the instructions per byte). Never written after
    // its initialisation, so reading it from any thread is safe.
    nonisolated(unsafe) private static let valuesPlusOne: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value + 1) }
        return UnsafePointer(table)
    }()

    /// Check character over `range`; nil if a byte is outside the set.
    static func checkCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt8? {
        let table = valuesPlusOne
        var sum = 0
        for index in range {
            let valuePlusOne = table[Int(bytes[index])]
            guard valuePlusOne != 0 else { return nil }
            sum &+= Int(valuePlusOne) &- 1
        }
        return alphabet[sum % 43]
    }

    /// The first offset in `range` whose byte is outside the set, nil if none.
    static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let table = valuesPlusOne
        for index in range where table[Int(bytes[index])] == 0 { return index }
        return nil
    }
}
