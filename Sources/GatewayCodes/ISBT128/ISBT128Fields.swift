/// Maps the data of one ISBT 128 structure to ``CodeFields`` and validates dates and the DIN flags.
struct ISBT128Fields {
    let input: InputText

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    func apply(_ structure: ISBT128Structure, _ data: Range<Int>, to fields: inout CodeFields) -> DecodeError? {
        let start = data.lowerBound
        switch structure {
        case .donationIdentification: return donation(data, &fields)
        case .bloodGroups: fields.text.set(.bloodGroupCode, data)
        case .productCode: fields.text.set(.productCode, data)
        case .expirationDate, .expirationDateTime:
            guard let (date, time) = ordinalDate(data, withTime: structure == .expirationDateTime) else {
                return input.error(.date, "ISBT 128 expiration date cyyjjj[hhmm] is invalid", at: start)
            }
            fields.expiry = date
            fields.text.set(.expiryTime, time: time)
        case .collectionDate, .collectionDateTime:
            guard let (date, time) = ordinalDate(data, withTime: structure == .collectionDateTime) else {
                return input.error(.date, "ISBT 128 collection date is invalid", at: start)
            }
            fields.collectionDate = date
            fields.text.set(.collectionTime, time: time)
        case .productionDate, .productionDateTime:
            guard let (date, time) = ordinalDate(data, withTime: structure == .productionDateTime) else {
                return input.error(.date, "ISBT 128 production date is invalid", at: start)
            }
            fields.productionDate = date
            fields.text.set(.productionTime, time: time)
        case .expirationMonthYear:
            guard let year = ASCII.number(bytes, start..<(start + 4)),
                  let month = ASCII.number(bytes, (start + 4)..<(start + 6)), (1...12).contains(month)
            else { return input.error(.date, "ISBT 128 expiration month yyyymm is invalid", at: start) }
            fields.expiry = CivilDate(year: year, month: month, day: 1)
            fields.text.set(.expiryPrecision, .month)
        case .compoundMessage:
            guard let count = ASCII.number(bytes, start..<(start + 2)) else {
                return input.error(.syntax, "compound message count must be two digits", at: start)
            }
            fields.compoundCount = count
            fields.text.set(.compoundSequence, (start + 2)..<data.upperBound)
        case .productDivisions: fields.text.set(.divisions, data)
        case .ppic:
            fields.text.set(.ppic, data)
            fields.text.set(.ppicFin, start..<(start + 5))
            fields.text.set(.ppicFpc, (start + 5)..<(start + 11))
            fields.text.set(.ppicPdc, (start + 11)..<data.upperBound)
            if !fields.text.isPresent(.di) { fields.text.set(.di, start..<(start + 11)) }
        case .singleEuropeanCode: fields.text.set(.sec, data)
        case .lotNumber, .mphoLot:
            if !fields.text.isPresent(.lot) { fields.text.set(.lot, data) }
        default: break
        }
        return nil
    }

    /// DIN: α pppp yy nnnnnn (13) + two flag characters. Flags 60-96 carry the mod 37-2 check value + 60.
    private func donation(_ data: Range<Int>, _ fields: inout CodeFields) -> DecodeError? {
        let din = data.lowerBound..<(data.lowerBound + 13)
        if let bad = din.first(where: { !ASCII.isAlphanumericUpper(bytes[$0]) }) {
            return input.error(.charset, "DIN is upper case letters and digits", at: bad)
        }
        let check = CheckDigits.iso7064(bytes, din, modulus: 37)
        fields.text.set(.din, din)
        fields.text.set(.dinFlags, din.upperBound..<data.upperBound)
        fields.text.set(.dinCheck, derived: check.map { String(UnicodeScalar($0)) })
        if let flags = ASCII.number(bytes, din.upperBound..<data.upperBound), (60...96).contains(flags),
           let check, let expected = Mod37Value.of(check), expected != flags - 60 {
            return input.error(.checkDigit, "DIN flags carry a mod 37-2 check that does not match", at: din.upperBound)
        }
        return nil
    }

    /// `cyyjjj` (c = century digit, 0 = 2000s) with optional `hhmm`.
    private func ordinalDate(_ data: Range<Int>, withTime: Bool) -> (CivilDate, (hour: Int, minute: Int)?)? {
        let start = data.lowerBound
        guard let century = ASCII.number(bytes, start..<(start + 1)),
              let yy = ASCII.number(bytes, (start + 1)..<(start + 3)),
              let ordinal = ASCII.number(bytes, (start + 3)..<(start + 6)),
              let date = CivilDate.fromOrdinal(year: (century == 9 ? 1900 : 2000 + century * 100) + yy,
                                               ordinal: ordinal)
        else { return nil }
        guard withTime else { return (date, nil) }
        guard let hour = ASCII.number(bytes, (start + 6)..<(start + 8)),
              let minute = ASCII.number(bytes, (start + 8)..<(start + 10)), hour <= 23, minute <= 59
        else { return nil }
        return (date, (hour, minute))
    }
}

/// Numeric value of a mod 37-2 check character (`0-9` = 0-9, `A-Z` = 10-35, `*` = 36).
enum Mod37Value {
    static func of(_ character: UInt8) -> Int? {
        if ASCII.isDigit(character) { return Int(character - ASCII.zero) }
        if ASCII.isUpper(character) { return Int(character - UInt8(ascii: "A")) + 10 }
        return character == UInt8(ascii: "*") ? 36 : nil
    }
}
