/// The GS1 tables that parsing reads for every element, behind one reference that a decoder fetches once.
///
/// Why: every read of a `static let` goes through its one-time-initialisation check (a `swift_once` call,
/// about 15 instructions), and a GS1 decode read the AI tables 20-30 times. ``CodeDecoder`` keeps this
/// object from its creation and hands it to the GS1 builder, so decoding performs no such check for them.
/// The arrays are those of ``GS1ApplicationIdentifierTable`` (shared, not copied).
final class GS1Tables: Sendable {
    static let shared = GS1Tables()

    let records: [GS1AIRecord]
    let components: [GS1Component]
    let fourDigitIndex: [Int16]
    /// The `req=`/`ex=` rules by definition index, and the multi-AI alternatives of `req=` attributes (see
    /// `GS1Requirement`), in buffers that are never freed (the shared tables live as long as the process).
    // Buffers rather than arrays: checking a message's pairing read the arrays through
    // `withUnsafeBufferPointer` closures, which retained and released the tables and both arrays per decode.
    // Never written after `init`, so reading them from any thread is safe.
    nonisolated(unsafe) let pairingRules: UnsafeBufferPointer<GS1PairingRule>
    nonisolated(unsafe) let conjunctions: UnsafeBufferPointer<GS1AISet>
    /// Definition index of AI (01), the GTIN.
    let gtinDefinition: Int

    private init() {
        records = GS1ApplicationIdentifierTable.records
        components = GS1ApplicationIdentifierTable.components
        fourDigitIndex = GS1ApplicationIdentifierTable.fourDigitIndex
        let (rules, conjunctions) = GS1ApplicationIdentifierTable.pairing
        pairingRules = Self.permanentCopy(rules)
        self.conjunctions = Self.permanentCopy(conjunctions)
        gtinDefinition = GS1ApplicationIdentifierTable.gtinDefinition
    }

    /// `elements` copied into memory that is never freed.
    private static func permanentCopy<Element>(_ elements: [Element]) -> UnsafeBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = buffer.initialize(from: elements)
        return UnsafeBufferPointer(buffer)
    }

    /// The AI starting at `position` (digits before `end`), as a definition index; nil if none.
    ///
    /// Lookup is one array access: `fourDigitIndex[d1d2d3d4]` gives the definition index for data starting with
    /// those four digits, since AIs are prefix-free (a two-digit AI fills 100 slots, a three-digit AI 10).
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Int? {
        var key = 0
        var digits = 0
        var cursor = position
        while digits < 4, cursor < end {
            let byte = bytes[cursor]
            guard ASCII.isDigit(byte) else { break }
            key = key &* 10 &+ Int(byte &- ASCII.zero)
            digits += 1
            cursor += 1
        }
        guard digits >= 2 else { return nil }
        while digits < 4 {
            key &*= 10
            digits += 1
        }
        let index = Int(fourDigitIndex[key])
        guard index >= 0, position + Int(records[index].aiLength) <= cursor else { return nil }
        return index
    }

    /// The AI whose digits are exactly `bytes[key]` (a Digital Link path or query key), nil if none.
    @inline(__always)
    func exactAI(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Range<Int>) -> Int? {
        guard (2...4).contains(key.count), ASCII.allDigits(bytes, key),
              let definition = lookup(bytes, at: key.lowerBound, end: key.upperBound),
              Int(records[definition].aiLength) == key.count
        else { return nil }
        return definition
    }
}
