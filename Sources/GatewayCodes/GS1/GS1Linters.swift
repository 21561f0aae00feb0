/// Result of one linter on one component.
enum GS1LintOutcome {
    case pass
    /// Passed a yymmd0/yymmdd check: the calendar date the value denotes (day 00 = the month's last day).
    /// Kept so that the element's date field is not parsed a second time.
    case passedDate(CivilDate)
    /// Recognised linter whose full rule set is not implemented; the value passes with a warning.
    case notValidated(String)
    /// Rejected: `position` is the absolute byte offset of the offending character.
    case fail(kind: DecodeErrorKind, position: Int, message: String)
}

/// The content checks ("linters") named in the GS1 Barcode Syntax Dictionary, on raw component bytes.
enum GS1Linters {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    // swiftlint:disable:next cyclomatic_complexity
    static func run(_ linter: GS1Linter, _ bytes: Bytes, _ range: Range<Int>, reference: CivilDate) -> GS1LintOutcome {
        switch linter {
        case .zero: return range.count == 1 && bytes[range.lowerBound] == ASCII.zero
            ? .pass : fail(.lint, range.lowerBound, "must be 0")
        case .nonzero: return range.contains { bytes[$0] != ASCII.zero }
            ? .pass : fail(.lint, range.lowerBound, "must not be all zeros")
        case .nozeroprefix: return range.count > 1 && bytes[range.lowerBound] == ASCII.zero
            ? fail(.lint, range.lowerBound, "must not start with 0") : .pass
        case .hasnondigit: return range.contains { !ASCII.isDigit(bytes[$0]) }
            ? .pass : fail(.lint, range.lowerBound, "must contain a non-digit")
        case .yesno: return oneOf(bytes, range, "01", "must be 0 or 1")
        case .hyphen: return range.allSatisfy { bytes[$0] == UInt8(ascii: "-") }
            ? .pass : fail(.lint, range.lowerBound, "must be '-'")
        case .winding: return oneOf(bytes, range, "019", "winding direction must be 0, 1 or 9")
        case .iso5218: return oneOf(bytes, range, "0129", "ISO 5218 sex code must be 0, 1, 2 or 9")
        case .mediatype: return mediaType(bytes, range)
        case .csum: return CheckDigits.gs1Mod10IsValid(bytes, range)
            ? .pass : fail(.checkDigit, range.upperBound - 1, "check digit is wrong")
        case .csumalpha: return GS1AlphanumericCheck.isValid(bytes, range)
            ? .pass : fail(.checkDigit, max(range.lowerBound, range.upperBound - 2), "check character pair is wrong")
        case .gcppos1: return companyPrefix(bytes, range, skipping: 0)
        case .gcppos2: return companyPrefix(bytes, range, skipping: 1)
        case .yymmd0, .yymmdd, .yyyymmdd, .hhmi, .hh, .mi, .ss:
            return GS1DateLinters.run(linter, bytes, range, reference: reference)
        case .iso3166: return country(bytes, range, allowing999: false)
        case .iso3166999: return country(bytes, range, allowing999: true)
        case .iso3166alpha2: return ISOCodes.isCountryAlpha2(bytes, range)
            ? .pass : fail(.lint, range.lowerBound, "not an ISO 3166 alpha-2 country code")
        case .iso4217: return ISOCodes.isCurrency(ASCII.number(bytes, range) ?? -1)
            ? .pass : fail(.lint, range.lowerBound, "not an ISO 4217 numeric currency code")
        case .latitude: return bounded(bytes, range, maximum: 1_800_000_000, "latitude out of range")
        case .longitude: return bounded(bytes, range, maximum: 3_600_000_000, "longitude out of range")
        case .pieceoftotal: return pieceOfTotal(bytes, range)
        case .posinseqslash: return positionInSequence(bytes, range)
        case .pcenc: return percentEncoding(bytes, range)
        case .importeridx: return range.allSatisfy { isImporterIndex(bytes[$0]) }
            ? .pass : fail(.lint, range.lowerBound, "invalid importer index character")
        case .iban: return GS1IBANCheck.lint(bytes, range)
        case .packagetype: return .notValidated("package type code checked for form only, not against UN/ECE Rec 21")
        case .couponcode, .couponposoffer: return .notValidated("coupon data structure is not validated")
        }
    }

    @inline(__always)
    static func fail(_ kind: DecodeErrorKind, _ position: Int, _ message: String) -> GS1LintOutcome {
        .fail(kind: kind, position: position, message: message)
    }

    private static func oneOf(_ bytes: Bytes, _ range: Range<Int>, _ allowed: StaticString, _ message: String)
        -> GS1LintOutcome {
        let options = UnsafeBufferPointer(start: allowed.utf8Start, count: allowed.utf8CodeUnitCount)
        return range.allSatisfy { options.contains(bytes[$0]) } ? .pass : fail(.lint, range.lowerBound, message)
    }

    private static func mediaType(_ bytes: Bytes, _ range: Range<Int>) -> GS1LintOutcome {
        let value = ASCII.number(bytes, range) ?? -1
        return (1...10).contains(value) || (80...99).contains(value)
            ? .pass : fail(.lint, range.lowerBound, "AIDC media type must be 01-10 or 80-99")
    }

    /// A GS1 Company Prefix (at least four digits) must start at the given offset.
    private static func companyPrefix(_ bytes: Bytes, _ range: Range<Int>, skipping: Int) -> GS1LintOutcome {
        let start = range.lowerBound + skipping
        let end = min(start + 4, range.upperBound)
        guard end - start == 4 else { return fail(.lint, start, "too short to hold a GS1 Company Prefix") }
        for index in start..<end where !ASCII.isDigit(bytes[index]) {
            return fail(.lint, index, "GS1 Company Prefix must be numeric")
        }
        return .pass
    }

    private static func country(_ bytes: Bytes, _ range: Range<Int>, allowing999: Bool) -> GS1LintOutcome {
        let value = ASCII.number(bytes, range) ?? -1
        if allowing999, value == 999 { return .pass }
        return ISOCodes.isCountryNumeric(value)
            ? .pass : fail(.lint, range.lowerBound, "not an ISO 3166 numeric country code")
    }

    private static func bounded(_ bytes: Bytes, _ range: Range<Int>, maximum: Int, _ message: String)
        -> GS1LintOutcome {
        (ASCII.number(bytes, range) ?? Int.max) <= maximum ? .pass : fail(.lint, range.lowerBound, message)
    }

    private static func pieceOfTotal(_ bytes: Bytes, _ range: Range<Int>) -> GS1LintOutcome {
        let half = range.count / 2
        guard half > 0,
              let piece = ASCII.number(bytes, range.lowerBound..<(range.lowerBound + half)),
              let total = ASCII.number(bytes, (range.lowerBound + half)..<range.upperBound),
              piece >= 1, total >= 1, piece <= total
        else { return fail(.lint, range.lowerBound, "piece number must be 1...total") }
        return .pass
    }

    private static func positionInSequence(_ bytes: Bytes, _ range: Range<Int>) -> GS1LintOutcome {
        guard let slash = range.first(where: { bytes[$0] == UInt8(ascii: "/") }),
              let position = ASCII.number(bytes, range.lowerBound..<slash),
              let count = ASCII.number(bytes, (slash + 1)..<range.upperBound),
              position >= 1, position <= count
        else { return fail(.lint, range.lowerBound, "must be position/count, e.g. 1/2") }
        return .pass
    }

    private static func percentEncoding(_ bytes: Bytes, _ range: Range<Int>) -> GS1LintOutcome {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < range.upperBound, PercentDecoding.hexValue(bytes[index + 1]) != nil,
                      PercentDecoding.hexValue(bytes[index + 2]) != nil
                else { return fail(.lint, index, "'%' must be followed by two hex digits") }
                index += 3
            } else {
                index += 1
            }
        }
        return .pass
    }

    private static func isImporterIndex(_ byte: UInt8) -> Bool {
        ASCII.isAlphanumericUpper(byte) || ASCII.isLower(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
