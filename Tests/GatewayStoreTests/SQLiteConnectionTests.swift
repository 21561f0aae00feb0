import Testing
@testable import GatewayStore

@Suite struct SQLiteConnectionTests {
    @Test func transactionCommitsOrRollsBack() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER)")
        try db.transaction { try db.execute("INSERT INTO t VALUES (1)") }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(db.isAutocommit)
        #expect(try db.scalarInt64("SELECT count(*) FROM t") == 1)
    }

    @Test func walAndSynchronousAreSetAndVerified() throws {
        let directory = try TemporaryDirectory()
        let db = try SQLiteConnection(path: directory.file("a.sqlite"))
        try db.setJournalMode(.wal)
        try db.setSynchronous(.full)
        #expect(try db.integerPragma("synchronous") == 2)
        // An in-memory database cannot be WAL: the refusal is reported, not ignored.
        let memory = try SQLiteConnection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try memory.setJournalMode(.wal) }
    }

    @Test func pageLimitReportsDiskFull() throws {
        let directory = try TemporaryDirectory()
        let db = try SQLiteConnection(path: directory.file("full.sqlite"))
        try db.execute("CREATE TABLE t(b BLOB)")
        let pages = try db.integerPragma("page_count")
        try db.execute("PRAGMA max_page_count=\(pages + 2)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        let error = try #require(throws: SQLiteError.self) {
            for _ in 0..<100 { try insert.run(.blob([UInt8](repeating: 7, count: 4096))) }
        }
        #expect(error.isDiskFull)
        #expect(error.hint?.contains("disk space") == true)
    }

    @Test func lockHeldElsewhereReportsBusy() throws {
        let directory = try TemporaryDirectory()
        let holder = try SQLiteConnection(path: directory.file("busy.sqlite"))
        try holder.setJournalMode(.wal)
        try holder.execute("CREATE TABLE t(x)")
        try holder.execute("BEGIN IMMEDIATE")
        let waiter = try SQLiteConnection(path: directory.file("busy.sqlite"), busyTimeout: .milliseconds(20))
        let error = try #require(throws: SQLiteError.self) { try waiter.execute("BEGIN IMMEDIATE") }
        #expect(error.isBusy)
        try holder.execute("COMMIT")
    }
}
