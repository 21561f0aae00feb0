/// The GS1 elements of a result as a collection that builds each ``AIElement`` when it is accessed.
///
/// `code.ais` builds an array (one heap allocation); `code.aiElements` does not, so counting or scanning the
/// elements of a decode allocates nothing as long as the values fit Swift's 15-byte small strings.
///
/// ```swift
/// for element in code.aiElements where element.ai == "17" { print(element.value) }
/// ```
public struct AIElementList: RandomAccessCollection, Sendable {
    // Only the parts of the result's FieldText that the elements need, each copied on its own: holding the
    // whole FieldText made `aiElements` copy the whole CodeFields (~350 bytes, retaining every reference) to
    // build one. Plain stored properties rather than an enum with payloads: the enum's payload was boxed.
    private let source: String
    private let derived: String
    private let extras: FieldExtras?
    private let values: SIMD8<UInt32>
    private let definitions: SIMD8<UInt16>
    private let recordedCount: Int
    private let explicit: [AIElement]?

    init(_ text: borrowing FieldText) {
        source = text.source
        derived = text.derived
        extras = text.extras
        values = text.elementValues
        definitions = text.elementDefinitions
        recordedCount = text.elementCount
        explicit = nil
    }

    init(_ elements: [AIElement]) {
        source = ""
        derived = ""
        extras = nil
        values = SIMD8()
        definitions = SIMD8()
        recordedCount = 0
        explicit = elements
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int { explicit?.count ?? recordedCount }

    public subscript(position: Int) -> AIElement {
        if let explicit { return explicit[position] }
        precondition(position >= 0 && position < recordedCount, "AIElementList index out of range")
        let definition = FieldText.elementDefinition(position, definitions, extras)
        let slot = FieldText.elementValueSlot(position, values, extras)
        return AIElement(definition: definition,
                         value: FieldText.string(slot, source: source, derived: derived, extras: extras) ?? "")
    }
}
