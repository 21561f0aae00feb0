/// Bitmap lookups over ``ISOCodeLists``, built once.
enum ISOCodes {
    private static let countryNumericBits: [Bool] = bitmap(ISOCodeLists.countryNumeric, size: 1000)
    private static let currencyBits: [Bool] = bitmap(ISOCodeLists.currencyNumeric, size: 1000)
    private static let alpha2Bits: [Bool] = bitmap(ISOCodeLists.countryAlpha2.map { code in
        let bytes = UnsafeBufferPointer(start: code.utf8Start, count: code.utf8CodeUnitCount)
        return Int(bytes[0] - UInt8(ascii: "A")) * 26 + Int(bytes[1] - UInt8(ascii: "A"))
    }, size: 26 * 26)

    static func isCountryNumeric(_ code: Int) -> Bool { (0..<1000).contains(code) && countryNumericBits[code] }
    static func isCurrency(_ code: Int) -> Bool { (0..<1000).contains(code) && currencyBits[code] }

    static func isCountryAlpha2(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count == 2, ASCII.isUpper(bytes[range.lowerBound]), ASCII.isUpper(bytes[range.lowerBound + 1])
        else { return false }
        let index = Int(bytes[range.lowerBound] - UInt8(ascii: "A")) * 26
            + Int(bytes[range.lowerBound + 1] - UInt8(ascii: "A"))
        return alpha2Bits[index]
    }

    private static func bitmap(_ codes: [Int], size: Int) -> [Bool] {
        var bits = [Bool](repeating: false, count: size)
        for code in codes where (0..<size).contains(code) { bits[code] = true }
        return bits
    }
}
