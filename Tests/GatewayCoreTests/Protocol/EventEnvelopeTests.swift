import Foundation
import GatewayCodes
import Testing

@testable import GatewayCore

@Suite("Event envelope")
struct EventEnvelopeTests {
    /// A consume as a dock produces it: decoded code (nested objects, arrays, an escaped quote), resolved item.
    func line(sequence: Int64 = 7, redelivered: Bool = false) -> [UInt8] {
        var draft = EventDraft(
            type: .consume, timeMilliseconds: 1_795_420_800_123, monotonicNanoseconds: 42, station: "cathlab-1",
            source: EventSource(kind: "scanner", id: "dock-1"))
        draft.user = Party(id: "N0042", role: "nurse")
        draft.raw = "0109506000134352172512311024A\u{1D}21SN1"
        draft.code = CodeDecoder().decode("(01)09506000134352(17)251231(10)LOT/1")
        draft.item = ResolvedItem(status: .known, productID: "09506000134352", name: "Stent \"XL\" Ø3", quantity: 1)
        draft.quantity = 1
        let event = GatewayEvent(id: "gw-7:abcd1234:\(sequence)", sequence: sequence, draft: draft)
        var line = WireCodec.eventLine(WireEvent(event: event, gateway: "gw-7"))
        line.removeLast()  // the newline
        return redelivered ? WireCodec.markRedelivered(line) : line
    }

    /// What the full decoder makes of `line`, as an envelope (nil when it is not an event).
    func fullyDecoded(_ line: [UInt8]) -> EventEnvelope? {
        guard case .success(.event(let event)) = WireCodec.decodeGatewayMessage(line) else { return nil }
        return EventEnvelope(
            id: event.id, sequence: event.sequence, gateway: event.gateway, redelivered: event.redelivered == true)
    }

    /// What a general JSON parser makes of `line`'s envelope: the oracle for syntax. (The reader does not check an
    /// event's body against the schema, as the full decoder does; it only checks that the line is JSON.)
    func parsedByFoundation(_ line: [UInt8]) -> EventEnvelope? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              object["class"] as? String == "event", let id = object["id"] as? String,
              let gateway = object["gateway"] as? String, let sequence = (object["seq"] as? NSNumber)?.int64Value
        else { return nil }
        let redelivered = object["redelivered"] as? Bool ?? false
        return EventEnvelope(id: id, sequence: sequence, gateway: gateway, redelivered: redelivered)
    }

    @Test func readsTheGatewaysEventLines() throws {
        let envelope = try #require(EventEnvelope.read(line(sequence: 123_456)))
        let expected = EventEnvelope(id: "gw-7:abcd1234:123456", sequence: 123_456, gateway: "gw-7", redelivered: false)
        #expect(envelope == expected)
        #expect(EventEnvelope.read(line(redelivered: true))?.redelivered == true)
        for redelivered in [false, true] {
            let line = line(sequence: 99, redelivered: redelivered)
            #expect(EventEnvelope.read(line) == fullyDecoded(line))
        }
    }

    @Test func readsOnlyWhatAJSONParserReadsTheSame() {
        let samples: [String] = [
            #"{"class":"event","id":"a","seq":1,"gateway":"g","type":"scan","time_ms":1,"mono_ns":2}"#,
            #" { "gateway" : "g" , "seq" : 0 , "id" : "a" , "class" : "event" , "type":"scan","time_ms":1 } "#,
            #"{"class":"event","id":"a","seq":-3,"gateway":"g","redelivered":false,"type":"scan"}"#,
            #"{"class":"event","id":"a","seq":"1","gateway":"g"}"#,
            #"{"class":"event","id":"a","seq":1.5,"gateway":"g"}"#,
            #"{"class":"event","id":"a","seq":1e3,"gateway":"g"}"#,
            #"{"class":"event","id":"a","seq":01,"gateway":"g"}"#,
            #"{"class":"event","id":"a","seq":99999999999999999999,"gateway":"g"}"#,
            #"{"class":"event","id":"a","gateway":"g"}"#,
            #"{"class":"event","seq":1,"gateway":"g"}"#,
            #"{"class":"event","id":"a","seq":1}"#,
            #"{"class":"hello","id":"a","seq":1,"gateway":"g"}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g","redelivered":"yes"}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g","x":[1,2,{"y":nul}]}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g","x":"\q"}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g","x":"\u12G4"}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g","x":-}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g","x":1.}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g",}"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g"} x"#,
            #"{"class":"event","id":"a","seq":1,"gateway":"g"}}"#,
            #"["class","event"]"#,
            "",
            "{}",
        ]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let envelope = EventEnvelope.read(bytes)
            // Never an event a JSON parser would not see; where both read it, the same one.
            if let envelope { #expect(parsedByFoundation(bytes) == envelope, "\(sample)") }
        }
        #expect(EventEnvelope.read(Array(samples[0].utf8)) != nil)
        #expect(EventEnvelope.read(Array(samples[1].utf8)) != nil)
        #expect(EventEnvelope.read(Array(samples[2].utf8))?.sequence == -3)
    }

    @Test func everyTruncationOrCorruptionIsRefusedOrRead() {
        let whole = line()
        for end in 0..<whole.count {
            #expect(EventEnvelope.read(Array(whole[..<end])) == nil, "cut at \(end)")
        }
        // Each byte replaced by a few troublemakers: never a crash, and never an envelope a JSON parser disagrees with.
        for index in whole.indices {
            for replacement: UInt8 in [0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x2C, 0x3A] where whole[index] != replacement {
                var corrupted = whole
                corrupted[index] = replacement
                if let envelope = EventEnvelope.read(corrupted) {
                    #expect(parsedByFoundation(corrupted) == envelope, "byte \(index) -> \(replacement)")
                }
            }
        }
    }

    @Test func deepNestingIsRefusedWithoutRecursingForever() {
        let deep = #"{"class":"event","id":"a","seq":1,"gateway":"g","x":"# + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "}"
        #expect(EventEnvelope.read(Array(deep.utf8)) == nil)
    }
}

@Suite("Cumulative ack lines")
struct CumulativeAcknowledgementLineTests {
    @Test(arguments: [Int64(0), 1, 16, 123_456_789, Int64.max, -1])
    func writtenAsJSONEncoderWritesAndReadBack(sequence: Int64) {
        let line = WireCodec.cumulativeAckLine(through: sequence)
        #expect(line == WireCodec.line(AckMessage(sequence: sequence)))
        #expect(CumulativeAcknowledgementLine.sequence(line.dropLast()) == sequence)
    }

    @Test func onlyPlainCumulativeAcksTakeTheShortcutAndTheRestDecodeAsBefore() {
        let lines = [
            #"{"class":"ack","seq":5}"#,
            #"{"seq":5,"class":"ack","note":{"a":[1,2.5e3,"x\"y"]}}"#,
            #"{"class":"ack","seq":5,"ids":["a"]}"#,
            #"{"class":"ack","ids":["a","b"]}"#,
            #"{"class":"ack"}"#,
            #"{"class":"ack","seq":"5"}"#,
            #"{"class":"ack","seq":5.0}"#,
            #"{"class":"nack","id":"a","reason":"r"}"#,
            #"{"class":"ack","seq":5"#,
            #"{"class":"ack","seq":5}x"#,
            "{\"class\":\"ack\",\"seq\":5,\"x\":\"\u{FF}\"}",
        ]
        #expect(CumulativeAcknowledgementLine.sequence(Array(lines[0].utf8)) == 5)
        #expect(CumulativeAcknowledgementLine.sequence(Array(lines[1].utf8)) == 5)
        #expect(CumulativeAcknowledgementLine.sequence(Array(lines[2].utf8)) == nil)
        for line in lines {
            let bytes = Array(line.utf8)
            // The shortcut must never read a line differently from the decoder it stands in front of.
            if let sequence = CumulativeAcknowledgementLine.sequence(bytes) {
                guard case .success(.ack(let ack)) = WireCodec.decodeClassified(bytes, { messageClass, decoder in
                    try AckMessage(from: decoder)
                }).map({ BackendMessage.ack($0) }) else {
                    Issue.record("the decoder refuses \(line)")
                    continue
                }
                #expect(ack.sequence == sequence && ack.ids == nil, "\(line)")
            }
        }
        // Invalid UTF-8, even in a member nobody reads, is not taken by the shortcut: the full decoder decides.
        var invalid = Array(#"{"class":"ack","seq":5,"x":"?"}"#.utf8)
        invalid[invalid.count - 3] = 0xFF
        #expect(CumulativeAcknowledgementLine.sequence(invalid) == nil)
    }
}
