import GatewayCodes
import Testing

@testable import GatewayCore

@Suite("Catalogue code format validation")
struct CatalogFormatValidationTests {
    func format(charset: String?, check: String?) -> CatalogRecord {
        var record = CatalogRecord(kind: .format, key: "wristband")
        record.meaning = "wristband"
        record.prefix = "P"
        record.minLength = 10
        record.maxLength = 10
        record.charset = charset
        record.check = check
        return record
    }

    @Test(arguments: ["iso7064_mod11_2", "iso7064_mod37_2", "mod43"])
    func aCheckWithNonDigitCharactersNeedsALetterCharset(check: String) throws {
        guard case .failure(let error) = format(charset: "digits", check: check).validated() else {
            Issue.record("a digits-only format with \(check) was accepted")
            return
        }
        #expect(error.message.contains("upper_alphanumeric"))
        #expect(try format(charset: "upper_alphanumeric", check: check).validated().get().hospitalCodeRule != nil)
    }

    @Test func digitChecksStayValidOnDigits() throws {
        for check in ["gs1_mod10", "luhn"] {
            #expect(try format(charset: "digits", check: check).validated().get().check == check)
        }
    }

    @Test func theRuleMatchesCodesWhoseCheckCharacterIsX() throws {
        // About one eight-digit body in eleven has the check character X: the rule made from the validated record
        // must accept such a code.
        let rule = try #require(try format(charset: "upper_alphanumeric", check: "iso7064_mod11_2").validated().get()
            .hospitalCodeRule)
        let decoder = CodeDecoder(options: DecodeOptions(hospitalRules: [rule]))
        let withX = (0..<200).lazy.map { "P" + String(format8: $0) + "X" }.first {
            decoder.decode($0).fields.meaning == .wristband
        }
        #expect(withX != nil, "no 9-character body with check X matched the rule")
    }
}

extension String {
    /// `value` as eight digits with leading zeros.
    fileprivate init(format8 value: Int) {
        let digits = String(value)
        self = String(repeating: "0", count: 8 - digits.count) + digits
    }
}
