import GatewayCodes
import Testing

@Suite("ISBT 128")
struct ISBT128Tests {
    @Test("DIN check character is ISO 7064 mod 37-2; flags 60-96 must carry it")
    func dinCheck() throws {
        let code = Fixture.decode("=A99991712345600")
        let check = try #require(code.dinCheck?.utf8.first)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*".utf8)
        let value = try #require(alphabet.firstIndex(of: check))
        let flags = String(60 + value)
        #expect(Fixture.decode("=A999917123456" + flags).error == nil)
        let wrong = String(60 + (value + 1) % 37)
        #expect(Fixture.decode("=A999917123456" + wrong).error?.kind == .checkDigit)
    }

    @Test("dates: expiry [004], collection [007], production [008], expiry month [026]")
    func dates() {
        let code = Fixture.decode("=>026032&*0250611430=}025150")
        #expect(code.expiry == Fixture.date("2026-02-01"))
        #expect(code.collectionDate == Fixture.date("2025-03-02"))
        #expect(code.collectionTime == "14:30")
        #expect(code.productionDate == Fixture.date("2025-05-30"))
        #expect(code.structures == ["004", "007", "008"])
        let month = Fixture.decode("=]202712")
        #expect(month.expiry == Fixture.date("2027-12-01"))
        #expect(month.expiryPrecision == "month")
        #expect(Fixture.decode("=>026400").error?.kind == .date)
    }

    @Test("compound message count is checked")
    func compoundCount() {
        #expect(Fixture.decode("=+02000=<T0416003=>026032").error == nil)
        #expect(Fixture.decode("=+03000=<T0416003=>026032").error?.kind == .compoundCount)
    }

    @Test("unknown structure after known ones is kept in raw with a warning; truncated data is a syntax error")
    func partial() {
        let code = Fixture.decode("=<T0416003&a12345")
        #expect(code.kind == .isbt128)
        #expect(code.raw == "&a12345")
        #expect(code.warnings.first?.kind == .unparsed)
        #expect(Fixture.decode("=<T04160").error?.kind == .syntax)
        #expect(Fixture.decode("=!ABC").error?.kind == .syntax)
    }
}
