import CSQLite
import GatewayCodes

/// A compiled SQL statement, made by ``SQLiteConnection/prepare(_:persistent:)``. Reuse it: reset, bind, step.
///
/// Parameter and column indexes follow SQLite: parameters count from 1, columns from 0.
///
/// ```swift
/// let select = try db.prepare("SELECT seq, line FROM events WHERE seq > ? ORDER BY seq")
/// try select.bind([.integer(0)])
/// while try select.step() { print(select.int64(at: 0), select.blob(at: 1).count) }
/// ```
public final class SQLiteStatement {
    /// SQLite's `SQLITE_TRANSIENT`, which Swift cannot import: SQLite copies the bound bytes before returning.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// The raw handle, for calls this layer does not wrap. Never finalize it.
    public let handle: OpaquePointer
    /// The SQL this statement was compiled from.
    public let sql: String
    // Keeps the connection open for as long as any of its statements lives.
    private let connection: SQLiteConnection

    init(handle: OpaquePointer, sql: String, connection: SQLiteConnection) {
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit {
        // finalize returns the error of the last step, which step() already reported.
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Binds an integer to parameter `index` (from 1).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value), "sqlite3_bind_int64")
    }

    /// Binds a double to parameter `index` (from 1).
    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value), "sqlite3_bind_double")
    }

    /// Binds text (UTF-8) to parameter `index` (from 1); nil binds NULL.
    public func bind(_ value: String?, at index: Int32) throws {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_text(handle, index, value, -1, Self.transient), "sqlite3_bind_text")
    }

    /// Binds `value` as text to parameter `index` (from 1) without copying it and runs `body`; then resets the
    /// statement and binds NULL there, so no pointer to the string outlives the call.
    ///
    /// For the hot path: SQLite reads the string's own UTF-8 storage (`SQLITE_STATIC`), which is valid only while
    /// `body` runs; step the statement and read its row inside `body`. The statement is reset before binding only
    /// when it needs it (a reset of a reset statement was about 400 instructions a lookup).
    public func withText<Result>(_ value: String, at index: Int32, _ body: () throws -> Result) throws -> Result {
        var value = value  // withUTF8 needs a mutable string; a native one is not copied
        return try value.withUTF8 { bytes in
            try bindStatic(text: UnsafeRawBufferPointer(bytes), at: index, resettingIfNeeded: true)
            defer {
                // Binding needs a reset statement (a running one answers SQLITE_MISUSE).
                reset()
                sqlite3_bind_null(handle, index)
            }
            return try body()
        }
    }

    /// Binds UTF-8 bytes as text to parameter `index` (from 1) without copying them (`SQLITE_STATIC`): the bytes
    /// must stay valid and unchanged until the statement has been stepped and the parameter bound again.
    ///
    /// With `resettingIfNeeded`, a statement that was stepped and not reset (binding it answers `SQLITE_MISUSE`)
    /// is reset and bound again, so a reset statement is not reset a second time.
    public func bindStatic(
        text bytes: UnsafeRawBufferPointer, at index: Int32, resettingIfNeeded: Bool = false
    ) throws {
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            // An empty buffer may have no address, which SQLite would bind as NULL: copy '' instead (rare).
            if resettingIfNeeded { reset() }
            return try check(sqlite3_bind_text(handle, index, "", 0, Self.transient), "sqlite3_bind_text")
        }
        let text = start.assumingMemoryBound(to: CChar.self)
        let bind = { sqlite3_bind_text(self.handle, index, text, Int32(bytes.count), nil) }
        try check(resettingIfNeeded ? bindResettingIfNeeded(bind) : bind(), "sqlite3_bind_text")
    }

    /// Binds an integer to parameter `index` (from 1), first resetting the statement only if it was stepped and not
    /// reset (binding it answers `SQLITE_MISUSE`): for statements that are reset after each use.
    public func bindResettingIfNeeded(_ value: Int64, at index: Int32) throws {
        try check(bindResettingIfNeeded { sqlite3_bind_int64(self.handle, index, value) }, "sqlite3_bind_int64")
    }

    /// Runs `bind`; if the statement was stepped and not reset (`SQLITE_MISUSE`), resets it and runs `bind` again.
    private func bindResettingIfNeeded(_ bind: () -> Int32) -> Int32 {
        let rc = bind()
        guard rc == SQLITE_MISUSE else { return rc }
        reset()
        return bind()
    }

    /// Binds bytes as a BLOB to parameter `index` (from 1). An empty array binds an empty BLOB, not NULL.
    public func bind(blob value: [UInt8], at index: Int32) throws {
        let rc = value.withUnsafeBytes { bytes in
            // A zero-length buffer may have a nil base address, which SQLite would store as NULL.
            bytes.baseAddress == nil
                ? sqlite3_bind_zeroblob(handle, index, 0)
                : sqlite3_bind_blob64(handle, index, bytes.baseAddress, sqlite3_uint64(bytes.count), Self.transient)
        }
        try check(rc, "sqlite3_bind_blob64")
    }

    /// Binds NULL to parameter `index` (from 1).
    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index), "sqlite3_bind_null")
    }

    /// Binds a value to parameter `index` (from 1).
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        switch value {
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let bytes): try bind(blob: bytes, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1, 2, 3, ...; the count must match the statement's parameters.
    public func bind(_ values: [SQLiteValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(code: SQLITE_RANGE, message: "\(values.count) values for \(expected) parameters",
                              operation: "bind", sql: sql, path: connection.path)
        }
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    // MARK: Running

    /// Runs to the next row: true when a row is available, false when the statement is done.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw SQLiteError(code: rc, message: connection.lastErrorMessage, operation: "sqlite3_step", sql: sql,
                              path: connection.path)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        // sqlite3_reset only repeats the error of the previous step(), which step() has already thrown;
        // the reset itself always succeeds.
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        // Always returns SQLITE_OK (documented).
        sqlite3_clear_bindings(handle)
    }

    /// Resets, binds `values` and steps to completion: for INSERT, UPDATE and DELETE. Returns the rows changed.
    @discardableResult
    public func run(_ values: SQLiteValue...) throws -> Int {
        try run(values)
    }

    /// Resets, binds `values` and steps to completion: for INSERT, UPDATE and DELETE. Returns the rows changed.
    @discardableResult
    public func run(_ values: [SQLiteValue]) throws -> Int {
        reset()
        defer { reset() }
        try bind(values)
        while try step() {}
        return connection.changes
    }

    /// Resets, binds `values` and calls `body` for each row, with this statement positioned on it.
    public func forEachRow(_ values: [SQLiteValue], _ body: (SQLiteStatement) throws -> Void) throws {
        reset()
        // Resetting afterwards releases the read snapshot the statement would otherwise hold open.
        defer { reset() }
        try bind(values)
        while try step() { try body(self) }
    }

    // MARK: Columns of the current row

    /// Number of columns in a result row.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of column `index` (from 0).
    public func columnName(at index: Int32) -> String {
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }

    /// True when column `index` (from 0) is NULL.
    public func isNull(at index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Column `index` (from 0) as an integer (0 for NULL).
    public func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Column `index` (from 0) as a double (0 for NULL).
    public func double(at index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// Column `index` (from 0) as text; nil for NULL. Ill-formed UTF-8 is repaired as `String(decoding:as:)` does.
    public func string(at index: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        // Short ASCII text (codes, units, lots, dates) skips the UTF-8 validator (GatewayCodes' small strings).
        return String(utf8Bytes: UnsafeBufferPointer(start: text, count: count))
    }

    /// Column `index` (from 0) as bytes; empty for NULL or an empty BLOB.
    public func blob(at index: Int32) -> [UInt8] {
        // The pointer first, then the size: the order SQLite documents for a correct byte count.
        guard let bytes = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    private func check(_ rc: Int32, _ operation: String) throws {
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: connection.lastErrorMessage, operation: operation, sql: sql,
                              path: connection.path)
        }
    }
}
