/// Date and time linters: yymmd0, yymmdd, yyyymmdd, hhmi, hh, mi, ss.
enum GS1DateLinters {
    static func run(_ linter: GS1Linter, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                    reference: CivilDate) -> GS1LintOutcome {
        let start = range.lowerBound
        switch linter {
        case .yymmd0, .yymmdd:
            guard range.count == 6 else { return GS1Linters.fail(.date, start, "date must be YYMMDD") }
            return date(bytes, start, yearDigits: 2, allowDayZero: linter == .yymmd0, reference: reference)
        case .yyyymmdd:
            guard range.count == 8 else { return GS1Linters.fail(.date, start, "date must be YYYYMMDD") }
            return date(bytes, start, yearDigits: 4, allowDayZero: false, reference: reference)
        case .hhmi:
            guard range.count == 4 else { return GS1Linters.fail(.date, start, "time must be HHMI") }
            return within(bytes, start, 23, "hour") ?? within(bytes, start + 2, 59, "minute") ?? .pass
        case .hh: return within(bytes, start, 23, "hour") ?? .pass
        case .mi: return within(bytes, start, 59, "minute") ?? .pass
        case .ss: return within(bytes, start, 59, "second") ?? .pass
        default: return .pass
        }
    }

    private static func within(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ maximum: Int, _ name: String)
        -> GS1LintOutcome? {
        guard let value = ASCII.number(bytes, start..<(start + 2)), value <= maximum else {
            return GS1Linters.fail(.date, start, "\(name) out of range")
        }
        return nil
    }

    private static func date(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, yearDigits: Int,
                             allowDayZero: Bool, reference: CivilDate) -> GS1LintOutcome {
        let monthStart = start + yearDigits
        guard let yearPart = ASCII.number(bytes, start..<monthStart),
              let month = ASCII.number(bytes, monthStart..<(monthStart + 2)),
              let day = ASCII.number(bytes, (monthStart + 2)..<(monthStart + 4))
        else { return GS1Linters.fail(.date, start, "date must be numeric") }
        guard (1...12).contains(month) else {
            return GS1Linters.fail(.date, monthStart, "month \(month) does not exist")
        }
        let year = yearDigits == 2 ? CivilDate.expandTwoDigitYear(yearPart, reference: reference) : yearPart
        let daysInMonth = CivilDate.daysIn(month: month, year: year)
        guard (day == 0 && allowDayZero) || (day >= 1 && day <= daysInMonth) else {
            return GS1Linters.fail(.date, monthStart + 2, "day \(day) does not exist in \(year)-\(month)")
        }
        guard yearDigits == 2 else { return .pass }
        // The date `civilDate(_:at:reference:)` gives for this value, which the GS1 date fields then take.
        return .passedDate(CivilDate(year: year, month: month, day: day == 0 ? daysInMonth : day))
    }

    /// The calendar date of a validated yymmd0/yymmdd value at `start` (day 00 = last day of the month).
    static func civilDate(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, reference: CivilDate) -> CivilDate? {
        guard let yy = ASCII.number(bytes, start..<(start + 2)),
              let month = ASCII.number(bytes, (start + 2)..<(start + 4)),
              let day = ASCII.number(bytes, (start + 4)..<(start + 6)), (1...12).contains(month)
        else { return nil }
        let year = CivilDate.expandTwoDigitYear(yy, reference: reference)
        let date = CivilDate(year: year, month: month, day: day == 0 ? CivilDate.daysIn(month: month, year: year) : day)
        return date.isValid ? date : nil
    }
}
