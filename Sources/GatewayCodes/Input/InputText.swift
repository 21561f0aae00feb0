/// The normalised input bytes of one decode plus what is needed to report positions in input characters.
struct InputText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// False when the bytes contain UTF-8 multi-byte sequences (positions then need counting).
    let isASCII: Bool
    /// A String whose UTF-8 starts with `bytes` (the scanned text itself when it needed no rewriting), so
    /// results can keep ranges into it instead of copying values (see `FieldText`).
    let source: String

    /// 0-based Unicode scalar offset of byte `offset` in the input as received. Full-width folding turns one
    /// 3-byte scalar into one byte, so counting lead bytes of the normalised text gives the original offset.
    func characterPosition(_ offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        guard !isASCII else { return clamped }
        var count = 0
        for index in 0..<clamped where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    func error(_ kind: DecodeErrorKind, _ message: String, at offset: Int?) -> DecodeError {
        DecodeError(kind: kind, message: message, position: offset.map(characterPosition))
    }

    func warning(_ kind: CodeWarningKind, _ message: String, at offset: Int?) -> CodeWarning {
        CodeWarning(kind: kind, message: message, position: offset.map(characterPosition))
    }

    func string(_ range: Range<Int>) -> String { ASCII.string(bytes, range) }
}
