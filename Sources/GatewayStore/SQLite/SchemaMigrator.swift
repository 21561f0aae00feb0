/// One numbered step of a database schema.
///
/// A migration that has been released is never edited: databases in the field already ran it and recorded
/// its number. Fix a mistake with a new migration.
public struct SchemaMigration: Sendable {
    /// 1, 2, 3, ...: the `PRAGMA user_version` the database has after this step.
    public var version: Int
    /// A short name for messages, e.g. `create outbox`.
    public var name: String
    /// The work, inside the migration's transaction. Must not BEGIN or COMMIT itself.
    public var apply: @Sendable (SQLiteConnection) throws -> Void

    /// A migration written as SQL statements.
    public init(version: Int, name: String, sql: String) {
        self.init(version: version, name: name) { try $0.execute(sql) }
    }

    /// A migration written as code, for data changes SQL cannot express.
    public init(version: Int, name: String, apply: @escaping @Sendable (SQLiteConnection) throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }
}

/// Why a schema could not be brought up to date.
public struct SchemaMigrationError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The file was written by a newer program: its schema version is higher than any this code knows.
        case futureVersion = "future_version"
        /// A migration failed; it was rolled back and the file keeps the previous version.
        case migrationFailed = "migration_failed"
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    public init(code: Code, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        cause.map { "\(message): \($0)" } ?? message
    }
}

/// Applies ordered, numbered migrations, each in its own `BEGIN IMMEDIATE` transaction, recording progress in
/// `PRAGMA user_version`.
///
/// ```swift
/// let migrator = SchemaMigrator(database: "cache", migrations: [
///     SchemaMigration(version: 1, name: "products", sql: "CREATE TABLE product(...)"),
/// ])
/// try migrator.migrate(connection)
/// ```
public struct SchemaMigrator: Sendable {
    /// What the database is, for messages (`outbox`, `cache`).
    public let database: String
    public let migrations: [SchemaMigration]

    /// - Precondition: `migrations` are numbered 1, 2, 3, ... in order (a programming error otherwise).
    public init(database: String, migrations: [SchemaMigration]) {
        for (offset, migration) in migrations.enumerated() {
            precondition(
                migration.version == offset + 1,
                "\(database) migrations must be numbered 1, 2, 3, ...; found \(migration.version) at \(offset)")
        }
        self.database = database
        self.migrations = migrations
    }

    /// The version a fully migrated database has.
    public var latestVersion: Int { migrations.count }

    /// Brings the database up to ``latestVersion``.
    ///
    /// - Returns: the versions before and after.
    /// - Throws: ``SchemaMigrationError`` with `.futureVersion` if the file is newer than this code (nothing is
    ///   changed), `.migrationFailed` if a step failed (earlier steps stay applied).
    @discardableResult
    public func migrate(_ connection: SQLiteConnection) throws -> (from: Int, to: Int) {
        let initial = try connection.userVersion()
        try refuseFuture(initial, connection)
        for migration in migrations where migration.version > initial {
            do {
                try connection.transaction(.immediate) {
                    // Another process may have migrated while this one waited for the write lock.
                    let current = try connection.userVersion()
                    try refuseFuture(current, connection)
                    guard current < migration.version else { return }
                    try migration.apply(connection)
                    try connection.execute("PRAGMA user_version=\(migration.version)")
                }
            } catch let error as SchemaMigrationError {
                throw error
            } catch {
                throw SchemaMigrationError(
                    code: .migrationFailed,
                    message: "\(database) migration \(migration.version) (\(migration.name)) failed on "
                        + "\(connection.path); rolled back, the file stays at version \(migration.version - 1)",
                    cause: error)
            }
        }
        return (initial, latestVersion)
    }

    private func refuseFuture(_ version: Int, _ connection: SQLiteConnection) throws {
        guard version > latestVersion else { return }
        throw SchemaMigrationError(
            code: .futureVersion,
            message: "\(connection.path) has \(database) schema version \(version), but this program knows only up "
                + "to \(latestVersion); it was written by a newer spd-gateway. Install that version again "
                + "(downgrading the file is not supported)")
    }
}
