/// A list of byte ranges that keeps its first 16 elements inline (no heap) and only spills to an array
/// beyond that.
///
/// Why: grammars split their input into a handful of parts (URI path segments, MA parts); building those
/// as Arrays was the only heap allocation left in decoding Digital Link and MA codes. Not generic on
/// purpose: a generic version was not specialised and paid for runtime metadata lookups on every use.
struct RangeList: RandomAccessCollection {
    static let inlineCapacity = 16

    // Bounds in SIMD vectors rather than an InlineArray of ranges: reading an InlineArray element copied the
    // whole 256-byte array first.
    private var lowerBounds = SIMD16<Int>()
    private var upperBounds = SIMD16<Int>()
    private var spilled: [Range<Int>] = []
    private(set) var count = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Range<Int> {
        precondition(position >= 0 && position < count, "RangeList index out of range")
        guard position < Self.inlineCapacity else { return spilled[position - Self.inlineCapacity] }
        return lowerBounds[position]..<upperBounds[position]
    }

    mutating func append(_ range: Range<Int>) {
        if count < Self.inlineCapacity {
            lowerBounds[count] = range.lowerBound
            upperBounds[count] = range.upperBound
        } else {
            spilled.append(range)
        }
        count += 1
    }
}
