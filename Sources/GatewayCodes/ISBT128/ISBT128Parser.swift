/// Parses concatenated ISBT 128 data structures (each starting with its data identifier), checks a
/// compound message's declared count, and computes the DIN's ISO 7064 mod 37-2 check character.
struct ISBT128Parser {
    let input: InputText

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    /// Decodes `range` into `result` (cleared first).
    func decode(_ range: Range<Int>, symbology: Range<Int>?, into result: inout DecodedCode) {
        result.reset(to: .isbt128, input: input, symbology: symbology)
        func failure(_ kind: DecodeErrorKind, _ message: String, at offset: Int) {
            result.becomeInvalid(input.error(kind, message, at: offset), input: input, symbology: symbology,
                                 raw: 0..<bytes.count)
        }
        var compoundStart: Int?
        var structureCount = 0
        var position = range.lowerBound
        while position < range.upperBound {
            let identified = ISBT128Structure.identify(bytes, at: position, end: range.upperBound)
            guard let (structure, identifierLength) = identified else {
                if structureCount == 0 { return failure(.syntax, "not an ISBT 128 data identifier", at: position) }
                result.warnings.append(input.warning(.unparsed, "unknown ISBT 128 data structure; rest kept in raw",
                                                     at: position))
                result.fields.text.set(.raw, position..<range.upperBound)
                break
            }
            let dataStart = position + identifierLength
            let dataEnd = dataStart + structure.dataLength
            guard dataEnd <= range.upperBound else {
                return failure(.syntax,
                               "ISBT 128 [\(structure.rawValue)] needs \(structure.dataLength) data characters",
                               at: dataStart)
            }
            if let index = (dataStart..<dataEnd).first(where: { !ASCII.isPrintable(bytes[$0]) }) {
                return failure(.charset, "character not allowed in ISBT 128 data", at: index)
            }
            if structure == .compoundMessage, compoundStart == nil { compoundStart = structureCount }
            // Recorded as small codes, not strings: `structures` builds the strings when read.
            result.fields.appendStructure(structure)
            structureCount += 1
            if let error = ISBT128Fields(input: input).apply(structure, dataStart..<dataEnd, to: &result.fields) {
                result.becomeInvalid(error, input: input, symbology: symbology, raw: 0..<bytes.count,
                                     keepingWarnings: true)
                return
            }
            position = dataEnd
        }
        if let compoundStart, let declared = result.fields.compoundCount {
            let following = structureCount - compoundStart - 1
            if following != declared {
                return failure(.compoundCount,
                               "compound message declares \(declared) data structures but \(following) follow",
                               at: range.lowerBound)
            }
        }
    }
}
