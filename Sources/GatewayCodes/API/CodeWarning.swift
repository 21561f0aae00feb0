/// Something a lenient decode accepted but a strict validator or a careful reader should know.
public struct CodeWarning: KindedMessage, Sendable, Equatable, Codable, CustomStringConvertible {
    /// Machine-readable category.
    public var kind: CodeWarningKind
    /// Human-readable explanation.
    public var message: String {
        get { deferredMessage.text }
        set { deferredMessage = DeferredMessage(newValue) }
    }
    /// 0-based offset in Unicode scalars into the input as received, when tied to one place.
    public var position: Int?

    /// The message, possibly not yet rendered (see `DeferredMessage`).
    private var deferredMessage: DeferredMessage

    /// Creates a warning.
    public init(kind: CodeWarningKind, message: String, position: Int? = nil) {
        self.kind = kind
        deferredMessage = DeferredMessage(message)
        self.position = position
    }

    /// Creates a warning whose message is rendered when first read.
    init(kind: CodeWarningKind, position: Int?, message: @escaping @Sendable () -> String) {
        self.kind = kind
        deferredMessage = DeferredMessage(rendering: message)
        self.position = position
    }
}

/// Warning categories; the raw value is the JSON `kind` inside `warnings`.
public enum CodeWarningKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// A fixed-length AI that requires FNC1 was not followed by GS (strict: error `missing_separator`).
    case missingSeparator = "missing_separator"
    /// A variable-length value ends with something that parses as further AIs: a GS may have been swallowed.
    case possibleMissingSeparator = "possible_missing_separator"
    /// Two GS in a row (an empty element) (strict: error `syntax`).
    case emptyElement = "empty_element"
    /// A req= or ex= rule of the GS1 dictionary is violated, or an AI repeats (strict: error `pairing`).
    case pairing
    /// A linter that is recognised but not fully implemented (coupon codes, package types) let the value pass.
    case notValidated = "not_validated"
    /// A Digital Link detail that strict mode rejects (short GTIN padded, non-attribute query AI...).
    case digitalLink = "digital_link"
    /// The content was recognised but deliberately not parsed (AHM, unknown ISBT 128 structure...).
    case unparsed
    /// A HIBCC / ISBT 128 / MA detail that is tolerated (unknown tag, odd supplemental field...).
    case grammar
    /// Input looked like a literal GS substitute (e.g. `<GS>`) that is not configured as an alias.
    case possibleGSAlias = "possible_gs_alias"
    /// No configured hospital rule matched this in-house looking code.
    case noRuleMatched = "no_rule_matched"
}
