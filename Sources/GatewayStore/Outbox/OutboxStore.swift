import GatewayCore

/// The outbox's SQLite work. Confined to the outbox's worker thread after `init` (which runs on the opening
/// thread, before the worker exists); never `Sendable`.
final class OutboxStore {
    /// The open connection and its prepared statements; nil once closed.
    final class Session {
        let connection: SQLiteConnection
        let insertEvent: SQLiteStatement
        let sequenceBase: SQLiteStatement
        let selectPending: SQLiteStatement
        let deleteThrough: SQLiteStatement
        let deleteByID: SQLiteStatement
        let selectByID: SQLiteStatement
        let countRejectedByID: SQLiteStatement
        let insertRejected: SQLiteStatement
        let deleteBySequence: SQLiteStatement
        let selectOldest: SQLiteStatement
        let setMeta: SQLiteStatement
        let upsertCheckpoint: SQLiteStatement
        let selectCheckpoint: SQLiteStatement

        init(_ db: SQLiteConnection) throws {
            connection = db
            insertEvent = try db.prepare(
                "INSERT INTO events(seq, id, type, station, created_ms, line) VALUES (?, ?, ?, ?, ?, ?)",
                persistent: true)
            // The highest sequence ever handed out, from every place that remembers one: sqlite_sequence
            // (AUTOINCREMENT's memory), the tables themselves, and the acknowledged point.
            sequenceBase = try db.prepare("""
                SELECT max(ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
                           ifnull((SELECT max(seq) FROM events), 0),
                           ifnull((SELECT max(seq) FROM rejected), 0),
                           ifnull((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_acked_seq'), 0))
                """, persistent: true)
            selectPending = try db.prepare(
                "SELECT seq, id, line FROM events WHERE seq > ? ORDER BY seq LIMIT ?", persistent: true)
            deleteThrough = try db.prepare("DELETE FROM events WHERE seq <= ?", persistent: true)
            deleteByID = try db.prepare("DELETE FROM events WHERE id = ?", persistent: true)
            selectByID = try db.prepare("SELECT seq, line FROM events WHERE id = ?", persistent: true)
            countRejectedByID = try db.prepare("SELECT count(*) FROM rejected WHERE id = ?", persistent: true)
            insertRejected = try db.prepare(
                "INSERT INTO rejected(seq, id, reason, rejected_ms, line) VALUES (?, ?, ?, ?, ?)", persistent: true)
            deleteBySequence = try db.prepare("DELETE FROM events WHERE seq = ?", persistent: true)
            selectOldest = try db.prepare("SELECT seq, created_ms FROM events ORDER BY seq LIMIT 1", persistent: true)
            setMeta = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", persistent: true)
            upsertCheckpoint = try db.prepare(
                "INSERT OR REPLACE INTO checkpoints(key, value, updated_ms) VALUES (?, ?, ?)", persistent: true)
            selectCheckpoint = try db.prepare("SELECT value FROM checkpoints WHERE key = ?", persistent: true)
        }
    }

    let path: String
    let gatewayID: String
    let epoch: String
    let options: OutboxOptions
    let monitor: OutboxMonitor
    private(set) var session: Session?
    /// The authoritative counters; the monitor gets a copy after every change.
    var statistics: OutboxStatistics
    /// The sequence of the oldest pending event, to skip acknowledgements that cannot delete anything.
    var oldestPendingSequence: Int64?
    /// The newest pending events, readable without this thread.
    let recent: RecentEntries
    /// Keeps the WAL short off this thread; asked by `walObserver` after commits.
    let checkpointer: OutboxCheckpointer
    /// Attached to the connection while it is open (SQLite holds it unretained).
    private let walObserver: WALCommitObserver

    /// Opens or creates the file, migrates it, checks or writes its identity, and counts what is pending.
    init(path: String, gatewayID: String, options: OutboxOptions) throws {
        self.path = path
        self.gatewayID = gatewayID
        self.options = options
        let db: SQLiteConnection
        do {
            db = try SQLiteConnection(path: path, busyTimeout: options.busyTimeout)
            try db.setJournalMode(.wal)
            // FULL: in WAL mode the WAL is fsynced at every commit, so a returned append survives power loss.
            try db.setSynchronous(.full)
            try OutboxSchema.migrator.migrate(db)
        } catch let error as SchemaMigrationError where error.code == .futureVersion {
            throw OutboxError(code: .incompatibleFile, message: "cannot use outbox \(path)", cause: error)
        } catch {
            throw OutboxError(code: .storage, message: "cannot open outbox \(path)", cause: error)
        }
        let identity = try Self.loadOrCreateIdentity(db, path: path, gatewayID: gatewayID)
        epoch = identity.epoch
        do {
            let session = try Session(db)
            self.session = session
            let depth = try db.scalarInt64("SELECT count(*) FROM events") ?? 0
            let rejected = try db.scalarInt64("SELECT count(*) FROM rejected") ?? 0
            let base = try Self.readSequenceBase(session)
            statistics = OutboxStatistics(
                depth: Int(depth), oldestPendingMilliseconds: nil, lastAckedSequence: identity.lastAcked,
                nextSequence: base + 1, rejectedCount: Int(rejected),
                isOverHighWater: Int(depth) > options.highWaterMark, highWaterMark: options.highWaterMark)
            monitor = OutboxMonitor(statistics: statistics)
            recent = RecentEntries(nextSequence: base + 1, capacity: options.recentEventsInMemory)
            let checkpointer = try OutboxCheckpointer(path: path, busyTimeout: options.busyTimeout)
            self.checkpointer = checkpointer
            walObserver = Self.makeWALObserver(db, checkpointer: checkpointer, trigger: options.walCheckpointFrames)
            db.setCommitObserver(walObserver)
            setOldest(try Self.readOldest(session))
            // A file written before last_acked_seq followed the settled prefix may have events settled below the
            // oldest pending one (acked by id, rejected) and a lower ack point: the hello would tell a backend to
            // wait for sequences that never come again. Brought forward once, durably, before anyone reads it.
            if settledThrough(oldestPending: oldestPendingSequence) > statistics.lastAckedSequence {
                statistics.lastAckedSequence = try session.connection.transaction(.immediate) {
                    try recordSettledPrefix(session, oldestPending: oldestPendingSequence)
                }
            }
        } catch let error as OutboxError {
            throw error
        } catch {
            throw OutboxError(code: .storage, message: "cannot read outbox \(path)", cause: error)
        }
        monitor.publish(statistics, eventsAdded: false)
    }

    deinit {
        close()
    }

    /// Finalizes the statements and closes the connection (SQLite checkpoints the WAL on the last close).
    func close() {
        session?.connection.removeCommitObserver()
        session = nil
        checkpointer.shutdown()
    }

    /// After each commit: past `trigger` frames, the checkpointer is asked to copy the WAL into the database file.
    ///
    /// The WAL starts over only at a transaction that begins after every frame was copied; under a steady stream
    /// of appends the next one may always begin while the thread is still copying. So past four times `trigger`
    /// the writer checkpoints itself, between transactions. That is cheap, because checkpoints are incremental and
    /// the thread has copied nearly everything, and it guarantees the restart: the WAL stays bounded even if the
    /// thread falls behind (a stalled disk).
    static func makeWALObserver(_ db: SQLiteConnection, checkpointer: OutboxCheckpointer, trigger: Int)
        -> WALCommitObserver
    {
        WALCommitObserver { [unowned db] frames in
            guard frames >= trigger else { return }
            if frames >= trigger * 4 {
                // Busy when the thread is checkpointing at this moment: then the next commit tries again.
                _ = try? db.checkpointPassively()
            } else {
                checkpointer.request()
            }
        }
    }

    /// Publishes the current counters to readers.
    func publish(eventsAdded: Bool) {
        statistics.isOverHighWater = statistics.depth > options.highWaterMark
        monitor.publish(statistics, eventsAdded: eventsAdded)
    }

    /// The open session, or `.closed`.
    func openSession() throws -> Session {
        guard let session else { throw OutboxError(code: .closed, message: "outbox \(path) is closed") }
        return session
    }

    /// The sequence and `created_ms` of the oldest pending event, if any.
    static func readOldest(_ session: Session) throws -> (sequence: Int64, createdMilliseconds: Int64)? {
        var oldest: (Int64, Int64)?
        try session.selectOldest.forEachRow([]) { oldest = ($0.int64(at: 0), $0.int64(at: 1)) }
        return oldest
    }

    /// Installs what ``readOldest(_:)`` found, after the transaction that read it committed.
    func setOldest(_ oldest: (sequence: Int64, createdMilliseconds: Int64)?) {
        oldestPendingSequence = oldest?.sequence
        statistics.oldestPendingMilliseconds = oldest?.createdMilliseconds
    }

    static func readSequenceBase(_ session: Session) throws -> Int64 {
        var base: Int64 = 0
        try session.sequenceBase.forEachRow([]) { base = $0.int64(at: 0) }
        return base
    }
}
