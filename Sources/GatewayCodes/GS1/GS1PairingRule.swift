/// A set of AI definition indices as a fixed bitmap (no heap), e.g. the AIs present in one message.
struct GS1AISet: Sendable {
    /// 640 bits: the 2026 dictionary has 541 AIs. Indices beyond are ignored rather than trapped on.
    static let capacity = 640
    private var words = InlineArray<10, UInt64>(repeating: 0)

    init() {}

    @inline(__always) mutating func insert(_ index: Int) {
        guard index >= 0, index < Self.capacity else { return }
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    @inline(__always) mutating func remove(_ index: Int) {
        guard index >= 0, index < Self.capacity else { return }
        words[index >> 6] &= ~(1 << UInt64(index & 63))
    }

    @inline(__always) func contains(_ index: Int) -> Bool {
        index >= 0 && index < Self.capacity && words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always)
    func intersects(_ other: GS1AISet) -> Bool {
        for word in 0..<10 where words[word] & other.words[word] != 0 { return true }
        return false
    }

    /// Smallest member, nil when empty.
    var first: Int? { first(after: -1) }

    /// Smallest member greater than `index`.
    func first(after index: Int) -> Int? {
        var word = (index + 1) >> 6
        guard word < 10 else { return nil }
        var bits = words[word] & (~0 << UInt64((index + 1) & 63))
        while true {
            if bits != 0 { return word << 6 | bits.trailingZeroBitCount }
            word += 1
            guard word < 10 else { return nil }
            bits = words[word]
        }
    }

    var isEmpty: Bool {
        for word in 0..<10 where words[word] != 0 { return false }
        return true
    }

    /// All AIs matching a dictionary pattern such as `"01"`, `"394n"` or `"31nn"` (`n` = any digit).
    init(pattern: String) {
        let patternBytes = Array(pattern.utf8)
        for (index, ai) in GS1ApplicationIdentifierTable.aiStrings.enumerated() {
            let aiBytes = Array(ai.utf8)
            guard aiBytes.count == patternBytes.count else { continue }
            if zip(aiBytes, patternBytes).allSatisfy({ $1 == UInt8(ascii: "n") || $0 == $1 }) { insert(index) }
        }
    }
}

/// The `req=` and `ex=` attributes of one AI, compiled to bitmaps over definition indices.
struct GS1PairingRule: Sendable {
    /// Each element is one `req=` attribute: its alternatives, each a list of patterns that must all be present.
    let requires: [[[GS1AISet]]]
    let excludes: GS1AISet
    /// The `req=` attributes as written, for messages.
    let requiresText: [String]

    init(definitionIndex: Int) {
        let definition = GS1ApplicationIdentifierTable.definitions[definitionIndex]
        requires = definition.requires.map { group in group.map { alternative in alternative.map(GS1AISet.init) } }
        var excludes = GS1AISet()
        for pattern in definition.excludes {
            let set = GS1AISet(pattern: pattern)
            for index in GS1ApplicationIdentifierTable.aiStrings.indices where set.contains(index) {
                excludes.insert(index)
            }
        }
        // "An AI is not exclusive of itself even if it matches a pattern."
        excludes.remove(definitionIndex)
        self.excludes = excludes
        requiresText = definition.requires.map { group in group.map { $0.joined(separator: "+") }.joined(separator: ",") }
    }
}
