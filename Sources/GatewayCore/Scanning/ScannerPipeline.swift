/// From a framed scan to the event draft, for one scanner: GS substitution, double-read suppression, decoding,
/// and partial-scan marking. (The dock workflow, shared by the scanners of a station, runs after it.)
///
/// A damaged or interrupted frame is still an event (a `scan` with a `partial_scan` warning alarm and the data
/// that did arrive), never dropped and never a consume: the nurse is asked to scan again.
public struct ScannerPipeline: Sendable {
    public let scannerID: String
    public let station: String
    public let builder: ScanEventBuilder
    public let substitution: GroupSeparatorSubstitution
    private var doubleReads: DoubleReadFilter
    /// Double reads suppressed so far.
    public private(set) var suppressedDoubleReads = 0

    public init(
        scannerID: String, station: String, builder: ScanEventBuilder, substitution: GroupSeparatorSubstitution,
        doubleReadWindow: Duration
    ) {
        self.scannerID = scannerID
        self.station = station
        self.builder = builder
        self.substitution = substitution
        doubleReads = DoubleReadFilter(window: doubleReadWindow)
    }

    /// The draft for `frame`, stamped with the gateway's clocks at the time the frame ended; nil for a double
    /// read.
    public mutating func draft(for frame: ScanFrame, wallMilliseconds: Int64, monotonicNanoseconds: UInt64)
        -> EventDraft?
    {
        let data = (frame.symbology.map { Array($0.utf8) } ?? []) + substitution.apply(to: frame.bytes)
        if frame.isComplete {
            guard doubleReads.admit(data, atNanoseconds: monotonicNanoseconds) else {
                suppressedDoubleReads += 1
                return nil
            }
        }
        let scan = ScanInput(
            bytes: data, station: station,
            source: EventSource(kind: "scanner", id: scannerID), timeMilliseconds: wallMilliseconds,
            monotonicNanoseconds: monotonicNanoseconds)
        var draft = builder.draft(for: scan)
        if !frame.isComplete {
            let how: String
            switch frame.end {
            case .overflow: how = "no terminator after \(frame.bytes.count) bytes"
            case .interrupted, .terminator, .idle: how = "\(frame.bytes.count) bytes arrived"
            }
            draft.alarm = AlarmDetail(
                kind: "partial_scan", severity: .warning,
                message:
                    "scan on \(scannerID) is incomplete (\(how); \(frame.damage ?? "damaged")): scan the item again")
        }
        return draft
    }

    /// A `device` event for this scanner (attached, detached, fault).
    public func deviceDraft(
        kind: String, state: String, detail: String?, wallMilliseconds: Int64, monotonicNanoseconds: UInt64
    ) -> EventDraft {
        var draft = EventDraft(
            type: .device, timeMilliseconds: wallMilliseconds, monotonicNanoseconds: monotonicNanoseconds,
            station: station, source: EventSource(kind: "scanner", id: scannerID))
        draft.device = DeviceDetail(id: scannerID, kind: kind, state: state, detail: detail)
        return draft
    }
}
