/// Decodes bare GTIN-8/12/13/14 digits (EAN/UPC/ITF-14 content) into a GTIN-14 and AI (01).
enum PlainGTINDecoder {
    static let lengths = [8, 12, 13, 14]

    /// `lengths` are the accepted digit counts; for EAN add-ons (15 or 18 digits) the first 13 are the GTIN.
    static func decode(_ input: InputText, _ range: Range<Int>, symbology: Range<Int>?, lengths: [Int],
                       errorKind: DecodeErrorKind) -> DecodedCode {
        let bytes = input.bytes
        var fields = CodeFields(input: input, symbology: symbology)
        fields.text.set(.raw, range)
        if let index = range.first(where: { !ASCII.isDigit(bytes[$0]) }) {
            return .invalid(input.error(errorKind, "GTIN data must be digits", at: index), fields: fields)
        }
        guard lengths.contains(range.count) else {
            return .invalid(input.error(errorKind, "\(range.count) digits is not a GTIN length", at: range.lowerBound),
                            fields: fields)
        }
        var warnings: [CodeWarning] = []
        var gtinRange = range
        if range.count == 15 || range.count == 18 {
            gtinRange = range.lowerBound..<(range.lowerBound + 13)
            warnings.append(input.warning(.unparsed, "EAN add-on ignored", at: gtinRange.upperBound))
        }
        guard CheckDigits.gs1Mod10IsValid(bytes, gtinRange) else {
            return .invalid(input.error(errorKind, "GTIN check digit is wrong", at: gtinRange.upperBound - 1),
                            fields: fields)
        }
        var result = CodeFields(input: input, symbology: symbology)
        if gtinRange.count == 14 {
            result.text.set(.gtin, gtinRange)
        } else {
            // GTIN-8/12/13 are reported as GTIN-14: the zeros are not in the input, so the digits are copied.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 14) { padded in
                let zeros = 14 - gtinRange.count
                for index in 0..<zeros { padded[index] = ASCII.zero }
                for index in gtinRange { padded[zeros + index - gtinRange.lowerBound] = bytes[index] }
                result.text.set(.gtin, derived: UnsafeBufferPointer(padded))
            }
        }
        result.text.set(.di, sameAs: .gtin)
        result.text.appendElement(definition: GS1ApplicationIdentifierTable.gtinDefinition, sameAs: .gtin)
        return DecodedCode(kind: .gtin, fields: result, warnings: warnings)
    }

    /// Restricted circulation numbers (in-store / in-house): GTIN-13 prefix 2, GTIN-12 prefix 2,
    /// GTIN-8 prefix 0 or 2. Hospital rules win over these without an `ambiguous` error.
    static func isRestrictedCirculation(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let first = bytes[range.lowerBound]
        switch range.count {
        case 8: return first == ASCII.zero || first == UInt8(ascii: "2")
        case 12, 13: return first == UInt8(ascii: "2")
        default: return false
        }
    }
}
