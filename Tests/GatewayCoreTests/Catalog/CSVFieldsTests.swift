import GatewayCore
import Testing

@Suite("CSV records split into fields")
struct CSVFieldsTests {
    @Test func splitsPlainAndQuotedRecords() {
        #expect(CSVFields.split(ArraySlice("PK0000000002,package,06971621006549,3,,,,,".utf8)) == [
            "PK0000000002", "package", "06971621006549", "3", "", "", "", "", "",
        ])
        #expect(CSVFields.split(ArraySlice("".utf8)) == [""])
        #expect(CSVFields.split(ArraySlice(",".utf8)) == ["", ""])
        #expect(CSVFields.split(ArraySlice("一次性使用无菌注射器,5 ml".utf8)) == ["一次性使用无菌注射器", "5 ml"])
        #expect(CSVFields.split(ArraySlice(#"a,"b,c","say ""hi""",d"#.utf8)) == ["a", "b,c", #"say "hi""#, "d"])
    }

    /// The unquoted path gives what splitting on commas and decoding each field with `String(decoding:as:)` gives,
    /// for fields of every length, non-ASCII text and ill-formed UTF-8 (repaired the same way).
    @Test func theUnquotedPathAgreesWithSplittingAndDecoding() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = [
            Array("A".utf8), Array("7".utf8), Array("-".utf8), Array(" ".utf8), Array(",".utf8), Array(",".utf8),
            Array("é".utf8), Array("注".utf8), Array("😀".utf8), [0xFF], [0xC3], [0x7F], [0x00],
        ]
        for _ in 0..<3_000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &random) { line += alphabet.randomElement(using: &random)! }
            let expected = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            #expect(CSVFields.split(line[...]) == expected, "\(line)")
            // The same bytes inside a larger buffer (a slice that does not start at 0).
            let padded = [UInt8(ascii: "x")] + line + [UInt8(ascii: "y")]
            #expect(CSVFields.split(padded[1..<(padded.count - 1)]) == expected, "\(line)")
        }
    }
}
