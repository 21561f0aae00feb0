/// The state of one HIBCC decode besides its fields (which go straight into the caller's result, see
/// `DecodedCode+InPlace`): warnings, the first error and the primary line's check character.
struct HIBCCResult {
    let input: InputText
    let symbology: Range<Int>?
    var warnings: [CodeWarning] = []
    var error: DecodeError?
    var primaryCheck: UInt8?

    init(input: InputText, symbology: Range<Int>?) {
        self.input = input
        self.symbology = symbology
    }

    @discardableResult
    mutating func fail(_ kind: DecodeErrorKind, _ message: @autoclosure @escaping @Sendable () -> String,
                       at offset: Int) -> Bool {
        if error == nil { error = input.error(kind, at: offset, rendering: message) }
        return false
    }

    /// The mod-43 check character at `check` must match the data in `data`.
    mutating func verifyCheck(_ data: Range<Int>, check: Int, _ fields: inout CodeFields) -> Bool {
        let actual = input.bytes[check]
        fields.text.set(.check, check..<(check + 1))
        guard let expected = Mod43.checkCharacter(input.bytes, data), expected == actual else {
            let expectedText = Mod43.checkCharacter(input.bytes, data).map { String(UnicodeScalar($0)) } ?? "?"
            return fail(.checkCharacter, "check character should be '\(expectedText)'", at: check)
        }
        return true
    }

    /// Completes `result`, whose fields the parser filled: an `hibcc` result, or on error an invalid one
    /// that keeps only the raw input.
    func finish(into result: inout DecodedCode) {
        if let error {
            result.becomeInvalid(error, input: input, symbology: symbology, raw: 0..<input.bytes.count)
        } else {
            result.kind = .hibcc
        }
        // The result's warnings are empty since its reset (the parser adds warnings here, not there);
        // assigning an empty array would still retain and release the empty-array storage.
        if !warnings.isEmpty { result.warnings = warnings }
    }
}
