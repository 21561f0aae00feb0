import GatewayCodes
import Testing

@Suite("GS1 Digital Link")
struct DigitalLinkTests {
    @Test("path prefix before the primary key, upper-case scheme and host, fragment ignored")
    func prefixAndCase() {
        let code = Fixture.decode("HTTPS://EXAMPLE.COM/shop/items/01/09520123456788/21/X1#top")
        #expect(code.kind == .digitalLink)
        #expect(code.gtin == "09520123456788")
        #expect(code.serial == "X1")
    }

    @Test("percent-decoding of path and query values")
    func percentDecoding() {
        let code = Fixture.decode("https://id.gs1.org/01/09520123456788/10/AB%2F1?99=a%26b&x=%ZZ")
        #expect(code.lot == "AB/1")
        #expect(code.ais?.last?.value == "a&b")
        #expect(Fixture.decode("https://id.gs1.org/01/09520123456788/10/AB%2").error?.kind == .digitalLink)
    }

    @Test("symbology identifier in front (QR ]Q1)")
    func symbologyPrefix() {
        let code = Fixture.decode("]Q1https://id.gs1.org/00/009506000134356785")
        #expect(code.sscc == "009506000134356785")
        #expect(code.symbology == "]Q1")
    }

    @Test("compressed links and convenience alphas are clear digital_link errors")
    func unsupportedForms() {
        let compressed = Fixture.decode("https://id.gs1.org/AQnYUc1gRLq8fDHs")
        #expect(compressed.error?.kind == .digitalLink)
        #expect(compressed.error?.message == "compressed Digital Link not supported")
        #expect(Fixture.decode("https://id.gs1.org/gtin/09520123456788").error?.kind == .digitalLink)
        #expect(Fixture.decode("https://example.com/about").error?.kind == .digitalLink)
        #expect(Fixture.decode("hTTps://id.gs1.org/01/09520123456788").error?.kind == .digitalLink)
    }

    @Test("qualifier order and short GTINs: warnings by default, errors in strict mode")
    func policies() {
        let badOrder = "https://id.gs1.org/01/09520123456788/21/S1/10/L1"
        #expect(Fixture.decode(badOrder).warnings.contains { $0.kind == .digitalLink })
        #expect(Fixture.decode(badOrder, strict: true).error?.kind == .digitalLink)
        let short = "https://id.gs1.org/01/9520123456788"
        #expect(Fixture.decode(short).gtin == "09520123456788")
        #expect(Fixture.decode(short, strict: true).error?.kind == .digitalLink)
    }

    @Test("a short GTIN is padded on a URI shorter than the padding needs (GTIN-8 on a one-letter host)")
    func shortGTINOnAShortURI() {
        for uri in ["http://a/01/95012346", "http://a/01/012345678905", "https://b/01/9520123456788"] {
            let code = Fixture.decode(uri)
            #expect(code.error == nil, "\(uri)")
            #expect(code.gtin?.count == 14, "\(uri)")
        }
        #expect(Fixture.decode("http://a/01/95012346").gtin == "00000095012346")
    }

    @Test("qualifier order warning names the qualifiers in path order (read by position, without a lazy map)")
    func qualifierOrderMessageAfterAllocationFix() {
        // checkQualifiers once took a lazy map over the path's AI buffer, whose closure was heap-allocated on
        // every Digital Link decode; it now reads the buffer by position, for the check and for this message.
        let code = Fixture.decode("https://id.gs1.org/01/09520123456788/21/12345/10/ABC1")
        #expect(code.warnings.map(\.message) == ["qualifiers 21/10 are not in a valid order for (01)"])
        #expect(code.warnings.first?.position == 19)
        #expect(Fixture.decode("https://id.gs1.org/01/09520123456788/10/ABC1/21/12345").warnings.isEmpty)
    }

    @Test("query AI that is not a data attribute is flagged; values are validated")
    func queryValidation() {
        #expect(Fixture.decode("https://id.gs1.org/01/09520123456788?17=181326").error?.kind == .date)
        let serialInQuery = Fixture.decode("https://id.gs1.org/01/09520123456788?21=S1")
        #expect(serialInQuery.warnings.contains { $0.kind == .digitalLink })
    }
}
