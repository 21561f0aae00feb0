import CSQLite
import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// One read connection to the cache with its statements prepared once: the hot path of every scan.
///
/// Not `Sendable` (a connection is used by one thread at a time): ``CatalogCache`` guards it with a lock.
/// Every lookup is one statement in autocommit mode, so it sees what other connections and processes committed
/// before it (WAL: readers never wait for the writer). The catalogue version is taken in the same read snapshot as
/// the row (see ``versionInSnapshot()``), so a resolved item's `catalog_version` always matches its data; no
/// explicit transaction, because BEGIN and COMMIT would cost more than the lookup itself on the scan path.
final class CatalogReader: CatalogLookup {
    let connection: SQLiteConnection
    private let selectProduct: SQLiteStatement
    /// The same by the integer id GTIN-14 keys have (schema version 2): the lookup nearly every scan makes.
    private let selectProductByID: SQLiteStatement
    /// An in-hospital code with its product and ledger entry (see ``hospitalCode(_:)``).
    private let selectCode: SQLiteStatement
    private let selectConsumed: SQLiteStatement
    private let selectMeta: SQLiteStatement
    private let selectDataVersion: SQLiteStatement
    private let selectSlot: SQLiteStatement
    private let selectSlots: SQLiteStatement
    /// The version the last product lookup saw; nil until one ran in the current ``read(_:)``.
    private var seenVersion: Int64?
    /// The catalogue version as last read from `meta`, and the file's data version (`SQLITE_FCNTL_DATA_VERSION`)
    /// it was read at: while the data version stays, no other connection committed, so the version is the same.
    private var knownVersion: (dataVersion: UInt32, catalogVersion: Int64)?
    /// What the code lookup of the current ``read(_:)`` already read about the code's product and the ledger:
    /// resolution asks for them next, and answering from here saves a statement (a read transaction: locks, a
    /// page) per lookup. The product's key (nil: nothing prefetched) and the product (nil: not in the catalogue)
    /// are kept apart, not as an optional tuple: testing and taking the tuple copied the product.
    private var prefetchedKey: String?
    private var prefetchedProduct: CatalogProduct?
    private var prefetchedConsumption: (productID: String, serial: String, consumed: Bool)?

    /// The columns ``CatalogResolution`` uses, after the key the caller already has (not the registration or the
    /// weights: fewer strings to copy out of SQLite and to make in Swift).
    static let resolvedProductColumns = [
        "name", "specification", "manufacturer", "insurance_code", "charge_code", "unit", "high_value", "recalled",
        "blocked", "near_expiry_days",
    ]
    private static let resolvedProductColumnCount = Int32(resolvedProductColumns.count)

    init(connection: SQLiteConnection) throws {
        self.connection = connection
        // No catalogue version column: it is read only when the data changed (see `versionInSnapshot`). A
        // subquery for it in every statement cost about 1,000 instructions a lookup.
        let selectColumns = "SELECT \(Self.resolvedProductColumns.joined(separator: ", ")) "
        selectProduct = try connection.prepare(selectColumns + "FROM product WHERE key = ?", persistent: true)
        selectProductByID = try connection.prepare(selectColumns + "FROM product WHERE id = ?", persistent: true)
        // One statement for the code, its product and, for a code with a serial, the ledger:
        // one read transaction and one step instead of three. The product is joined by its integer id (a GTIN
        // key's value), one probe of the table's B-tree; joining by `key` would go through the key index first.
        // For a key that is not a GTIN-14 the cast finds no product or another one: such a row is not used (see
        // `hospitalCode`). Checking the key's form in SQL instead (GLOB) cost more than the probe.
        // The ledger is asked only for a code with a serial: only such an item can be in it (a unique label, or a
        // serialised high-value one), and a NULL test reads less than `c.kind = 'label' OR p.high_value` did
        // (which also read the kind a second time): 860 instructions less a package, 170 a label.
        let productColumns = Self.resolvedProductColumns.map { "p." + $0 }.joined(separator: ", ")
        selectCode = try connection.prepare("""
            SELECT c.kind, c.product, c.quantity, c.lot, c.serial, c.expiry, c.user, c.role, p.id, \(productColumns),
                CASE WHEN c.serial IS NOT NULL THEN
                    EXISTS (SELECT 1 FROM consumed WHERE product = c.product AND serial = c.serial) END
            FROM hospital_code c
            LEFT JOIN product p ON p.id = CAST(c.product AS INTEGER)
            WHERE c.code = ?
            """, persistent: true)
        selectConsumed = try connection.prepare(
            "SELECT 1 FROM consumed WHERE product = ? AND serial = ?", persistent: true)
        selectMeta = try connection.prepare("SELECT value FROM meta WHERE key = ?", persistent: true)
        selectDataVersion = try connection.prepare("PRAGMA data_version", persistent: true)
        let slotQuery = """
            SELECT s.cabinet, s.channel, s.door, s.shelf, s.product, p.name, p.unit_weight_g, p.tolerance_g
            FROM cabinet_slot s LEFT JOIN product p ON p.key = s.product
            """
        selectSlot = try connection.prepare(slotQuery + " WHERE s.cabinet = ? AND s.channel = ?", persistent: true)
        selectSlots = try connection.prepare(slotQuery + " WHERE s.cabinet = ? ORDER BY s.channel", persistent: true)
    }

    /// Runs the lookups of one resolution.
    func read<T>(_ body: (CatalogReader) throws -> T) throws -> T {
        seenVersion = nil
        defer {
            prefetchedKey = nil
            prefetchedProduct = nil
            prefetchedConsumption = nil
        }
        return try body(self)
    }

    /// The catalogue version: as the last product lookup saw it, or read now.
    var catalogVersion: Int64 {
        if let seenVersion { return seenVersion }
        let version = (try? meta(CatalogSchema.MetaKey.catalogVersion)).flatMap { $0.flatMap { Int64($0) } } ?? 0
        seenVersion = version
        return version
    }

    /// SQLite's data version for this connection (`PRAGMA data_version`): it changes when another connection or
    /// process commits to the file.
    func dataVersion() throws -> Int64 {
        var version: Int64 = 0
        try selectDataVersion.forEachRow([]) { version = $0.int64(at: 0) }
        return version
    }

    func meta(_ key: String) throws -> String? {
        var value: String?
        try selectMeta.forEachRow([.text(key)]) { value = $0.string(at: 0) }
        return value
    }

    // MARK: CatalogLookup (called inside `read`)

    func product(key: String) -> CatalogProduct? {
        // Taken, not copied: resolution asks for the code's product once.
        if prefetchedKey == key, prefetchedKey.take() != nil { return prefetchedProduct.take() }
        // The hot path of every scan: a GTIN by its integer id, other keys bound without a copy; the row is read
        // while the statement sits on it. A failing step on a read (I/O error) resolves as unknown: the scan must
        // still become an event.
        do {
            if let id = CatalogSchema.gtinID(key) {
                let select = selectProductByID
                // Reset after each use (which also ends the read snapshot), so not before: see the binding.
                defer { select.reset() }
                try select.bindResettingIfNeeded(id, at: 1)
                return try select.step() ? row(select, key: key) : nil
            }
            return try selectProduct.withText(key, at: 1) {
                try selectProduct.step() ? row(selectProduct, key: key) : nil
            }
        } catch {
            return nil
        }
    }

    private func row(_ select: SQLiteStatement, key: String) -> CatalogProduct {
        seenVersion = versionInSnapshot()
        return Self.resolvedProduct(key: key, from: select, at: 0)
    }

    /// The catalogue version in the read snapshot of the statement that sits on a row now (its snapshot is open).
    ///
    /// Read from `meta` only when the file changed since the last read: SQLite's data version for the connection
    /// (`SQLITE_FCNTL_DATA_VERSION`, what `PRAGMA data_version` reports) changes whenever another connection or
    /// process commits, and is taken when the snapshot starts. The `meta` read then runs inside the same snapshot
    /// (the other statement keeps it open), so the version always matches the row. This connection never writes.
    private func versionInSnapshot() -> Int64 {
        var dataVersion: UInt32 = 0
        let rc = sqlite3_file_control(
            connection.handle, Self.mainDatabase, SQLITE_FCNTL_DATA_VERSION, &dataVersion)
        if rc == SQLITE_OK, let knownVersion, knownVersion.dataVersion == dataVersion {
            return knownVersion.catalogVersion
        }
        let version = (try? meta(CatalogSchema.MetaKey.catalogVersion)).flatMap { $0.flatMap { Int64($0) } } ?? 0
        knownVersion = rc == SQLITE_OK ? (dataVersion, version) : nil
        return version
    }

    /// The schema name of the main database, as a C string (no conversion per call).
    private static var mainDatabase: UnsafePointer<CChar> {
        let name: StaticString = "main"
        return UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// The code (the whole code as scanned, the table's primary key) with what resolution reads next in the same
    /// statement: its product when the product's key is a GTIN-14, and whether a unique item was consumed.
    func hospitalCode(_ code: String) -> RegisteredCode? {
        let row = selectCode
        do {
            return try row.withText(code, at: 1) { () throws -> RegisteredCode? in
                guard try row.step(), let kind = Self.codeKind(row, at: 0) else { return nil }
                var found = RegisteredCode(kind: kind)
                found.product = row.string(at: 1)
                found.quantity = row.isNull(at: 2) ? nil : Int(row.int64(at: 2))
                found.lot = row.string(at: 3)
                found.serial = row.string(at: 4)
                found.expiry = row.string(at: 5)
                found.user = row.string(at: 6)
                found.role = row.string(at: 7)
                let consumedColumn: Int32 = 9 + Self.resolvedProductColumnCount
                seenVersion = versionInSnapshot()
                // Only a GTIN-14 key's cast is its id; any other key is looked up by `product(key:)` as usual.
                if let productKey = found.product, CatalogSchema.gtinID(productKey) != nil {
                    prefetchedKey = productKey
                    prefetchedProduct =
                        row.isNull(at: 8) ? nil : Self.resolvedProduct(key: productKey, from: row, at: 9)
                    if let serial = found.serial, !row.isNull(at: consumedColumn) {
                        prefetchedConsumption = (productKey, serial, row.int64(at: consumedColumn) != 0)
                    }
                }
                return found
            }
        } catch {
            return nil
        }
    }

    func isConsumed(productID: String, serial: String) -> Bool {
        if let prefetched = prefetchedConsumption, prefetched.productID == productID, prefetched.serial == serial {
            return prefetched.consumed
        }
        var found = false
        try? selectConsumed.forEachRow([.text(productID), .text(serial)]) { _ in found = true }
        return found
    }

    // MARK: Cabinet layout

    func slots(cabinet: String, channel: Int?) throws -> [CabinetSlot] {
        var slots: [CabinetSlot] = []
        let statement = channel == nil ? selectSlots : selectSlot
        var values: [SQLiteValue] = [.text(cabinet)]
        if let channel { values.append(.integer(Int64(channel))) }
        try statement.forEachRow(values) { row in
            slots.append(CabinetSlot(
                cabinet: row.string(at: 0) ?? cabinet, channel: Int(row.int64(at: 1)),
                door: row.isNull(at: 2) ? nil : Int(row.int64(at: 2)),
                shelf: row.isNull(at: 3) ? nil : Int(row.int64(at: 3)), productID: row.string(at: 4) ?? "",
                productName: row.string(at: 5), unitWeightGrams: row.isNull(at: 6) ? nil : row.double(at: 6),
                toleranceGrams: row.isNull(at: 7) ? nil : row.double(at: 7)))
        }
        return slots
    }

    /// A product stored under `key` from ``resolvedProductColumns`` starting at column `first`.
    static func resolvedProduct(key: String, from row: SQLiteStatement, at first: Int32) -> CatalogProduct {
        var product = CatalogProduct(key: key)
        product.name = row.string(at: first)
        product.specification = row.string(at: first + 1)
        product.manufacturer = row.string(at: first + 2)
        product.insuranceCode = row.string(at: first + 3)
        product.chargeCode = row.string(at: first + 4)
        product.unit = row.string(at: first + 5)
        product.highValue = row.int64(at: first + 6) != 0
        product.recalled = row.int64(at: first + 7) != 0
        product.blocked = row.int64(at: first + 8) != 0
        product.nearExpiryDays = row.isNull(at: first + 9) ? nil : Int(row.int64(at: first + 9))
        return product
    }

    /// The `kind` column of `hospital_code`: the kinds the table holds (`package`, `label`, `badge`) compared as
    /// bytes, without making a string; any other text as ``CatalogRecord/Kind`` reads it (nil if none).
    static func codeKind(_ row: SQLiteStatement, at column: Int32) -> CatalogRecord.Kind? {
        guard let text = sqlite3_column_text(row.handle, column) else { return nil }
        let bytes = UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(row.handle, column)))
        // memcmp, not `elementsEqual` over a UTF-8 view (about 200 instructions a comparison).
        func equals(_ name: StaticString) -> Bool {
            bytes.count == name.utf8CodeUnitCount && memcmp(text, name.utf8Start, bytes.count) == 0
        }
        if equals("package") { return .package }
        if equals("label") { return .label }
        if equals("badge") { return .badge }
        return CatalogRecord.Kind(rawValue: String(decoding: bytes, as: UTF8.self))
    }
}
