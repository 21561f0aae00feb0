import GatewayCore

/// Products of a file import go through a staging table and into `product` in key order.
///
/// Why: an export of millions of products is not sorted by key, and inserting it row by row puts every row on a
/// random leaf of a B-tree far bigger than the page cache (two I/Os per row: read the leaf, spill it again).
/// Staged rows are appended (sequential), then merged sorted by key (SQLite's external sort), so the B-tree is
/// written front to back. The last row of a key in the file still wins (ties sorted by arrival).
extension CatalogWriter {
    static let stagedColumns = "key, name, specification, manufacturer, registration, insurance_code, charge_code, "
        + "unit, unit_weight_g, tolerance_g, high_value, recalled, blocked, near_expiry_days, gen"

    /// Creates the staging table (private to this connection) and its statement, outside any transaction: a table
    /// created inside one would vanish with its rollback and leave the statement pointing at nothing.
    func prepareStaging() throws {
        if stageProductStatement == nil {
            try connection.execute("""
                CREATE TEMP TABLE IF NOT EXISTS import_product(
                    key TEXT, name TEXT, specification TEXT, manufacturer TEXT, registration TEXT,
                    insurance_code TEXT, charge_code TEXT, unit TEXT, unit_weight_g REAL, tolerance_g REAL,
                    high_value INTEGER, recalled INTEGER, blocked INTEGER, near_expiry_days INTEGER, gen INTEGER)
                """)
            stageProductStatement = try connection.prepare(
                "INSERT INTO temp.import_product(\(Self.stagedColumns)) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", persistent: true)
        }
    }

    /// Appends a validated product to the staging table (``prepareStaging()`` first).
    func stageProduct(_ record: CatalogRecord, generation: Int64) throws {
        let (_, _, values) = try statements(for: record, generation: generation)
        try stageProductStatement?.run(values)
    }

    /// Moves the staged products into `product` in key order and empties the staging table.
    /// - Returns: distinct keys that were new, and the other staged rows (replacements, repeats in the file).
    func mergeStagedProducts() throws -> (added: Int, updated: Int) {
        guard stageProductStatement != nil else { return (0, 0) }
        let staged = Int(try connection.scalarInt64("SELECT count(*) FROM temp.import_product") ?? 0)
        guard staged > 0 else { return (0, 0) }
        // Distinct keys and how many already exist, with seeks in key order (cheap even for millions).
        let counts = try connection.prepare("""
            SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM product WHERE product.key = d.key)), 0)
            FROM (SELECT DISTINCT key FROM temp.import_product ORDER BY key) AS d
            """)
        var distinct = 0
        var existing = 0
        try counts.forEachRow([]) {
            distinct = Int($0.int64(at: 0))
            existing = Int($0.int64(at: 1))
        }
        let fields = Self.stagedColumns.split(separator: ",").dropFirst().map { $0.filter { $0 != " " } }
        try connection.execute("""
            INSERT INTO product(\(Self.stagedColumns))
            SELECT \(Self.stagedColumns) FROM temp.import_product WHERE true ORDER BY key, rowid
            ON CONFLICT(key) DO UPDATE SET (\(fields.joined(separator: ", ")))
                = (\(fields.map { "excluded." + $0 }.joined(separator: ", ")))
            """)
        try connection.execute("DELETE FROM temp.import_product")
        let added = distinct - existing
        return (added, staged - added)
    }
}
