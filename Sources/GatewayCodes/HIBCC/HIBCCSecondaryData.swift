/// The secondary data of HIBCC: quantity/date/lot/serial flags and `/`-separated supplemental fields.
///
/// Main part: `$` lot | `$+` serial | `$$` [`8`QQ | `9`QQQQQ] date lot | `$$+` [...] date serial |
/// 5-digit Julian date (YYJJJ) lot. Date after `$$`: `0`/`1` MMYY, `2` MMDDYY, `3` YYMMDD, `4` YYMMDDHH,
/// `5` YYJJJ, `6` YYJJJHH, `7` none. Supplemental: `S` serial, `16D` production YYYYMMDD, `14D` expiry
/// YYYYMMDD, `Q` quantity.
struct HIBCCSecondaryData {
    let input: InputText
    let reference: CivilDate

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    func parse(_ data: Range<Int>, _ result: inout HIBCCResult, _ fields: inout CodeFields) -> Bool {
        let slash = data.first { bytes[$0] == UInt8(ascii: "/") } ?? data.upperBound
        guard parseMain(data.lowerBound..<slash, &result, &fields) else { return false }
        var partStart = slash + 1
        while partStart <= data.upperBound, slash < data.upperBound {
            let partEnd = (partStart..<data.upperBound).first { bytes[$0] == UInt8(ascii: "/") } ?? data.upperBound
            if partEnd > partStart, !parseSupplemental(partStart..<partEnd, &result, &fields) { return false }
            partStart = partEnd + 1
        }
        return true
    }

    private func parseMain(_ main: Range<Int>, _ result: inout HIBCCResult, _ fields: inout CodeFields) -> Bool {
        var cursor = main.lowerBound
        guard cursor < main.upperBound else { return result.fail(.syntax, "empty HIBCC secondary data", at: cursor) }
        if bytes[cursor] != UInt8(ascii: "$") {
            // Old format: a 5-digit Julian date YYJJJ, then the lot.
            guard main.count >= 5, ASCII.allDigits(bytes, cursor..<(cursor + 5)) else {
                return result.fail(
                    .syntax, "HIBCC secondary data must start with $, $$ or a Julian date YYJJJ", at: cursor)
            }
            guard let date = julian(cursor, hours: false, &result, &fields) else { return false }
            fields.expiry = date
            cursor += 5
            setText(cursor..<main.upperBound, serial: false, &fields)
            return true
        }
        cursor += 1
        guard cursor < main.upperBound, bytes[cursor] == UInt8(ascii: "$") else {
            let serial = cursor < main.upperBound && bytes[cursor] == UInt8(ascii: "+")
            setText((serial ? cursor + 1 : cursor)..<main.upperBound, serial: serial, &fields)
            return true
        }
        cursor += 1
        let serial = cursor < main.upperBound && bytes[cursor] == UInt8(ascii: "+")
        if serial { cursor += 1 }
        if cursor < main.upperBound, bytes[cursor] == UInt8(ascii: "8") || bytes[cursor] == UInt8(ascii: "9") {
            let digits = bytes[cursor] == UInt8(ascii: "8") ? 2 : 5
            guard let quantity = ASCII.number(bytes, (cursor + 1)..<min(cursor + 1 + digits, main.upperBound)),
                  cursor + 1 + digits <= main.upperBound
            else { return result.fail(.syntax, "HIBCC quantity must be \(digits) digits", at: cursor + 1) }
            fields.quantity = quantity
            cursor += 1 + digits
        }
        guard let afterDate = parseFlaggedDate(cursor, end: main.upperBound, &result, &fields) else { return false }
        setText(afterDate..<main.upperBound, serial: serial, &fields)
        return true
    }

    /// Reads the date flag and date at `cursor`; returns the offset after them.
    private func parseFlaggedDate(_ cursor: Int, end: Int, _ result: inout HIBCCResult, _ fields: inout CodeFields)
        -> Int? {
        guard cursor < end else { return cursor }
        let flag = bytes[cursor]
        switch flag {
        case UInt8(ascii: "0"), UInt8(ascii: "1"):
            guard let month = number(cursor, 2, end), let yy = number(cursor + 2, 2, end),
                  (1...12).contains(month) else {
                result.fail(.date, "HIBCC MMYY date is invalid", at: cursor)
                return nil
            }
            fields.expiry = CivilDate(year: year(yy), month: month, day: 1)
            fields.text.set(.expiryPrecision, .month)
            return cursor + 4
        case UInt8(ascii: "2"): return calendarDate(cursor + 1, end, order: .mmddyy, hours: false, &result, &fields)
        case UInt8(ascii: "3"): return calendarDate(cursor + 1, end, order: .yymmdd, hours: false, &result, &fields)
        case UInt8(ascii: "4"): return calendarDate(cursor + 1, end, order: .yymmdd, hours: true, &result, &fields)
        case UInt8(ascii: "5"), UInt8(ascii: "6"):
            let hours = flag == UInt8(ascii: "6")
            guard cursor + 1 + (hours ? 7 : 5) <= end,
                  let date = julian(cursor + 1, hours: hours, &result, &fields) else {
                if result.error == nil { result.fail(.date, "HIBCC Julian date is incomplete", at: cursor + 1) }
                return nil
            }
            fields.expiry = date
            return cursor + 1 + (hours ? 7 : 5)
        case UInt8(ascii: "7"): return cursor + 1
        default:
            result.fail(.syntax, "unknown HIBCC date format flag", at: cursor)
            return nil
        }
    }

    private enum DateOrder { case mmddyy, yymmdd }

    private func calendarDate(_ start: Int, _ end: Int, order: DateOrder, hours: Bool, _ result: inout HIBCCResult,
                              _ fields: inout CodeFields)
        -> Int? {
        let length = hours ? 8 : 6
        guard start + length <= end, let first = number(start, 2, end), let second = number(start + 2, 2, end),
              let third = number(start + 4, 2, end)
        else {
            result.fail(.date, "HIBCC date is incomplete", at: start)
            return nil
        }
        let date = order == .mmddyy ? CivilDate(year: year(third), month: first, day: second)
                                    : CivilDate(year: year(first), month: second, day: third)
        guard date.isValid else {
            result.fail(.date, "HIBCC date does not exist", at: start)
            return nil
        }
        fields.expiry = date
        if hours {
            guard let hour = number(start + 6, 2, end), hour <= 23 else {
                result.fail(.date, "HIBCC hour out of range", at: start + 6)
                return nil
            }
            fields.text.set(.expiryTime, hour: hour, minute: 0)
        }
        return start + length
    }

    private func julian(_ start: Int, hours: Bool, _ result: inout HIBCCResult, _ fields: inout CodeFields)
        -> CivilDate? {
        guard let yy = number(start, 2, start + 2), let day = number(start + 2, 3, start + 5),
              let date = CivilDate.fromOrdinal(year: year(yy), ordinal: day)
        else {
            result.fail(.date, "HIBCC Julian date YYJJJ is invalid", at: start)
            return nil
        }
        if hours {
            guard let hour = number(start + 5, 2, start + 7), hour <= 23 else {
                result.fail(.date, "HIBCC hour out of range", at: start + 5)
                return nil
            }
            fields.text.set(.expiryTime, hour: hour, minute: 0)
        }
        return date
    }

    private func parseSupplemental(_ part: Range<Int>, _ result: inout HIBCCResult, _ fields: inout CodeFields)
        -> Bool {
        let start = part.lowerBound
        if bytes[start] == UInt8(ascii: "S") {
            fields.text.set(.serial, (start + 1)..<part.upperBound)
        } else if bytes[start] == UInt8(ascii: "Q"), let quantity = ASCII.number(bytes, (start + 1)..<part.upperBound) {
            fields.quantity = quantity
        } else if ASCII.hasPrefix(bytes, at: start, "16D") || ASCII.hasPrefix(bytes, at: start, "14D") {
            guard part.count == 11, let yyyy = number(start + 3, 4, part.upperBound),
                  let month = number(start + 7, 2, part.upperBound), let day = number(start + 9, 2, part.upperBound),
                  CivilDate(year: yyyy, month: month, day: day).isValid
            else { return result.fail(.date, "HIBCC supplemental date must be YYYYMMDD", at: start + 3) }
            let date = CivilDate(year: yyyy, month: month, day: day)
            if bytes[start + 1] == UInt8(ascii: "6") { fields.productionDate = date } else { fields.expiry = date }
        } else {
            result.warnings.append(input.warning(.grammar, "unknown HIBCC supplemental field ignored", at: start))
        }
        return true
    }

    private func setText(_ range: Range<Int>, serial: Bool, _ fields: inout CodeFields) {
        guard !range.isEmpty else { return }
        fields.text.set(serial ? .serial : .lot, range)
    }

    private func number(_ start: Int, _ count: Int, _ end: Int) -> Int? {
        guard start + count <= end else { return nil }
        return ASCII.number(bytes, start..<(start + count))
    }

    private func year(_ twoDigits: Int) -> Int { CivilDate.expandTwoDigitYear(twoDigits, reference: reference) }
}
