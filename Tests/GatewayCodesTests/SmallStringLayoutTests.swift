import Testing

@testable import GatewayCodes

/// `String(utf8Bytes:)` packs short ASCII values straight into a small string's two words; these tests hold it
/// to `String(decoding:as:)` for every length, so a change in the standard library's layout fails here first.
@Suite("Small ASCII strings built from words")
struct SmallStringLayoutTests {
    @Test("every length 0...20, every printable and control byte, at every offset: equal to String(decoding:as:)")
    func utf8BytesMatchesDecoding() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...20, using: &random)
            let offset = Int.random(in: 0...3, using: &random)
            var bytes = (0..<(offset + count + 3)).map { _ in UInt8.random(in: 0...0x7F, using: &random) }
            if count > 0, Int.random(in: 0..<4, using: &random) == 0 {
                let position = offset + Int.random(in: 0..<count, using: &random)
                bytes[position] = UInt8.random(in: 0x80...0xFF, using: &random)
            }
            bytes.withUnsafeBufferPointer { all in
                let slice = UnsafeBufferPointer(rebasing: all[offset..<(offset + count)])
                let built = String(utf8Bytes: slice)
                let expected = String(decoding: slice, as: UTF8.self)
                #expect(built == expected, "\(Array(slice))")
                #expect(Array(built.utf8) == Array(expected.utf8), "\(Array(slice))")
                #expect(built.utf8.count == expected.utf8.count)
                #expect(built.count == expected.count)
                #expect(built.hashValue == expected.hashValue)
                #expect(built.unicodeScalars.elementsEqual(expected.unicodeScalars))
                var copy = built
                copy.append("x")
                #expect(copy == expected + "x")
            }
        }
    }

    @Test("a packed string compares, hashes and sorts like a literal")
    func packedStringBehavesLikeLiteral() {
        let values = ["", "1", "17", "ABC", "3103", "251231", "ABC123", "L-1/2&3", "09506000134352", "123456789012345"]
        for value in values {
            var utf8 = Array(value.utf8)
            let built = utf8.withUnsafeBufferPointer { String(utf8Bytes: $0) }
            #expect(built == value)
            #expect(Set([built, value]).count == 1)
            #expect(built.isEmpty == value.isEmpty)
            #expect(built.hasPrefix(String(value.prefix(2))))
            var contiguous = built
            #expect(contiguous.withUTF8 { Array($0) } == utf8)
            utf8.removeAll()
        }
        #expect(values.sorted() == values.map { value in
            Array(value.utf8).withUnsafeBufferPointer { String(utf8Bytes: $0) }
        }.sorted())
    }
}
