/// Parses concatenated ISBT 128 data structures (each starting with its data identifier), checks a
/// compound message's declared count, and computes the DIN's ISO 7064 mod 37-2 check character.
struct ISBT128Parser {
    let input: InputText

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    func decode(_ range: Range<Int>, symbology: Range<Int>?) -> DecodedCode {
        var fields = CodeFields(input: input, symbology: symbology)
        var warnings: [CodeWarning] = []
        var compoundStart: Int?
        var structureCount = 0
        var position = range.lowerBound
        while position < range.upperBound {
            guard let (structure, identifierLength) = ISBT128Structure.identify(bytes, at: position, end: range.upperBound)
            else {
                if structureCount == 0 {
                    return failure(.syntax, "not an ISBT 128 data identifier", at: position, symbology)
                }
                warnings.append(input.warning(.unparsed, "unknown ISBT 128 data structure; rest kept in raw", at: position))
                fields.text.set(.raw, position..<range.upperBound)
                break
            }
            let dataStart = position + identifierLength
            let dataEnd = dataStart + structure.dataLength
            guard dataEnd <= range.upperBound else {
                return failure(.syntax, "ISBT 128 [\(structure.rawValue)] needs \(structure.dataLength) data characters",
                               at: dataStart, symbology)
            }
            if let index = (dataStart..<dataEnd).first(where: { !ASCII.isPrintable(bytes[$0]) }) {
                return failure(.charset, "character not allowed in ISBT 128 data", at: index, symbology)
            }
            if structure == .compoundMessage, compoundStart == nil { compoundStart = structureCount }
            // Recorded as small codes, not strings: `structures` builds the strings when read.
            fields.appendStructure(structure)
            structureCount += 1
            if let error = ISBT128Fields(input: input).apply(structure, dataStart..<dataEnd, to: &fields) {
                return .invalid(error, fields: rawFields(symbology), warnings: warnings)
            }
            position = dataEnd
        }
        if let compoundStart, let declared = fields.compoundCount {
            let following = structureCount - compoundStart - 1
            if following != declared {
                return failure(.compoundCount,
                               "compound message declares \(declared) data structures but \(following) follow",
                               at: range.lowerBound, symbology)
            }
        }
        return DecodedCode(kind: .isbt128, fields: fields, warnings: warnings)
    }

    private func rawFields(_ symbology: Range<Int>?) -> CodeFields {
        var fields = CodeFields(input: input, symbology: symbology)
        fields.text.set(.raw, 0..<bytes.count)
        return fields
    }

    private func failure(_ kind: DecodeErrorKind, _ message: String, at offset: Int, _ symbology: Range<Int>?)
        -> DecodedCode {
        .invalid(input.error(kind, message, at: offset), fields: rawFields(symbology))
    }
}
