/// AliHealth AHM codes (`MF` + DI + tagged PI). The layout is unverified, so the code is recognised and
/// passed through unparsed (with a warning) rather than guessed at.
enum AHMRecognizer {
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count >= 4 && ASCII.hasPrefix(bytes, at: range.lowerBound, "MF") && ASCII.isDigit(bytes[range.lowerBound + 2])
    }

    static func decode(_ input: InputText, _ range: Range<Int>, symbology: Range<Int>?) -> DecodedCode {
        var fields = CodeFields(input: input, symbology: symbology)
        fields.text.set(.raw, range)
        return DecodedCode(kind: .ahm, fields: fields,
                           warnings: [input.warning(.unparsed, "AHM code recognised but not parsed (layout unverified)",
                                                    at: range.lowerBound)])
    }
}
