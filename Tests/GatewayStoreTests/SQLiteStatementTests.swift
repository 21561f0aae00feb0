import CSQLite
import Testing
@testable import GatewayStore

@Suite struct SQLiteStatementTests {
    @Test func bindsAndReadsEveryType() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        try insert.run(.integer(Int64.min), .real(2.5), .text("温度 ✓"), .blob([0, 1, 255]), .null)
        try insert.run(.integer(7), .real(0), .text(""), .blob([]), .text("x"))

        let select = try db.prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid")
        #expect(try select.step())
        #expect(select.int64(at: 0) == Int64.min)
        #expect(select.double(at: 1) == 2.5)
        #expect(select.string(at: 2) == "温度 ✓")
        #expect(select.blob(at: 3) == [0, 1, 255])
        #expect(select.isNull(at: 4))
        #expect(select.string(at: 4) == nil)
        #expect(try select.step())
        #expect(select.string(at: 2) == "")
        #expect(select.blob(at: 3) == [])
        // An empty array is stored as an empty BLOB, not NULL.
        #expect(!select.isNull(at: 3))
        #expect(try !select.step())
        #expect(select.columnCount == 5)
        #expect(select.columnName(at: 3) == "b")
    }

    @Test func resetAllowsReuse() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let select = try db.prepare("SELECT ? + 1")
        for value in [Int64(1), 41] {
            select.reset()
            try select.bind(value, at: 1)
            #expect(try select.step())
            #expect(select.int64(at: 0) == value + 1)
        }
    }

    /// Text columns are made into Strings as `String(decoding:as:)` makes them: short ASCII through the small-string
    /// path, longer or non-ASCII text validated, and ill-formed UTF-8 (SQLite stores whatever bytes it is given)
    /// repaired the same way.
    @Test func readsTextOfEveryLengthAsStringDecodingDoes() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE t(s TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (CAST(? AS TEXT))")
        var stored: [[UInt8]] = (0...40).map { length in (0..<length).map { UInt8(0x21 + ($0 * 7) % 94) } }
        stored += [Array("批号 LOT-7".utf8), Array("é".utf8), [0x41, 0xFF, 0x42], [0xC3]]
        stored.append(Array("0123456789ABCD\u{7F}".utf8))
        for bytes in stored { try insert.run(.blob(bytes)) }
        let select = try db.prepare("SELECT s FROM t ORDER BY rowid")
        for bytes in stored {
            #expect(try select.step())
            #expect(select.string(at: 0) == String(decoding: bytes, as: UTF8.self), "\(bytes)")
        }
    }

    /// `withText` resets only a statement that needs it: one left on a row, or run to its end, and not reset.
    @Test func withTextBindsAStatementThatWasNotReset() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let select = try db.prepare("SELECT ?1 UNION ALL SELECT 'second'")
        #expect(try select.withText("a", at: 1) { try select.step() ? select.string(at: 0) : nil } == "a")
        try select.bind("left on a row", at: 1)
        #expect(try select.step())
        #expect(try select.withText("b", at: 1) { try select.step() ? select.string(at: 0) : nil } == "b")
        select.reset()
        while try select.step() {}
        #expect(try select.withText("c", at: 1) { try select.step() ? select.string(at: 0) : nil } == "c")
        #expect(try select.withText("", at: 1) { try select.step() ? select.string(at: 0) : nil } == "")

        let byID = try db.prepare("SELECT ?1 * 2")
        try byID.bindResettingIfNeeded(4, at: 1)
        #expect(try byID.step() && byID.int64(at: 0) == 8)
        try byID.bindResettingIfNeeded(5, at: 1)
        #expect(try byID.step() && byID.int64(at: 0) == 10)
    }

    @Test func badSQLNamesTheSQL() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try db.prepare("SELEC 1") }
        #expect(error.sql == "SELEC 1")
        #expect(error.primaryCode == SQLITE_ERROR)
        #expect(error.operation == "sqlite3_prepare_v3")
        #expect(error.message.contains("syntax error"))
        #expect(error.description.contains("SELEC 1"))
        #expect(error.description.contains(":memory:"))
    }

    @Test func executeErrorNamesTheSQL() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try db.execute("DROP TABLE missing") }
        #expect(error.sql == "DROP TABLE missing")
        #expect(error.message.contains("no such table"))
    }

    @Test func constraintViolationCarriesTheExtendedCode() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE t(id TEXT UNIQUE)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        try insert.run("a")
        let error = try #require(throws: SQLiteError.self) { try insert.run("a") }
        // SQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT | (8 << 8); Swift cannot import the composed macro.
        #expect(error.code == SQLITE_CONSTRAINT | (8 << 8))
        #expect(error.primaryCode == SQLITE_CONSTRAINT)
        #expect(error.operation == "sqlite3_step")
        #expect(!error.isDiskFull && !error.isBusy)
    }

    @Test func refusesASecondStatementInPrepare() throws {
        let db = try SQLiteConnection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try db.prepare("SELECT 1; SELECT 2") }
        _ = try db.prepare("SELECT 1;  ")
    }

    @Test func wrongNumberOfBindingsIsAnError() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let select = try db.prepare("SELECT ?, ?")
        let error = try #require(throws: SQLiteError.self) { try select.bind([.integer(1)]) }
        #expect(error.code == SQLITE_RANGE)
    }

    @Test func openInMissingDirectoryExplainsWhat() throws {
        let error = try #require(throws: SQLiteError.self) {
            try SQLiteConnection(path: "/nonexistent-dir-for-test/db.sqlite")
        }
        #expect(error.primaryCode == SQLITE_CANTOPEN)
        #expect(error.description.contains("/nonexistent-dir-for-test/db.sqlite"))
        #expect(error.hint != nil)
    }
}
