/// Small byte-level helpers for ASCII text; the decoder works on UTF-8 bytes, never on `Character`s.
enum ASCII {
    static let gs: UInt8 = 0x1D
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
    @inline(__always) static func isLower(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
    @inline(__always) static func isAlphanumericUpper(_ byte: UInt8) -> Bool { isDigit(byte) || isUpper(byte) }
    @inline(__always) static func isPrintable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// Value of the decimal digits in `range`, nil if any byte is not a digit or the range is empty.
    @inline(__always)
    static func number<C: Collection<UInt8>>(_ bytes: C, _ range: Range<Int>) -> Int?
    where C.Index == Int {
        guard !range.isEmpty, range.lowerBound >= bytes.startIndex, range.upperBound <= bytes.endIndex else {
            return nil
        }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            value = value &* 10 &+ Int(byte &- zero)
        }
        return value
    }

    /// True when every byte in `range` is a decimal digit (and the range is not empty).
    static func allDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= bytes.count, let base = bytes.baseAddress
        else { return false }
        var index = range.lowerBound
        // Eight bytes at a time (GTINs, dates, AI values are mostly digits): XOR with '0' maps digits to 0...9;
        // a byte is a digit when that is below 0x80 and adding 0x76 does not reach 0x80. A byte at or above
        // 0x80 fails the first test, so carries between bytes cannot turn a failing word into a passing one.
        while index + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
            if (word | (word &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < range.upperBound {
            guard isDigit(bytes[index]) else { return false }
            index += 1
        }
        return true
    }

    /// The first offset in `range` holding `target`, nil if none.
    static func firstIndex(of target: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count, let base = bytes.baseAddress else { return nil }
        let pattern = UInt64(target) &* 0x0101_0101_0101_0101
        var index = range.lowerBound
        // Skips eight bytes at a time while none matches: XOR turns a match into a zero byte, and
        // (x - 0x01...) & ~x & 0x80... is non-zero exactly when x has a zero byte. The match is then located
        // byte by byte below.
        while index + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ pattern
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < range.upperBound {
            if bytes[index] == target { return index }
            index += 1
        }
        return nil
    }

    /// `value` in decimal, left-padded with zeros to `width`.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The bytes in `range` as a String (UTF-8 decoded with replacement, which never happens for our input).
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(utf8Bytes: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Whether the bytes at `offset` equal `literal` (ASCII), compared exactly.
    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset >= 0, offset + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for index in 0..<count where bytes[offset + index] != start[index] { return false }
        return true
    }

    /// Like ``hasPrefix(_:at:_:)`` but ignoring ASCII letter case.
    static func hasPrefixIgnoringCase(
        _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ literal: StaticString
    ) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset >= 0, offset + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for index in 0..<count where lowercased(bytes[offset + index]) != lowercased(start[index]) { return false }
        return true
    }

    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }
}
