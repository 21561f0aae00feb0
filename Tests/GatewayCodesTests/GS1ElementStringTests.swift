import GatewayCodes
import Testing

@Suite("GS1 element strings")
struct GS1ElementStringTests {
    @Test("raw element string with GS fills the standard fields")
    func rawWithGS() {
        let code = Fixture.decode("0109506000134352112501151728063010LOT-7\u{1D}21S/N-9\u{1D}3012")
        #expect(code.kind == .gs1)
        #expect(code.gtin == "09506000134352")
        #expect(code.productionDate == Fixture.date("2025-01-15"))
        #expect(code.expiry == Fixture.date("2028-06-30"))
        #expect(code.lot == "LOT-7")
        #expect(code.serial == "S/N-9")
        #expect(code.quantity == 12)
        #expect(code.ais?.map(\.ai) == ["01", "11", "17", "10", "21", "30"])
    }

    @Test("a leading GS (FNC1 in first position sent by the scanner) is skipped")
    func leadingGS() {
        let code = Fixture.decode("\u{1D}010950600013435210A1")
        #expect(code.error == nil)
        #expect(code.lot == "A1")
    }

    @Test("GS1 century window relative to the reference date", arguments: [
        ("76", 2076), ("77", 1977), ("26", 2026), ("00", 2000), ("99", 1999), ("49", 2049),
    ])
    func centuryWindow(yy: String, year: Int) {
        let code = Fixture.decode("0109506000134352" + "17" + yy + "0615")
        #expect(code.expiry?.year == year)
    }

    @Test("day 00 is the last day of the month, leap years included")
    func dayZero() {
        #expect(Fixture.decode("010950600013435217240200").expiry == Fixture.date("2024-02-29"))
        #expect(Fixture.decode("010950600013435217250200").expiry == Fixture.date("2025-02-28"))
        #expect(Fixture.decode("010950600013435217261100").expiry == Fixture.date("2026-11-30"))
    }

    @Test("yymmdd (not yymmd0) rejects day 00")
    func yymmddRejectsDayZero() {
        let code = Fixture.decode("0109506000134352" + "7006" + "250100")
        #expect(code.error?.kind == .date)
        #expect(code.error?.position == 24)
    }

    @Test("7003 expiry date and time")
    func expiryDateTime() {
        let code = Fixture.decode("0109506000134352" + "7003" + "2602282359")
        #expect(code.expiryDatetime == "2026-02-28T23:59")
        #expect(code.expiry == Fixture.date("2026-02-28"))
        #expect(code.expiryTime == "23:59")
        #expect(Fixture.decode("0109506000134352" + "7003" + "2602282460").error?.kind == .date)
    }

    @Test("decimal AIs expose the value with its decimal point")
    func decimals() throws {
        let code = Fixture.decode("0109506000134352" + "3103" + "001250" + "3922" + "1999")
        let weight = try #require(code.ais?.first { $0.ai == "3103" })
        #expect(weight.decimalPlaces == 3)
        #expect(weight.decimalValue == "1.250")
        let price = try #require(code.ais?.first { $0.ai == "3922" })
        #expect(price.decimalValue == "19.99")
        let amount = AIElement(ai: "3932", value: "9781999")
        #expect(amount.currencyCode == "978")
        #expect(amount.decimalValue == "19.99")
    }

    @Test("a value that overruns its maximum length is a missing separator, with the position")
    func overrun() {
        let code = Fixture.decode("0109506000134352" + "10" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        #expect(code.error?.kind == .missingSeparator)
        #expect(code.error?.position == 38)
    }

    @Test("a lot that swallowed a GS before 17YYMMDD is reported, not silently split")
    func swallowedGSWarning() {
        let code = Fixture.decode("0109506000134352" + "10" + "ABC" + "17251231")
        #expect(code.error == nil)
        #expect(code.lot == "ABC17251231")
        let warning = code.warnings.first { $0.kind == .possibleMissingSeparator }
        #expect(warning?.position == 21)
    }

    @Test("fixed-length AI requiring FNC1 without GS: warning by default, error in strict mode")
    func missingFNC1Policy() {
        let text = "0109506000134352" + "7003" + "2512312359" + "10B7"
        #expect(Fixture.decode(text).warnings.contains { $0.kind == .missingSeparator })
        #expect(Fixture.decode(text, strict: true).error?.kind == .missingSeparator)
    }

    @Test("pairing rules: warning by default, error in strict mode")
    func pairing() {
        let lotAlone = "10ABC"
        #expect(Fixture.decode(lotAlone).warnings.contains { $0.kind == .pairing })
        #expect(Fixture.decode(lotAlone, strict: true).error?.kind == .pairing)
        // (02) excludes (01).
        let both = "0109506000134352" + "0209506000134352" + "3712"
        #expect(Fixture.decode(both, strict: true).error?.kind == .pairing)
    }

    @Test("repeated AI with different values is an error, identical repeat a warning")
    func duplicates() {
        #expect(Fixture.decode("010950600013435210A\u{1D}10B").error?.kind == .pairing)
        #expect(Fixture.decode("010950600013435210A\u{1D}10A").warnings.contains { $0.kind == .pairing })
    }

    @Test("error kinds carry the character position", arguments: [
        ("0109506000134A52", DecodeErrorKind.charset, 13),
        ("0109506000134353", .checkDigit, 15),
        ("010950600013435217251301", .date, 20),
        ("01095060001343521725", .syntax, 20),
        ("89ABC", .syntax, 0),
        ("01095060001343523910000100", .lint, 20),
        ("0109506000134352422952", .lint, 19),
        ("0109506000134352\u{1D}\u{1D}", .syntax, 17),
        ("4149520000000012", .checkDigit, 15),
        ("0109506000134352" + "10", .syntax, 18),
    ])
    func errorPositions(text: String, kind: DecodeErrorKind, position: Int) {
        let code = Fixture.decode(text, strict: true)
        #expect(code.kind == .invalid)
        #expect(code.error?.kind == kind, "\(String(describing: code.error))")
        #expect(code.error?.position == position)
    }

    @Test("more linters: iso4217, pieceoftotal, yesno, csumalpha, iban, latitude")
    func linters() {
        #expect(Fixture.decode("8006" + "09506000134352" + "0302").error?.kind == .lint)
        #expect(Fixture.decode("8006" + "09506000134352" + "0203").error == nil)
        #expect(Fixture.decode("00" + "009506000134356785" + "4321" + "2").error?.kind == .lint)
        #expect(Fixture.decode("8013" + "1987654Ad4X4bL5ttr2310c2K").error == nil)
        #expect(Fixture.decode("8013" + "1987654Ad4X4bL5ttr2310c2L").error?.kind == .checkDigit)
        #expect(Fixture.decode("415" + "9506000134352" + "\u{1D}8007" + "GB82WEST12345698765432").error == nil)
        #expect(Fixture.decode("415" + "9506000134352" + "\u{1D}8007" + "GB82WEST12345698765431").error?.kind
            == .checkDigit)
        #expect(Fixture.decode("00" + "009506000134356785" + "4309" + "1800000001" + "0000000000").error?.kind == .lint)
    }

    @Test("plain GTIN-8/12/13/14 are padded to 14 digits; bad check digit is check_digit")
    func plainGTIN() {
        #expect(Fixture.decode("96385074").gtin == "00000096385074")
        #expect(Fixture.decode("036000291452").gtin == "00036000291452")
        #expect(Fixture.decode("4006381333931").gtin == "04006381333931")
        #expect(Fixture.decode("4006381333932").error?.kind == .checkDigit)
        #expect(Fixture.decode("]E496385074").gtin == "00000096385074")
        #expect(Fixture.decode("]E496385075").error?.kind == .symbology)
        #expect(Fixture.decode("]I109506000134352").gtin == "09506000134352")
    }

    @Test("bracketed HRI with values containing brackets that are not AIs")
    func bracketedValueWithParenthesis() {
        let code = Fixture.decode("(01)09506000134352(10)A(B)C")
        #expect(code.lot == "A(B)C")
    }

    @Test("pairing messages name the requirement or exclusion, in AI order (req= read from the rule table)")
    func pairingMessages() {
        // Pinned when the pairing check moved to reading requirements through a pointer into the rule table.
        #expect(Fixture.decode("(10)ABC(21)X").warnings.map(\.message)
            == ["(10) requires one of 01,02,03,8006,8026", "(21) requires one of 01,03,8006"])
        #expect(Fixture.decode("(01)09506000134352(7240)X(8030)Y").warnings.map(\.message)
            == ["(8030) requires one of 00,01+21,253,255,8003,8004,8006+21,8010+8011,8017,8018"])
        #expect(Fixture.decode("(01)09506000134352(255)9506000134352").warnings.map(\.message)
            == ["(01) may not appear with an AI it excludes", "(255) may not appear with an AI it excludes"])
        #expect(Fixture.decode("(10)ABC(21)X", strict: true).error?.message
            == "(10) requires one of 01,02,03,8006,8026")
    }
}
