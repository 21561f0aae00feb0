/// The outbox file's schema. Released migrations are never edited (files in the field have run them); change the
/// schema by appending a migration.
enum OutboxSchema {
    static let migrator = SchemaMigrator(database: "outbox", migrations: [
        SchemaMigration(version: 1, name: "meta, events, rejected", sql: """
            CREATE TABLE meta(
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            -- AUTOINCREMENT: sqlite_sequence remembers the highest seq ever used, so sequences never repeat even
            -- after every row has been acknowledged and deleted.
            CREATE TABLE events(
                seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                id         TEXT NOT NULL UNIQUE,
                type       TEXT NOT NULL,
                station    TEXT,
                created_ms INTEGER NOT NULL,
                line       BLOB NOT NULL
            );
            -- Events the backend refused permanently (nack): parked for a person, never dropped.
            CREATE TABLE rejected(
                seq         INTEGER PRIMARY KEY,
                id          TEXT NOT NULL,
                reason      TEXT NOT NULL,
                rejected_ms INTEGER NOT NULL,
                line        BLOB NOT NULL
            );
            """),
        SchemaMigration(version: 2, name: "producer checkpoints", sql: """
            -- A producer's state (a cabinet session), written in the same transaction as the events it produced,
            -- so after a power loss the state and the events agree: none lost, none produced twice.
            CREATE TABLE checkpoints(
                key        TEXT PRIMARY KEY,
                value      BLOB NOT NULL,
                updated_ms INTEGER NOT NULL
            );
            """),
    ])

    /// Keys of the `meta` table.
    enum MetaKey {
        static let gatewayID = "gateway_id"
        static let epoch = "epoch"
        static let lastAckedSequence = "last_acked_seq"
    }
}
