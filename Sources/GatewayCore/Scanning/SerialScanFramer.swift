/// Frames the byte stream of a serial / USB-CDC scanner (or PDA dock) into scans: on CR, CRLF, LF or TAB, or,
/// for scanners programmed without a suffix, on an idle gap. GS (0x1D) arrives intact and stays in the data.
public struct SerialScanFramer: Sendable {
    /// The suffix the scanner is programmed to send.
    public enum Terminator: String, Sendable, CaseIterable {
        /// CR (0x0D); an LF right after it is swallowed, so CR and CRLF scanners both work.
        case cr
        /// CR LF: the frame ends at CR, the LF is swallowed.
        case crlf
        /// LF (0x0A) alone; a CR before it is removed.
        case lf
        /// TAB (0x09).
        case tab
        /// No suffix: the idle timeout ends each scan.
        case none
    }

    public let terminator: Terminator
    public let idleTimeout: Duration?
    public let maximumLength: Int
    private var buffer: [UInt8] = []
    private var firstTime: UInt64 = 0
    private var lastTime: UInt64 = 0
    /// Set after a CR terminator: a following LF belongs to it.
    private var swallowLineFeed = false

    public init(terminator: Terminator, idleTimeout: Duration? = nil, maximumLength: Int = 4096) {
        self.terminator = terminator
        self.idleTimeout = idleTimeout
        self.maximumLength = maximumLength
    }

    public var hasPartialScan: Bool { !buffer.isEmpty }

    /// Monotonic time at which ``flushIfIdle(atNanoseconds:)`` ends the buffered scan, or nil.
    public var idleDeadline: UInt64? {
        guard !buffer.isEmpty, let idleTimeout else { return nil }
        return lastTime &+ idleTimeout.nanosecondsValue
    }

    /// Consumes bytes from `buffer` up to the end of the next scan and returns it; nil when the bytes ran out
    /// first (they are kept). Call again until it returns nil.
    public mutating func decode(buffer input: inout ArraySlice<UInt8>, atNanoseconds time: UInt64) -> ScanFrame? {
        while let byte = input.first {
            input = input.dropFirst()
            if swallowLineFeed {
                swallowLineFeed = false
                if byte == 0x0A { continue }
            }
            if isTerminator(byte) {
                if byte == 0x0D { swallowLineFeed = true }
                if terminator == .lf, buffer.last == 0x0D { buffer.removeLast() }
                // An empty line (a lone CRLF, a double terminator) is not a scan.
                if buffer.isEmpty { continue }
                lastTime = time
                return finish(.terminator)
            }
            if buffer.isEmpty { firstTime = time }
            lastTime = time
            buffer.append(byte)
            if buffer.count >= maximumLength { return finish(.overflow) }
        }
        return nil
    }

    /// Ends the buffered scan if the idle timeout has passed at `now`.
    public mutating func flushIfIdle(atNanoseconds now: UInt64) -> ScanFrame? {
        guard let deadline = idleDeadline, now >= deadline else { return nil }
        return finish(.idle)
    }

    /// The port went away mid-scan: what arrived so far, as an interrupted scan.
    public mutating func interrupt(reason: String) -> ScanFrame? {
        swallowLineFeed = false
        guard !buffer.isEmpty else { return nil }
        var frame = finish(.interrupted)
        frame.damage = reason
        return frame
    }

    private func isTerminator(_ byte: UInt8) -> Bool {
        switch terminator {
        case .cr, .crlf: byte == 0x0D
        case .lf: byte == 0x0A
        case .tab: byte == 0x09
        case .none: false
        }
    }

    private mutating func finish(_ end: ScanFrame.End) -> ScanFrame {
        let frame = ScanFrame(bytes: buffer, end: end, firstNanoseconds: firstTime, lastNanoseconds: lastTime)
        buffer.removeAll(keepingCapacity: true)
        return frame
    }
}
