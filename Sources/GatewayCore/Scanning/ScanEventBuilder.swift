import GatewayCodes

/// A scan as it left a scanner: the text (terminator removed), where it came from, and when.
public struct ScanInput: Sendable, Equatable {
    /// The scan as text (invalid UTF-8 replaced by U+FFFD: what the event's `raw` carries).
    public var text: String
    /// The bytes as scanned when they are not valid UTF-8 (nil otherwise): they are decoded as they came, so the
    /// decoder reports the bad byte (a `charset` error) instead of reading replacement characters.
    public var invalidUTF8: [UInt8]?
    public var station: String
    public var source: EventSource
    public var timeMilliseconds: Int64
    public var monotonicNanoseconds: UInt64

    public init(
        text: String, station: String, source: EventSource, timeMilliseconds: Int64, monotonicNanoseconds: UInt64
    ) {
        self.text = text
        self.station = station
        self.source = source
        self.timeMilliseconds = timeMilliseconds
        self.monotonicNanoseconds = monotonicNanoseconds
    }

    /// A scan from a device's bytes (UTF-8 expected; anything else is kept for the decoder, see ``invalidUTF8``).
    public init(
        bytes: [UInt8], station: String, source: EventSource, timeMilliseconds: Int64, monotonicNanoseconds: UInt64
    ) {
        let valid = String(validating: bytes, as: UTF8.self)
        self.init(
            text: valid ?? String(decoding: bytes, as: UTF8.self), station: station, source: source,
            timeMilliseconds: timeMilliseconds, monotonicNanoseconds: monotonicNanoseconds)
        if valid == nil { invalidUTF8 = bytes }
    }
}

/// Turns a scan into an event draft: decodes it and records both the raw text and the decode. A code that does
/// not decode is still an event (a `scan` with the decode's error), never dropped.
public struct ScanEventBuilder: Sendable {
    /// Gives the decoder for each scan: a fixed ``CodeDecoder``, or one kept up to date with the catalogue's
    /// in-hospital code formats.
    public let decoders: any CodeDecoderSource
    /// Resolves decoded items against the local catalogue (`item` on the event); nil: events carry no `item`.
    public let resolver: (any CodeResolver)?

    public init(decoder: any CodeDecoderSource, resolver: (any CodeResolver)? = nil) {
        self.decoders = decoder
        self.resolver = resolver
    }

    public func draft(for scan: ScanInput) -> EventDraft {
        var draft = EventDraft(
            type: .scan, timeMilliseconds: scan.timeMilliseconds, monotonicNanoseconds: scan.monotonicNanoseconds,
            station: scan.station, source: scan.source)
        draft.raw = scan.text
        let decoder = decoders.decoder(atMilliseconds: scan.timeMilliseconds)
        let code = scan.invalidUTF8.map { decoder.decode($0) } ?? decoder.decode(scan.text)
        draft.code = code
        if let resolver, case .item(let item) = resolver.resolve(code, atMilliseconds: scan.timeMilliseconds) {
            draft.item = item
        }
        return draft
    }
}
