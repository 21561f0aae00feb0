import GatewayCodes
import GatewayCore

extension CatalogCache {
    /// Imports a CSV or JSONL file (docs/cache.md) in one transaction. Blocks: for the operator CLI and tests.
    ///
    /// - Parameter version: sets the catalogue version when given (a file exported by the backend).
    /// - Throws: ``CatalogCacheError`` `.invalidFile` (unreadable, bad CSV header: nothing imported), `.storage`.
    public func importFile(path file: String, format: CatalogFileFormat? = nil, version: Int64? = nil) throws
        -> CatalogImportReport
    {
        let reader: CatalogFileReader
        do {
            reader = try CatalogFileReader(path: file, format: format ?? .guess(path: file))
        } catch {
            throw CatalogCacheError(code: .invalidFile, message: "cannot read \(file)", cause: error)
        }
        return try importRows(version: version, staging: { stager in
            try reader.next { plain, line in try stager.stage(plain, in: line) }
        })
    }

    /// Imports already parsed rows in one transaction (rows that failed to parse are reported as rejected).
    public func importRows(_ rows: [CatalogFileRow], version: Int64? = nil) throws -> CatalogImportReport {
        var iterator = rows.makeIterator()
        return try importRows(version: version) { iterator.next() }
    }

    func importRows(version: Int64?, _ next: () throws -> CatalogFileRow?) throws -> CatalogImportReport {
        try importRows(version: version, staging: { _ in try next() })
    }

    /// Imports in one transaction what `next` returns; `next` may stage plain product rows itself (file imports).
    func importRows(
        version: Int64?, staging next: (CatalogWriter.PlainProductStager) throws -> CatalogFileRow?
    ) throws -> CatalogImportReport {
        do {
            return try writer.withLock { try $0.importRows(version: version, next) }
        } catch let error as CatalogCacheError {
            throw error
        } catch let error as CatalogRecordError {
            throw CatalogCacheError(code: .invalidFile, message: error.message)
        } catch {
            throw CatalogCacheError(
                code: .storage, message: "import into \(path) failed; nothing was imported", cause: error)
        }
    }

    /// Applies a backend `catalog` command on the cache's own thread (never on the cooperative pool).
    public func apply(_ command: CatalogSyncCommand) async throws -> CatalogImportReport {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = worker.submit {
                continuation.resume(with: Result { try self.applyNow(command) })
            }
            if !accepted {
                continuation.resume(throwing: CatalogCacheError(code: .storage, message: "catalogue cache is closed"))
            }
        }
    }

    /// Applies a backend `catalog` command on the calling thread.
    public func applyNow(_ command: CatalogSyncCommand) throws -> CatalogImportReport {
        do {
            return try writer.withLock { try $0.apply(command) }
        } catch let error as CatalogCacheError {
            throw error
        } catch {
            throw CatalogCacheError(
                code: .storage, message: "catalog \(command.operation.rawValue) failed", cause: error)
        }
    }

    /// The in-hospital code formats the catalogue holds, as decoder rules.
    public func codeFormats() throws -> [HospitalCodeRule] {
        try writer.withLock { try Self.codeFormats(in: $0.connection) }
    }

    /// The code formats through the reader connection, only when the file changed since `known` (SQLite's data
    /// version for that connection, which moves when any other connection commits): the scan path asks this
    /// before every decode, and must never wait for an import holding the writer. nil: unchanged.
    func codeFormats(ifChangedSince known: inout Int64?) throws -> [HospitalCodeRule]? {
        try reader.withLock { reader in
            let version = try reader.dataVersion()
            guard version != known else { return nil }
            let rules = try Self.codeFormats(in: reader.connection)
            known = version
            return rules
        }
    }

    static func codeFormats(in connection: SQLiteConnection) throws -> [HospitalCodeRule] {
        var rules: [HospitalCodeRule] = []
        let select = try connection.prepare(
            "SELECT name, meaning, prefix, min_length, max_length, charset, check_algorithm FROM code_format "
                + "ORDER BY name")
        try select.forEachRow([]) { row in
            var record = CatalogRecord(kind: .format, key: row.string(at: 0))
            record.meaning = row.string(at: 1)
            record.prefix = row.string(at: 2)
            record.minLength = Int(row.int64(at: 3))
            record.maxLength = Int(row.int64(at: 4))
            record.charset = row.string(at: 5)
            record.check = row.string(at: 6)
            if let rule = record.hospitalCodeRule { rules.append(rule) }
        }
        return rules
    }
}
