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
        // Read and merged on a second thread while this one inserts (see ProductBatchFeed).
        let feed = try ProductBatchFeed(staged: stagedProducts, batchSize: Self.productHandoffBatch)
        defer { feed.close() }
        var added = 0
        while let batch = try feed.next() { added += try insert(batch, otherBase: otherBase) }
        // The rows' bytes go away with them: let no statement keep pointers to them.
        insertProduct.clearBindings()
        insertProducts.clearBindings()
        updateProduct.clearBindings()
        return (added, staged - added)
    }

    /// Inserts a batch of staged rows, ``productInsertBatch`` rows per statement and the rest row by row; rows whose
    /// key exists are then applied as updates, in order. Returns how many rows were new.
    ///
    /// Why several rows per statement: a statement's run has a fixed cost (its read and write cursors opened and
    /// closed, its registers freed) about as big as inserting a row; 32 rows share it.
    private func insert(_ batch: ProductBatch, otherBase: Int64) throws -> Int {
        try batch.withRows { rows in
            var added = 0
            var start = rows.startIndex
            while rows.endIndex - start >= Self.productInsertBatch {
                added += try insert(rows[start..<start + Self.productInsertBatch], otherBase: otherBase)
                start += Self.productInsertBatch
            }
            for index in start..<rows.endIndex { added += try insert(rows[index...index], otherBase: otherBase) }
            return added
        }
    }

    /// Rows per batch handed from the feed's thread to the inserting one: big enough that the two threads seldom
    /// wait for each other (each handing over wakes the other thread).
    static let productHandoffBatch = 1024

    /// Inserts one row, or ``productInsertBatch`` rows with one statement (see `insert(_:otherBase:)`).
    private func insert(_ rows: ArraySlice<StagedProducts.Row>, otherBase: Int64) throws -> Int {
        let insert = rows.count == 1 ? insertProduct : insertProducts
        insert.reset()
        for (index, row) in rows.enumerated() {
            let first = Int32(index * 16)
            try bind(row, to: insert, from: first)
            try insert.bind(row.id ?? otherBase + row.sequence, at: first + 16)
        }
        while try insert.step() {}
        insert.reset()
        let inserted = connection.changes
        guard inserted < rows.count else { return inserted }
        // Some keys existed (from before, or an earlier row of this batch: ids are sorted, so repeats are
        // neighbours). Every row of the batch is applied again as an update, in file order, so the last row of a
        // key wins; for a row just inserted that writes the same values again.
        for row in rows {
            updateProduct.reset()
            try bind(row, to: updateProduct, from: 0)
            while try updateProduct.step() {}
            updateProduct.reset()
        }
        return inserted
    }

    /// Binds a staged row to parameters `first + 1` ... `first + 15` (``stagedColumns`` order), text without a
    /// copy.
    private func bind(_ row: StagedProducts.Row, to statement: SQLiteStatement, from first: Int32) throws {
        for (offset, text) in row.texts.enumerated() {
            let index = first + Int32(offset + 1)
            if let text { try statement.bindStatic(text: text, at: index) } else { try statement.bindNull(at: index) }
        }
        func real(_ value: Double?, _ index: Int32) throws {
            if let value { try statement.bind(value, at: index) } else { try statement.bindNull(at: index) }
        }
        try real(row.unitWeightGrams, first + 9)
        try real(row.toleranceGrams, first + 10)
        try statement.bind(Int64(row.highValue ? 1 : 0), at: first + 11)
        try statement.bind(Int64(row.recalled ? 1 : 0), at: first + 12)
        try statement.bind(Int64(row.blocked ? 1 : 0), at: first + 13)
        if let days = row.nearExpiryDays {
            try statement.bind(days, at: first + 14)
        } else {
            try statement.bindNull(at: first + 14)
        }
        try statement.bind(row.generation, at: first + 15)
    }
}

/// Staged records copied out of the sorted stream (whose buffer the next record overwrites), so that a batch of
/// them can be bound without copies and inserted by one statement. Filled and sealed by one thread, then handed
/// to another whole (``ProductBatchFeed``) and only read there.
final class ProductBatch: @unchecked Sendable {
    // @unchecked Sendable: mutated only before `seal()`, by the thread that fills it; read-only afterwards.
    private let arena: ByteArena
    private var offsets: [Int] = []
    /// The rows, their text pointing into `arena` (set by `seal()`; the arena never changes afterwards).
    private var rows: [StagedProducts.Row] = []

    init(capacity: Int) {
        offsets.reserveCapacity(capacity)
        arena = ByteArena(capacity: capacity * 256)
    }

    var count: Int { offsets.count }

    func append(_ record: UnsafeRawBufferPointer) {
        offsets.append(arena.append(byteCount: record.count) { $0.write(record) })
    }

    /// Decodes the rows; no more appends after this.
    func seal() {
        let bytes = arena.bytes
        rows = offsets.map { StagedProducts.row(at: $0, in: bytes) }
    }

    /// Calls `body` with the rows (see `seal()`); their text is valid only during the call.
    func withRows<Result>(_ body: ([StagedProducts.Row]) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(rows) }
    }
}
