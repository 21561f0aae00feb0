import GatewayCodes
import Testing

@Suite("HIBCC")
struct HIBCCTests {
    @Test("primary line")
    func primary() {
        let code = Fixture.decode(Fixture.hibcc("+H123PS1234561"))
        #expect(code.kind == .hibcc)
        #expect(code.lic == "H123")
        #expect(code.product == "PS123456")
        #expect(code.uom == 1)
        #expect(code.line == "primary")
    }

    @Test("secondary date formats", arguments: [
        ("$$0928LOT1", "2028-09-01", nil as String?, "month" as String?),
        ("$$2092828LOT1", "2028-09-28", nil, nil),
        ("$$3280928LOT1", "2028-09-28", nil, nil),
        ("$$428092807LOT1", "2028-09-28", "07:00", nil),
        ("$$528272LOT1", "2028-09-28", nil, nil),
        ("$$62827207LOT1", "2028-09-28", "07:00", nil),
        ("28272LOT1", "2028-09-28", nil, nil),
    ])
    func dateFormats(secondary: String, expiry: String, time: String?, precision: String?) {
        let code = Fixture.decode(Fixture.hibcc("+A123BJC5D6E71/" + secondary))
        #expect(code.error == nil, "\(String(describing: code.error))")
        #expect(code.expiry == Fixture.date(expiry))
        #expect(code.expiryTime == time)
        #expect(code.expiryPrecision == precision)
        #expect(code.lot == "LOT1")
    }

    @Test("quantity formats $$8, $$9 and /Q; serial with $+ and $$+")
    func quantityAndSerial() {
        let eight = Fixture.decode(Fixture.hibcc("+A123BJC5D6E71/$$8053280928LOT1"))
        #expect(eight.quantity == 5)
        #expect(eight.expiry == Fixture.date("2028-09-28"))
        let nine = Fixture.decode(Fixture.hibcc("+A123BJC5D6E71/$$9001007LOT1"))
        #expect(nine.quantity == 100)
        #expect(nine.lot == "LOT1")
        let serial = Fixture.decode(Fixture.hibcc("+A123BJC5D6E71/$+SER9"))
        #expect(serial.serial == "SER9")
        let dated = Fixture.decode(Fixture.hibcc("+A123BJC5D6E71/$$+3280928SER9/Q3"))
        #expect(dated.serial == "SER9")
        #expect(dated.quantity == 3)
    }

    @Test("supplemental /14D expiry and /16D production; unknown supplemental warns")
    func supplemental() {
        let code = Fixture.decode(Fixture.hibcc("+A123BJC5D6E71/$LOT9/14D20290131/16D20240102/ZZZ"))
        #expect(code.expiry == Fixture.date("2029-01-31"))
        #expect(code.productionDate == Fixture.date("2024-01-02"))
        #expect(code.warnings.map(\.kind) == [.grammar])
    }

    @Test("two lines joined with +: link must equal the primary check")
    func linkedLines() {
        let good = Fixture.decode("+A123BJC5D6E71G+$$710X3G7")
        #expect(good.error == nil)
        #expect(good.line == "concatenated")
        #expect(good.lot == "10X3")
        let mismatch = Fixture.decode("+A123BJC5D6E71G" + Fixture.hibcc("+$$710X3H"))
        #expect(mismatch.error?.kind == .checkCharacter)
    }

    @Test("errors: check character, charset, bad date, short data", arguments: [
        ("+A123BJC5D6E71H", DecodeErrorKind.checkCharacter, 14),
        ("+A123BJC5D6E7a1G", .charset, 13),
        (Fixture.hibcc("+A123BJC5D6E71/$$3281328LOT"), .date, 18),
        ("+A1", .syntax, 1),
        (Fixture.hibcc("+A123BJC5D6E7X"), .syntax, 13),
    ])
    func errors(text: String, kind: DecodeErrorKind, position: Int) {
        let code = Fixture.decode(text)
        #expect(code.error?.kind == kind, "\(String(describing: code.error))")
        #expect(code.error?.position == position)
    }
}
