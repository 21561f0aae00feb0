/// The members of an event line that a receiver needs to record and acknowledge it (`class`, `id`, `seq`,
/// `gateway`, `redelivered`), read from the line's bytes without decoding the event's body.
///
/// A backend that only stores lines and acknowledges them (the simulator is one) needs no more than this. Decoding
/// every line with `JSONDecoder` costs tens of microseconds of CPU per event; reading the envelope costs about one.
/// The body is skipped, but its JSON syntax is still checked (strings for valid UTF-8 too), so a line that is not one
/// well-formed JSON object is never taken for an event. The body's members are not checked against the event
/// schema as ``WireCodec/decodeGatewayMessage(_:)`` checks them: a receiver that needs that decodes the line.
public struct EventEnvelope: Sendable, Equatable {
    public var id: String
    public var sequence: Int64
    public var gateway: String
    /// `redelivered` as sent; absent counts as `false`.
    public var redelivered: Bool

    public init(id: String, sequence: Int64, gateway: String, redelivered: Bool) {
        self.id = id
        self.sequence = sequence
        self.gateway = gateway
        self.redelivered = redelivered
    }

    /// Reads the envelope of `line` (one JSON object, without its line terminator).
    ///
    /// Returns `nil` unless the line is a well-formed JSON object whose `class` is `"event"`, with a string `id`,
    /// an integer `seq`, a string `gateway`, and `redelivered`, if present, a boolean. A `nil` says nothing
    /// about why: a caller that needs the reason decodes the line fully (``WireCodec/decodeGatewayMessage(_:)``).
    /// Keys and the wanted string values must be free of escapes (the gateway never escapes them); a line where
    /// they are not is left to the full decoder too.
    public static func read(_ line: some Collection<UInt8>) -> EventEnvelope? {
        EnvelopeReader.reading(line) { $0.readEnvelope() }
    }
}

/// Cumulative acks are most of what a backend sends; reading one by hand spares a `JSONDecoder` per ack.
enum CumulativeAcknowledgementLine {
    /// The `seq` of `line` if it is a well-formed cumulative ack (`class` `"ack"`, an integer `seq`, no `ids`;
    /// other members are ignored, as the protocol says), else nil: the caller decodes the line fully.
    static func sequence(_ line: some Collection<UInt8>) -> Int64? {
        EnvelopeReader.reading(line) { $0.readCumulativeAcknowledgement() }
    }
}

/// A forward-only reader over one line's bytes: the top-level object's members are looked at, everything nested
/// is skipped after a syntax check.
private struct EnvelopeReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Runs `read` over `line`'s bytes (contiguous ones in place, others copied once).
    static func reading<Result>(_ line: some Collection<UInt8>, _ read: (inout EnvelopeReader) -> Result?) -> Result? {
        if let result = line.withContiguousStorageIfAvailable({ bytes -> Result? in
            var reader = EnvelopeReader(bytes: bytes)
            return read(&reader)
        }) {
            return result
        }
        return Array(line).withUnsafeBufferPointer { bytes in
            var reader = EnvelopeReader(bytes: bytes)
            return read(&reader)
        }
    }

    /// Nesting deeper than this is refused (the gateway's events nest four levels at most), so skipping is bounded.
    static let maximumDepth = 64

    /// Walks the top-level object: for each member, `visit` gets the key with the reader positioned at the value,
    /// and must consume the value (or return false). False when the line is not exactly one well-formed object.
    mutating func forEachMember(
        _ visit: (Slice<UnsafeBufferPointer<UInt8>>, inout EnvelopeReader) -> Bool
    ) -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard let key = plainString() else { return false }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
                guard visit(key, &self) else { return false }
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return false }
        }
        skipWhitespace()
        return position == bytes.count
    }

    mutating func readEnvelope() -> EventEnvelope? {
        var messageClass: Slice<UnsafeBufferPointer<UInt8>>?
        var id: Slice<UnsafeBufferPointer<UInt8>>?
        var sequence: Int64?
        var gateway: Slice<UnsafeBufferPointer<UInt8>>?
        var redelivered = false
        let wellFormed = forEachMember { key, reader in
            if key.elementsEqual("class".utf8) {
                messageClass = reader.plainString()
                return messageClass != nil
            } else if key.elementsEqual("id".utf8) {
                id = reader.plainString()
                return id != nil
            } else if key.elementsEqual("seq".utf8) {
                sequence = reader.integer()
                return sequence != nil
            } else if key.elementsEqual("gateway".utf8) {
                gateway = reader.plainString()
                return gateway != nil
            } else if key.elementsEqual("redelivered".utf8) {
                guard let value = reader.boolean() else { return false }
                redelivered = value
                return true
            }
            return reader.skipValue(depth: 1)
        }
        guard wellFormed, let messageClass, messageClass.elementsEqual("event".utf8), let id, let sequence,
              let gateway else { return nil }
        return EventEnvelope(
            id: String(decoding: id, as: UTF8.self), sequence: sequence,
            gateway: String(decoding: gateway, as: UTF8.self), redelivered: redelivered)
    }

    /// The `seq` of a cumulative ack (`class` `"ack"`, an integer `seq`, no `ids`), or nil for anything else.
    mutating func readCumulativeAcknowledgement() -> Int64? {
        var isAck = false
        var sequence: Int64?
        var hasIDs = false
        let wellFormed = forEachMember { key, reader in
            if key.elementsEqual("class".utf8) {
                guard let value = reader.plainString() else { return false }
                isAck = value.elementsEqual("ack".utf8)
                return true
            } else if key.elementsEqual("seq".utf8) {
                sequence = reader.integer()
                return sequence != nil
            } else if key.elementsEqual("ids".utf8) {
                hasIDs = true
            }
            return reader.skipValue(depth: 1)
        }
        guard wellFormed, isAck, !hasIDs else { return nil }
        return sequence
    }

    // MARK: Tokens

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        position += 1
        return true
    }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    /// A string without escapes or control characters, returned without its quotes.
    mutating func plainString() -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                position += 1
                return bytes[start..<(position - 1)]
            }
            guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
            if byte < 0x80 {
                position += 1
            } else {
                guard skipMultibyteCharacter() else { return nil }
            }
        }
        return nil
    }

    /// Steps over one UTF-8 sequence of two to four bytes at `position`, if it is well formed (no overlong forms,
    /// no surrogates, nothing above U+10FFFF).
    mutating func skipMultibyteCharacter() -> Bool {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return false
        }
        guard bytes.count - position >= length, secondRange.contains(bytes[position + 1]) else { return false }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[position + offset]) { return false }
        position += length
        return true
    }

    /// A JSON integer that fits an `Int64`: an optional minus, then digits without a leading zero.
    mutating func integer() -> Int64? {
        let negative = take(UInt8(ascii: "-"))
        let start = position
        var value: Int64 = 0
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = negative ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            value = sum
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        // A fraction or exponent makes it a number, not an integer.
        if let byte = current, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            return nil
        }
        return value
    }

    mutating func boolean() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != pointer[offset] { return false }
        position += count
        return true
    }

    // MARK: Skipping a value, syntax checked

    mutating func skipValue(depth: Int) -> Bool {
        guard depth <= Self.maximumDepth, let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "{"): return skipContainer(closing: UInt8(ascii: "}"), keyed: true, depth: depth)
        case UInt8(ascii: "["): return skipContainer(closing: UInt8(ascii: "]"), keyed: false, depth: depth)
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return skipNumber()
        }
    }

    mutating func skipContainer(closing: UInt8, keyed: Bool, depth: Int) -> Bool {
        position += 1
        skipWhitespace()
        if take(closing) { return true }
        repeat {
            skipWhitespace()
            if keyed {
                guard skipString() else { return false }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
            }
            guard skipValue(depth: depth + 1) else { return false }
            skipWhitespace()
        } while take(UInt8(ascii: ","))
        return take(closing)
    }

    /// A string with any escapes JSON allows; control characters are refused.
    mutating func skipString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return true
            case UInt8(ascii: "\\"):
                guard let escaped = current else { return false }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        guard let hex = current, hex.isHexDigit else { return false }
                        position += 1
                    }
                default:
                    return false
                }
            case 0..<0x20:
                return false
            case 0x80...:
                position -= 1
                guard skipMultibyteCharacter() else { return false }
            default:
                continue
            }
        }
        return false
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func skipNumber() -> Bool {
        _ = take(UInt8(ascii: "-"))
        guard let first = current, first.isDigit else { return false }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if take(UInt8(ascii: ".")) {
            guard current?.isDigit == true else { return false }
            skipDigits()
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard current?.isDigit == true else { return false }
            skipDigits()
        }
        return true
    }

    mutating func skipDigits() {
        while current?.isDigit == true { position += 1 }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    fileprivate var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
