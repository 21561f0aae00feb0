/// Why an input was rejected: a machine ``kind``, a human ``message`` and the character ``position``.
public struct DecodeError: KindedMessage, Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// Machine-readable category.
    public var kind: DecodeErrorKind
    /// What failed, for a person reading a log line.
    public var message: String {
        get { deferredMessage.text }
        set { deferredMessage = DeferredMessage(newValue) }
    }
    /// 0-based offset in Unicode scalars into the input as received (nil when not tied to one character).
    public var position: Int?

    /// The message, possibly not yet rendered (see `DeferredMessage`).
    private var deferredMessage: DeferredMessage

    /// Creates an error.
    public init(kind: DecodeErrorKind, message: String, position: Int? = nil) {
        self.kind = kind
        deferredMessage = DeferredMessage(message)
        self.position = position
    }

    /// Creates an error whose message is rendered when first read.
    init(kind: DecodeErrorKind, position: Int?, message: @escaping @Sendable () -> String) {
        self.kind = kind
        deferredMessage = DeferredMessage(rendering: message)
        self.position = position
    }
}

/// Error categories; the raw value is the JSON `error_kind`.
public enum DecodeErrorKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// Structure does not follow the grammar: unknown AI, wrong length, empty element...
    case syntax
    /// A character is outside the allowed character set (or the input is not valid UTF-8).
    case charset
    /// A GS1 mod-10 (or alphanumeric pair) check digit is wrong.
    case checkDigit = "check_digit"
    /// A date or time does not exist (month 13, day 32, 24:00...).
    case date
    /// A GS1 component linter rejected the value (country, currency, flags...).
    case lint
    /// A variable-length value overruns its maximum: a GS separator was swallowed.
    case missingSeparator = "missing_separator"
    /// Mandatory (req=) or exclusive (ex=) AI pairing violated, or a duplicate AI (strict mode only).
    case pairing
    /// The symbology identifier is unknown, or its data does not fit it (EAN with a bad check digit...).
    case symbology
    /// A GS1 Digital Link URI problem (scheme case, no primary key, compressed form, qualifier order...).
    case digitalLink = "digital_link"
    /// A HIBCC mod-43 check character (or secondary link character) is wrong.
    case checkCharacter = "check_character"
    /// An ISBT 128 compound message declares a different number of data structures than it has.
    case compoundCount = "compound_count"
    /// Empty, too large, or not something a barcode scanner produces.
    case notABarcode = "not_a_barcode"
    /// More than one in-hospital rule (or a rule and a standard grammar) claim the input.
    case ambiguous
}
