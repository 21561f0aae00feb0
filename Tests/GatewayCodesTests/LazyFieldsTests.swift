import Foundation
import GatewayCodes
import Testing

/// Results keep their text fields as ranges of the scan and build Strings when read (docs/codes.md,
/// "Performance"); these tests pin that the stored form never shows through the public API.
@Suite("Lazily built fields")
struct LazyFieldsTests {
    static let samples = [
        "]d201095060001343521725123110ABC123\u{1D}21SN0001",
        "(01)08898421082901(11)250301(17)280229(10)B-2025-03",
        "]Q1https://dl.example.org/01/04006381333931/21/SER%2F42?17=270131",
        "https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225",
        "4006381333931",
        "96385074",
        "+E123XR2000A1/$$+427123110SN98765/16D202501153",
        "=+05000=Z54991712345600=%T300=<T0416003&>0183652359&,4PL001499Z549917123456A00T041600320181231",
        "MA.156.M0.100761.21234561.Sx00008.M220117.L20220117.D20220118.E220130.V220117.C3",
        "0104150011164140211GTFG32DLF\u{1D}1723033110158993A",
        "010950600013435317251231",
        "]A0PAT-000123",
    ]

    @Test("aiElements lists the same elements as ais, without building an array", arguments: samples)
    func aiElementsMatchAIs(text: String) {
        let code = Fixture.decode(text)
        #expect(Array(code.aiElements) == (code.ais ?? []))
        #expect(code.aiElements.count == (code.ais?.count ?? 0))
    }

    @Test("decoding bytes and decoding text give equal results", arguments: samples)
    func bytesAndTextAgree(text: String) {
        let decoder = Fixture.decoder()
        #expect(decoder.decode(Array(text.utf8)) == decoder.decode(text))
    }

    @Test("values that are not a slice of the scan: padded GTINs and percent-decoded Digital Link values")
    func derivedValues() {
        let ean = Fixture.decode("4006381333931")
        #expect(ean.gtin == "04006381333931")
        #expect(ean.di == "04006381333931")
        #expect(ean.ais == [AIElement(ai: "01", value: "04006381333931")])
        let link = Fixture.decode("https://id.example.com/01/09520123456788/21/A%2FB%26C?10=L%2D1")
        #expect(link.error == nil)
        #expect(link.serial == "A/B&C")
        #expect(link.lot == "L-1")
        #expect(link.ais?.map(\.value) == ["09520123456788", "A/B&C", "L-1"])
    }

    @Test("values over 15 bytes (no small-string storage) and over eight elements read back whole")
    func longValuesAndManyElements() {
        let lot = "ABCDEFGHIJ0123456789"
        let many = "0109506000134352" + "10" + lot + "\u{1D}" + "21" + "SERIAL-NUMBER-00001" + "\u{1D}"
            + "11250101" + "13250102" + "15260101" + "16260102" + "17270101" + "20" + "07" + "240ADDITIONAL\u{1D}"
            + "241CUSTOMER\u{1D}" + "30" + "12"
        let code = Fixture.decode(many)
        #expect(code.error == nil)
        #expect(code.lot == lot)
        #expect(code.serial == "SERIAL-NUMBER-00001")
        #expect(code.ais?.count == 12)
        #expect(code.ais?.last == AIElement(ai: "30", value: "12"))
        #expect(code.aiElements.map(\.ai) == ["01", "10", "21", "11", "13", "15", "16", "17", "20", "240", "241", "30"])
        #expect(code.quantity == 12)
    }

    @Test("setters replace decoded values and are independent of each other")
    func settersOverrideDecodedValues() {
        var code = Fixture.decode("]d201095060001343521725123110ABC123\u{1D}21SN0001")
        code.lot = "NEW-LOT"
        code.lot = "NEWER-LOT-LONGER-THAN-FIFTEEN"
        code.expiry = CivilDate(year: 2030, month: 1, day: 31)
        #expect(code.lot == "NEWER-LOT-LONGER-THAN-FIFTEEN")
        #expect(code.serial == "SN0001")
        #expect(code.gtin == "09506000134352")
        #expect(code.expiry == CivilDate(year: 2030, month: 1, day: 31))
        code.serial = nil
        #expect(code.serial == nil)
        code.ais = [AIElement(ai: "01", value: "09506000134352")]
        #expect(code.ais?.count == 1)
        #expect(code.aiElements.count == 1)
        code.ais = nil
        #expect(code.ais == nil)
        #expect(code.aiElements.isEmpty)
    }

    @Test("dates outside the packed range survive the setters unchanged")
    func unusualDates() {
        var fields = CodeFields()
        let odd = CivilDate(year: 123_456, month: 40, day: -1)
        fields.expiry = odd
        fields.productionDate = CivilDate(year: 2026, month: 2, day: 29)
        #expect(fields.expiry == odd)
        #expect(fields.productionDate == CivilDate(year: 2026, month: 2, day: 29))
        fields.expiry = nil
        #expect(fields.expiry == nil)
    }

    @Test("equality compares values, not where they are stored")
    func equalityIgnoresStorage() {
        let decoded = Fixture.decode("]d201095060001343521725123110ABC123\u{1D}21SN0001")
        var built = CodeFields()
        built.symbology = "]d2"
        built.gtin = "09506000134352"
        built.di = "09506000134352"
        built.expiry = CivilDate(year: 2025, month: 12, day: 31)
        built.lot = "ABC123"
        built.serial = "SN0001"
        built.ais = [AIElement(ai: "01", value: "09506000134352"), AIElement(ai: "17", value: "251231"),
                     AIElement(ai: "10", value: "ABC123"), AIElement(ai: "21", value: "SN0001")]
        #expect(decoded.fields == built)
        built.lot = "ABC124"
        #expect(decoded.fields != built)
    }

    @Test("a result outlives the text it was decoded from")
    func resultOutlivesInput() {
        var code: DecodedCode?
        do {
            let text = String(repeating: "0", count: 1) + "10950600013435210LOT-KEPT-AFTER-INPUT"
            code = Fixture.decode(text)
        }
        #expect(code?.lot == "LOT-KEPT-AFTER-INPUT")
    }

    @Test("a decoded element (AI kept as a dictionary index) equals, encodes and prints like one built from text")
    func decodedElementMatchesElementFromText() throws {
        let code = Fixture.decode("(01)09506000134352(3103)000195(10)ABC")
        let built = [AIElement(ai: "01", value: "09506000134352"), AIElement(ai: "3103", value: "000195"),
                     AIElement(ai: "10", value: "ABC")]
        #expect(code.ais == built)
        #expect(Array(code.aiElements) == built)
        #expect(code.ais?.map(\.ai) == ["01", "3103", "10"])
        #expect(code.ais?.map(\.description) == built.map(\.description))
        #expect(code.ais?[1].decimalValue == "0.195")
        let encoder = JSONEncoder()
        #expect(try encoder.encode(code.ais) == encoder.encode(built))
        var renamed = try #require(code.ais?.first)
        renamed.ai = "02"
        #expect(renamed == AIElement(ai: "02", value: "09506000134352"))
        #expect(renamed != built[0])
    }
}
