import GatewayCodes

/// Where a scan's decoder comes from: one fixed decoder, or one rebuilt when what it depends on changes (the
/// in-hospital code formats the catalogue distributes, the date that anchors two-digit years).
public protocol CodeDecoderSource: Sendable {
    /// The decoder for a scan made at `timeMilliseconds` (wall clock, Unix milliseconds).
    func decoder(atMilliseconds timeMilliseconds: Int64) -> CodeDecoder
}

extension CodeDecoder: CodeDecoderSource {
    /// Always this decoder.
    public func decoder(atMilliseconds timeMilliseconds: Int64) -> CodeDecoder { self }
}
