import CSQLite

/// A failed SQLite call: which call, on which file and statement, SQLite's own code and message, and a hint for
/// the person reading the log.
///
/// ```swift
/// do { try connection.execute("INSERT ...") } catch let error as SQLiteError where error.isDiskFull { ... }
/// ```
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (e.g. `SQLITE_IOERR_FSYNC`); `primaryCode` strips the extension.
    public var code: Int32
    /// What SQLite said (`sqlite3_errmsg`), or what this layer found wrong.
    public var message: String
    /// The C call or operation that failed, e.g. `sqlite3_prepare_v2`, `sqlite3_step`, `open`.
    public var operation: String
    /// The SQL being prepared or run, when there was one.
    public var sql: String?
    /// The database file.
    public var path: String?

    public init(code: Int32, message: String, operation: String, sql: String? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.operation = operation
        self.sql = sql
        self.path = path
    }

    /// The primary result code (`SQLITE_FULL`, `SQLITE_BUSY`, ...), without the extended bits.
    public var primaryCode: Int32 { code & 0xFF }

    /// The database or its disk is full (`SQLITE_FULL`), including a `PRAGMA max_page_count` limit.
    public var isDiskFull: Bool { primaryCode == SQLITE_FULL }

    /// Another connection holds a lock longer than the busy timeout (`SQLITE_BUSY` or `SQLITE_LOCKED`).
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// The operating system reported an I/O error (`SQLITE_IOERR_*`).
    public var isIOError: Bool { primaryCode == SQLITE_IOERR }

    /// SQLite's name for the code, e.g. `database or disk is full`.
    public var codeDescription: String { String(cString: sqlite3_errstr(code)) }

    /// What a person can do about it, when there is something to say.
    public var hint: String? {
        switch primaryCode {
        case SQLITE_FULL: "free disk space on the file system that holds the database (or raise its size limit)"
        case SQLITE_BUSY, SQLITE_LOCKED: "another process holds a lock on the database; check for a second daemon"
        case SQLITE_IOERR: "the operating system reported an I/O error; check the disk and the kernel log"
        case SQLITE_READONLY: "the file or its directory is not writable by this user"
        case SQLITE_CANTOPEN: "check that the directory exists and this user may create files in it"
        case SQLITE_CORRUPT, SQLITE_NOTADB: "the file is damaged or not a SQLite database; restore it or move it aside"
        case SQLITE_PERM, SQLITE_AUTH: "permission denied; check file ownership and mode"
        default: nil
        }
    }

    public var description: String {
        var text = "SQLite \(operation) failed"
        if let path { text += " on \(path)" }
        text += ": \(message) (code \(code), \(codeDescription))"
        if let sql { text += " in SQL: \(sql.count > 200 ? String(sql.prefix(200)) + "..." : sql)" }
        if let hint { text += "; \(hint)" }
        return text
    }
}
