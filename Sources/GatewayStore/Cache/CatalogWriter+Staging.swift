import CSQLite
import GatewayCore

/// Products of a file import are collected (``StagedProducts``) and reach `product` sorted by id.
///
/// Why: an export of millions of products is not sorted by key, and inserting it row by row puts every row on a
/// random leaf of a B-tree far bigger than the page cache (two I/Os per row: read the leaf, spill it again).
/// Sorted by id (a GTIN's id orders as its key; other keys come last), the table and its key index are written
/// front to back. Rows of a key repeated in the file are applied in file order, so the last one wins.
extension CatalogWriter {
    static let stagedColumns = "key, name, specification, manufacturer, registration, insurance_code, charge_code, "
        + "unit, unit_weight_g, tolerance_g, high_value, recalled, blocked, near_expiry_days, gen"

    /// Starts collecting the products of an import.
    func prepareStaging() throws {
        stagedProducts.removeAll()
    }

    /// Collects a validated product (the general path).
    func stageProduct(_ record: CatalogRecord, generation: Int64) throws {
        let sequence = Int64(stagedProducts.count + 1)
        try stagedProducts.append(
            record, id: CatalogSchema.gtinID(record.key ?? ""), sequence: sequence, generation: generation)
    }

    /// Collects a product read straight from a file line (see ``PlainProductLine``); its bytes are copied.
    func stagePlainProduct(_ row: PlainProductLine, in line: UnsafeBufferPointer<UInt8>, generation: Int64) throws {
        let bytes = UnsafeRawBufferPointer(line)
        func text(_ range: Range<Int>?) -> UnsafeRawBufferPointer? {
            range.map { UnsafeRawBufferPointer(rebasing: bytes[$0]) }
        }
        // The key is 14 ASCII digits (PlainProductLine): its value is the id.
        let id = line[row.key].reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
        try stagedProducts.append(StagedProducts.Row(
            id: id, sequence: Int64(stagedProducts.count + 1),
            texts: [
                text(row.key), text(row.name), text(row.specification), text(row.manufacturer), text(row.registration),
                text(row.insuranceCode), text(row.chargeCode), text(row.unit),
            ],
            unitWeightGrams: row.unitWeightGrams, toleranceGrams: row.toleranceGrams, highValue: row.highValue,
            recalled: row.recalled, blocked: row.blocked, nearExpiryDays: row.nearExpiryDays.map(Int64.init),
            generation: generation))
    }

    /// Inserts the collected products in id order, each new key once and every other row as an update, and
    /// forgets them.
    /// - Returns: distinct keys that were new, and the other staged rows (replacements, repeats in the file).
    func mergeStagedProducts() throws -> (added: Int, updated: Int) {
        let staged = stagedProducts.count
        guard staged > 0 else { return (0, 0) }
        defer { stagedProducts.removeAll() }
        // Keys that are not GTINs get ids above every id given so far (the arrival number keeps them apart).
        let otherBase = try otherProductIDBase()
        var added = 0
        try stagedProducts.forEachSorted { row in
            try bind(row, to: insertProduct)
            try insertProduct.bind(row.id ?? otherBase + row.sequence, at: 16)
            while try insertProduct.step() {}
            insertProduct.reset()
            if connection.changes == 1 {
                added += 1
                return
            }
            // The key exists (from before, or an earlier row of this file): this row replaces it.
            try bind(row, to: updateProduct)
            while try updateProduct.step() {}
            updateProduct.reset()
        }
        // The rows' bytes go away with them: let no statement keep pointers to them.
        insertProduct.clearBindings()
        updateProduct.clearBindings()
        return (added, staged - added)
    }

    /// Binds a staged row to parameters 1...15 (``stagedColumns`` order), text without a copy.
    private func bind(_ row: StagedProducts.Row, to statement: SQLiteStatement) throws {
        statement.reset()
        for (offset, text) in row.texts.enumerated() {
            let index = Int32(offset + 1)
            if let text { try statement.bindStatic(text: text, at: index) } else { try statement.bindNull(at: index) }
        }
        func real(_ value: Double?, _ index: Int32) throws {
            if let value { try statement.bind(value, at: index) } else { try statement.bindNull(at: index) }
        }
        try real(row.unitWeightGrams, 9)
        try real(row.toleranceGrams, 10)
        try statement.bind(Int64(row.highValue ? 1 : 0), at: 11)
        try statement.bind(Int64(row.recalled ? 1 : 0), at: 12)
        try statement.bind(Int64(row.blocked ? 1 : 0), at: 13)
        if let days = row.nearExpiryDays { try statement.bind(days, at: 14) } else { try statement.bindNull(at: 14) }
        try statement.bind(row.generation, at: 15)
    }
}
