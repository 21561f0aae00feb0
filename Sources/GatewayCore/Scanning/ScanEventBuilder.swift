import GatewayCodes

/// A scan as it left a scanner: the text (terminator removed), where it came from, and when.
public struct ScanInput: Sendable, Equatable {
    public var text: String
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
}

/// Turns a scan into an event draft: decodes it and records both the raw text and the decode. A code that does
/// not decode is still an event (a `scan` with the decode's error), never dropped.
public struct ScanEventBuilder: Sendable {
    public let decoder: CodeDecoder
    /// Resolves decoded items against the local catalogue (`item` on the event); nil: events carry no `item`.
    public let resolver: (any CodeResolver)?

    public init(decoder: CodeDecoder, resolver: (any CodeResolver)? = nil) {
        self.decoder = decoder
        self.resolver = resolver
    }

    public func draft(for scan: ScanInput) -> EventDraft {
        var draft = EventDraft(
            type: .scan, timeMilliseconds: scan.timeMilliseconds, monotonicNanoseconds: scan.monotonicNanoseconds,
            station: scan.station, source: scan.source)
        draft.raw = scan.text
        let code = decoder.decode(scan.text)
        draft.code = code
        if let resolver, case .item(let item) = resolver.resolve(code, atMilliseconds: scan.timeMilliseconds) {
            draft.item = item
        }
        return draft
    }
}
