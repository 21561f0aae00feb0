#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A message from the backend, parsed.
public enum BackendMessage: Sendable, Equatable {
    case hello(BackendHello)
    case ack(AckMessage)
    case nack(NackMessage)
    case heartbeat(HeartbeatMessage)
    case command(CommandMessage)
    /// A message class this version does not know: ignored (a newer minor version may send it).
    case unknown(messageClass: String)
}

/// A message from the gateway, parsed (used by the backend simulator and by tests).
public enum GatewayMessage: Sendable, Equatable {
    case hello(GatewayHello)
    case event(WireEvent)
    case heartbeat(HeartbeatMessage)
    case reply(ReplyMessage)
    case unknown(messageClass: String)
}

/// Why a received line was not a usable message.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Not JSON, or not a JSON object.
        case malformed
        /// A JSON object without a string `class`.
        case missingClass = "missing_class"
        /// A known class whose fields are missing or of the wrong type.
        case invalidMessage = "invalid_message"
        /// Longer than the line cap; the line was discarded, not truncated.
        case oversize
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Encodes and decodes protocol lines. Stateless; one JSON object per line, `\n`-terminated.
public enum WireCodec {
    /// Encodes a message as one line including the trailing newline.
    public static func line(_ message: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A non-finite reading (a scale answering garbage) must not make encoding fail: it is spelled out.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // With that, every message type here encodes only strings, numbers, booleans, arrays and objects of
        // them: it cannot fail.
        var bytes = Array(try! encoder.encode(message))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Marks a stored event line as possibly sent before, without re-encoding it: inserts
    /// `"redelivered":true,` after the opening brace (stored lines never carry the flag).
    public static func markRedelivered(_ line: [UInt8]) -> [UInt8] {
        guard line.first == UInt8(ascii: "{") else { return line }
        return [UInt8(ascii: "{")] + Array(#""redelivered":true,"#.utf8) + line.dropFirst()
    }

    /// Decodes one JSON line (without its terminator) as `type`; for small local protocols like the control socket.
    public static func decode<Message: Decodable>(_ type: Message.Type, from line: some Collection<UInt8>) throws
        -> Message
    {
        try JSONDecoder().decode(type, from: Data(line))
    }

    /// Parses a line from the backend (without its terminator).
    public static func decodeBackendMessage(_ line: some Collection<UInt8>) -> Result<BackendMessage, WireError> {
        let data = Data(line)
        let messageClass: String
        switch probeClass(data) {
        case .failure(let error): return .failure(error)
        case .success(let found): messageClass = found
        }
        do {
            let decoder = JSONDecoder()
            switch messageClass {
            case "hello": return .success(.hello(try decoder.decode(BackendHello.self, from: data)))
            case "ack":
                let ack = try decoder.decode(AckMessage.self, from: data)
                guard ack.sequence != nil || ack.ids != nil else {
                    return .failure(WireError(.invalidMessage, "ack without seq or ids"))
                }
                return .success(.ack(ack))
            case "nack": return .success(.nack(try decoder.decode(NackMessage.self, from: data)))
            case "heartbeat": return .success(.heartbeat(try decoder.decode(HeartbeatMessage.self, from: data)))
            case "command": return .success(.command(try decoder.decode(CommandMessage.self, from: data)))
            default: return .success(.unknown(messageClass: messageClass))
            }
        } catch {
            return .failure(WireError(.invalidMessage, "\(messageClass): \(describe(error))"))
        }
    }

    /// Parses a line from the gateway (without its terminator).
    public static func decodeGatewayMessage(_ line: some Collection<UInt8>) -> Result<GatewayMessage, WireError> {
        let data = Data(line)
        let messageClass: String
        switch probeClass(data) {
        case .failure(let error): return .failure(error)
        case .success(let found): messageClass = found
        }
        do {
            let decoder = JSONDecoder()
            switch messageClass {
            case "hello": return .success(.hello(try decoder.decode(GatewayHello.self, from: data)))
            case "event": return .success(.event(try decoder.decode(WireEvent.self, from: data)))
            case "heartbeat": return .success(.heartbeat(try decoder.decode(HeartbeatMessage.self, from: data)))
            case "reply": return .success(.reply(try decoder.decode(ReplyMessage.self, from: data)))
            default: return .success(.unknown(messageClass: messageClass))
            }
        } catch {
            return .failure(WireError(.invalidMessage, "\(messageClass): \(describe(error))"))
        }
    }

    private struct ClassProbe: Decodable {
        let messageClass: String

        enum CodingKeys: String, CodingKey { case messageClass = "class" }
    }

    static func probeClass(_ data: Data) -> Result<String, WireError> {
        let decoder = JSONDecoder()
        do {
            return .success(try decoder.decode(ClassProbe.self, from: data).messageClass)
        } catch DecodingError.keyNotFound, DecodingError.typeMismatch, DecodingError.valueNotFound {
            // Distinguish "not a JSON object at all" from "an object without a usable class".
            if (try? JSONSerializationProbe.isObject(data, decoder: decoder)) == true {
                return .failure(WireError(.missingClass, "a JSON object without a string \"class\""))
            }
            return .failure(WireError(.malformed, "not a JSON object"))
        } catch {
            return .failure(WireError(.malformed, "not JSON: \(describe(error))"))
        }
    }

    /// A short description of a decoding error: the field path and what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing field \"\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \"\(path(context))\": \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.debugDescription
        @unknown default:
            return "\(decodingError)"
        }
    }
}

/// Tells whether data is a JSON object, by decoding it as a dictionary of anything-goes values.
private enum JSONSerializationProbe {
    private struct AnyValue: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    static func isObject(_ data: Data, decoder: JSONDecoder) throws -> Bool {
        _ = try decoder.decode([String: AnyValue].self, from: data)
        return true
    }
}
