/// Parses a raw GS1 element string (AI digits and values, variable-length values ended by GS or a
/// configured GS substitute) into a ``GS1MessageBuilder`` and the result fields it fills.
struct GS1ElementStringParser {
    let separators: GSSeparatorMatcher

    func parse(_ range: Range<Int>, into builder: inout GS1MessageBuilder, _ fields: inout CodeFields) {
        let bytes = builder.input.bytes
        let end = range.upperBound
        var position = range.lowerBound
        // A GS in first position is the FNC1 that starts GS1-128 / GS1 DataMatrix data; some scanners send it.
        position += separators.length(bytes, at: position, end: end)
        var sawElement = false
        while position < end {
            let separator = separators.length(bytes, at: position, end: end)
            if separator > 0 {
                // Elements consume the one separator that ends them, so any separator seen here is redundant.
                if sawElement {
                    guard builder.policy(.emptyElement, .syntax, "empty element: two GS separators in a row",
                                         at: position) else { return }
                }
                position += separator
                continue
            }
            guard let definition = builder.tables.lookup(bytes, at: position, end: end) else {
                builder.fail(.syntax, "no GS1 Application Identifier starts here", at: position)
                return
            }
            guard let next = element(definition, at: position, end: end, &builder, &fields) else { return }
            sawElement = true
            position = next
        }
        if !sawElement { builder.fail(.syntax, "no GS1 element string in the data", at: range.lowerBound) }
    }

    /// Parses one element whose AI starts at `position`; returns the offset after it (and its separator).
    private func element(_ definition: Int, at position: Int, end: Int, _ builder: inout GS1MessageBuilder,
                         _ fields: inout CodeFields) -> Int? {
        let bytes = builder.input.bytes
        let record = builder.tables.records[definition]
        let valueStart = position + Int(record.aiLength)
        // The AI text is only needed for messages; reading it eagerly retained a String per element.
        var ai: String { GS1ApplicationIdentifierTable.aiStrings[definition] }
        if record.isFixedLength {
            let valueEnd = valueStart + Int(record.maxLength)
            guard valueEnd <= end else {
                builder.fail(.syntax, "(\(ai)) needs \(record.maxLength) characters, only \(end - valueStart) follow",
                             at: end)
                return nil
            }
            guard builder.append(definition: definition, value: bytes, valueStart..<valueEnd, origin: valueStart,
                                 to: &fields)
            else { return nil }
            let separator = separators.length(bytes, at: valueEnd, end: end)
            if separator == 0, valueEnd < end, !record.predefinedLength {
                guard builder.policy(.missingSeparator, .missingSeparator,
                                     "(\(ai)) is not of predefined length and must be followed by GS", at: valueEnd)
                else { return nil }
            }
            return valueEnd + separator
        }
        let limit = min(end, valueStart + Int(record.maxLength))
        var valueEnd = valueStart
        if separators.hasAliases {
            while valueEnd < limit, separators.length(bytes, at: valueEnd, end: end) == 0 { valueEnd += 1 }
        } else {
            // Only GS ends a value: a plain byte scan, instead of asking the matcher at every byte.
            while valueEnd < limit, bytes[valueEnd] != ASCII.gs { valueEnd += 1 }
        }
        if valueEnd == limit, limit < end, separators.length(bytes, at: limit, end: end) == 0 {
            builder.fail(.missingSeparator,
                         "(\(ai)) runs past its maximum length of \(record.maxLength): a GS separator is missing",
                         at: limit)
            return nil
        }
        guard valueEnd > valueStart else {
            builder.fail(.syntax, "(\(ai)) has an empty value", at: valueStart)
            return nil
        }
        guard builder.append(definition: definition, value: bytes, valueStart..<valueEnd, origin: valueStart,
                             to: &fields)
        else { return nil }
        SwallowedSeparatorCheck.inspect(valueStart..<valueEnd, of: definition, &builder)
        return valueEnd + separators.length(bytes, at: valueEnd, end: end)
    }
}
