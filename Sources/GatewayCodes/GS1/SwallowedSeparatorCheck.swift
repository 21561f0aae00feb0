/// Looks for a GS that was lost inside a variable-length value: a value ending in a complete, valid
/// fixed-length element such as `17YYMMDD` or `01` + GTIN, or containing a literal GS substitute such as
/// `<GS>` followed by AI digits. Reported as warnings, never split silently.
enum SwallowedSeparatorCheck {
    /// Fixed-length AIs whose presence at the end of a lot or serial is a strong sign of a lost GS.
    private static let telltaleAIs: [(digits: Int, length: Int)] = [(2, 8), (2, 16)]
    private static let literalSubstitutes: [StaticString] = ["<GS>", "{GS}", "[GS]", "<FNC1>", "^]"]

    static func inspect(_ value: Range<Int>, of definition: Int, _ builder: inout GS1MessageBuilder) {
        var ai: String { GS1ApplicationIdentifierTable.aiStrings[definition] }  // for messages only
        let bytes = builder.input.bytes
        for telltale in telltaleAIs where value.count > telltale.length {
            let start = value.upperBound - telltale.length
            guard let tail = GS1ApplicationIdentifierTable.lookup(bytes, at: start, end: value.upperBound),
                  GS1ApplicationIdentifierTable.records[tail].aiLength == telltale.digits,
                  GS1ApplicationIdentifierTable.records[tail].isFixedLength,
                  Int(GS1ApplicationIdentifierTable.records[tail].maxLength) == telltale.length - telltale.digits,
                  isValidTail(tail, bytes, (start + telltale.digits)..<value.upperBound, builder.referenceDate)
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
            for literal in literalSubstitutes where ASCII.hasPrefix(bytes, at: index, literal) {
                builder.warn(.possibleGSAlias,
                             "value of (\(ai)) contains '\(literal)', probably a GS substitute; configure it as a GS alias",
                             at: index)
                return
            }
            index += 1
        }
    }

    private static func isValidTail(_ definition: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                    _ reference: CivilDate) -> Bool {
        let record = GS1ApplicationIdentifierTable.records[definition]
        let component = GS1ApplicationIdentifierTable.components[Int(record.firstComponent)]
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
