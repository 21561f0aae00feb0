import Testing
@testable import GatewayStore

@Suite struct SchemaMigratorTests {
    let migrator = SchemaMigrator(database: "test", migrations: [
        SchemaMigration(version: 1, name: "a", sql: "CREATE TABLE a(x)"),
        SchemaMigration(version: 2, name: "b", sql: "CREATE TABLE b(y)"),
    ])

    @Test func migratesAnEmptyFileAndThenDoesNothing() throws {
        let directory = try TemporaryDirectory()
        let db = try SQLiteConnection(path: directory.file("m.sqlite"))
        let result = try migrator.migrate(db)
        #expect(result.from == 0 && result.to == 2)
        #expect(try db.userVersion() == 2)
        #expect(try db.scalarInt64("SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')") == 2)
        let again = try migrator.migrate(db)
        #expect(again.from == 2 && again.to == 2)
    }

    @Test func appliesOnlyTheMissingSteps() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try SchemaMigrator(database: "test", migrations: Array(migrator.migrations.prefix(1))).migrate(db)
        #expect(try db.userVersion() == 1)
        let result = try migrator.migrate(db)
        #expect(result.from == 1 && result.to == 2)
    }

    @Test func refusesAFileFromTheFuture() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("PRAGMA user_version=9")
        let error = try #require(throws: SchemaMigrationError.self) { try migrator.migrate(db) }
        #expect(error.code == .futureVersion)
        #expect(error.message.contains("version 9"))
        #expect(error.message.contains("up to 2"))
        #expect(try db.userVersion() == 9)
    }

    @Test func failedStepRollsBackAndKeepsEarlierSteps() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let broken = SchemaMigrator(database: "test", migrations: [
            SchemaMigration(version: 1, name: "a", sql: "CREATE TABLE a(x)"),
            SchemaMigration(version: 2, name: "broken", sql: "CREATE TABLE c(z); CREATE TABLE a(x)"),
        ])
        let error = try #require(throws: SchemaMigrationError.self) { try broken.migrate(db) }
        #expect(error.code == .migrationFailed)
        #expect(error.message.contains("broken"))
        #expect(error.cause is SQLiteError)
        #expect(try db.userVersion() == 1)
        // The half of step 2 that succeeded was rolled back with it.
        #expect(try db.scalarInt64("SELECT count(*) FROM sqlite_schema WHERE name = 'c'") == 0)
    }
}
