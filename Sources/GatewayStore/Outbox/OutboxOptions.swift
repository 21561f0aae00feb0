/// How an ``Outbox`` behaves.
public struct OutboxOptions: Sendable {
    /// Depth (pending events) above which the outbox reports `isOverHighWater` and publishes a transition.
    /// Events above it are still stored: nothing is dropped or refused while the disk has room.
    public var highWaterMark: Int
    /// How long a write waits for another process's lock (e.g. an operator's `sqlite3` shell) before failing.
    public var busyTimeout: Duration
    /// Wall clock in Unix milliseconds, used for `rejected_ms`. Injected so tests can fix it.
    public var wallClockMilliseconds: @Sendable () -> Int64
    /// How many of the newest pending events are also kept in memory for the forwarder's reads (each holds its
    /// wire line, typically 0.5-1 KB).
    public var recentEventsInMemory: Int
    /// WAL frames (pages) after a commit above which the outbox's checkpoint thread copies the WAL into the
    /// database file; SQLite's own automatic checkpoint uses the same figure, inside the commit.
    public var walCheckpointFrames: Int

    /// - Parameters:
    ///   - highWaterMark: events; default 100,000.
    ///   - busyTimeout: default 5 s.
    ///   - wallClockMilliseconds: default the system's real-time clock.
    ///   - recentEventsInMemory: default 2,048 (about 1-2 MB).
    ///   - walCheckpointFrames: default 1,000 (about 4 MB of WAL).
    public init(
        highWaterMark: Int = 100_000,
        busyTimeout: Duration = .seconds(5),
        wallClockMilliseconds: @escaping @Sendable () -> Int64 = SystemWallClock.milliseconds,
        recentEventsInMemory: Int = 2048,
        walCheckpointFrames: Int = 1000
    ) {
        self.walCheckpointFrames = max(1, walCheckpointFrames)
        self.recentEventsInMemory = recentEventsInMemory
        self.highWaterMark = highWaterMark
        self.busyTimeout = busyTimeout
        self.wallClockMilliseconds = wallClockMilliseconds
    }
}
