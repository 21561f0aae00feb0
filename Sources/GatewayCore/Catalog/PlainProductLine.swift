/// A CSV product row read straight from the line's bytes: byte ranges for the text columns and the parsed numbers,
/// with no `String` or ``CatalogRecord`` made. What a multi-million-row import does for nearly every row.
///
/// ``CatalogFileParser/plainProduct(_:)`` returns one only for a row it can vouch for: one that the general path
/// (``CatalogFileParser/parse(_:line:)`` and ``CatalogRecord/validated()``) would store exactly as these fields say.
/// Everything else (quotes, a key to pad or trim, `yes`/`no` flags, signs or exponents, invalid UTF-8, other kinds,
/// anything that would be rejected) is left to the general path, which gives the same result and the same reasons.
public struct PlainProductLine: Sendable, Equatable {
    /// A 14-digit GTIN with a valid check digit (the stored key as is).
    public var key: Range<Int> = 0..<0
    public var name: Range<Int>?
    public var specification: Range<Int>?
    public var manufacturer: Range<Int>?
    public var registration: Range<Int>?
    public var insuranceCode: Range<Int>?
    public var chargeCode: Range<Int>?
    public var unit: Range<Int>?
    public var unitWeightGrams: Double?
    public var toleranceGrams: Double?
    public var highValue = false
    public var recalled = false
    public var blocked = false
    public var nearExpiryDays: Int?

    public init() {}
}

extension CatalogFileParser {
    /// Reads `bytes` (one CSV line after the header, terminator included or not) as a ``PlainProductLine``, or
    /// returns nil when the row must take the general path.
    public func plainProduct(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainProductLine? {
        guard format == .csv, let columns else { return nil }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        // Comment lines are skipped by the general path.
        if let first = bytes[..<end].first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: "#") {
            return nil
        }
        var row = PlainProductLine()
        var hasKey = false
        var fieldIndex = 0
        var start = 0
        var position = 0
        // One pass: split at commas, refuse what the general path would treat differently.
        while position <= end {
            if position < end {
                let byte = bytes[position]
                // Quotes need unquoting; NUL and other control bytes are rare and left to the general path.
                if byte == UInt8(ascii: "\"") || byte < 0x20 && byte != 0x09 { return nil }
                if byte != UInt8(ascii: ",") {
                    position += 1
                    continue
                }
            }
            guard fieldIndex < columns.count else { return nil }  // more fields than columns: a rejection
            if position > start {
                let field = UnsafeBufferPointer(rebasing: bytes[start..<position])
                let range = start..<position
                guard let column = columns[fieldIndex], Self.set(column, field, range, &row, &hasKey) else {
                    return nil
                }
            }
            fieldIndex += 1
            position += 1
            start = position
        }
        return hasKey ? row : nil
    }

    /// Sets one non-empty field; false when the general path must decide.
    private static func set(
        _ column: CatalogRecord.CodingKeys, _ field: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
        _ row: inout PlainProductLine, _ hasKey: inout Bool
    ) -> Bool {
        switch column {
        case .kind:
            return field.elementsEqual("product".utf8)
        case .key:
            guard field.count == 14, field.allSatisfy(isDigit), hasValidCheckDigit(field) else { return false }
            row.key = range
            hasKey = true
        case .name: row.name = range
        case .specification: row.specification = range
        case .manufacturer: row.manufacturer = range
        case .registration: row.registration = range
        case .insuranceCode: row.insuranceCode = range
        case .chargeCode: row.chargeCode = range
        case .unit: row.unit = range
        case .unitWeightGrams:
            row.unitWeightGrams = plainDecimal(field)
            return row.unitWeightGrams != nil
        case .toleranceGrams:
            row.toleranceGrams = plainDecimal(field)
            return row.toleranceGrams != nil
        case .highValue, .recalled, .blocked:
            guard field.count == 1, field[0] == UInt8(ascii: "0") || field[0] == UInt8(ascii: "1") else { return false }
            let flag = field[0] == UInt8(ascii: "1")
            if column == .highValue { row.highValue = flag } else if column == .recalled { row.recalled = flag } else {
                row.blocked = flag
            }
        case .nearExpiryDays:
            guard field.count <= 9, field.allSatisfy(isDigit) else { return false }
            row.nearExpiryDays = field.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        default:
            return false  // a column products do not use, filled in: the general path parses (and may reject) it
        }
        // Text is stored byte for byte, as `String(decoding:as:)` keeps it when (and only when) it is valid UTF-8.
        return column == .key || column == .highValue || column == .recalled || column == .blocked
            || column == .nearExpiryDays || UTF8Check.isValid(field)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// GS1 mod-10 over 14 ASCII digits.
    private static func hasValidCheckDigit(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        var sum = 0
        for index in 0..<13 { sum += Int(digits[index] - 0x30) * (index % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10 == Int(digits[13] - 0x30)
    }

    /// `digits[.digits]` with at most 15 significant digits, as the exactly rounded `Double` (what `Double(text)`
    /// gives): both the digits as an integer and the power of ten are exact doubles, and one IEEE division rounds
    /// correctly. Anything else (signs, exponents, more digits) returns nil.
    static func plainDecimal(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in field {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, digits > 0 else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            mantissa = mantissa * 10 + Int64(byte - 0x30)
            digits += 1
            if seenPoint { fractionDigits += 1 }
            guard digits <= 15 else { return nil }
        }
        guard digits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        return Double(mantissa) / exactPowersOfTen[fractionDigits]
    }

    private static let exactPowersOfTen: [Double] = (0...15).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

/// Well-formed UTF-8 (Unicode Table 3-7): what `String(decoding:as:)` keeps byte for byte.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)  // no surrogates
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)  // nothing above U+10FFFF
            default: return false
            }
            guard index + length <= count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
