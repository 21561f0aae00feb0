/// Looks for a GS that was lost inside a variable-length value: a value ending in a complete, valid
/// fixed-length element such as `17YYMMDD` or `01` + GTIN, or containing a literal GS substitute such as
/// `<GS>` followed by AI digits. Reported as warnings, never split silently.
enum SwallowedSeparatorCheck {
    /// Fixed-length AIs whose presence at the end of a lot or serial is a strong sign of a lost GS: two AI
    /// digits and 8 or 16 characters in all (`17YYMMDD`, `01` + GTIN). Written out rather than a `static let`
    /// array, which cost a one-time-initialisation check on every variable-length value.
    private static var telltaleDigits: Int { 2 }
    @inline(__always) private static func telltaleLength(_ index: Int) -> Int { index == 0 ? 8 : 16 }

    static func inspect(_ value: Range<Int>, of definition: Int, _ builder: inout GS1MessageBuilder) {
        var ai: String { GS1ApplicationIdentifierTable.aiStrings[definition] }  // for messages only
        let bytes = builder.input.bytes
        let tables = builder.tables
        for telltale in 0..<2 where value.count > telltaleLength(telltale) {
            let length = telltaleLength(telltale)
            let start = value.upperBound - length
            guard let tail = tables.lookup(bytes, at: start, end: value.upperBound),
                  tables.records[tail].aiLength == telltaleDigits,
                  tables.records[tail].isFixedLength,
                  Int(tables.records[tail].maxLength) == length - telltaleDigits,
                  isValidTail(tail, bytes, (start + telltaleDigits)..<value.upperBound, builder.referenceDate, tables)
            else { continue }
            let tailAI = GS1ApplicationIdentifierTable.aiStrings[tail]
            builder.warn(.possibleMissingSeparator,
                         "value of (\(ai)) ends with what reads as a valid (\(tailAI)); a GS may be missing here",
                         at: start)
            return
        }
        var index = value.lowerBound
        while index < value.upperBound {
            // Every literal substitute starts with one of these; most bytes of a value are none of them.
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
                || byte == UInt8(ascii: "^") else {
                index += 1
                continue
            }
            if let literal = literalSubstitute(bytes, at: index) {
                builder.warn(.possibleGSAlias,
                             "value of (\(ai)) contains '\(literal)', probably a GS substitute; "
                                 + "configure it as a GS alias",
                             at: index)
                return
            }
            index += 1
        }
    }

    /// The literal GS substitute (`<GS>`, `{GS}`, `[GS]`, `<FNC1>`, `^]`) at `index`, if any.
    private static func literalSubstitute(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> StaticString? {
        if ASCII.hasPrefix(bytes, at: index, "<GS>") { return "<GS>" }
        if ASCII.hasPrefix(bytes, at: index, "{GS}") { return "{GS}" }
        if ASCII.hasPrefix(bytes, at: index, "[GS]") { return "[GS]" }
        if ASCII.hasPrefix(bytes, at: index, "<FNC1>") { return "<FNC1>" }
        if ASCII.hasPrefix(bytes, at: index, "^]") { return "^]" }
        return nil
    }

    private static func isValidTail(_ definition: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                    _ reference: CivilDate, _ tables: GS1Tables) -> Bool {
        let record = tables.records[definition]
        let component = tables.components[Int(record.firstComponent)]
        guard record.componentCount == 1, component.linterMask != 0, ASCII.allDigits(bytes, range) else { return false }
        var mask = component.linterMask
        while mask != 0 {
            let bit = mask.trailingZeroBitCount
            mask &= mask &- 1
            guard let linter = GS1Linter(rawValue: bit) else { continue }
            if case .fail = GS1Linters.run(linter, bytes, range, reference: reference) { return false }
        }
        return true
    }
}
