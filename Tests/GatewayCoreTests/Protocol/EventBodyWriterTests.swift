import GatewayCodes
import GatewayTesting
import Testing

@testable import GatewayCore

/// The hand-written event body must be exactly what `JSONEncoder` wrote before it: the outbox stores these bytes,
/// the backend reads them, and the documentation's examples and schemas were made from the encoder's output.
@Suite("Event body writer")
struct EventBodyWriterTests {
    /// The reference: the body's members through `JSONEncoder` (sorted keys, as `WireCodec.line` sets it up).
    struct ReferenceBody: Encodable {
        let gateway: String
        let redelivered: Bool?
        let draft: EventDraft

        func encode(to encoder: any Encoder) throws {
            try WireEvent.encodeBodyFields(gateway: gateway, redelivered: redelivered, draft: draft, to: encoder)
        }
    }

    func reference(_ draft: EventDraft, gateway: String, redelivered: Bool?) -> String {
        var bytes = WireCodec.line(ReferenceBody(gateway: gateway, redelivered: redelivered, draft: draft))
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }

    func written(_ draft: EventDraft, gateway: String, redelivered: Bool?) -> String {
        String(decoding: WireCodec.eventBody(draft, gateway: gateway, redelivered: redelivered).bytes, as: UTF8.self)
    }

    /// Text that exercises escaping: quotes, backslashes, slashes, every control character, DEL, non-ASCII,
    /// U+2028, and emoji.
    static let awkwardPieces = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\u{7F}", "é", "Ø", "中", "\u{2028}", "\u{1F489}", "\u{1D}", "-", "_",
    ] + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }

    static func text(_ random: inout SplitMix64) -> String {
        let length = Int.random(in: 0...12, using: &random)
        return (0..<length).map { _ in awkwardPieces.randomElement(using: &random)! }.joined()
    }

    static func maybe<T>(_ random: inout SplitMix64, _ make: (inout SplitMix64) -> T) -> T? {
        Bool.random(using: &random) ? make(&random) : nil
    }

    static func randomDraft(_ random: inout SplitMix64) -> EventDraft {
        var draft = EventDraft(
            type: EventType.allCases.randomElement(using: &random)!,
            timeMilliseconds: Int64.random(in: -10_000_000_000...4_000_000_000_000, using: &random),
            monotonicNanoseconds: UInt64.random(in: 0...UInt64.max, using: &random),
            station: maybe(&random) { text(&$0) },
            source: maybe(&random) { EventSource(kind: text(&$0), id: text(&$0)) })
        draft.user = maybe(&random) { Party(id: text(&$0), role: maybe(&$0) { text(&$0) }) }
        draft.patient = maybe(&random) { Party(id: text(&$0), role: maybe(&$0) { text(&$0) }) }
        draft.surgery = maybe(&random) { Party(id: text(&$0)) }
        draft.raw = maybe(&random) { text(&$0) }
        draft.quantity = maybe(&random) { Int.random(in: Int.min...Int.max, using: &$0) }
        draft.session = maybe(&random) { text(&$0) }
        draft.alarm = maybe(&random) {
            AlarmDetail(
                kind: text(&$0), severity: [.info, .warning, .critical].randomElement(using: &$0)!,
                message: text(&$0), state: text(&$0))
        }
        draft.device = maybe(&random) {
            DeviceDetail(id: text(&$0), kind: text(&$0), state: text(&$0), detail: maybe(&$0) { text(&$0) })
        }
        draft.door = maybe(&random) { DoorDetail(cabinet: text(&$0), door: text(&$0), state: text(&$0)) }
        draft.item = maybe(&random) { random in
            var item = ResolvedItem(
                status: Bool.random(using: &random) ? .known : .unknown, productID: maybe(&random) { text(&$0) },
                name: maybe(&random) { text(&$0) }, quantity: Int.random(in: -5...1_000, using: &random),
                highValue: Bool.random(using: &random),
                flags: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    ResolvedItem.Flag.allCases.randomElement(using: &random)!
                },
                reason: maybe(&random) { text(&$0) })
            item.specification = maybe(&random) { text(&$0) }
            item.manufacturer = maybe(&random) { text(&$0) }
            item.chargeCode = maybe(&random) { text(&$0) }
            item.insuranceCode = maybe(&random) { text(&$0) }
            item.unit = maybe(&random) { text(&$0) }
            item.lot = maybe(&random) { text(&$0) }
            item.serial = maybe(&random) { text(&$0) }
            item.expiry = maybe(&random) { text(&$0) }
            item.catalogVersion = maybe(&random) { Int64.random(in: Int64.min...Int64.max, using: &$0) }
            return item
        }
        draft.weight = maybe(&random) { random in
            var weight = WeightDetail(
                cabinet: text(&random), channel: text(&random),
                beforeGrams: Double.random(in: -1e6...1e6, using: &random),
                afterGrams: Double(Int.random(in: 0...5000, using: &random)))
            weight.count = maybe(&random) { Int.random(in: -3...50, using: &$0) }
            weight.unitGrams = maybe(&random) { Double.random(in: 0...100, using: &$0) }
            weight.anomaly = maybe(&random) { text(&$0) }
            return weight
        }
        if Bool.random(using: &random) {
            let scans = [
                "(01)09506000134352(17)251231(10)LOT/1", "+A99912341/$$52001510X3", "=<A9999 12345 67", "x\u{1D}y",
            ]
            draft.code = CodeDecoder().decode(scans.randomElement(using: &random)!)
        }
        return draft
    }

    @Test func matchesJSONEncoderOnRandomEvents() {
        var random = SplitMix64(seed: 0x5EED_B0D7)
        for round in 0..<3_000 {
            let draft = Self.randomDraft(&random)
            let gateway = Self.text(&random)
            let redelivered: Bool? = [nil, true, false].randomElement(using: &random)!
            let expected = reference(draft, gateway: gateway, redelivered: redelivered)
            let actual = written(draft, gateway: gateway, redelivered: redelivered)
            #expect(actual == expected, "round \(round)")
            if actual != expected { return }
        }
    }

    @Test func matchesJSONEncoderOnAMinimalAndAFullConsume() {
        let minimal = EventDraft(type: .scan, timeMilliseconds: 0, monotonicNanoseconds: 0)
        #expect(
            written(minimal, gateway: "gw", redelivered: nil) == reference(minimal, gateway: "gw", redelivered: nil))
        #expect(written(minimal, gateway: "gw", redelivered: nil)
            == #"{"gateway":"gw","mono_ns":0,"time":"1970-01-01T00:00:00.000Z","time_ms":0,"type":"scan"}"#)
        var full = minimal
        full.type = .consume
        full.code = CodeDecoder().decode("(01)09506000134352(17)251231(10)LOT/1")
        full.item = ResolvedItem(
            status: .known, productID: "09506000134352", name: "Stent \"XL\"", flags: [.nearExpiry])
        full.user = Party(id: "N1", role: "nurse")
        #expect(written(full, gateway: "gw", redelivered: true) == reference(full, gateway: "gw", redelivered: true))
    }
}
