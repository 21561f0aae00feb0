/// The catalogue cache's schema (`<state>/cache.sqlite`). Released migrations are never edited (files in the
/// field have run them); change the schema by appending a migration, and add a fixture of the previous version
/// to the tests.
///
/// Every catalogue table carries `gen`, the snapshot generation that last wrote the row: committing a snapshot
/// deletes the rows an older generation wrote, so a snapshot can arrive in many chunks straight into the live
/// tables while scans keep resolving.
///
/// Version 2 keys `product` by the GTIN as an integer (`CatalogSchema+Version2.swift`).
enum CatalogSchema {
    static let migrator = SchemaMigrator(database: "cache", migrations: [
        SchemaMigration(version: 1, name: "products, hospital codes, cabinet layout, formats, consumption", sql: """
            CREATE TABLE meta(
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID;
            -- Products by UDI-DI / GTIN-14. Flags are 0/1.
            CREATE TABLE product(
                key              TEXT PRIMARY KEY,
                name             TEXT,
                specification    TEXT,
                manufacturer     TEXT,
                registration     TEXT,
                insurance_code   TEXT,
                charge_code      TEXT,
                unit             TEXT,
                unit_weight_g    REAL,
                tolerance_g      REAL,
                high_value       INTEGER NOT NULL DEFAULT 0,
                recalled         INTEGER NOT NULL DEFAULT 0,
                blocked          INTEGER NOT NULL DEFAULT 0,
                near_expiry_days INTEGER,
                gen              INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            -- In-hospital codes: kind package (product, quantity), label (product, lot, serial, expiry),
            -- badge (user, role).
            CREATE TABLE hospital_code(
                code     TEXT PRIMARY KEY,
                kind     TEXT NOT NULL CHECK (kind IN ('package', 'label', 'badge')),
                product  TEXT,
                quantity INTEGER,
                lot      TEXT,
                serial   TEXT,
                expiry   TEXT,
                user     TEXT,
                role     TEXT,
                gen      INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            CREATE TABLE cabinet_slot(
                cabinet TEXT NOT NULL,
                channel INTEGER NOT NULL,
                door    INTEGER,
                shelf   INTEGER,
                product TEXT NOT NULL,
                gen     INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (cabinet, channel)
            ) WITHOUT ROWID;
            -- In-hospital code formats (wristband, surgery id, ...) the backend distributes.
            CREATE TABLE code_format(
                name       TEXT PRIMARY KEY,
                meaning    TEXT NOT NULL,
                prefix     TEXT,
                min_length INTEGER NOT NULL,
                max_length INTEGER NOT NULL,
                charset    TEXT,
                check_algorithm TEXT,
                gen        INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            -- One item, one code: a unique item consumed once. Not part of the catalogue: snapshots keep it.
            CREATE TABLE consumed(
                product     TEXT NOT NULL,
                serial      TEXT NOT NULL,
                event_id    TEXT NOT NULL,
                consumed_ms INTEGER NOT NULL,
                PRIMARY KEY (product, serial)
            ) WITHOUT ROWID;
            INSERT INTO meta(key, value) VALUES ('catalog_version', '0'), ('generation', '0');
            """),
        version2,
    ])

    /// Keys of the `meta` table.
    enum MetaKey {
        static let catalogVersion = "catalog_version"
        /// The generation regular writes stamp on rows.
        static let generation = "generation"
        /// The snapshot being received (id, version, generation), while one is open.
        static let snapshotID = "snapshot_id"
        static let snapshotVersion = "snapshot_version"
        static let snapshotGeneration = "snapshot_generation"
        static let snapshotRows = "snapshot_rows"
    }
}
