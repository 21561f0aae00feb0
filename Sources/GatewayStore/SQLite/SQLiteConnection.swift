import CSQLite

/// One connection to a SQLite database file.
///
/// Not `Sendable`: a connection belongs to one thread at a time (it is opened in multi-thread mode, without
/// SQLite's own mutex). Confine it to a dedicated thread, as ``Outbox`` does; blocking calls on it must not run
/// on the Swift cooperative pool.
///
/// ```swift
/// let db = try SQLiteConnection(path: "/var/lib/spd-gateway/cache.sqlite")
/// try db.setJournalMode(.wal)
/// try db.transaction {
///     let insert = try db.prepare("INSERT INTO t(a) VALUES (?)")
///     try insert.run(.integer(1))
/// }
/// ```
public final class SQLiteConnection {
    /// How to open the file (`SQLITE_OPEN_*`).
    public struct OpenFlags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
        public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
        public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
        /// Refuse to follow a symbolic link as the database path.
        public static let noFollow = OpenFlags(rawValue: SQLITE_OPEN_NOFOLLOW)
        /// Open read-write, creating the file if needed: the default.
        public static let readWriteCreate: OpenFlags = [.readWrite, .create]
    }

    /// The file this connection opened.
    public let path: String
    /// The raw handle, for calls this layer does not wrap. Never close it.
    public let handle: OpaquePointer
    /// The `synchronous` level ``setSynchronous(_:)`` set and read back; nil before (or if set another way).
    var synchronousLevel: SynchronousLevel?

    /// Opens (or creates) a database file.
    ///
    /// - Parameters:
    ///   - path: the file; `:memory:` for a private in-memory database.
    ///   - flags: `SQLITE_OPEN_*` flags; multi-thread mode is always added (see the type's documentation).
    ///   - busyTimeout: how long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    public init(path: String, flags: OpenFlags = .readWriteCreate, busyTimeout: Duration = .seconds(5)) throws {
        _ = Self.memoryStatisticsOff
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags.rawValue | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            // Even a failed open usually allocates a handle that carries the message and must be closed.
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, operation: "sqlite3_open_v2", path: path)
        }
        self.path = path
        handle = db
        // Extended codes tell SQLITE_IOERR_FSYNC from SQLITE_IOERR_WRITE in the log.
        let extendedRC = sqlite3_extended_result_codes(db, 1)
        guard extendedRC == SQLITE_OK else {
            throw SQLiteError(code: extendedRC, message: lastErrorMessage, operation: "sqlite3_extended_result_codes",
                              path: path)
        }
        try setBusyTimeout(busyTimeout)
    }

    /// Turns SQLite's memory statistics off before the first connection of the process opens (SQLite takes the
    /// setting only before it initialises; false if something else initialised it first, which is harmless).
    ///
    /// Why: the system SQLite is built without lookaside memory, so each text value a statement reads is a malloc
    /// and a free, each also taking a global mutex and updating counters while statistics are on: about a tenth of
    /// the instructions of a cache lookup. Nothing here reads the statistics (`sqlite3_memory_used`) or sets a heap
    /// limit, which would need them.
    private static let memoryStatisticsOff = CSQLite_config_memstatus(0) == SQLITE_OK

    deinit {
        // close_v2 defers the close until every statement is finalized, so the order of deinits does not matter.
        sqlite3_close_v2(handle)
    }

    /// Sets how long statements wait for another connection's lock.
    public func setBusyTimeout(_ timeout: Duration) throws {
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let rc = sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
        try check(rc, "sqlite3_busy_timeout")
    }

    /// Runs one or more SQL statements that return no rows needed by the caller (DDL, PRAGMA, BEGIN, ...).
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard rc == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, operation: "sqlite3_exec",
                              sql: sql, path: path)
        }
    }

    /// Compiles one SQL statement.
    ///
    /// - Parameter persistent: a hint that the statement will be kept and reused many times.
    public func prepare(_ sql: String, persistent: Bool = false) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        // The tail points into the C string, so it is read inside withCString: the temporary C string Swift makes
        // for a plain `String` argument is freed when the call returns (valgrind saw the tail read after free).
        let (rc, rest) = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(handle, text, -1, flags, &statement, &tail)
            return (rc, tail.map { String(cString: $0) } ?? "")
        }
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: lastErrorMessage, operation: "sqlite3_prepare_v3", sql: sql,
                              path: path)
        }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "the SQL contains no statement",
                              operation: "sqlite3_prepare_v3", sql: sql, path: path)
        }
        // A second statement after the first would be silently ignored: refuse it instead.
        if !rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) {
            sqlite3_finalize(statement)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement; use execute(_:) for scripts",
                              operation: "sqlite3_prepare_v3", sql: sql, path: path)
        }
        return SQLiteStatement(handle: statement, sql: sql, connection: self)
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// False while a transaction is open.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Throws a ``SQLiteError`` for `rc` unless it is `SQLITE_OK`.
    func check(_ rc: Int32, _ operation: String, sql: String? = nil) throws {
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: lastErrorMessage, operation: operation, sql: sql, path: path)
        }
    }
}
