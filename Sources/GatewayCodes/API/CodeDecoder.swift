/// Decodes one scan (bytes or text) into a ``DecodedCode``. Pure: no I/O, no clock, no Foundation.
///
/// ```swift
/// let decoder = CodeDecoder(options: DecodeOptions(referenceDate: CivilDate(year: 2026, month: 11, day: 23)))
/// let code = decoder.decode("]d201095060001343521725123110ABC123\u{1D}21SN0001")
/// code.kind      // .gs1
/// code.expiry    // 2025-12-31
/// ```
///
/// `decode` never throws and never traps, whatever the bytes; see docs/codes.md for the decision order.
public struct CodeDecoder: Sendable {
    /// Inputs longer than this (in bytes, before normalisation) are `not_a_barcode` without being scanned.
    public static let maximumInputLength = 4096

    /// The options this decoder was created with.
    public let options: DecodeOptions
    let separators: GSSeparatorMatcher
    let rules: [CompiledHospitalRule]
    /// The GS1 tables, fetched once here rather than on each use (see `GS1Tables`).
    let gs1Tables = GS1Tables.shared

    /// Creates a decoder; precomputes GS substitute and hospital rule matchers once.
    public init(options: DecodeOptions = .init()) {
        self.options = options
        separators = GSSeparatorMatcher(aliases: options.gsAliases)
        rules = options.hospitalRules.map(CompiledHospitalRule.init)
    }

    // Both `decode(_:)` start from `DecodedCode()` (see there why).

    /// Decodes raw scanner bytes (UTF-8 expected; anything else is reported, not trapped on).
    public func decode(_ bytes: some Collection<UInt8>) -> DecodedCode {
        var result = DecodedCode()
        decode(bytes, into: &result)
        return result
    }

    /// Decodes text (its UTF-8 bytes).
    public func decode(_ text: String) -> DecodedCode {
        var result = DecodedCode()
        decode(text, into: &result)
        return result
    }

    /// Decodes raw scanner bytes into `result`, replacing everything it held: the same value as
    /// `decode(_:)` returns, written in place, so a caller decoding in a loop can reuse one result.
    public func decode(_ bytes: some Collection<UInt8>, into result: inout DecodedCode) {
        if bytes.withContiguousStorageIfAvailable({ decode(buffer: $0, text: nil, into: &result) }) != nil { return }
        let copy = Array(bytes.prefix(Self.maximumInputLength + 1))
        copy.withUnsafeBufferPointer { decode(buffer: $0, text: nil, into: &result) }
    }

    /// Decodes text into `result`, replacing everything it held, like the bytes variant.
    ///
    /// ```swift
    /// var code = DecodedCode(kind: .invalid)
    /// for scan in scans {
    ///     decoder.decode(scan, into: &code)
    ///     if let gtin = code.gtin { print(gtin) }
    /// }
    /// ```
    public func decode(_ text: String, into result: inout DecodedCode) {
        // Why in place: a result is a few hundred bytes, and returning it through each layer below copied it
        // once per layer; writing into the caller's storage copies it once. The UTF-8 of a native or small
        // string is read where it is (withUTF8 on a `var` copy would retain and release the text).
        let decodedInPlace: Void? = text.utf8.withContiguousStorageIfAvailable {
            decode(buffer: $0, text: text, into: &result)
        }
        if decodedInPlace != nil { return }
        var contiguous = text
        contiguous.withUTF8 { decode(buffer: $0, text: text, into: &result) }
    }

    /// `text` is the String whose UTF-8 `raw` is, when the scan came as text: results then refer to it
    /// instead of copying the decoded values out of it.
    func decode(buffer raw: UnsafeBufferPointer<UInt8>, text: String?, into result: inout DecodedCode) {
        guard raw.count <= Self.maximumInputLength else {
            result = .invalid(DecodeError(kind: .notABarcode,
                                          message: "input exceeds \(Self.maximumInputLength) bytes", position: nil))
            return
        }
        let end = InputNormalizer.trimmedEnd(raw, stripTerminators: options.stripTerminators)
        guard end > 0 else {
            result = .invalid(DecodeError(kind: .notABarcode, message: "empty input", position: 0))
            return
        }
        let nonASCII = InputNormalizer.containsNonASCII(raw, count: end)
        guard (nonASCII && options.foldFullWidth) || options.invertCapsLock else {
            let bytes = UnsafeBufferPointer(rebasing: raw[0..<end])
            result.adoptSource(text ?? String(decoding: bytes, as: UTF8.self))
            route(InputText(bytes: bytes, isASCII: !nonASCII), into: &result)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end) { buffer in
            let count = InputNormalizer.rewrite(raw, count: end, into: buffer, foldFullWidth: options.foldFullWidth,
                                                invertCase: options.invertCapsLock)
            let bytes = UnsafeBufferPointer(start: buffer.baseAddress, count: count)
            let stillNonASCII = nonASCII && InputNormalizer.containsNonASCII(bytes, count: count)
            result.adoptSource(String(decoding: bytes, as: UTF8.self))
            route(InputText(bytes: bytes, isASCII: !stillNonASCII), into: &result)
        }
    }

    private func route(_ input: InputText, into result: inout DecodedCode) {
        if !input.isASCII, let bad = InputNormalizer.firstInvalidUTF8(input.bytes) {
            result = .invalid(input.error(.charset, "input is not valid UTF-8", at: bad))
            return
        }
        ContentRouter(decoder: self, input: input).decode(into: &result)
    }
}
