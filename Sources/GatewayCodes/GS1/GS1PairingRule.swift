/// A set of AI definition indices as a fixed bitmap (no heap), e.g. the AIs present in one message.
///
/// Stored as SIMD vectors so that `intersects` (run for every AI of every message by the pairing check) is
/// a few vector ANDs instead of a loop over ten words.
struct GS1AISet: Sendable {
    /// 640 bits: the 2026 dictionary has 541 AIs. Indices beyond are ignored rather than trapped on.
    static let capacity = 640
    private var low = SIMD8<UInt64>()  // indices 0..<512
    private var high = SIMD2<UInt64>()  // indices 512..<640

    init() {}

    // Word 0 (the AIs of most messages) by a constant index: reading or writing a SIMD element at a variable
    // index stored the whole vector to the stack and loaded it back, for every element of every message.
    @inline(__always) private func word(_ index: Int) -> UInt64 {
        index == 0 ? low[0] : index < 8 ? low[index] : high[index - 8]
    }

    @inline(__always) private mutating func update(_ index: Int, _ change: (inout UInt64) -> Void) {
        if index == 0 { change(&low[0]) } else if index < 8 { change(&low[index]) } else { change(&high[index - 8]) }
    }

    @inline(__always) mutating func insert(_ index: Int) {
        guard index >= 0, index < Self.capacity else { return }
        update(index >> 6) { $0 |= 1 << UInt64(index & 63) }
    }

    @inline(__always) mutating func remove(_ index: Int) {
        guard index >= 0, index < Self.capacity else { return }
        update(index >> 6) { $0 &= ~(1 << UInt64(index & 63)) }
    }

    @inline(__always) func contains(_ index: Int) -> Bool {
        index >= 0 && index < Self.capacity && word(index >> 6) & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always)
    func intersects(_ other: GS1AISet) -> Bool {
        // OR-reduced by hand: SIMD's `!=` compiles to a generic element loop here.
        let lowBoth = low & other.low
        let highBoth = high & other.high
        return (lowBoth[0] | lowBoth[1] | lowBoth[2] | lowBoth[3] | lowBoth[4] | lowBoth[5] | lowBoth[6] | lowBoth[7]
            | highBoth[0] | highBoth[1]) != 0
    }

    mutating func formUnion(_ other: GS1AISet) {
        low |= other.low
        high |= other.high
    }

    /// Smallest member, nil when empty.
    var first: Int? { first(after: -1) }

    /// Smallest member greater than `index`.
    func first(after index: Int) -> Int? {
        var word = (index + 1) >> 6
        guard word < 10 else { return nil }
        var bits = self.word(word) & (~0 << UInt64((index + 1) & 63))
        while true {
            if bits != 0 { return word << 6 | bits.trailingZeroBitCount }
            word += 1
            guard word < 10 else { return nil }
            bits = self.word(word)
        }
    }

    var isEmpty: Bool { low == .zero && high == .zero }

    /// Members 0..<64 as bits. The AIs of most messages (00-30, 240...) all have such small indices.
    @inline(__always) var firstWord: UInt64 { low[0] }

    /// Whether every member is below 64, so that ``firstWord`` alone decides an intersection with this set.
    var isWithinFirstWord: Bool {
        (low[1] | low[2] | low[3] | low[4] | low[5] | low[6] | low[7] | high[0] | high[1]) == 0
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
///
/// Plain values only (no nested arrays): checking a message's pairing is then a few word-wise ANDs per AI,
/// with nothing to retain. A `req=` attribute whose alternatives are single AIs or patterns (the common
/// `req=01,02,8006`) becomes one set that the message must meet; alternatives that need several AIs
/// together (`req=01+21`, seven attributes in the dictionary) are kept as conjunctions in a side table.
struct GS1PairingRule: Sendable {
    /// Up to two `req=` attributes (the most any AI of the dictionary has); `requirementCount` are in use.
    /// Two properties rather than an InlineArray: reading an InlineArray element copied the whole rule.
    let firstRequirement: GS1Requirement
    let secondRequirement: GS1Requirement
    let requirementCount: Int
    let excludes: GS1AISet

    init(definitionIndex: Int, conjunctions: inout [GS1AISet]) {
        let definition = GS1ApplicationIdentifierTable.definitions[definitionIndex]
        let groups = Array(definition.requires.prefix(2))
        firstRequirement = groups.count > 0 ? GS1Requirement(groups[0], conjunctions: &conjunctions) : GS1Requirement()
        secondRequirement = groups.count > 1 ? GS1Requirement(groups[1], conjunctions: &conjunctions) : GS1Requirement()
        requirementCount = groups.count
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
    }

    /// `req=` attribute `index` of AI `definition` as written, for messages.
    static func requiresText(_ definition: Int, _ index: Int) -> String {
        let requires = GS1ApplicationIdentifierTable.definitions[definition].requires
        guard index < requires.count else { return "" }
        return requires[index].map { $0.joined(separator: "+") }.joined(separator: ",")
    }

    /// Compiles the rules of every AI; conjunctions of all of them share one array.
    static func compileAll() -> (rules: [GS1PairingRule], conjunctions: [GS1AISet]) {
        var conjunctions: [GS1AISet] = []
        let rules = GS1ApplicationIdentifierTable.definitions.indices.map {
            GS1PairingRule(definitionIndex: $0, conjunctions: &conjunctions)
        }
        return (rules, conjunctions)
    }
}

/// One `req=` attribute: met when `present` contains an AI of `anyOf`, or every set of one conjunction.
struct GS1Requirement: Sendable {
    /// Union of the alternatives that are a single AI or pattern.
    let anyOf: GS1AISet
    /// Alternatives of several AIs: each is `conjunctionLength` consecutive sets of the conjunction table,
    /// starting at `conjunctionStart + k * conjunctionLength`; `conjunctionCount` of them.
    let conjunctionStart: Int
    let conjunctionLength: Int
    let conjunctionCount: Int

    init() {
        anyOf = GS1AISet()
        conjunctionStart = 0
        conjunctionLength = 0
        conjunctionCount = 0
    }

    init(_ alternatives: [[String]], conjunctions: inout [GS1AISet]) {
        var anyOf = GS1AISet()
        let multiple = alternatives.filter { $0.count > 1 }
        for alternative in alternatives where alternative.count == 1 {
            anyOf.formUnion(GS1AISet(pattern: alternative[0]))
        }
        self.anyOf = anyOf
        conjunctionStart = conjunctions.count
        // Pad every conjunction to the longest one with a repeat of its first set (same meaning, one stride).
        let length = multiple.map(\.count).max() ?? 0
        for alternative in multiple {
            let sets = alternative.map(GS1AISet.init(pattern:))
            conjunctions += sets + Array(repeating: sets[0], count: length - sets.count)
        }
        conjunctionLength = length
        conjunctionCount = multiple.count
    }

    /// Whether the AIs in `present` meet this attribute; `presentInFirstWord` is `present.isWithinFirstWord`.
    @inline(__always)
    func isMet(by present: GS1AISet, presentInFirstWord: Bool, conjunctions: UnsafeBufferPointer<GS1AISet>)
        -> Bool {
        // One word instead of ten when the message's AIs are all below 64 (most messages).
        if presentInFirstWord {
            if anyOf.firstWord & present.firstWord != 0 { return true }
            if conjunctionCount == 0 { return false }
        } else if present.intersects(anyOf) {
            return true
        }
        var start = conjunctionStart
        for _ in 0..<conjunctionCount {
            var all = true
            for index in start..<(start + conjunctionLength) where !present.intersects(conjunctions[index]) {
                all = false
                break
            }
            if all { return true }
            start += conjunctionLength
        }
        return false
    }
}

extension GS1AISet: Sequence {
    /// Members in increasing order, a word at a time (cheaper than repeated `first(after:)` searches).
    struct Iterator: IteratorProtocol {
        // The ten words copied out once with constant indices: reading a SIMD element at a variable index
        // stored the whole vector to memory first, on every word visited.
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        private var wordIndex = 0
        private var pending: UInt64
        /// The last word with members: iteration ends there instead of visiting the empty words after it
        /// (for most messages all nine words after the first).
        private let lastWord: Int

        init(low: SIMD8<UInt64>, high: SIMD2<UInt64>) {
            words = (low[0], low[1], low[2], low[3], low[4], low[5], low[6], low[7], high[0], high[1])
            pending = low[0]
            let (_, w1, w2, w3, w4, w5, w6, w7, w8, w9) = words
            lastWord = w9 != 0 ? 9 : w8 != 0 ? 8 : w7 != 0 ? 7 : w6 != 0 ? 6 : w5 != 0 ? 5
                : w4 != 0 ? 4 : w3 != 0 ? 3 : w2 != 0 ? 2 : w1 != 0 ? 1 : 0
        }

        mutating func next() -> Int? {
            while pending == 0 {
                wordIndex += 1
                guard wordIndex <= lastWord else { return nil }
                // A homogeneous tuple is laid out like a C array; wordIndex <= lastWord < 10 keeps the read inside it.
                pending = withUnsafeBytes(of: &words) { $0.load(fromByteOffset: wordIndex &* 8, as: UInt64.self) }
            }
            let bit = pending.trailingZeroBitCount
            pending &= pending &- 1
            return wordIndex << 6 | bit
        }
    }

    func makeIterator() -> Iterator { Iterator(low: low, high: high) }
}
