import GatewayCodes
import Testing

@Suite("Scanner artefact normalisation")
struct ScannerArtefactTests {
    static let expected = ["01": "09506000134352", "10": "ABC123", "21": "SN0001"]

    @Test("configured GS substitutes act as GS", arguments: ["<GS>", "{GS}", "^]", "|", "#", "~", " "])
    func aliases(alias: String) {
        let code = Fixture.decoder(aliases: [alias]).decode("010950600013435210ABC123" + alias + "21SN0001")
        #expect(code.error == nil)
        #expect(code.lot == "ABC123")
        #expect(code.serial == "SN0001")
    }

    @Test("an unconfigured literal <GS> is absorbed but flagged")
    func unconfiguredAlias() {
        let code = Fixture.decode("010950600013435210ABC123<GS>21SN0001")
        #expect(code.lot == "ABC123<GS>21SN0001")
        #expect(code.warnings.first?.kind == .possibleGSAlias)
        #expect(code.warnings.first?.position == 24)
    }

    @Test("trailing CR, LF, CRLF and TAB are stripped", arguments: ["\r", "\n", "\r\n", "\t", "\r\n\r\n"])
    func terminators(suffix: String) {
        let code = Fixture.decode("010950600013435210ABC123" + suffix)
        #expect(code.lot == "ABC123")
    }

    @Test("terminators are kept when stripping is off")
    func terminatorsKept() {
        let decoder = CodeDecoder(options: DecodeOptions(stripTerminators: false, referenceDate: Fixture.today))
        #expect(decoder.decode("010950600013435210ABC\r").error?.kind == .charset)
    }

    @Test("full-width digits and letters fold to ASCII; positions count input characters")
    func fullWidth() {
        let code = Fixture.decode("０１０９５０６０００１３４３５２１０ＡＢＣ")
        #expect(code.gtin == "09506000134352")
        #expect(code.lot == "ABC")
        let bad = Fixture.decode("０１０９５０６０００１３４３５３")
        #expect(bad.error?.kind == .checkDigit)
        #expect(bad.error?.position == 15)
    }

    @Test("caps-lock inversion swaps letter case before decoding")
    func capsLock() {
        let decoder = Fixture.decoder(capsLock: true)
        let hibcc = decoder.decode("+a123bjc5d6e71g")
        #expect(hibcc.kind == .hibcc)
        #expect(hibcc.lic == "A123")
        let url = decoder.decode("HTTPS://ID.GS1.ORG/01/09520123456788/10/abc1")
        #expect(url.lot == "ABC1")
    }

    @Test("invalid UTF-8 is a charset error at the offending character")
    func invalidUTF8() {
        let code = Fixture.decoder().decode([0x30, 0x31, 0xC3, 0x28] as [UInt8])
        #expect(code.error?.kind == .charset)
        #expect(code.error?.position == 2)
    }

    @Test("empty and oversized inputs are not barcodes")
    func notABarcode() {
        #expect(Fixture.decode("").error?.kind == .notABarcode)
        #expect(Fixture.decode("\r\n").error?.kind == .notABarcode)
        #expect(Fixture.decode(String(repeating: "0", count: 4097)).error?.kind == .notABarcode)
        #expect(Fixture.decode(String(repeating: "A", count: 4096)).kind == .internal)
    }

    @Test("bytes from a non-contiguous collection decode like the same text")
    func nonContiguousBytes() {
        let text = "010950600013435210ABC123"
        let lazyBytes = text.utf8.lazy.map { $0 }
        #expect(Fixture.decoder().decode(lazyBytes) == Fixture.decode(text))
    }
}
