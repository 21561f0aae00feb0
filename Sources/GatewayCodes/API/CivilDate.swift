/// A calendar date without a time zone, as printed on labels ("use by 2026-11-30").
///
/// Encodes to and from ISO 8601 `"YYYY-MM-DD"`. The decoder never reads a clock; "today" is always injected
/// through ``DecodeOptions/referenceDate``.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Four-digit year, e.g. 2026.
    public var year: Int
    /// Month 1...12.
    public var month: Int
    /// Day of month 1...31.
    public var day: Int

    /// Creates a date from its parts; no validation is done here (see ``isValid``).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `"YYYY-MM-DD"`; returns nil for anything else or an impossible date.
    public init?(iso text: String) {
        // One pass over the UTF-8 view, no array: resolution parses every unique label's expiry with this.
        var fields = (year: 0, month: 0, day: 0)
        var count = 0
        for byte in text.utf8 {
            if count == 4 || count == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard count < 10, ASCII.isDigit(byte) else { return nil }
                let digit = Int(byte &- UInt8(ascii: "0"))
                switch count {
                case 0..<4: fields.year = fields.year &* 10 &+ digit
                case 5..<7: fields.month = fields.month &* 10 &+ digit
                default: fields.day = fields.day &* 10 &+ digit
                }
            }
            count += 1
        }
        guard count == 10 else { return nil }
        self.init(year: fields.year, month: fields.month, day: fields.day)
        guard isValid else { return nil }
    }

    /// True when month and day exist in this year (leap years included).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilDate.daysIn(month: month, year: year)
    }

    /// ISO 8601 `"YYYY-MM-DD"`.
    public var description: String {
        ASCII.padded(year, width: 4) + "-" + ASCII.padded(month, width: 2) + "-" + ASCII.padded(day, width: 2)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
