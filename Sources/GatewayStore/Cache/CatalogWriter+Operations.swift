import GatewayCore

extension CatalogWriter {
    typealias Key = CatalogSchema.MetaKey

    /// Stages the plain product rows of a file import straight from the file's bytes, inside its transaction.
    struct PlainProductStager {
        let writer: CatalogWriter
        let generation: Int64

        func stage(_ row: PlainProductLine, in line: UnsafeBufferPointer<UInt8>) throws {
            try writer.stagePlainProduct(row, in: line, generation: generation)
        }
    }

    /// Imports rows in one transaction: valid rows are stored, invalid ones listed in the report with their line.
    /// `next` returns nil at the end of the file, and may hand plain product rows to the stager instead of
    /// returning them; if it throws (an unreadable file), nothing is imported.
    func importRows(version: Int64?, _ next: (PlainProductStager) throws -> CatalogFileRow?) throws
        -> CatalogImportReport
    {
        // A big import touches pages all over the tables: a larger page cache while it runs keeps SQLite from
        // spilling the same pages to the WAL again and again. Back to the default (2 MiB) afterwards.
        try connection.execute("PRAGMA cache_size=-65536")
        defer { try? connection.execute("PRAGMA cache_size=-2000") }
        try prepareStaging()
        return try connection.transaction(.immediate) {
            var report = CatalogImportReport()
            let generation = try writeGeneration()
            let stager = PlainProductStager(writer: self, generation: generation)
            while let row = try next(stager) {
                switch row.result {
                case .failure(let error):
                    report.reject(line: row.line, reason: error.message)
                case .success(let record) where record.kind == .product:
                    try stageProduct(record, generation: generation)
                case .success(let record):
                    if try upsert(record, generation: generation) { report.added += 1 } else { report.updated += 1 }
                }
            }
            let merged = try mergeStagedProducts()
            report.added += merged.added
            report.updated += merged.updated
            if let version { try setMeta(Key.catalogVersion, String(version)) }
            report.catalogVersion = try metaInteger(Key.catalogVersion) ?? 0
            return report
        }
    }

    /// Applies one `catalog` command from the backend, in one transaction.
    func apply(_ command: CatalogSyncCommand) throws -> CatalogImportReport {
        try connection.transaction(.immediate) {
            var report = CatalogImportReport()
            let current = try metaInteger(Key.catalogVersion) ?? 0
            switch command.operation {
            case .snapshotBegin:
                let (snapshot, version) = try require(command.snapshot, command.version, command)
                let generation = max(
                    try metaInteger(Key.generation) ?? 0, try metaInteger(Key.snapshotGeneration) ?? 0) + 1
                try setMeta(Key.snapshotID, snapshot)
                try setMeta(Key.snapshotVersion, String(version))
                try setMeta(Key.snapshotGeneration, String(generation))
                try setMeta(Key.snapshotRows, "0")
            case .snapshotChunk:
                let generation = try openSnapshot(command)
                let records = command.records ?? []
                try store(records, generation: generation, into: &report)
                let received = (try metaInteger(Key.snapshotRows) ?? 0) + Int64(records.count)
                try setMeta(Key.snapshotRows, String(received))
            case .snapshotCommit:
                let generation = try openSnapshot(command)
                let received = try metaInteger(Key.snapshotRows) ?? 0
                guard let count = command.count, Int64(count) == received else {
                    throw CatalogCacheError(
                        code: .snapshotIncomplete,
                        message: "snapshot \(command.snapshot ?? "?") announced "
                            + "\(command.count.map(String.init) ?? "no") records but \(received) arrived; it stays "
                            + "open and nothing was removed")
                }
                for table in ["product", "hospital_code", "cabinet_slot", "code_format"] {
                    try connection.execute("DELETE FROM \(table) WHERE gen < \(generation)")
                    report.deleted += connection.changes
                }
                try setMeta(Key.generation, String(generation))
                try setMeta(Key.catalogVersion, try meta(Key.snapshotVersion) ?? "0")
                for key in [Key.snapshotID, Key.snapshotVersion, Key.snapshotGeneration, Key.snapshotRows] {
                    try removeMeta(key)
                }
            case .upsert, .delete:
                guard let version = command.version else {
                    throw CatalogCacheError(
                        code: .invalidCommand, message: "\(command.operation.rawValue) needs a version")
                }
                guard version > current else { break }  // applied before: answer ok again, change nothing
                guard version == current + 1 else {
                    throw CatalogCacheError(
                        code: .versionGap,
                        message: "catalogue is at version \(current); \(command.operation.rawValue) to \(version) "
                            + "skips versions; send a snapshot")
                }
                let records = command.records ?? []
                if command.operation == .upsert {
                    try store(records, generation: try writeGeneration(), into: &report)
                } else {
                    for (index, record) in records.enumerated() {
                        switch record.validatedForDelete() {
                        case .failure(let error): report.reject(line: index + 1, reason: error.message)
                        case .success(let valid): if try delete(valid) { report.deleted += 1 }
                        }
                    }
                }
                try setMeta(Key.catalogVersion, String(version))
            }
            report.catalogVersion = try metaInteger(Key.catalogVersion) ?? 0
            return report
        }
    }

    /// Stores records (rejecting invalid ones in the report); a storage error ends the transaction.
    private func store(_ records: [CatalogRecord], generation: Int64, into report: inout CatalogImportReport) throws {
        for (index, record) in records.enumerated() {
            switch record.validated() {
            case .failure(let error):
                report.reject(line: index + 1, reason: error.message)
            case .success(let valid):
                if try upsert(valid, generation: generation) { report.added += 1 } else { report.updated += 1 }
            }
        }
    }

    private func require(_ snapshot: String?, _ version: Int64?, _ command: CatalogSyncCommand) throws
        -> (String, Int64)
    {
        guard let snapshot, !snapshot.isEmpty, let version else {
            throw CatalogCacheError(
                code: .invalidCommand, message: "\(command.operation.rawValue) needs snapshot and version")
        }
        return (snapshot, version)
    }

    /// The generation of the open snapshot `command` names.
    private func openSnapshot(_ command: CatalogSyncCommand) throws -> Int64 {
        guard let open = try meta(Key.snapshotID), open == command.snapshot,
              let generation = try metaInteger(Key.snapshotGeneration)
        else {
            throw CatalogCacheError(
                code: .unknownSnapshot,
                message: "snapshot \(command.snapshot ?? "?") is not open; begin it again")
        }
        return generation
    }
}
