/// An event's line without its identity: every field that is known before the outbox commits the event, encoded
/// as one JSON object. ``WireCodec/eventLine(id:sequence:body:)`` puts the identity in front of it.
///
/// Encoding is most of the CPU an event costs on its way to disk. Made by the producer, before it queues its
/// append, it runs on the producer's own thread in parallel with others, not on the outbox's single writer thread,
/// where every microsecond is a microsecond of latency for every event committed after it.
public struct EncodedEventBody: Sendable, Equatable {
    /// A JSON object: `{`, at least one member, `}`; no newline.
    public let bytes: [UInt8]
}

extension WireCodec {
    /// Encodes everything of an event but its `id` and `seq`: the draft's fields, `gateway` and the readable
    /// `time` (and `redelivered` when set), with sorted keys.
    /// The bytes are those `JSONEncoder` gives for the same members (``EventBodyWriter``).
    public static func eventBody(_ draft: EventDraft, gateway: String, redelivered: Bool? = nil) -> EncodedEventBody {
        EncodedEventBody(bytes: EventBodyWriter.body(draft, gateway: gateway, redelivered: redelivered))
    }

    /// An event's line: the envelope (`class`, `id`, `seq`) first, then the body's members, then a newline.
    ///
    /// The envelope leads, so a reader sees what a line is and which event before the payload; JSON objects are
    /// unordered, and the backend must not depend on the order of members (docs/protocol.md).
    public static func eventLine(id: String, sequence: Int64, body: EncodedEventBody) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(body.bytes.count + id.utf8.count + 48)
        line.append(contentsOf: #"{"class":"event","id":"#.utf8)
        appendJSONString(id, to: &line)
        line.append(contentsOf: #","seq":"#.utf8)
        line.append(contentsOf: String(sequence).utf8)
        line.append(UInt8(ascii: ","))
        // The body is an object with at least one member: drop its `{` and keep the rest, `}` included.
        line.append(contentsOf: body.bytes.dropFirst())
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// An event's line, as the outbox stores and the forwarder sends it.
    public static func eventLine(_ event: WireEvent) -> [UInt8] {
        eventLine(
            id: event.id, sequence: event.sequence,
            body: eventBody(event.draft, gateway: event.gateway, redelivered: event.redelivered))
    }

    /// A cumulative ack's line, the bytes ``line(_:)`` gives for `AckMessage(sequence:)`, without a `JSONEncoder`
    /// (a backend acks hundreds of times a second under load).
    public static func cumulativeAckLine(through sequence: Int64) -> [UInt8] {
        Array(#"{"class":"ack","seq":"#.utf8) + Array(String(sequence).utf8) + Array("}\n".utf8)
    }

    /// Appends `text` as a JSON string literal, escaped as `JSONEncoder` escapes: `"` and `\`, short escapes where
    /// JSON has them, `\u00XX` for other control characters; `/` and everything from U+007F up as they are. One
    /// spelling for the whole line: the event's id and its body (``EventBodyWriter``).
    static func appendJSONString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0xF))
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The lower-case hex digit of `nibble` (0...15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
