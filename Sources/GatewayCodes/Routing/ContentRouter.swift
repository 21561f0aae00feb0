/// Decides which grammar reads an input, in the documented order (docs/codes.md, "Decision order"):
///
/// 1. A symbology identifier fixes the grammar for GS1 (]C1 ]d2 ]Q3 ]e0 ]J1) and EAN/UPC/ITF (]E0 ]E3 ]E4 ]I1);
///    other known identifiers are recorded and the content decides; unknown ones are `symbology` errors.
/// 2. Unambiguous prefixes: `http(s)://` (MA-in-URL or Digital Link), `(` bracketed GS1, `+` / `*+` HIBCC,
///    `=` / `&` ISBT 128, `MA.` MA, `MF` AHM.
/// 3. Hospital rules, then plain GTIN-8/12/13/14 digits, then GS1 element strings (data starting with two
///    digits), with conflicts between rules and standards reported as `ambiguous`.
/// 4. Anything else printable is an in-house code (`internal`), the rest `unknown`.
///
/// Every grammar writes into the caller's result (`into:`), which it clears first (see `DecodedCode+InPlace`).
struct ContentRouter {
    let decoder: CodeDecoder
    let input: InputText

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    func decode(into result: inout DecodedCode) {
        var start = 0
        var symbology: Range<Int>?
        if bytes[0] == UInt8(ascii: "]") {
            guard let identifier = SymbologyIdentifier(bytes, at: 0) else {
                result.becomeInvalid(input.error(.symbology, "unknown symbology identifier", at: 0), input: input,
                                     symbology: nil, raw: 0..<bytes.count)
                return
            }
            symbology = identifier.range
            start = 3
            guard start < bytes.count else {
                let message = "no data after symbology identifier \(input.string(identifier.range))"
                result.becomeInvalid(input.error(.symbology, message, at: 3), input: input, symbology: symbology,
                                     raw: 0..<0)
                return
            }
            let range = start..<bytes.count
            switch identifier.route {
            case .gs1ElementString:
                if isURL(at: start) {
                    DigitalLinkParser(decoder: decoder, input: input).decode(range, symbology, into: &result)
                    return
                }
                decodeGS1(range, symbology: symbology, into: &result)
                return
            case .gtin(let lengths):
                PlainGTINDecoder.decode(input, range, symbology: symbology, lengths: lengths, errorKind: .symbology,
                                        into: &result)
                return
            case .content: break
            }
        }
        decodeContent(start..<bytes.count, symbology: symbology, into: &result)
    }

    private func isURL(at start: Int) -> Bool {
        // The first letter alone rules out almost every scan, before the two case-insensitive comparisons.
        guard ASCII.lowercased(bytes[start]) == UInt8(ascii: "h") else { return false }
        return ASCII.hasPrefixIgnoringCase(bytes, at: start, "http://")
            || ASCII.hasPrefixIgnoringCase(bytes, at: start, "https://")
    }

    private func decodeContent(_ range: Range<Int>, symbology: Range<Int>?, into result: inout DecodedCode) {
        let start = range.lowerBound
        let first = bytes[start]
        if isURL(at: start) {
            let reference = decoder.options.referenceDate
            if MAParser.decodeURL(input, range, symbology: symbology, reference: reference, into: &result) { return }
            DigitalLinkParser(decoder: decoder, input: input).decode(range, symbology, into: &result)
            return
        }
        if first == UInt8(ascii: "("), range.count > 1, ASCII.isDigit(bytes[start + 1]) {
            var builder = makeBuilder(into: &result)
            GS1BracketedParser.parse(range, into: &builder, &result.fields)
            builder.finish(kind: .gs1, symbology: symbology, into: &result)
            return
        }
        if first == UInt8(ascii: "+")
            || (first == UInt8(ascii: "*") && range.count > 1 && bytes[start + 1] == UInt8(ascii: "+")) {
            HIBCCParser(input: input, reference: decoder.options.referenceDate)
                .decode(range, symbology: symbology, into: &result)
            return
        }
        if first == UInt8(ascii: "=") || first == UInt8(ascii: "&"), range.count > 1 {
            ISBT128Parser(input: input).decode(range, symbology: symbology, into: &result)
            return
        }
        if ASCII.hasPrefix(bytes, at: start, "MA.") {
            MAParser.decode(input, range, symbology: symbology, reference: decoder.options.referenceDate, into: &result)
            return
        }
        if AHMRecognizer.matches(bytes, range) {
            AHMRecognizer.decode(input, range, symbology: symbology, into: &result)
            return
        }
        decodeByRulesAndNumbers(range, symbology: symbology, into: &result)
    }

    private func decodeByRulesAndNumbers(_ range: Range<Int>, symbology: Range<Int>?, into result: inout DecodedCode) {
        // Most decoders have no hospital rules: then there is no list of matches to build (or release).
        guard !decoder.rules.isEmpty else {
            if GTINLengths.plain.contains(range.count), ASCII.allDigits(bytes, range) {
                PlainGTINDecoder.decode(input, range, symbology: symbology, lengths: .plain, errorKind: .checkDigit,
                                        into: &result)
            } else if startsWithAI(range) {
                decodeGS1(range, symbology: symbology, into: &result)
            } else {
                unclaimed(range, symbology: symbology, into: &result)
            }
            return
        }
        let matching = decoder.rules.indices.filter { decoder.rules[$0].matches(bytes, range) }
        let allDigits = ASCII.allDigits(bytes, range)
        if allDigits, GTINLengths.plain.contains(range.count) {
            PlainGTINDecoder.decode(input, range, symbology: symbology, lengths: .plain, errorKind: .checkDigit,
                                    into: &result)
            if matching.isEmpty { return }
            if !result.isValid || PlainGTINDecoder.isRestrictedCirculation(bytes, range) {
                ruleResult(matching, range, symbology: symbology, competing: nil, into: &result)
                return
            }
            ruleResult(matching, range, symbology: symbology, competing: "gtin", into: &result)
            return
        }
        let looksLikeGS1 = startsWithAI(range)
        if !matching.isEmpty {
            guard looksLikeGS1 else {
                ruleResult(matching, range, symbology: symbology, competing: nil, into: &result)
                return
            }
            decodeGS1(range, symbology: symbology, into: &result)
            let conflicting = result.isValid && result.warnings.isEmpty
            ruleResult(matching, range, symbology: symbology, competing: conflicting ? "gs1" : nil, into: &result)
            return
        }
        if looksLikeGS1 {
            decodeGS1(range, symbology: symbology, into: &result)
            return
        }
        unclaimed(range, symbology: symbology, into: &result)
    }

    /// Whether `range` looks like GS1 element string data: two digits, or a leading GS (the FNC1 some
    /// scanners transmit in front of GS1 data).
    private func startsWithAI(_ range: Range<Int>) -> Bool {
        bytes[range.lowerBound] == ASCII.gs
            || (range.count >= 2 && ASCII.isDigit(bytes[range.lowerBound])
                && ASCII.isDigit(bytes[range.lowerBound + 1]))
    }

    func decodeGS1(_ range: Range<Int>, symbology: Range<Int>?, into result: inout DecodedCode) {
        var builder = makeBuilder(into: &result)
        GS1ElementStringParser(separators: decoder.separators).parse(range, into: &builder, &result.fields)
        builder.finish(kind: .gs1, symbology: symbology, into: &result)
    }

    /// A GS1 message builder over `result`, which it clears.
    func makeBuilder(into result: inout DecodedCode) -> GS1MessageBuilder {
        result.reset(to: .gs1, input: input, symbology: nil)
        return GS1MessageBuilder(input: input, strict: decoder.options.strict,
                                 referenceDate: decoder.options.referenceDate, tables: decoder.gs1Tables)
    }

    private func ruleResult(_ matching: [Int], _ range: Range<Int>, symbology: Range<Int>?, competing: String?,
                            into result: inout DecodedCode) {
        if matching.count == 1, competing == nil {
            decoder.rules[matching[0]].decode(input, range, symbology: symbology, into: &result)
            return
        }
        let candidates = (competing.map { [$0] } ?? []) + matching.map { "rule:" + decoder.rules[$0].rule.name }
        let names = candidates.joined(separator: ", ")
        result.becomeInvalid(input.error(.ambiguous, "more than one grammar claims this code: \(names)",
                                         at: range.lowerBound),
                             input: input, symbology: symbology, raw: range)
        result.fields.candidates = candidates
    }

    private func unclaimed(_ range: Range<Int>, symbology: Range<Int>?, into result: inout DecodedCode) {
        let printable = input.isASCII && range.allSatisfy { ASCII.isPrintable(bytes[$0]) }
        result.reset(to: printable ? .internal : .unknown, input: input, symbology: symbology)
        result.fields.text.set(.raw, range)
        guard printable else {
            result.warnings = [input.warning(.unparsed, "no grammar recognises this data", at: range.lowerBound)]
            return
        }
        if !decoder.rules.isEmpty {
            result.warnings = [input.warning(.noRuleMatched, "no hospital rule matched this code",
                                             at: range.lowerBound)]
        }
    }
}
