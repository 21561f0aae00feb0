/// The GS1 AI table (generated from the GS1 Barcode Syntax Dictionary) and its precomputed lookups.
///
/// Lookup is one array access: `fourDigitIndex[d1d2d3d4]` gives the definition index for data starting with
/// those four digits, since AIs are prefix-free (a two-digit AI fills 100 slots, a three-digit AI 10).
public enum GS1ApplicationIdentifierTable {
    /// Number of AIs in the table (ranges such as 3100-3105 expanded).
    public static var count: Int { definitions.count }

    /// All AI codes in lexical order.
    public static var allAIs: [String] { definitions.map(\.ai) }

    /// Human title of an AI (e.g. `"USE BY or EXPIRY"`), nil if unknown.
    public static func title(of ai: String) -> String? {
        definitionIndex(ai: ai).map { definitions[$0].title }
    }

    static let definitions: [GS1AIDefinition] = GS1AISpecificationParser.definitions(from: specification)
    static let records: [GS1AIRecord] = buildRecords()
    static let components: [GS1Component] = definitions.flatMap(\.components)
    static let aiStrings: [String] = definitions.map(\.ai)
    static let fourDigitIndex: [Int16] = buildIndex()
    static let pairing = GS1PairingRule.compileAll()
    /// Definition index of AI (01), the GTIN.
    static let gtinDefinition: Int = definitionIndex(ai: "01") ?? 0

    /// Index of the definition of `ai` (exact code), nil if unknown.
    static func definitionIndex(ai: String) -> Int? {
        let bytes = Array(ai.utf8)
        guard (2...4).contains(bytes.count), bytes.allSatisfy(ASCII.isDigit) else { return nil }
        var key = 0
        for byte in bytes { key = key * 10 + Int(byte - ASCII.zero) }
        for _ in bytes.count..<4 { key *= 10 }
        let index = Int(fourDigitIndex[key])
        guard index >= 0, aiStrings[index] == ai else { return nil }
        return index
    }

    /// The AI starting at `position` (digits before `end`), as a definition index; nil if none.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Int? {
        GS1Tables.shared.lookup(bytes, at: position, end: end)
    }

    private static func buildRecords() -> [GS1AIRecord] {
        var first = 0
        return definitions.map { definition in
            let record = GS1AIRecord(
                aiLength: UInt8(definition.ai.utf8.count),
                predefinedLength: definition.predefinedLength,
                digitalLinkAttribute: definition.digitalLinkAttribute,
                isPrimaryKey: definition.dlPrimaryKeyQualifiers != nil,
                firstComponent: UInt16(first),
                componentCount: UInt8(definition.components.count),
                minLength: UInt8(definition.components.filter { !$0.isOptional }.reduce(0) { $0 + Int($1.minLength) }),
                maxLength: UInt8(definition.components.reduce(0) { $0 + Int($1.maxLength) }),
                field: GS1Field.forAI(definition.ai)
            )
            first += definition.components.count
            return record
        }
    }

    private static func buildIndex() -> [Int16] {
        var index = [Int16](repeating: -1, count: 10_000)
        for (position, ai) in definitions.map(\.ai).enumerated() {
            var key = 0
            for byte in ai.utf8 { key = key * 10 + Int(byte - ASCII.zero) }
            var span = 1
            for _ in ai.utf8.count..<4 {
                key *= 10
                span *= 10
            }
            for slot in key..<(key + span) { index[slot] = Int16(position) }
        }
        return index
    }
}
