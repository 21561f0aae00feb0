/// The GS1 check character pair for alphanumeric keys (GMN (8013), MUDI (8014)), GS1 General Specifications
/// 7.9.5: each CSET 82 value times a prime weight (2 for the character before the pair, then 3, 5, 7...
/// leftwards), sum mod 1021, written as two CSET 32 characters (sum / 32, sum % 32).
enum GS1AlphanumericCheck {
    static let primes: [Int] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83]
    static let cset32: [UInt8] = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 3, range.count - 2 <= primes.count else { return false }
        let dataEnd = range.upperBound - 2
        var sum = 0
        var weight = 0
        var index = dataEnd
        while index > range.lowerBound {
            index -= 1
            guard let value = GS1CharacterSets.cset82Value(bytes[index]) else { return false }
            sum += value * primes[weight]
            weight += 1
        }
        sum %= 1021
        return bytes[dataEnd] == cset32[sum >> 5] && bytes[dataEnd + 1] == cset32[sum & 31]
    }
}
