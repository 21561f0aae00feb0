/// The normalised input bytes of one decode plus what is needed to report positions in input characters.
///
/// Trivially copyable on purpose: every grammar and builder keeps a copy, and when it held the scan's `String`
/// too, each copy retained and released it. The String the ranges refer to goes into the result once, in
/// `CodeDecoder` (see `DecodedCode.adoptSource`).
struct InputText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// False when the bytes contain UTF-8 multi-byte sequences (positions then need counting).
    let isASCII: Bool

    /// 0-based Unicode scalar offset of byte `offset` in the input as received. Full-width folding turns one
    /// 3-byte scalar into one byte, so counting lead bytes of the normalised text gives the original offset.
    func characterPosition(_ offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        guard !isASCII else { return clamped }
        var count = 0
        for index in 0..<clamped where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// An error at byte `offset`; `message` is rendered only if the error's message is read (see
    /// `DeferredMessage`), so it must not read the input bytes.
    func error(_ kind: DecodeErrorKind, _ message: @autoclosure @escaping @Sendable () -> String, at offset: Int?)
        -> DecodeError {
        error(kind, at: offset, rendering: message)
    }

    /// Like ``error(_:_:at:)``, for a caller that already holds the rendering closure: passing it on as an
    /// autoclosure would wrap it in a second closure (a second allocation).
    func error(_ kind: DecodeErrorKind, at offset: Int?, rendering message: @escaping @Sendable () -> String)
        -> DecodeError {
        DecodeError(kind: kind, position: offset.map(characterPosition), message: message)
    }

    /// A warning at byte `offset`, its message rendered when read (like ``error(_:_:at:)``).
    func warning(_ kind: CodeWarningKind, _ message: @autoclosure @escaping @Sendable () -> String, at offset: Int?)
        -> CodeWarning {
        warning(kind, at: offset, rendering: message)
    }

    /// Like ``warning(_:_:at:)``, for a caller that already holds the rendering closure.
    func warning(_ kind: CodeWarningKind, at offset: Int?, rendering message: @escaping @Sendable () -> String)
        -> CodeWarning {
        CodeWarning(kind: kind, position: offset.map(characterPosition), message: message)
    }

    func string(_ range: Range<Int>) -> String { ASCII.string(bytes, range) }
}
