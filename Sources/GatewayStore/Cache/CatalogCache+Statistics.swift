import GatewayCore

/// What `spd-gateway cache stats` prints.
public struct CatalogStatistics: Sendable, Equatable, Codable {
    public var path: String
    public var schemaVersion: Int
    public var catalogVersion: Int64
    public var products: Int64
    /// In-hospital codes by kind (`package`, `label`, `badge`).
    public var hospitalCodes: [String: Int64]
    public var cabinetSlots: Int64
    public var codeFormats: Int64
    public var consumedItems: Int64
    /// The snapshot being received from the backend, if one is open.
    public var openSnapshot: String?
    /// Size of the database file (without its WAL), bytes.
    public var fileBytes: Int64

    enum CodingKeys: String, CodingKey {
        case path, products
        case schemaVersion = "schema_version"
        case catalogVersion = "catalog_version"
        case hospitalCodes = "hospital_codes"
        case cabinetSlots = "cabinet_slots"
        case codeFormats = "code_formats"
        case consumedItems = "consumed_items"
        case openSnapshot = "open_snapshot"
        case fileBytes = "file_bytes"
    }
}

extension CatalogCache {
    /// Counts rows (a full scan of each table: for the operator, not the scan path).
    public func statistics() throws -> CatalogStatistics {
        try writer.withLock { writer in
            let db = writer.connection
            func count(_ table: String) throws -> Int64 { try db.scalarInt64("SELECT count(*) FROM \(table)") ?? 0 }
            var codes: [String: Int64] = [:]
            try db.prepare("SELECT kind, count(*) FROM hospital_code GROUP BY kind").forEachRow([]) {
                codes[$0.string(at: 0) ?? "?"] = $0.int64(at: 1)
            }
            return CatalogStatistics(
                path: path, schemaVersion: try db.userVersion(),
                catalogVersion: try writer.metaInteger(CatalogSchema.MetaKey.catalogVersion) ?? 0,
                products: try count("product"), hospitalCodes: codes, cabinetSlots: try count("cabinet_slot"),
                codeFormats: try count("code_format"), consumedItems: try count("consumed"),
                openSnapshot: try writer.meta(CatalogSchema.MetaKey.snapshotID),
                fileBytes: try db.integerPragma("page_count") * db.integerPragma("page_size"))
        }
    }
}
