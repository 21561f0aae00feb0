extension CivilDate {
    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` of `year`; 0 for a month outside 1...12.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// The date of day-of-year `ordinal` (1 = 1 January); nil when the year has no such day.
    static func fromOrdinal(year: Int, ordinal: Int) -> CivilDate? {
        guard ordinal >= 1, ordinal <= (isLeapYear(year) ? 366 : 365) else { return nil }
        var remaining = ordinal
        for month in 1...12 {
            let length = daysIn(month: month, year: year)
            if remaining <= length { return CivilDate(year: year, month: month, day: remaining) }
            remaining -= length
        }
        return nil
    }

    /// Expands a two-digit year with the GS1 sliding century window (GS1 General Specifications 7.12):
    /// a year more than 50 years ahead of the reference year belongs to the previous century, one 50 or more
    /// years behind belongs to the next century.
    static func expandTwoDigitYear(_ twoDigits: Int, reference: CivilDate) -> Int {
        let referenceCentury = reference.year - reference.year % 100
        let difference = twoDigits - reference.year % 100
        if difference >= 51 { return referenceCentury - 100 + twoDigits }
        if difference <= -50 { return referenceCentury + 100 + twoDigits }
        return referenceCentury + twoDigits
    }
}
