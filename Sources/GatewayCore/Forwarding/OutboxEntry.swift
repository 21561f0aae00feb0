/// One committed event as the forwarder reads it from the outbox: its identity and its encoded line.
public struct OutboxEntry: Sendable, Equatable {
    public var sequence: Int64
    public var id: String
    /// The event's wire line (JSON + LF), encoded once when the event was committed.
    public var line: [UInt8]

    public init(sequence: Int64, id: String, line: [UInt8]) {
        self.sequence = sequence
        self.id = id
        self.line = line
    }
}

/// A snapshot of the outbox's counters, for status, heartbeats and alarms.
public struct OutboxStatistics: Sendable, Equatable {
    /// Events stored and not yet acknowledged (rejected events are not counted).
    public var depth: Int
    /// Creation time (the event's own wall-clock time, Unix ms) of the oldest unacknowledged event, if any.
    public var oldestPendingMilliseconds: Int64?
    /// The resume point (the hello's `last_acked_seq`): every sequence up to here is settled, i.e. acknowledged
    /// (cumulatively or by id) or rejected. Events above it may also be gone already (settled while an older one
    /// was still pending); `depth` is the count of what is really pending.
    public var lastAckedSequence: Int64
    /// The sequence the next event will get.
    public var nextSequence: Int64
    /// Events the backend refused permanently, kept aside.
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

/// The outbox as the forwarder sees it: committed events in sequence order, removed only when acknowledged.
/// `GatewayStore.Outbox` is the durable implementation; `GatewayTesting.MemoryOutbox` the in-memory twin.
public protocol EventOutbox: Sendable {
    /// Identifies the sequence space (changes only if the outbox is created anew).
    var epoch: String { get }
    /// Up to `limit` committed events with a sequence greater than `afterSequence`, in order.
    func pending(afterSequence: Int64, limit: Int) async throws -> [OutboxEntry]
    /// Removes every event up to and including `throughSequence`; returns how many were removed.
    @discardableResult func acknowledge(throughSequence: Int64) async throws -> Int
    /// Removes the events with these ids; returns how many were removed.
    @discardableResult func acknowledge(ids: [String]) async throws -> Int
    /// Moves an event the backend refused permanently aside (kept, never dropped).
    func reject(id: String, reason: String) async throws
    func statistics() -> OutboxStatistics
    /// Yields after commits that added events.
    func changes() -> AsyncStream<Void>
}

/// Where producers put events: `commit` returns only once the event is durable, so the producer may then tell
/// the person or device that it was accepted.
public protocol EventSink: Sendable {
    func commit(_ draft: EventDraft) async throws -> GatewayEvent
    /// Commits `drafts` (possibly none) and stores `checkpoint` with them, all or nothing, in one durable step.
    func commit(_ drafts: [EventDraft], checkpoint: ProducerCheckpoint?) async throws -> [GatewayEvent]
}

/// A producer's state, stored atomically with the events it produced (see ``EventSink/commit(_:checkpoint:)``):
/// after a power loss the producer resumes from exactly the state its committed events left.
public struct ProducerCheckpoint: Sendable, Equatable {
    /// Whose state, e.g. `cabinet/cab-or3`.
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// Where checkpoints are read back after a restart.
public protocol CheckpointStore: Sendable {
    /// The value of the last checkpoint committed under `key`, if any.
    func checkpoint(_ key: String) async throws -> [UInt8]?
}

