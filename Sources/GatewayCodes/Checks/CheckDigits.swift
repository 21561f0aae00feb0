/// Check digit and check character algorithms shared by the grammars and the hospital rules.
enum CheckDigits {
    /// GS1 mod 10 over `range` whose last byte is the check digit (weights 3,1,3... from the right).
    static func gs1Mod10IsValid(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 2, let expected = gs1Mod10(bytes, range.lowerBound..<(range.upperBound - 1)) else {
            return false
        }
        return bytes[range.upperBound - 1] == expected
    }

    /// The GS1 mod-10 check digit (as an ASCII byte) for the digits in `range`; nil if a byte is not a digit.
    static func gs1Mod10(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt8? {
        guard !range.isEmpty else { return ASCII.zero }
        guard ASCII.allDigits(bytes, range) else { return nil }
        // Digits in pairs from the right (weight 3, then 1), checked once above: about half the instructions
        // of a loop that tests and toggles per digit; every GS1 key runs this.
        var weightedThree = 0
        var weightedOne = 0
        var index = range.upperBound - 1
        // Eight digits at a time from the right (a GTIN's 13 data digits: one word and five single digits).
        // In a little-endian word of the eight bytes ending at `index`, the odd byte offsets (1, 3, 5, 7) have
        // weight 3, the even ones weight 1; each group is summed in 16-bit lanes by one multiplication.
        if let base = bytes.baseAddress {
            while index - range.lowerBound >= 7 {
                let word = UnsafeRawPointer(base + index - 7).loadUnaligned(as: UInt64.self) &- 0x3030_3030_3030_3030
                weightedThree &+= Int((((word >> 8) & 0x00FF_00FF_00FF_00FF) &* 0x0001_0001_0001_0001) >> 48)
                weightedOne &+= Int(((word & 0x00FF_00FF_00FF_00FF) &* 0x0001_0001_0001_0001) >> 48)
                index -= 8
            }
        }
        while index > range.lowerBound {
            weightedThree &+= Int(bytes[index] &- ASCII.zero)
            weightedOne &+= Int(bytes[index - 1] &- ASCII.zero)
            index -= 2
        }
        if index == range.lowerBound { weightedThree &+= Int(bytes[index] &- ASCII.zero) }
        let sum = weightedThree &* 3 &+ weightedOne
        return ASCII.zero + UInt8((10 - sum % 10) % 10)
    }

    /// Luhn: `range` including its final check digit sums to 0 mod 10.
    static func luhnIsValid(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 2 else { return false }
        var sum = 0
        var double = false
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            guard ASCII.isDigit(bytes[index]) else { return false }
            var digit = Int(bytes[index] - ASCII.zero)
            if double {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            double.toggle()
        }
        return sum % 10 == 0
    }

    /// ISO/IEC 7064 pure system check character for `range` with modulus 11 (radix 2, check `0-9X`) or 37
    /// (radix 2, check `0-9A-Z*`); nil if a character is outside the alphabet.
    static func iso7064(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, modulus: Int) -> UInt8? {
        var sum = 0
        for index in range {
            guard let value = iso7064Value(bytes[index], modulus: modulus) else { return nil }
            sum = ((sum + value) * 2) % modulus
        }
        let check = (modulus + 1 - sum) % modulus
        return iso7064Character(check, modulus: modulus)
    }

    private static func iso7064Value(_ byte: UInt8, modulus: Int) -> Int? {
        if ASCII.isDigit(byte) { return Int(byte - ASCII.zero) }
        if modulus == 37, ASCII.isUpper(byte) { return Int(byte - UInt8(ascii: "A")) + 10 }
        return nil
    }

    private static func iso7064Character(_ value: Int, modulus: Int) -> UInt8 {
        if value < 10 { return ASCII.zero + UInt8(value) }
        if modulus == 11 { return UInt8(ascii: "X") }
        return value == 36 ? UInt8(ascii: "*") : UInt8(ascii: "A") + UInt8(value - 10)
    }

    /// Whether the last byte of `range` is the correct check character of the rest under `algorithm`.
    static func isValid(_ algorithm: CheckAlgorithm, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 2 else { return false }
        let body = range.lowerBound..<(range.upperBound - 1)
        let actual = bytes[range.upperBound - 1]
        switch algorithm {
        case .gs1Mod10: return gs1Mod10IsValid(bytes, range)
        case .luhn: return luhnIsValid(bytes, range)
        case .iso7064Mod11_2: return iso7064(bytes, body, modulus: 11) == actual
        case .iso7064Mod37_2: return iso7064(bytes, body, modulus: 37) == actual
        case .mod43: return Mod43.checkCharacter(bytes, body) == actual
        }
    }
}
