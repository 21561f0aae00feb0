/// A list of byte ranges that keeps its first 16 elements inline (no heap) and only spills to an array
/// beyond that.
///
/// Why: grammars split their input into a handful of parts (URI path segments, MA parts); building those
/// as Arrays was the only heap allocation left in decoding Digital Link and MA codes. Not generic on
/// purpose: a generic version was not specialised and paid for runtime metadata lookups on every use.
struct RangeList: RandomAccessCollection {
    static let inlineCapacity = 16

    private var inline = InlineArray<16, Range<Int>>(repeating: 0..<0)
    private var spilled: [Range<Int>] = []
    private(set) var count = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Range<Int> {
        precondition(position >= 0 && position < count, "RangeList index out of range")
        return position < Self.inlineCapacity ? inline[position] : spilled[position - Self.inlineCapacity]
    }

    mutating func append(_ range: Range<Int>) {
        if count < Self.inlineCapacity { inline[count] = range } else { spilled.append(range) }
        count += 1
    }
}
