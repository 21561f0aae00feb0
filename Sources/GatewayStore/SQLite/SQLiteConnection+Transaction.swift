import CSQLite

extension SQLiteConnection {
    /// How a transaction takes its locks.
    public enum TransactionKind: String, Sendable {
        /// Takes the lock at the first read or write: may fail with `SQLITE_BUSY` midway.
        case deferred = "DEFERRED"
        /// Takes the write lock at BEGIN: waits (busy timeout) there, never midway. The right choice for writers.
        case immediate = "IMMEDIATE"
        case exclusive = "EXCLUSIVE"
    }

    /// Runs `body` in a transaction: COMMIT if it returns, ROLLBACK if it (or the COMMIT) throws.
    ///
    /// Not reentrant: nesting throws `SQLITE_MISUSE` from BEGIN.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            rollbackIfActive()
            throw error
        }
    }

    /// Rolls back the open transaction, if any. After `SQLITE_FULL` or an I/O error SQLite may already have rolled
    /// back by itself, and a second ROLLBACK would fail; so this checks first.
    public func rollbackIfActive() {
        guard !isAutocommit else { return }
        // A failing ROLLBACK leaves nothing better to do: the caller is already throwing the original error, and
        // SQLite rolls back a hot transaction on the next open anyway.
        try? execute("ROLLBACK")
    }

    /// Journal modes (`PRAGMA journal_mode`).
    public enum JournalMode: String, Sendable {
        case delete, truncate, persist, memory, wal, off
    }

    /// Sets the journal mode and checks that SQLite took it (a WAL request on an in-memory database, say, is
    /// answered with `memory`).
    public func setJournalMode(_ mode: JournalMode) throws {
        let sql = "PRAGMA journal_mode=\(mode.rawValue)"
        let statement = try prepare(sql)
        guard try statement.step(), let actual = statement.string(at: 0) else {
            throw SQLiteError(code: SQLITE_ERROR, message: "no answer", operation: "set journal mode", sql: sql,
                              path: path)
        }
        guard actual.lowercased() == mode.rawValue else {
            throw SQLiteError(code: SQLITE_ERROR, message: "SQLite kept journal mode \(actual)",
                              operation: "set journal mode", sql: sql, path: path)
        }
    }

    /// `PRAGMA synchronous` levels: how often SQLite waits for the disk.
    public enum SynchronousLevel: Int, Sendable {
        /// Never fsync: fast, loses recent commits and can corrupt on power loss.
        case off = 0
        /// In WAL mode: fsync at checkpoints only; a commit may roll back on power loss but the file stays intact.
        case normal = 1
        /// In WAL mode: fsync the WAL at every commit; a committed transaction survives power loss.
        case full = 2
        case extra = 3
    }

    /// Sets `PRAGMA synchronous` and reads it back. Setting the level this connection last set does nothing:
    /// the outbox asserts its level before every commit, and parsing two pragmas each time was measurable.
    public func setSynchronous(_ level: SynchronousLevel) throws {
        guard synchronousLevel != level else { return }
        synchronousLevel = nil  // unknown until read back
        try execute("PRAGMA synchronous=\(level.rawValue)")
        let actual = try integerPragma("synchronous")
        guard actual == Int64(level.rawValue) else {
            throw SQLiteError(code: SQLITE_ERROR, message: "synchronous is \(actual), wanted \(level.rawValue)",
                              operation: "set synchronous", path: path)
        }
        synchronousLevel = level
    }

    /// Reads an integer-valued pragma, e.g. `user_version`, `page_count`.
    public func integerPragma(_ name: String) throws -> Int64 {
        let statement = try prepare("PRAGMA \(name)")
        guard try statement.step() else {
            throw SQLiteError(code: SQLITE_ERROR, message: "no value", operation: "read pragma",
                              sql: "PRAGMA \(name)", path: path)
        }
        return statement.int64(at: 0)
    }

    /// `PRAGMA user_version`: the schema version, maintained by ``SchemaMigrator``.
    public func userVersion() throws -> Int {
        Int(try integerPragma("user_version"))
    }

    /// Runs a query and returns the first column of the first row as an integer (nil when there is no row or
    /// the value is NULL).
    public func scalarInt64(_ sql: String, _ values: SQLiteValue...) throws -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(at: 0) else { return nil }
        return statement.int64(at: 0)
    }
}
