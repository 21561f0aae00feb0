/// The date fields of one ``CodeFields``, packed into 32 bits each.
///
/// Why: seven `CivilDate?` take 224 bytes and made results expensive to copy (see `FieldText`); packed they
/// take 28. Any date a decoder produces fits (year 0...65535, month 0...31, day 0...63); other values
/// assigned through the public setters are kept whole in `assigned`.
struct FieldDates: Sendable {
    enum Field: Int, Sendable {
        case expiry, productionDate, packDate, bestBefore, sellBy, collectionDate, validityDate
    }

    /// Per field: bits 0-1 storage (0 absent, 1 packed, 2 assigned), then year (16 bits), month (5), day (6),
    /// or for assigned dates the index into `assigned`.
    private var packed = InlineArray<7, UInt32>(repeating: 0)
    private var assigned: [CivilDate] = []

    subscript(field: Field) -> CivilDate? {
        get {
            let bits = packed[field.rawValue]
            switch bits & 3 {
            case 1: return CivilDate(year: Int(bits >> 2 & 0xFFFF), month: Int(bits >> 18 & 0x1F), day: Int(bits >> 23))
            case 2: return assigned[Int(bits >> 2)]
            default: return nil
            }
        }
        set {
            guard let date = newValue else {
                packed[field.rawValue] = 0
                return
            }
            if (0...0xFFFF).contains(date.year), (0...0x1F).contains(date.month), (0...0x3F).contains(date.day) {
                packed[field.rawValue] = 1 | UInt32(date.year) << 2 | UInt32(date.month) << 18 | UInt32(date.day) << 23
            } else {
                assigned.append(date)
                packed[field.rawValue] = 2 | UInt32(truncatingIfNeeded: assigned.count - 1) << 2
            }
        }
    }
}
