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
        let line = WireCodec.line(WireEvent(event: event, gateway: "gw"))
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

    @Test func markRedeliveredAddsTheFlagWithoutReencoding() throws {
        let event = GatewayEvent(id: "gw:e:1", sequence: 1, draft: draft())
        let line = WireCodec.markRedelivered(WireCodec.line(WireEvent(event: event, gateway: "gw")))
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
        #expect(WireCodec.decodeBackendMessage(Array(#"{"class":"hello","role":"backend","protocol":{"major":1,"minor":3}}"#.utf8))
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
