import GatewayCore

/// The write connection: imports, sync commands and the consumption ledger. One per cache, used by one thread at
/// a time; every operation is a transaction of its own.
final class CatalogWriter {
    let connection: SQLiteConnection
    let insertProduct: SQLiteStatement
    let updateProduct: SQLiteStatement
    /// ``insertProduct`` for ``productInsertBatch`` rows at once (an import's merge).
    let insertProducts: SQLiteStatement
    private let insertCode: SQLiteStatement
    private let updateCode: SQLiteStatement
    private let insertSlot: SQLiteStatement
    private let updateSlot: SQLiteStatement
    private let insertFormat: SQLiteStatement
    private let updateFormat: SQLiteStatement
    private let insertConsumed: SQLiteStatement
    private let upsertMeta: SQLiteStatement
    private let selectMeta: SQLiteStatement
    /// The products of the import in progress (see `CatalogWriter+Staging.swift`).
    var stagedProducts = StagedProducts()

    init(connection: SQLiteConnection) throws {
        self.connection = connection
        // The only CHECK constraint (hospital_code.kind IN ('package', 'label', 'badge'), schema version 1) holds
        // by construction: a kind is bound from `CatalogRecord.Kind` (see `statements(for:generation:)`). Checked,
        // SQLite 3.40 builds a temporary B-tree of the three names for every inserted code, most of the cost of
        // importing one; the pragma takes effect when a statement is prepared, so it comes first.
        try connection.execute("PRAGMA ignore_check_constraints = ON")
        let productFields = "name, specification, manufacturer, registration, insurance_code, charge_code, unit, "
            + "unit_weight_g, tolerance_g, high_value, recalled, blocked, near_expiry_days, gen"
        // ?16 is the id (schema version 2): the GTIN's value, or the next id for other keys.
        insertProduct = try connection.prepare(
            "INSERT INTO product(key, \(productFields), id) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
                + "ON CONFLICT(key) DO NOTHING", persistent: true)
        insertProducts = try connection.prepare(
            "INSERT INTO product(key, \(productFields), id) VALUES "
                + (0..<Self.productInsertBatch).map { row in
                    "(" + (1...16).map { "?\(row * 16 + $0)" }.joined(separator: ", ") + ")"
                }.joined(separator: ", ")
                + " ON CONFLICT(key) DO NOTHING", persistent: true)
        updateProduct = try connection.prepare(
            "UPDATE product SET (\(productFields)) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                + "WHERE key = ?1", persistent: true)
        let codeFields = "kind, product, quantity, lot, serial, expiry, user, role, gen"
        insertCode = try connection.prepare(
            "INSERT INTO hospital_code(code, \(codeFields)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                + "ON CONFLICT(code) DO NOTHING", persistent: true)
        updateCode = try connection.prepare(
            "UPDATE hospital_code SET (\(codeFields)) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) WHERE code = ?1",
            persistent: true)
        insertSlot = try connection.prepare(
            "INSERT INTO cabinet_slot(cabinet, channel, door, shelf, product, gen) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                + "ON CONFLICT(cabinet, channel) DO NOTHING", persistent: true)
        updateSlot = try connection.prepare(
            "UPDATE cabinet_slot SET (door, shelf, product, gen) = (?3, ?4, ?5, ?6) "
                + "WHERE cabinet = ?1 AND channel = ?2",
            persistent: true)
        let formatFields = "meaning, prefix, min_length, max_length, charset, check_algorithm, gen"
        insertFormat = try connection.prepare(
            "INSERT INTO code_format(name, \(formatFields)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                + "ON CONFLICT(name) DO NOTHING", persistent: true)
        updateFormat = try connection.prepare(
            "UPDATE code_format SET (\(formatFields)) = (?2, ?3, ?4, ?5, ?6, ?7, ?8) WHERE name = ?1", persistent: true)
        insertConsumed = try connection.prepare(
            // The same reference again is the same consume committed again: it counts as a first (a change).
            "INSERT INTO consumed(product, serial, event_id, consumed_ms) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT(product, serial) DO UPDATE SET consumed_ms = consumed.consumed_ms "
                + "WHERE consumed.event_id = excluded.event_id", persistent: true)
        upsertMeta = try connection.prepare(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            persistent: true)
        selectMeta = try connection.prepare("SELECT value FROM meta WHERE key = ?", persistent: true)
    }

    /// Rows per multi-row INSERT when an import's products are merged (`CatalogWriter+Staging.swift`).
    static let productInsertBatch = 32

    // MARK: Rows

    /// Stores a validated record stamped with `generation`; true when it was new, false when it replaced a row.
    func upsert(_ record: CatalogRecord, generation: Int64) throws -> Bool {
        let (insert, update, values) = try statements(for: record, generation: generation)
        // A product's insert also binds its id (?16).
        let insertValues = record.kind == .product
            ? values + [.integer(try productID(forKey: record.key ?? ""))] : values
        if try insert.run(insertValues) == 1 { return true }
        guard try update.run(values) == 1 else {
            throw CatalogCacheError(code: .storage, message: "row \(record.key ?? "?") neither inserted nor updated")
        }
        return false
    }

    func statements(for record: CatalogRecord, generation: Int64) throws
        -> (SQLiteStatement, SQLiteStatement, [SQLiteValue])
    {
        func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
        func integer(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }
        func real(_ value: Double?) -> SQLiteValue { value.map { .real($0) } ?? .null }
        func flag(_ value: Bool?) -> SQLiteValue { .integer(value == true ? 1 : 0) }
        switch record.kind {
        case .product:
            return (insertProduct, updateProduct, [
                text(record.key), text(record.name), text(record.specification), text(record.manufacturer),
                text(record.registration), text(record.insuranceCode), text(record.chargeCode), text(record.unit),
                real(record.unitWeightGrams), real(record.toleranceGrams), flag(record.highValue),
                flag(record.recalled), flag(record.blocked), integer(record.nearExpiryDays), .integer(generation),
            ])
        case .package, .label, .badge:
            return (insertCode, updateCode, [
                text(record.key), .text(record.kind.rawValue), text(record.product), integer(record.quantity),
                text(record.lot), text(record.serial), text(record.expiry), text(record.user), text(record.role),
                .integer(generation),
            ])
        case .slot:
            return (insertSlot, updateSlot, [
                text(record.cabinet), integer(record.channel), integer(record.door), integer(record.shelf),
                text(record.product), .integer(generation),
            ])
        case .format:
            return (insertFormat, updateFormat, [
                text(record.key), text(record.meaning), text(record.prefix), integer(record.minLength),
                integer(record.maxLength), text(record.charset), text(record.check), .integer(generation),
            ])
        }
    }

    /// Deletes the row a record names; true when there was one.
    func delete(_ record: CatalogRecord) throws -> Bool {
        let changed: Int
        switch record.kind {
        case .product:
            changed = try connection.prepare("DELETE FROM product WHERE key = ?").run(.text(record.key ?? ""))
        case .package, .label, .badge:
            changed = try connection.prepare("DELETE FROM hospital_code WHERE code = ? AND kind = ?")
                .run(.text(record.key ?? ""), .text(record.kind.rawValue))
        case .slot:
            changed = try connection.prepare("DELETE FROM cabinet_slot WHERE cabinet = ? AND channel = ?")
                .run(.text(record.cabinet ?? ""), .integer(Int64(record.channel ?? -1)))
        case .format:
            changed = try connection.prepare("DELETE FROM code_format WHERE name = ?").run(.text(record.key ?? ""))
        }
        return changed > 0
    }

    /// Records a consume of a unique item; false when it had been consumed before.
    func markConsumed(productID: String, serial: String, eventID: String, atMilliseconds time: Int64) throws -> Bool {
        try insertConsumed.run(.text(productID), .text(serial), .text(eventID), .integer(time)) == 1
    }

    /// The id a product stored under `key` gets: the GTIN's value, or the next id above every other key's.
    func productID(forKey key: String) throws -> Int64 {
        if let id = CatalogSchema.gtinID(key) { return id }
        return try otherProductIDBase() + 1
    }

    /// The highest id a product whose key is not a GTIN has (or the start of their range): new ones go above.
    func otherProductIDBase() throws -> Int64 {
        try connection.scalarInt64(
            "SELECT max(\(CatalogSchema.firstOtherProductID), (SELECT coalesce(max(id), 0) FROM product))")
            ?? CatalogSchema.firstOtherProductID
    }

    // MARK: Meta

    func meta(_ key: String) throws -> String? {
        var value: String?
        try selectMeta.forEachRow([.text(key)]) { value = $0.string(at: 0) }
        return value
    }

    func metaInteger(_ key: String) throws -> Int64? { try meta(key).flatMap { Int64($0) } }

    func setMeta(_ key: String, _ value: String) throws {
        try upsertMeta.run(.text(key), .text(value))
    }

    func removeMeta(_ key: String) throws {
        try connection.prepare("DELETE FROM meta WHERE key = ?").run(.text(key))
    }

    /// The generation regular writes stamp: the open snapshot's, so that what they write survives its commit.
    func writeGeneration() throws -> Int64 {
        if let open = try metaInteger(CatalogSchema.MetaKey.snapshotGeneration) { return open }
        return try metaInteger(CatalogSchema.MetaKey.generation) ?? 0
    }
}
