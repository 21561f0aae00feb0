/// Parses the human-readable bracketed form `(01)09506000134352(17)251231(10)ABC`.
enum GS1BracketedParser {
    static func parse(_ range: Range<Int>, into builder: inout GS1MessageBuilder, _ fields: inout CodeFields) {
        let bytes = builder.input.bytes
        var position = range.lowerBound
        while position < range.upperBound {
            guard let (definition, valueStart) = aiInBrackets(bytes, at: position, end: range.upperBound,
                                                              builder.tables) else {
                builder.fail(.syntax, "expected a known AI in brackets, e.g. (01)", at: position)
                return
            }
            var valueEnd = valueStart
            while valueEnd < range.upperBound,
                  aiInBrackets(bytes, at: valueEnd, end: range.upperBound, builder.tables) == nil {
                valueEnd += 1
            }
            guard valueEnd > valueStart else {
                builder.fail(.syntax, "(\(GS1ApplicationIdentifierTable.aiStrings[definition])) has an empty value",
                             at: valueStart)
                return
            }
            guard builder.append(definition: definition, value: bytes, valueStart..<valueEnd, origin: valueStart,
                                 to: &fields)
            else { return }
            position = valueEnd
        }
    }

    /// A `(AI)` at `position` naming a known AI: its definition and the offset after `)`.
    private static func aiInBrackets(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int,
                                     _ tables: GS1Tables) -> (Int, Int)? {
        guard position < end, bytes[position] == UInt8(ascii: "(") else { return nil }
        var close = position + 1
        while close < end, close - position <= 5, ASCII.isDigit(bytes[close]) { close += 1 }
        let digits = close - position - 1
        guard (2...4).contains(digits), close < end, bytes[close] == UInt8(ascii: ")"),
              let definition = tables.lookup(bytes, at: position + 1, end: close),
              Int(tables.records[definition].aiLength) == digits
        else { return nil }
        return (definition, close + 1)
    }
}
