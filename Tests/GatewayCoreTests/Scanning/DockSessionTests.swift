import GatewayCodes
import GatewayTesting
import Testing

@testable import GatewayCore

/// A catalogue that knows one product and one badge.
struct FixedResolver: CodeResolver {
    func resolve(_ code: DecodedCode, atMilliseconds timeMilliseconds: Int64) -> CodeResolution {
        if code.fields.gtin == "04150123456782" {
            var item = ResolvedItem(status: .known, productID: "04150123456782", name: "PTCA balloon", quantity: 1)
            item.highValue = true
            return .item(item)
        }
        if code.fields.raw == "STAFF-0042" { return .user(Party(id: "u42", role: "nurse")) }
        if code.fields.raw == "PKG-10" { return .item(ResolvedItem(status: .known, productID: "PKG", quantity: 10)) }
        return .item(.unknown(productID: nil, reason: "not in catalogue"))
    }
}

@Suite("Dock session")
struct DockSessionTests {
    static let rules = [
        HospitalCodeRule(name: "badge", meaning: .badge, prefix: "B", length: .exact(7), charset: .digits),
        HospitalCodeRule(name: "wristband", meaning: .wristband, prefix: "P", length: .exact(9), charset: .digits),
        HospitalCodeRule(name: "surgery", meaning: .surgery, prefix: "OP", length: .exact(10), charset: .digits),
    ]
    let clock = ManualClock()
    let builder = ScanEventBuilder(decoder: CodeDecoder(options: DecodeOptions(hospitalRules: Self.rules)))

    func scan(_ text: String) -> EventDraft {
        clock.advance(by: .seconds(1))
        return builder.draft(
            for: ScanInput(
                text: text, station: "dock-1", source: EventSource(kind: "scanner", id: "s1"),
                timeMilliseconds: clock.wallMilliseconds(), monotonicNanoseconds: clock.monotonicNanoseconds()))
    }

    @Test func wristbandThenItemsAreConsumesBoundToThePatient() {
        var session = DockSession(station: "dock-1", settings: DockSettings())
        let badge = session.handle(scan("B000042"))
        #expect(badge.type == .scan)
        #expect(badge.user?.id == "000042")
        let wristband = session.handle(scan("P12345678"))
        #expect(wristband.type == .scan)
        #expect(wristband.patient?.id == "12345678")
        let item = session.handle(scan("0104150123456782"))
        #expect(item.type == .consume)
        #expect(item.patient?.id == "12345678")
        #expect(item.user?.id == "000042")
        #expect(item.quantity == 1)
        #expect(item.session == wristband.session)
        #expect(item.session != nil)
    }

    @Test func itemsWithoutABindingStayScans() {
        var session = DockSession(station: "dock-1", settings: DockSettings())
        let item = session.handle(scan("0104150123456782"))
        #expect(item.type == .scan)
        #expect(item.patient == nil)
        #expect(item.session == nil)
    }

    @Test func surgeryBindingAndReturnMode() {
        var session = DockSession(station: "dock-1", settings: DockSettings(returnModeCode: "RETURN-MODE"))
        _ = session.handle(scan("OP12345678"))
        #expect(session.handle(scan("0104150123456782")).type == .consume)
        #expect(session.handle(scan("0104150123456782")).surgery?.id == "12345678")
        _ = session.handle(scan("RETURN-MODE"))
        let returned = session.handle(scan("0104150123456782"))
        #expect(returned.type == .return)
        #expect(returned.surgery?.id == "12345678")
        _ = session.handle(scan("RETURN-MODE"))
        #expect(session.handle(scan("0104150123456782")).type == .consume)
    }

    @Test func timeoutEndsTheBinding() {
        var session = DockSession(station: "dock-1", settings: DockSettings(bindingTimeout: .seconds(60)))
        _ = session.handle(scan("P12345678"))
        clock.advance(by: .seconds(58))
        #expect(session.handle(scan("0104150123456782")).type == .consume)  // 59 s after the last scan
        clock.advance(by: .seconds(60))
        let late = session.handle(scan("0104150123456782"))
        #expect(late.type == .scan)
        #expect(late.patient == nil)
        #expect(session.expire(atNanoseconds: clock.monotonicNanoseconds()) == false)
    }

    @Test func anotherPatientStartsANewSession() {
        var session = DockSession(station: "dock-1", settings: DockSettings())
        _ = session.handle(scan("B000042"))
        let first = session.handle(scan("P12345678"))
        let second = session.handle(scan("P87654321"))
        #expect(first.session != second.session)
        let item = session.handle(scan("0104150123456782"))
        #expect(item.patient?.id == "87654321")
        #expect(item.user?.id == "000042")
    }

    @Test func invalidCodesAreScansCarryingTheContext() {
        var session = DockSession(station: "dock-1", settings: DockSettings())
        _ = session.handle(scan("P12345678"))
        let broken = session.handle(scan("0104150123456783"))  // wrong check digit
        #expect(broken.type == .scan)
        #expect(broken.code?.isValid == false)
        #expect(broken.patient?.id == "12345678")
    }

    @Test func resolverClassifiesAndFillsTheItem() {
        var session = DockSession(station: "dock-1", settings: DockSettings(), resolver: FixedResolver())
        #expect(session.handle(scan("STAFF-0042")).user == Party(id: "u42", role: "nurse"))
        // The resolver does not know wristbands: without a binding, items stay scans but carry the item.
        let item = session.handle(scan("0104150123456782"))
        #expect(item.type == .scan)
        #expect(item.item?.name == "PTCA balloon")
        #expect(item.item?.highValue == true)
    }

    @Test func resolverQuantityIsTheEventQuantity() {
        let rules = Self.rules
        struct WithPatients: CodeResolver {
            let rules: [HospitalCodeRule]
            func resolve(_ code: DecodedCode, atMilliseconds: Int64) -> CodeResolution {
                if code.fields.meaning == .wristband { return .patient(Party(id: code.fields.id ?? "")) }
                return FixedResolver().resolve(code, atMilliseconds: atMilliseconds)
            }
        }
        var session = DockSession(station: "dock-1", settings: DockSettings(), resolver: WithPatients(rules: rules))
        _ = session.handle(scan("P12345678"))
        let package = session.handle(scan("PKG-10"))
        #expect(package.type == .consume)
        #expect(package.quantity == 10)
        #expect(package.item?.productID == "PKG")
    }

    /// A resolver that knows wristbands (by their rule) and otherwise answers as ``FixedResolver``.
    struct WithWristbands: CodeResolver {
        func resolve(_ code: DecodedCode, atMilliseconds: Int64) -> CodeResolution {
            if code.fields.meaning == .wristband { return .patient(Party(id: code.fields.id ?? "")) }
            return FixedResolver().resolve(code, atMilliseconds: atMilliseconds)
        }
    }

    @Test func theReturnModeCardWorksWithASymbologyIdentifierInFront() {
        // HID-POS scanners always send the AIM identifier; the card's code is the text after it.
        let settings = DockSettings(returnModeCode: "RETURN-MODE")
        var session = DockSession(station: "dock-1", settings: settings, resolver: WithWristbands())
        _ = session.handle(scan("P12345678"))
        // With a catalogue, the scan builder resolves the card too ("not in the code registry"): not an item.
        var cardScan = scan("]C0RETURN-MODE")
        cardScan.item = .unknown(productID: nil, reason: "in-hospital code RETURN-MODE is not in the code registry")
        let card = session.handle(cardScan)
        #expect(session.binding.returnMode)
        #expect(card.type == .scan && card.item == nil)
        #expect(session.handle(scan("]C00104150123456782")).type == .return)
        // Only a whole identifier is taken off: other text is not the card.
        _ = session.handle(scan("]C0RETURN-MODE"))
        #expect(!session.binding.returnMode)
        _ = session.handle(scan("XRETURN-MODE"))
        #expect(!session.binding.returnMode)
    }

    @Test func textNoRuleClaimsIsNotConsumedEvenWithACatalogue() {
        var session = DockSession(station: "dock-1", settings: DockSettings(), resolver: WithWristbands())
        _ = session.handle(scan("P12345678"))
        for text in ["ROOM-12 FRIDGE", "病房三"] {
            let scanned = session.handle(scan(text))
            #expect(scanned.type == .scan, "\(text)")
            #expect(scanned.patient?.id == "12345678", "the scan still carries the context")
        }
        // A product grammar the catalogue does not know is still an item: the backend resolves it later.
        let unknownProduct = session.handle(scan("0109506000134352"))
        #expect(unknownProduct.type == .consume)
        // And a code the registry knows is an item even without a format rule.
        #expect(session.handle(scan("PKG-10")).type == .consume)
    }

    @Test func bytesThatAreNotUTF8AreACharsetErrorAndNeverConsumed() {
        var session = DockSession(station: "dock-1", settings: DockSettings(), resolver: WithWristbands())
        _ = session.handle(scan("P12345678"))
        clock.advance(by: .seconds(1))
        // "病房" in GBK, as a serial scanner set to a Chinese code page sends it.
        let draft = builder.draft(
            for: ScanInput(
                bytes: [0xB2, 0xA1, 0xB7, 0xBF], station: "dock-1", source: EventSource(kind: "scanner", id: "s1"),
                timeMilliseconds: clock.wallMilliseconds(), monotonicNanoseconds: clock.monotonicNanoseconds()))
        #expect(draft.code?.error?.kind == .charset)
        #expect(draft.raw?.contains("\u{FFFD}") == true)
        #expect(session.handle(draft).type == .scan)
    }

    @Test func aScanStampedJustBeforeThePreviousOneKeepsTheBinding() {
        // Two scanners at one station stamp their scans before they queue for the session.
        var session = DockSession(station: "dock-1", settings: DockSettings(bindingTimeout: .seconds(60)))
        let wristband = scan("P12345678")
        let item = scan("0104150123456782")
        var earlier = item
        earlier.monotonicNanoseconds = wristband.monotonicNanoseconds + 100
        var later = item
        later.monotonicNanoseconds = wristband.monotonicNanoseconds + 200
        _ = session.handle(wristband)
        #expect(session.handle(later).type == .consume)
        let reordered = session.handle(earlier)
        #expect(reordered.type == .consume)
        #expect(reordered.patient?.id == "12345678")
    }

    @Test func anotherUsersBadgeEndsThePatientBinding() {
        var session = DockSession(station: "dock-1", settings: DockSettings())
        _ = session.handle(scan("B000001"))
        let first = session.handle(scan("P12345678"))
        let handover = session.handle(scan("B000002"))
        #expect(handover.user?.id == "000002")
        #expect(handover.patient == nil)
        #expect(handover.session != first.session)
        let item = session.handle(scan("0104150123456782"))
        #expect(item.type == .scan)
        // The same user badging again keeps the patient.
        _ = session.handle(scan("P12345678"))
        _ = session.handle(scan("B000002"))
        #expect(session.handle(scan("0104150123456782")).type == .consume)
    }
}
