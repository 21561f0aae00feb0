import Testing

@testable import GatewayCodes

/// The word-at-a-time digit scan and the paired GS1 mod-10 sum against plain per-byte versions.
@Suite("Digit scans and GS1 mod 10")
struct ASCIIScanTests {
    @Test("allDigits agrees with a per-byte check for every byte value at every position and length")
    func allDigitsMatchesPerByteCheck() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...24, using: &random)
            var bytes = (0..<count).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random) }
            if count > 0, Bool.random(using: &random) {
                bytes[Int.random(in: 0..<count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            let start = count > 0 ? Int.random(in: 0..<count, using: &random) : 0
            let range = start..<count
            let expected = !range.isEmpty && range.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
            bytes.withUnsafeBufferPointer { buffer in
                #expect(ASCII.allDigits(buffer, range) == expected, "\(bytes) \(range)")
            }
        }
    }

    @Test("firstIndex(of:) finds the first occurrence like a per-byte search")
    func firstIndexMatchesPerByteSearch() {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...40, using: &random)
            // "=" and bytes one bit away from it (carries and borrows of the word test).
            let alphabet: [UInt8] = [UInt8(ascii: "="), 0x3C, 0x3F, 0xBD, 0x00, 0x41]
            let bytes = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            let start = count > 0 ? Int.random(in: 0...count, using: &random) : 0
            let expected = (start..<count).first { bytes[$0] == UInt8(ascii: "=") }
            bytes.withUnsafeBufferPointer { buffer in
                #expect(ASCII.firstIndex(of: UInt8(ascii: "="), buffer, start..<count) == expected, "\(bytes)")
            }
        }
    }

    @Test("gs1Mod10 agrees with the textbook weights 3,1,3... from the right")
    func mod10MatchesTextbook() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...19, using: &random)
            var bytes = (0..<count).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random) }
            if count > 0, Int.random(in: 0..<10, using: &random) == 0 { bytes[0] = UInt8(ascii: "A") }
            var sum = 0
            var valid = true
            for (offset, byte) in bytes.reversed().enumerated() {
                guard byte >= 0x30, byte <= 0x39 else { valid = false; break }
                sum += Int(byte - 0x30) * (offset % 2 == 0 ? 3 : 1)
            }
            let expected: UInt8? = valid ? UInt8(ascii: "0") + UInt8((10 - sum % 10) % 10) : nil
            bytes.withUnsafeBufferPointer { buffer in
                #expect(CheckDigits.gs1Mod10(buffer, 0..<count) == expected, "\(bytes)")
            }
        }
    }
}
