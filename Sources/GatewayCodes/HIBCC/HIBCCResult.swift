/// Accumulates the fields of one HIBCC decode and its first error.
struct HIBCCResult {
    let input: InputText
    let symbology: Range<Int>?
    var fields: CodeFields
    var warnings: [CodeWarning] = []
    var error: DecodeError?
    var primaryCheck: UInt8?

    init(input: InputText, symbology: Range<Int>?) {
        self.input = input
        self.symbology = symbology
        fields = CodeFields(input: input, symbology: symbology)
    }

    @discardableResult
    mutating func fail(_ kind: DecodeErrorKind, _ message: String, at offset: Int) -> Bool {
        if error == nil { error = input.error(kind, message, at: offset) }
        return false
    }

    mutating func failure(_ kind: DecodeErrorKind, _ message: String, at offset: Int) -> DecodedCode {
        fail(kind, message, at: offset)
        return finish()
    }

    /// The mod-43 check character at `check` must match the data in `data`.
    mutating func verifyCheck(_ data: Range<Int>, check: Int) -> Bool {
        let actual = input.bytes[check]
        fields.text.set(.check, check..<(check + 1))
        guard let expected = Mod43.checkCharacter(input.bytes, data), expected == actual else {
            let expectedText = Mod43.checkCharacter(input.bytes, data).map { String(UnicodeScalar($0)) } ?? "?"
            return fail(.checkCharacter, "check character should be '\(expectedText)'", at: check)
        }
        return true
    }

    consuming func finish() -> DecodedCode {
        if let error {
            var failed = CodeFields(input: input, symbology: symbology)
            failed.text.set(.raw, 0..<input.bytes.count)
            return .invalid(error, fields: failed, warnings: warnings)
        }
        return DecodedCode(kind: .hibcc, fields: fields, warnings: warnings)
    }
}
