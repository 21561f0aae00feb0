/// The GS1 elements of a result as a collection that builds each ``AIElement`` when it is accessed.
///
/// `code.ais` builds an array (one heap allocation); `code.aiElements` does not, so counting or scanning the
/// elements of a decode allocates nothing as long as the values fit Swift's 15-byte small strings.
///
/// ```swift
/// for element in code.aiElements where element.ai == "17" { print(element.value) }
/// ```
public struct AIElementList: RandomAccessCollection, Sendable {
    // Two stored properties rather than an enum with payloads: the enum's large payload was boxed on the heap.
    private let recorded: FieldText
    private let explicit: [AIElement]?

    init(_ text: FieldText) {
        recorded = text
        explicit = nil
    }

    init(_ elements: [AIElement]) {
        recorded = FieldText()
        explicit = elements
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int { explicit?.count ?? recorded.elementCount }

    public subscript(position: Int) -> AIElement {
        if let explicit { return explicit[position] }
        precondition(position >= 0 && position < recorded.elementCount, "AIElementList index out of range")
        return AIElement(ai: GS1ApplicationIdentifierTable.aiStrings[recorded.elementDefinition(position)],
                         value: recorded.elementValue(position))
    }
}
