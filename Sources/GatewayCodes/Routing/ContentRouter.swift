/// Decides which grammar reads an input, in the documented order (docs/codes.md, "Decision order"):
///
/// 1. A symbology identifier fixes the grammar for GS1 (]C1 ]d2 ]Q3 ]e0 ]J1) and EAN/UPC/ITF (]E0 ]E3 ]E4 ]I1);
///    other known identifiers are recorded and the content decides; unknown ones are `symbology` errors.
/// 2. Unambiguous prefixes: `http(s)://` (MA-in-URL or Digital Link), `(` bracketed GS1, `+` / `*+` HIBCC,
///    `=` / `&` ISBT 128, `MA.` MA, `MF` AHM.
/// 3. Hospital rules, then plain GTIN-8/12/13/14 digits, then GS1 element strings (data starting with two
///    digits), with conflicts between rules and standards reported as `ambiguous`.
/// 4. Anything else printable is an in-house code (`internal`), the rest `unknown`.
struct ContentRouter {
    let decoder: CodeDecoder
    let input: InputText

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    func decode() -> DecodedCode {
        var start = 0
        var symbology: Range<Int>?
        if bytes[0] == UInt8(ascii: "]") {
            guard let identifier = SymbologyIdentifier(bytes, at: 0) else {
                return .invalid(input.error(.symbology, "unknown symbology identifier", at: 0),
                                fields: rawFields(0..<bytes.count, symbology: nil))
            }
            symbology = identifier.range
            start = 3
            guard start < bytes.count else {
                return .invalid(input.error(.symbology, "no data after symbology identifier \(input.string(identifier.range))", at: 3),
                                fields: rawFields(0..<0, symbology: symbology))
            }
            let range = start..<bytes.count
            switch identifier.route {
            case .gs1ElementString:
                if isURL(at: start) { return DigitalLinkParser(decoder: decoder, input: input).decode(range, symbology) }
                return decodeGS1(range, symbology: symbology)
            case .gtin(let lengths):
                return PlainGTINDecoder.decode(input, range, symbology: symbology, lengths: lengths,
                                               errorKind: .symbology)
            case .content: break
            }
        }
        return decodeContent(start..<bytes.count, symbology: symbology)
    }

    private func isURL(at start: Int) -> Bool {
        ASCII.hasPrefixIgnoringCase(bytes, at: start, "http://") || ASCII.hasPrefixIgnoringCase(bytes, at: start, "https://")
    }

    private func decodeContent(_ range: Range<Int>, symbology: Range<Int>?) -> DecodedCode {
        let start = range.lowerBound
        let first = bytes[start]
        if isURL(at: start) {
            if let ma = MAParser.decodeURL(input, range, symbology: symbology, reference: decoder.options.referenceDate) {
                return ma
            }
            return DigitalLinkParser(decoder: decoder, input: input).decode(range, symbology)
        }
        if first == UInt8(ascii: "("), range.count > 1, ASCII.isDigit(bytes[start + 1]) {
            var builder = makeBuilder()
            GS1BracketedParser.parse(range, into: &builder)
            return builder.finish(kind: .gs1, symbology: symbology)
        }
        if first == UInt8(ascii: "+")
            || (first == UInt8(ascii: "*") && range.count > 1 && bytes[start + 1] == UInt8(ascii: "+")) {
            return HIBCCParser(input: input, reference: decoder.options.referenceDate).decode(range, symbology: symbology)
        }
        if (first == UInt8(ascii: "=") || first == UInt8(ascii: "&")), range.count > 1 {
            return ISBT128Parser(input: input).decode(range, symbology: symbology)
        }
        if ASCII.hasPrefix(bytes, at: start, "MA.") {
            return MAParser.decode(input, range, symbology: symbology, reference: decoder.options.referenceDate)
        }
        if AHMRecognizer.matches(bytes, range) { return AHMRecognizer.decode(input, range, symbology: symbology) }
        return decodeByRulesAndNumbers(range, symbology: symbology)
    }

    private func decodeByRulesAndNumbers(_ range: Range<Int>, symbology: Range<Int>?) -> DecodedCode {
        let matching = decoder.rules.indices.filter { decoder.rules[$0].matches(bytes, range) }
        let allDigits = ASCII.allDigits(bytes, range)
        if allDigits, PlainGTINDecoder.lengths.contains(range.count) {
            let gtin = PlainGTINDecoder.decode(input, range, symbology: symbology, lengths: PlainGTINDecoder.lengths,
                                               errorKind: .checkDigit)
            if matching.isEmpty { return gtin }
            if !gtin.isValid || PlainGTINDecoder.isRestrictedCirculation(bytes, range) {
                return ruleResult(matching, range, symbology: symbology, competing: nil)
            }
            return ruleResult(matching, range, symbology: symbology, competing: "gtin")
        }
        // A leading GS is the FNC1 some scanners transmit in front of GS1 data.
        let startsWithAI = bytes[range.lowerBound] == ASCII.gs
            || (range.count >= 2 && ASCII.isDigit(bytes[range.lowerBound]) && ASCII.isDigit(bytes[range.lowerBound + 1]))
        if !matching.isEmpty {
            guard startsWithAI else { return ruleResult(matching, range, symbology: symbology, competing: nil) }
            let gs1 = decodeGS1(range, symbology: symbology)
            let conflicting = gs1.isValid && gs1.warnings.isEmpty
            return ruleResult(matching, range, symbology: symbology, competing: conflicting ? "gs1" : nil)
        }
        if startsWithAI { return decodeGS1(range, symbology: symbology) }
        return unclaimed(range, symbology: symbology)
    }

    func decodeGS1(_ range: Range<Int>, symbology: Range<Int>?) -> DecodedCode {
        var builder = makeBuilder()
        GS1ElementStringParser(separators: decoder.separators).parse(range, into: &builder)
        return builder.finish(kind: .gs1, symbology: symbology)
    }

    func makeBuilder() -> GS1MessageBuilder {
        GS1MessageBuilder(input: input, strict: decoder.options.strict, referenceDate: decoder.options.referenceDate)
    }

    private func ruleResult(_ matching: [Int], _ range: Range<Int>, symbology: Range<Int>?, competing: String?)
        -> DecodedCode {
        if matching.count == 1, competing == nil {
            return decoder.rules[matching[0]].result(input, range, symbology: symbology)
        }
        var fields = rawFields(range, symbology: symbology)
        fields.candidates = (competing.map { [$0] } ?? []) + matching.map { "rule:" + decoder.rules[$0].rule.name }
        let names = fields.candidates?.joined(separator: ", ") ?? ""
        return .invalid(input.error(.ambiguous, "more than one grammar claims this code: \(names)", at: range.lowerBound),
                        fields: fields)
    }

    private func unclaimed(_ range: Range<Int>, symbology: Range<Int>?) -> DecodedCode {
        let fields = rawFields(range, symbology: symbology)
        let printable = input.isASCII && range.allSatisfy { ASCII.isPrintable(bytes[$0]) }
        guard printable else {
            return DecodedCode(kind: .unknown, fields: fields,
                               warnings: [input.warning(.unparsed, "no grammar recognises this data", at: range.lowerBound)])
        }
        var warnings: [CodeWarning] = []
        if !decoder.rules.isEmpty {
            warnings.append(input.warning(.noRuleMatched, "no hospital rule matched this code", at: range.lowerBound))
        }
        return DecodedCode(kind: .internal, fields: fields, warnings: warnings)
    }

    private func rawFields(_ range: Range<Int>, symbology: Range<Int>?) -> CodeFields {
        var fields = CodeFields(input: input, symbology: symbology)
        fields.text.set(.raw, range)
        return fields
    }
}
