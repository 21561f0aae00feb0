/// Decodes bare GTIN-8/12/13/14 digits (EAN/UPC/ITF-14 content) into a GTIN-14 and AI (01).
enum PlainGTINDecoder {
    /// Decodes into `result` (cleared first). `lengths` are the accepted digit counts; for EAN add-ons (15 or
    /// 18 digits) the first 13 are the GTIN.
    static func decode(_ input: InputText, _ range: Range<Int>, symbology: Range<Int>?, lengths: GTINLengths,
                       errorKind: DecodeErrorKind, into result: inout DecodedCode) {
        let bytes = input.bytes
        func fail(_ message: String, at offset: Int) {
            result.becomeInvalid(input.error(errorKind, message, at: offset), input: input, symbology: symbology,
                                 raw: range)
        }
        if !ASCII.allDigits(bytes, range), let index = range.first(where: { !ASCII.isDigit(bytes[$0]) }) {
            return fail("GTIN data must be digits", at: index)
        }
        guard lengths.contains(range.count) else {
            return fail("\(range.count) digits is not a GTIN length", at: range.lowerBound)
        }
        var gtinRange = range
        let hasAddOn = range.count == 15 || range.count == 18
        if hasAddOn { gtinRange = range.lowerBound..<(range.lowerBound + 13) }
        guard CheckDigits.gs1Mod10IsValid(bytes, gtinRange) else {
            return fail("GTIN check digit is wrong", at: gtinRange.upperBound - 1)
        }
        result.reset(to: .gtin, input: input, symbology: symbology)
        if hasAddOn { result.warnings = [input.warning(.unparsed, "EAN add-on ignored", at: gtinRange.upperBound)] }
        if gtinRange.count == 14 {
            result.fields.text.set(.gtin, gtinRange)
        } else {
            // GTIN-8/12/13 are reported as GTIN-14: the zeros are not in the input, so the digits are copied.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 14) { padded in
                let zeros = 14 - gtinRange.count
                for index in 0..<zeros { padded[index] = ASCII.zero }
                for index in gtinRange { padded[zeros + index - gtinRange.lowerBound] = bytes[index] }
                result.fields.text.set(.gtin, derived: UnsafeBufferPointer(padded))
            }
        }
        result.fields.text.set(.di, sameAs: .gtin)
        result.fields.text.appendElement(definition: GS1ApplicationIdentifierTable.gtinDefinition, sameAs: .gtin)
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
