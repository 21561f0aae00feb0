/// A pending event as the forwarder sends it: the stored wire line, encoded once at append.
public struct OutboxEntry: Sendable, Equatable {
    public var sequence: Int64
    public var id: String
    /// One JSON line including the trailing LF, exactly as `WireCodec.line(WireEvent(...))` made it.
    public var line: [UInt8]

    public init(sequence: Int64, id: String, line: [UInt8]) {
        self.sequence = sequence
        self.id = id
        self.line = line
    }
}

/// A snapshot of the outbox's counters, kept in memory and updated after every commit.
public struct OutboxStatistics: Sendable, Equatable {
    /// Events stored and not yet acknowledged (rejected events are not counted).
    public var depth: Int
    /// `created_ms` (the event's own wall-clock time) of the lowest pending sequence; nil when empty.
    public var oldestPendingMilliseconds: Int64?
    /// The backend's cumulative acknowledgement: every event up to this sequence is acknowledged or rejected.
    public var lastAckedSequence: Int64
    /// The sequence the next appended event will get.
    public var nextSequence: Int64
    /// Events parked in `rejected` after a permanent nack.
    public var rejectedCount: Int
    /// True while `depth` is above `highWaterMark`.
    public var isOverHighWater: Bool
    public var highWaterMark: Int

    public init(
        depth: Int, oldestPendingMilliseconds: Int64?, lastAckedSequence: Int64, nextSequence: Int64,
        rejectedCount: Int, isOverHighWater: Bool, highWaterMark: Int
    ) {
        self.depth = depth
        self.oldestPendingMilliseconds = oldestPendingMilliseconds
        self.lastAckedSequence = lastAckedSequence
        self.nextSequence = nextSequence
        self.rejectedCount = rejectedCount
        self.isOverHighWater = isOverHighWater
        self.highWaterMark = highWaterMark
    }
}
