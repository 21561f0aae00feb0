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
        // Acks come hundreds of times a second under load; the common one is read without a JSONDecoder.
        if let sequence = CumulativeAcknowledgementLine.sequence(line) {
            return .success(.ack(AckMessage(sequence: sequence)))
        }
        return decodeClassified(line) { messageClass, decoder in
            switch messageClass {
            case "hello": return .hello(try BackendHello(from: decoder))
            case "ack":
                let ack = try AckMessage(from: decoder)
                guard ack.sequence != nil || ack.ids != nil else {
                    throw WireError(.invalidMessage, "ack without seq or ids")
                }
                return .ack(ack)
            case "nack": return .nack(try NackMessage(from: decoder))
            case "heartbeat": return .heartbeat(try HeartbeatMessage(from: decoder))
            case "command": return .command(try CommandMessage(from: decoder))
            default: return .unknown(messageClass: messageClass)
            }
        }
    }

    /// Parses a line from the gateway (without its terminator).
    public static func decodeGatewayMessage(_ line: some Collection<UInt8>) -> Result<GatewayMessage, WireError> {
        decodeClassified(line) { messageClass, decoder in
            switch messageClass {
            case "hello": return .hello(try GatewayHello(from: decoder))
            case "event": return .event(try WireEvent(from: decoder))
            case "heartbeat": return .heartbeat(try HeartbeatMessage(from: decoder))
            case "reply": return .reply(try ReplyMessage(from: decoder))
            default: return .unknown(messageClass: messageClass)
            }
        }
    }

    /// Parses `line` once: reads its `class`, then lets `decodeMessage` decode the message of that class from the
    /// same decoder. (Reading the class with a decoder of its own first parsed every line twice.)
    static func decodeClassified<Message>(
        _ line: some Collection<UInt8>, _ decodeMessage: @escaping (String, any Decoder) throws -> Message
    ) -> Result<Message, WireError> {
        do {
            let decoded = try JSONDecoder().decode(
                ClassifiedLine<Message>.self, from: Data(line),
                configuration: ClassifiedLine<Message>.Configuration(decodeMessage: decodeMessage))
            return .success(decoded.message)
        } catch let error as WireError {
            return .failure(error)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
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

/// A protocol line decoded in one pass: its `class` first, then the message of that class from the same decoder.
/// A missing or non-string `class` and a message's own field errors come out as a ``WireError``.
private struct ClassifiedLine<Message>: DecodableWithConfiguration {
    struct Configuration {
        let decodeMessage: (String, any Decoder) throws -> Message
    }

    let message: Message

    enum ClassKey: String, CodingKey { case messageClass = "class" }

    init(from decoder: any Decoder, configuration: Configuration) throws {
        let container = try decoder.container(keyedBy: ClassKey.self)
        guard let messageClass = try? container.decode(String.self, forKey: .messageClass) else {
            throw WireError(.missingClass, "a JSON object without a string \"class\"")
        }
        do {
            message = try configuration.decodeMessage(messageClass, decoder)
        } catch let error as WireError {
            throw error
        } catch {
            throw WireError(.invalidMessage, "\(messageClass): \(WireCodec.describe(error))")
        }
    }
}
