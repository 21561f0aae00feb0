/// The date fields of one ``CodeFields``, packed into 32 bits each.
///
/// Why: seven `CivilDate?` take 224 bytes and made results expensive to copy (see `FieldText`); packed they
/// take 28. Any date a decoder produces fits (year 0...65535, month 0...31, day 0...63); other values
/// assigned through the public setters are kept whole in `FieldExtras`.
struct FieldDates: Sendable {
    enum Field: Int, Sendable {
        case expiry, productionDate, packDate, bestBefore, sellBy, collectionDate, validityDate
    }

    /// Per field: bits 0-1 storage (0 absent, 1 packed, 2 assigned), then year (16 bits), month (5), day (6),
    /// or for assigned dates the index into `FieldExtras.dates` (kept there so that a result has one
    /// reference-counted part for all rare values, see `FieldExtras`).
    // A SIMD vector, not an InlineArray: reading an InlineArray element copied the whole enclosing value.
    private var packed = SIMD8<UInt32>()

    /// The date of `field`, nil when absent.
    @inline(__always)
    func date(_ field: Field, extras: FieldExtras?) -> CivilDate? {
        let bits = packed[field.rawValue]
        switch bits & 3 {
        case 1: return CivilDate(year: Int(bits >> 2 & 0xFFFF), month: Int(bits >> 18 & 0x1F), day: Int(bits >> 23))
        case 2: return extras?.dates[Int(bits >> 2)]
        default: return nil
        }
    }

    /// Sets `field`; a date that does not pack is stored in `text`'s extras.
    mutating func set(_ field: Field, _ newValue: CivilDate?, text: inout FieldText) {
        guard let date = newValue else {
            packed[field.rawValue] = 0
            return
        }
        if (0...0xFFFF).contains(date.year), (0...0x1F).contains(date.month), (0...0x3F).contains(date.day) {
            packed[field.rawValue] = 1 | UInt32(date.year) << 2 | UInt32(date.month) << 18 | UInt32(date.day) << 23
        } else {
            let extras = text.mutableExtras()
            extras.dates.append(date)
            packed[field.rawValue] = 2 | UInt32(truncatingIfNeeded: extras.dates.count - 1) << 2
        }
    }
}
