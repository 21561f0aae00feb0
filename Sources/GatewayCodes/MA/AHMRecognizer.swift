/// AliHealth AHM codes (`MF` + DI + tagged PI). The layout is unverified, so the code is recognised and
/// passed through unparsed (with a warning) rather than guessed at.
enum AHMRecognizer {
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count >= 4 && ASCII.hasPrefix(bytes, at: range.lowerBound, "MF")
            && ASCII.isDigit(bytes[range.lowerBound + 2])
    }

    /// Writes the recognised, unparsed AHM code into `result` (cleared first).
    static func decode(_ input: InputText, _ range: Range<Int>, symbology: Range<Int>?,
                       into result: inout DecodedCode) {
        result.reset(to: .ahm, input: input, symbology: symbology)
        result.fields.text.set(.raw, range)
        result.warnings = [input.warning(.unparsed, "AHM code recognised but not parsed (layout unverified)",
                                         at: range.lowerBound)]
    }
}
