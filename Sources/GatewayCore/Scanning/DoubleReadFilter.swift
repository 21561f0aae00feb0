/// Suppresses a double read: the same code from the same scanner again within a short window (the scanner
/// read the label twice as the nurse moved it). One filter per scanner; a different code in between, or the
/// window passing, lets the code through again (scanning one item twice on purpose is slower than that).
public struct DoubleReadFilter: Sendable {
    public let window: Duration
    private var last: (bytes: [UInt8], time: UInt64)?

    public init(window: Duration) {
        self.window = window
    }

    /// Returns true if the scan should be reported, false when it is a double read. Times are monotonic
    /// nanoseconds; the window runs from the last *reported or suppressed* read, so a label held in front of a
    /// scanner in continuous mode stays suppressed.
    public mutating func admit(_ bytes: [UInt8], atNanoseconds time: UInt64) -> Bool {
        defer { last = (bytes, time) }
        guard window > .zero, let last, last.bytes == bytes else { return true }
        return time &- last.time > window.nanosecondsValue
    }
}
