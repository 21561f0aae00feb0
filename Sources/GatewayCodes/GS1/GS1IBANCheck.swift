/// IBAN (ISO 13616) form and mod-97 check for the `iban` linter; the per-country length table is not applied.
enum GS1IBANCheck {
    static func lint(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> GS1LintOutcome {
        let start = range.lowerBound
        guard range.count >= 5 else { return GS1Linters.fail(.lint, start, "IBAN too short") }
        guard ISOCodes.isCountryAlpha2(bytes, start..<(start + 2)) else {
            return GS1Linters.fail(.lint, start, "IBAN must start with an ISO 3166 alpha-2 country code")
        }
        guard ASCII.isDigit(bytes[start + 2]), ASCII.isDigit(bytes[start + 3]) else {
            return GS1Linters.fail(.lint, start + 2, "IBAN check digits must be numeric")
        }
        var remainder = 0
        // Rearranged: BBAN first, then country code and check digits; letters count as 10...35.
        let rearranged = Array((start + 4)..<range.upperBound) + Array(start..<(start + 4))
        for index in rearranged {
            let byte = bytes[index]
            if ASCII.isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - ASCII.zero)) % 97
            } else if ASCII.isUpper(byte) {
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            } else {
                return GS1Linters.fail(.lint, index, "IBAN may contain only digits and upper case letters")
            }
        }
        return remainder == 1 ? .pass : GS1Linters.fail(.checkDigit, start + 2, "IBAN check digits are wrong")
    }
}
