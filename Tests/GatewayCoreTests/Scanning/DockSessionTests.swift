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
}
