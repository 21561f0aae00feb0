import CSQLite
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
                    high_value INTEGER, recalled INTEGER, blocked INTEGER, near_expiry_days INTEGER, gen INTEGER,
                    id INTEGER)
                """)
            // ?16 is the product's id when the key is a GTIN (other keys get theirs just before the merge).
            stageProductStatement = try connection.prepare(
                "INSERT INTO temp.import_product(\(Self.stagedColumns), id) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", persistent: true)
        }
        stagedRows = 0
        stagedOtherKeys = false
    }

    /// Appends a validated product to the staging table (``prepareStaging()`` first).
    func stageProduct(_ record: CatalogRecord, generation: Int64) throws {
        guard let statement = stageProductStatement else { return }
        let (_, _, values) = try statements(for: record, generation: generation)
        let id = CatalogSchema.gtinID(record.key ?? "")
        try statement.run(values + [id.map { .integer($0) } ?? .null])
        stagedRows += 1
        if id == nil { stagedOtherKeys = true }
    }

    /// Appends a product read straight from a file line (see ``PlainProductLine``): its text is bound from the
    /// line's bytes without a copy, which is why the statement runs before this returns.
    func stagePlainProduct(_ row: PlainProductLine, in line: UnsafeBufferPointer<UInt8>, generation: Int64) throws {
        guard let statement = stageProductStatement, let base = line.baseAddress else { return }
        statement.reset()
        func text(_ range: Range<Int>?, _ index: Int32) throws {
            guard let range else { return try statement.bindNull(at: index) }
            try statement.bindStatic(text: UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count),
                                     at: index)
        }
        func real(_ value: Double?, _ index: Int32) throws {
            if let value { try statement.bind(value, at: index) } else { try statement.bindNull(at: index) }
        }
        try text(row.key, 1)
        try text(row.name, 2)
        try text(row.specification, 3)
        try text(row.manufacturer, 4)
        try text(row.registration, 5)
        try text(row.insuranceCode, 6)
        try text(row.chargeCode, 7)
        try text(row.unit, 8)
        try real(row.unitWeightGrams, 9)
        try real(row.toleranceGrams, 10)
        try statement.bind(Int64(row.highValue ? 1 : 0), at: 11)
        try statement.bind(Int64(row.recalled ? 1 : 0), at: 12)
        try statement.bind(Int64(row.blocked ? 1 : 0), at: 13)
        if let days = row.nearExpiryDays { try statement.bind(Int64(days), at: 14) } else { try statement.bindNull(at: 14) }
        try statement.bind(generation, at: 15)
        // The key is 14 ASCII digits (PlainProductLine): its value is the id.
        try statement.bind(line[row.key].reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }, at: 16)
        while try statement.step() {}
        // The bound pointers go stale with the next line: let nothing keep them.
        statement.reset()
        statement.clearBindings()
        stagedRows += 1
    }

    /// Moves the staged products into `product` in key order and empties the staging table.
    /// - Returns: distinct keys that were new, and the other staged rows (replacements, repeats in the file).
    func mergeStagedProducts() throws -> (added: Int, updated: Int) {
        guard stageProductStatement != nil, stagedRows > 0 else { return (0, 0) }
        let staged = stagedRows
        if stagedOtherKeys {
            // Keys that are not GTINs (few) get ids above every id given so far; the staged rowid keeps them apart.
            // A key that exists keeps its row and id: the conflict on the key below finds it.
            try connection.prepare("UPDATE temp.import_product SET id = ?1 + rowid WHERE id IS NULL")
                .run(.integer(otherProductIDBase()))
        }
        // In id order (a GTIN's id orders as its key; other keys come after): appended to the table and its key
        // index alike. Ties (a key repeated in the file) stay in arrival order.
        let sorted = "INSERT INTO product(id, \(Self.stagedColumns)) "
            + "SELECT id, \(Self.stagedColumns) FROM temp.import_product WHERE true ORDER BY id, rowid "
        // First every key that is new, at its first row: the count of new keys comes with it (SQLite counts only
        // rows inserted), and when every staged row was new (a first import, or only new products) that is all.
        try connection.execute(sorted + "ON CONFLICT(key) DO NOTHING")
        let added = connection.changes
        if added < staged {
            // Rows of keys that existed, or repeats in the file: apply them all in order, so the last row wins.
            let fields = Self.stagedColumns.split(separator: ",").dropFirst().map { $0.filter { $0 != " " } }
            try connection.execute(sorted + """
                ON CONFLICT(key) DO UPDATE SET (\(fields.joined(separator: ", ")))
                    = (\(fields.map { "excluded." + $0 }.joined(separator: ", ")))
                """)
        }
        try connection.execute("DELETE FROM temp.import_product")
        stagedRows = 0
        return (added, staged - added)
    }
}
