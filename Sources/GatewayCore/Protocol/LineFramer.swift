/// Splits a byte stream into protocol lines: LF-terminated, a CR before the LF tolerated, empty lines skipped,
/// and a hard cap on line length. An oversize line is discarded up to its LF and reported, never truncated into
/// something that might parse.
///
/// Feed bytes as they arrive in any chunking; frames come out the same (tested byte by byte).
public struct LineFramer: Sendable {
    /// A unit the framer produced.
    public enum Frame: Sendable, Equatable {
        /// A complete line without its terminator.
        case line([UInt8])
        /// A line longer than the cap was discarded; `length` is how many bytes it had.
        case oversize(length: Int)
    }

    /// Longest accepted line in bytes, excluding the terminator.
    public let maximumLength: Int
    private var buffer: [UInt8] = []
    /// Where the search for LF resumes, so that a long partial line is not rescanned on every chunk.
    private var scanned = 0
    private var discarding = false
    private var discardedLength = 0

    public init(maximumLength: Int) {
        precondition(maximumLength > 0)
        self.maximumLength = maximumLength
    }

    /// Bytes received but not yet part of a complete line.
    public var bufferedCount: Int { buffer.count }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or nil when more bytes are needed.
    public mutating func next() -> Frame? {
        while true {
            guard let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) else {
                scanned = buffer.count
                if buffer.count > maximumLength + 1 {
                    // Over the cap with no end in sight: drop what we have and keep counting until the LF.
                    discarding = true
                    discardedLength += buffer.count
                    buffer.removeAll(keepingCapacity: true)
                    scanned = 0
                }
                return nil
            }
            var line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            scanned = 0
            if discarding {
                let length = discardedLength + line.count
                discarding = false
                discardedLength = 0
                return .oversize(length: length)
            }
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.count > maximumLength { return .oversize(length: line.count) }
            if line.isEmpty { continue }
            return .line(line)
        }
    }
}
