import GatewayCore

/// One read connection to the cache with its statements prepared once: the hot path of every scan.
///
/// Not `Sendable` (a connection is used by one thread at a time): ``CatalogCache`` guards it with a lock.
/// Every lookup is one statement in autocommit mode, so it sees what other connections and processes committed
/// before it (WAL: readers never wait for the writer). The product lookup reads the catalogue version in the same
/// statement, so a resolved item's `catalog_version` always matches its data; no explicit transaction, because
/// BEGIN and COMMIT would cost more than the lookup itself on the scan path.
final class CatalogReader: CatalogLookup {
    let connection: SQLiteConnection
    private let selectProduct: SQLiteStatement
    /// The same by the integer id GTIN-14 keys have (schema version 2): the lookup nearly every scan makes.
    private let selectProductByID: SQLiteStatement
    private let selectCode: SQLiteStatement
    private let selectConsumed: SQLiteStatement
    private let selectMeta: SQLiteStatement
    private let selectSlot: SQLiteStatement
    private let selectSlots: SQLiteStatement
    /// The version the last product lookup saw; nil until one ran in the current ``read(_:)``.
    private var seenVersion: Int64?

    static let productColumns = """
        key, name, specification, manufacturer, registration, insurance_code, charge_code, unit, unit_weight_g,
        tolerance_g, high_value, recalled, blocked, near_expiry_days
        """

    init(connection: SQLiteConnection) throws {
        self.connection = connection
        // The version as a constant subquery: evaluated once per run, in the same snapshot as the product.
        let selectColumns = "SELECT \(Self.productColumns), (SELECT value FROM meta WHERE key = 'catalog_version') "
        selectProduct = try connection.prepare(selectColumns + "FROM product WHERE key = ?", persistent: true)
        selectProductByID = try connection.prepare(selectColumns + "FROM product WHERE id = ?", persistent: true)
        selectCode = try connection.prepare(
            "SELECT kind, product, quantity, lot, serial, expiry, user, role FROM hospital_code WHERE code = ?",
            persistent: true)
        selectConsumed = try connection.prepare(
            "SELECT 1 FROM consumed WHERE product = ? AND serial = ?", persistent: true)
        selectMeta = try connection.prepare("SELECT value FROM meta WHERE key = ?", persistent: true)
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
        return try body(self)
    }

    /// The catalogue version: as the last product lookup saw it, or read now.
    var catalogVersion: Int64 {
        if let seenVersion { return seenVersion }
        let version = (try? meta(CatalogSchema.MetaKey.catalogVersion)).flatMap { $0.flatMap { Int64($0) } } ?? 0
        seenVersion = version
        return version
    }

    func meta(_ key: String) throws -> String? {
        var value: String?
        try selectMeta.forEachRow([.text(key)]) { value = $0.string(at: 0) }
        return value
    }

    // MARK: CatalogLookup (called inside `read`)

    func product(key: String) -> CatalogRecord? {
        // The hot path of every scan: a GTIN by its integer id, other keys bound without a copy; the row is read
        // while the statement sits on it. A failing step on a read (I/O error) resolves as unknown: the scan must
        // still become an event.
        let found: CatalogRecord??
        if let id = CatalogSchema.gtinID(key) {
            let select = selectProductByID
            found = try? { () throws -> CatalogRecord? in
                select.reset()
                defer { select.reset() }
                try select.bind(id, at: 1)
                return try select.step() ? row(select) : nil
            }()
        } else {
            found = try? selectProduct.withText(key, at: 1) { try selectProduct.step() ? row(selectProduct) : nil }
        }
        return found ?? nil
    }

    private func row(_ select: SQLiteStatement) -> CatalogRecord {
        seenVersion = select.isNull(at: 14) ? 0 : select.int64(at: 14)
        return Self.product(from: select)
    }

    func hospitalCode(_ code: String) -> CatalogRecord? {
        // The code is the primary key: one step finds it or not.
        let row = selectCode
        let found = try? row.withText(code, at: 1) { () throws -> CatalogRecord? in
            guard try row.step(), let kind = row.string(at: 0).flatMap(CatalogRecord.Kind.init(rawValue:)) else {
                return nil
            }
            var found = CatalogRecord(kind: kind, key: code)
            found.product = row.string(at: 1)
            found.quantity = row.isNull(at: 2) ? nil : Int(row.int64(at: 2))
            found.lot = row.string(at: 3)
            found.serial = row.string(at: 4)
            found.expiry = row.string(at: 5)
            found.user = row.string(at: 6)
            found.role = row.string(at: 7)
            return found
        }
        return found ?? nil
    }

    func isConsumed(productID: String, serial: String) -> Bool {
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

    /// A product row (columns in ``productColumns`` order) as a record.
    static func product(from row: SQLiteStatement) -> CatalogRecord {
        var record = CatalogRecord(kind: .product, key: row.string(at: 0))
        record.name = row.string(at: 1)
        record.specification = row.string(at: 2)
        record.manufacturer = row.string(at: 3)
        record.registration = row.string(at: 4)
        record.insuranceCode = row.string(at: 5)
        record.chargeCode = row.string(at: 6)
        record.unit = row.string(at: 7)
        record.unitWeightGrams = row.isNull(at: 8) ? nil : row.double(at: 8)
        record.toleranceGrams = row.isNull(at: 9) ? nil : row.double(at: 9)
        record.highValue = row.int64(at: 10) != 0
        record.recalled = row.int64(at: 11) != 0
        record.blocked = row.int64(at: 12) != 0
        record.nearExpiryDays = row.isNull(at: 13) ? nil : Int(row.int64(at: 13))
        return record
    }
}
