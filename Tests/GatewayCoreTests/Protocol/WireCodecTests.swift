import Foundation
import GatewayCodes
import Testing

@testable import GatewayCore

@Suite("Wire codec")
struct WireCodecTests {
    func draft() -> EventDraft {
        var draft = EventDraft(
            type: .consume, timeMilliseconds: 1_795_420_800_123, monotonicNanoseconds: 42, station: "cathlab-1",
            source: EventSource(kind: "scanner", id: "dock-1"))
        draft.user = Party(id: "N0042", role: "nurse")
        draft.patient = Party(id: "P-778812")
        draft.raw = "010950600013435217251231"
        draft.quantity = 1
        return draft
    }

    @Test func eventRoundTripsThroughItsLine() throws {
        let event = GatewayEvent(id: "gw:abcd1234:7", sequence: 7, draft: draft())
        let line = WireCodec.eventLine(WireEvent(event: event, gateway: "gw"))
        #expect(line.last == UInt8(ascii: "\n"))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#""class":"event""#))
        #expect(text.contains(#""time":"2026-11-23T08:00:00.123Z""#))
        #expect(!text.contains("redelivered"), "absent fields are omitted")
        guard case .success(.event(let decoded)) = WireCodec.decodeGatewayMessage(line.dropLast()) else {
            Issue.record("did not decode: \(text)")
            return
        }
        #expect(decoded.event == event)
        #expect(decoded.redelivered == nil)
    }

    @Test func eventLinePutsTheEnvelopeFirstAndMatchesTheGenericEncoding() throws {
        var full = draft()
        full.code = CodeDecoder().decode("(01)09506000134352(17)251231(10)LOT/1")
        full.item = ResolvedItem(status: .known, productID: "09506000134352", name: "Stent \"XL\"", quantity: 1)
        let event = GatewayEvent(id: "gw:abcd1234:123456789", sequence: 123_456_789, draft: full)
        let line = WireCodec.eventLine(WireEvent(event: event, gateway: "gw"))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"class":"event","id":"gw:abcd1234:123456789","seq":123456789,"code":{"#))
        #expect(text.filter { $0 == "\n" }.count == 1 && text.hasSuffix("}\n"))
        // Same members as the generic (sorted) form, only in another order.
        func object(_ bytes: some Collection<UInt8>) throws -> NSDictionary? {
            try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary
        }
        let generic = WireCodec.line(WireEvent(event: event, gateway: "gw"))
        let fromEventLine = try #require(try object(line.dropLast()))
        #expect(fromEventLine.isEqual(try object(generic.dropLast())))
        #expect(fromEventLine["code"] != nil && fromEventLine["item"] != nil)
        guard case .success(.event(let decoded)) = WireCodec.decodeGatewayMessage(line.dropLast()) else {
            Issue.record("did not decode: \(text)")
            return
        }
        #expect(decoded.event == event)
    }

    @Test func eventLineEscapesTheIdAsJSON() throws {
        let body = WireCodec.eventBody(draft(), gateway: "gw")
        let line = WireCodec.eventLine(id: "odd\"id\\with\u{01}\n", sequence: 1, body: body)
        guard case .success(.event(let decoded)) = WireCodec.decodeGatewayMessage(line.dropLast()) else {
            Issue.record("did not decode: \(String(decoding: line, as: UTF8.self))")
            return
        }
        #expect(decoded.id == "odd\"id\\with\u{01}\n")
        #expect(decoded.sequence == 1)
    }

    @Test func markRedeliveredAddsTheFlagWithoutReencoding() throws {
        let event = GatewayEvent(id: "gw:e:1", sequence: 1, draft: draft())
        let line = WireCodec.markRedelivered(WireCodec.eventLine(WireEvent(event: event, gateway: "gw")))
        guard case .success(.event(let decoded)) = WireCodec.decodeGatewayMessage(line.dropLast()) else {
            Issue.record("did not decode")
            return
        }
        #expect(decoded.redelivered == true)
        #expect(decoded.event == event)
    }

    @Test func backendMessagesDecode() {
        #expect(WireCodec.decodeBackendMessage(Array(#"{"class":"ack","seq":12}"#.utf8))
            == .success(.ack(AckMessage(sequence: 12))))
        #expect(WireCodec.decodeBackendMessage(Array(#"{"class":"ack","ids":["a","b"],"extra":{"x":1}}"#.utf8))
            == .success(.ack(AckMessage(ids: ["a", "b"]))), "unknown fields are ignored")
        #expect(WireCodec.decodeBackendMessage(Array(#"{"class":"nack","id":"x","reason":"bad","retry":true}"#.utf8))
            == .success(.nack(NackMessage(id: "x", reason: "bad", retry: true))))
        let newerHello = #"{"class":"hello","role":"backend","protocol":{"major":1,"minor":3}}"#
        #expect(WireCodec.decodeBackendMessage(Array(newerHello.utf8))
            == .success(.hello(BackendHello(protocolVersion: ProtocolVersion(major: 1, minor: 3)))))
        #expect(WireCodec.decodeBackendMessage(Array(#"{"class":"novel","x":1}"#.utf8))
            == .success(.unknown(messageClass: "novel")))
    }

    @Test(arguments: [
        ("not json", WireError.Kind.malformed),
        ("[1,2]", .malformed),
        (#"{"no":"class"}"#, .missingClass),
        (#"{"class":7}"#, .missingClass),
        (#"{"class":"ack","seq":"twelve"}"#, .invalidMessage),
        (#"{"class":"ack"}"#, .invalidMessage),
        (#"{"class":"nack","id":"x"}"#, .invalidMessage),
        ("{\"class\":\"ack\",\"seq\":1", .malformed),
    ])
    func badLinesGiveAPreciseError(line: String, kind: WireError.Kind) {
        guard case .failure(let error) = WireCodec.decodeBackendMessage(Array(line.utf8)) else {
            Issue.record("accepted: \(line)")
            return
        }
        #expect(error.kind == kind, "\(error)")
    }

    @Test func invalidUTF8IsMalformedNotACrash() {
        guard case .failure(let error) = WireCodec.decodeBackendMessage([0xFF, 0xFE, 0x7B]) else {
            Issue.record("accepted garbage")
            return
        }
        #expect(error.kind == .malformed)
    }

    @Test func timestampsFormatInUTC() {
        #expect(Timestamp.iso8601(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.iso8601(milliseconds: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.iso8601(milliseconds: 1_795_420_800_123) == "2026-11-23T08:00:00.123Z")
        #expect(Timestamp.iso8601(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
    }
}
