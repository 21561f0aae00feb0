/// Parses concatenated ISBT 128 data structures (each starting with its data identifier), checks a
/// compound message's declared count, and computes the DIN's ISO 7064 mod 37-2 check character.
struct ISBT128Parser {
    let input: InputText

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    func decode(_ range: Range<Int>, symbology: Range<Int>?) -> DecodedCode {
        var fields = CodeFields(input: input, symbology: symbology)
        var warnings: [CodeWarning] = []
        var structures: [String] = []
        // The result carries this array, so it costs one allocation; reserving avoids one per growth step.
        structures.reserveCapacity(min(range.count / 5 + 1, 16))
        var compoundStart: Int?
        var position = range.lowerBound
        while position < range.upperBound {
            guard let (structure, identifierLength) = ISBT128Structure.identify(bytes, at: position, end: range.upperBound)
            else {
                if structures.isEmpty {
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
            if structure == .compoundMessage, compoundStart == nil { compoundStart = structures.count }
            structures.append(structure.rawValue)
            if let error = ISBT128Fields(input: input).apply(structure, dataStart..<dataEnd, to: &fields) {
                return .invalid(error, fields: rawFields(symbology), warnings: warnings)
            }
            position = dataEnd
        }
        if let compoundStart, let declared = fields.compoundCount {
            let following = structures.count - compoundStart - 1
            if following != declared {
                return failure(.compoundCount,
                               "compound message declares \(declared) data structures but \(following) follow",
                               at: range.lowerBound, symbology)
            }
        }
        fields.structures = structures
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
