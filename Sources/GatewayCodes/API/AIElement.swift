/// One GS1 element: Application Identifier and its value, in message order. JSON: `["17", "251231"]`.
public struct AIElement: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The AI digits, e.g. `"3103"`.
    public var ai: String {
        get {
            switch storedAI {
            case .definition(let index): return GS1ApplicationIdentifierTable.aiStrings[Int(index)]
            case .text(let text): return text
            }
        }
        set { storedAI = .text(newValue) }
    }
    /// The value as carried in the data (percent-decoded for Digital Link).
    public var value: String

    /// The AI of a decoded element as its index in the GS1 dictionary, or the text given to the initialiser
    /// or setter. Why: `ais` builds an array of elements on every read, and an AI `String` in each element
    /// was retained when the element was made and released with the array (about 25 instructions per
    /// element); an index is neither.
    private var storedAI: StoredAI

    private enum StoredAI: Sendable {
        case definition(UInt16)
        case text(String)
    }

    /// Creates an element.
    public init(ai: String, value: String) {
        storedAI = .text(ai)
        self.value = value
    }

    /// An element of AI `definition` (an index into the GS1 dictionary), as decoded.
    init(definition: Int, value: String) {
        storedAI = .definition(UInt16(truncatingIfNeeded: definition))
        self.value = value
    }

    /// Elements are equal when their AI digits and values are, however the AI is stored.
    public static func == (lhs: AIElement, rhs: AIElement) -> Bool {
        lhs.value == rhs.value && lhs.ai == rhs.ai
    }

    /// For decimal AIs (310n-369n, 390n-395n, 7004 excluded): the number of implied decimal places, else nil.
    public var decimalPlaces: Int? { GS1DecimalAI.decimalPlaces(ai: ai) }

    /// For decimal AIs: the value with its decimal point placed, e.g. (3103) `000195` -> `"0.195"`;
    /// for (391n)/(393n) the ISO 4217 currency prefix is left out (see ``currencyCode``).
    public var decimalValue: String? { GS1DecimalAI.decimalString(ai: ai, value: value) }

    /// For (391n)/(393n): the ISO 4217 numeric currency code in front of the amount.
    public var currencyCode: String? { GS1DecimalAI.currency(ai: ai, value: value) }

    public var description: String { "(\(ai))\(value)" }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        storedAI = .text(try container.decode(String.self))
        value = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(ai)
        try container.encode(value)
    }
}
