/// Parses China MA (IDcode) UDIs: `MA.156.M0.<registrant>.<item>` DI, then `.`-separated PI parts tagged
/// `L` lot, `S` serial, `M`/`P` production date, `D` sterilisation lot, `V` validity date, `E` expiry,
/// `C` check. Dates are YYMMDD or YYYYMMDD. The DI layout is not verified beyond its five parts.
enum MAParser {
    /// Decodes an MA code inside a URL, after `=` (e.g. `https://host/q?code=MA.156...`), into `result`;
    /// false (and `result` untouched) when the URL has none.
    static func decodeURL(_ input: InputText, _ range: Range<Int>, symbology: Range<Int>?, reference: CivilDate,
                          into result: inout DecodedCode) -> Bool {
        let bytes = input.bytes
        // Jumps from "=" to "=" (eight bytes at a time in between): this runs over every Digital Link URI, and
        // testing each byte in a closure cost about 35 instructions per byte.
        var searchStart = range.lowerBound
        var found: Int?
        while let equals = ASCII.firstIndex(of: UInt8(ascii: "="), bytes, searchStart..<range.upperBound) {
            if ASCII.hasPrefix(bytes, at: equals + 1, "MA.") {
                found = equals
                break
            }
            searchStart = equals + 1
        }
        guard let equals = found else { return false }
        let start = equals + 1
        let end = (start..<range.upperBound).first { bytes[$0] == UInt8(ascii: "&") || bytes[$0] == UInt8(ascii: "#") }
            ?? range.upperBound
        decode(input, start..<end, symbology: symbology, reference: reference, into: &result)
        return true
    }

    /// Decodes `range` into `result` (cleared first).
    static func decode(_ input: InputText, _ range: Range<Int>, symbology: Range<Int>?, reference: CivilDate,
                       into result: inout DecodedCode) {
        let bytes = input.bytes
        result.reset(to: .ma, input: input, symbology: symbology)
        var segments = RangeList()
        var segmentStart = range.lowerBound
        for index in range.lowerBound...range.upperBound
        where index == range.upperBound || bytes[index] == UInt8(ascii: ".") {
            segments.append(segmentStart..<index)
            segmentStart = index + 1
        }
        func failure(_ kind: DecodeErrorKind, _ message: String, _ offset: Int) {
            result.becomeInvalid(input.error(kind, message, at: offset), input: input, symbology: symbology, raw: range)
        }
        guard segments.count >= 5, segments[0...4].allSatisfy({ !$0.isEmpty }) else {
            return failure(.syntax, "MA code needs a DI of five parts: MA.156.M0.<registrant>.<item>", range.lowerBound)
        }
        if let bad = range.first(where: { !ASCII.isPrintable(bytes[$0]) }) {
            return failure(.charset, "MA code contains a non-printable character", bad)
        }
        result.fields.text.set(.di, segments[0].lowerBound..<segments[4].upperBound)
        for segment in segments.dropFirst(5) {
            guard !segment.isEmpty else {
                result.warnings.append(input.warning(.grammar, "empty MA part", at: segment.lowerBound))
                continue
            }
            let value = (segment.lowerBound + 1)..<segment.upperBound
            switch bytes[segment.lowerBound] {
            case UInt8(ascii: "L"): result.fields.text.set(.lot, value)
            case UInt8(ascii: "S"): result.fields.text.set(.serial, value)
            case UInt8(ascii: "D"): result.fields.text.set(.sterilizationLot, value)
            case UInt8(ascii: "C"): result.fields.text.set(.check, value)
            case UInt8(ascii: "M"), UInt8(ascii: "P"), UInt8(ascii: "V"), UInt8(ascii: "E"):
                guard let date = maDate(bytes, value, reference: reference) else {
                    return failure(.date, "MA date must be YYMMDD or YYYYMMDD", value.lowerBound)
                }
                switch bytes[segment.lowerBound] {
                case UInt8(ascii: "V"): result.fields.validityDate = date
                case UInt8(ascii: "E"): result.fields.expiry = date
                default: result.fields.productionDate = date
                }
            default:
                result.warnings.append(input.warning(.grammar, "unknown MA part kept out of the fields",
                                                     at: segment.lowerBound))
            }
        }
        if let repeated = firstConflictingRepeat(bytes, segments, reference: reference) {
            // As GS1 does for a repeated AI: one code cannot carry two lots or two expiry dates.
            let tag = Character(Unicode.Scalar(bytes[repeated]))
            return failure(.syntax, "MA part \(tag) appears twice with different values", repeated)
        }
    }

    /// The start of the first PI part that repeats an earlier part's tag with a different value (`M` and `P` are
    /// one tag, the production date; dates compare as dates, so `E261231` and `E20261231` agree); nil if none.
    /// Pairwise: an MA code has a handful of parts, and this needs no storage.
    private static func firstConflictingRepeat(
        _ bytes: UnsafeBufferPointer<UInt8>, _ segments: RangeList, reference: CivilDate
    ) -> Int? {
        func tag(_ segment: Range<Int>) -> UInt8? {
            guard !segment.isEmpty else { return nil }
            let byte = bytes[segment.lowerBound]
            switch byte {
            case UInt8(ascii: "P"): return UInt8(ascii: "M")
            case UInt8(ascii: "L"), UInt8(ascii: "S"), UInt8(ascii: "D"), UInt8(ascii: "C"), UInt8(ascii: "M"),
                UInt8(ascii: "V"), UInt8(ascii: "E"):
                return byte
            default: return nil
            }
        }
        func agree(_ first: Range<Int>, _ second: Range<Int>, isDate: Bool) -> Bool {
            let one = (first.lowerBound + 1)..<first.upperBound
            let two = (second.lowerBound + 1)..<second.upperBound
            if isDate, let date = maDate(bytes, one, reference: reference) {
                return date == maDate(bytes, two, reference: reference)
            }
            return one.count == two.count && zip(one, two).allSatisfy { bytes[$0] == bytes[$1] }
        }
        let count = segments.count
        guard count > 6 else { return nil }
        for later in 6..<count {
            guard let laterTag = tag(segments[later]) else { continue }
            let isDate = laterTag == UInt8(ascii: "M") || laterTag == UInt8(ascii: "V") || laterTag == UInt8(ascii: "E")
            for earlier in 5..<later where tag(segments[earlier]) == laterTag {
                if !agree(segments[earlier], segments[later], isDate: isDate) { return segments[later].lowerBound }
            }
        }
        return nil
    }

    private static func maDate(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, reference: CivilDate
    ) -> CivilDate? {
        let start = range.lowerBound
        switch range.count {
        case 6:
            guard let yy = ASCII.number(bytes, start..<(start + 2)) else { return nil }
            let date = CivilDate(year: CivilDate.expandTwoDigitYear(yy, reference: reference),
                                 month: ASCII.number(bytes, (start + 2)..<(start + 4)) ?? 0,
                                 day: ASCII.number(bytes, (start + 4)..<(start + 6)) ?? 0)
            return date.isValid ? date : nil
        case 8:
            let date = CivilDate(year: ASCII.number(bytes, start..<(start + 4)) ?? 0,
                                 month: ASCII.number(bytes, (start + 4)..<(start + 6)) ?? 0,
                                 day: ASCII.number(bytes, (start + 6)..<(start + 8)) ?? 0)
            return date.isValid ? date : nil
        default: return nil
        }
    }
}
