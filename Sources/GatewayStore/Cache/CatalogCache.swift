import GatewayCodes
import GatewayCore

/// The local catalogue in SQLite (`<state>/cache.sqlite`): products, in-hospital codes, the cabinet layout and
/// one-item-one-code consumption, resolving every scan in microseconds even when the backend is down.
///
/// Two connections: a reader with prepared statements (the scan path; each resolution is one read transaction,
/// so it sees imports committed by other processes at once: WAL, no restart) and a writer (imports, sync
/// commands, the ledger). Both are guarded by locks, so the cache can be shared freely.
///
/// ```swift
/// let cache = try CatalogCache.open(path: "/var/lib/spd-gateway/cache.sqlite")
/// let report = try cache.importFile(path: "catalogue.csv", format: .csv)
/// if case .item(let item) = cache.resolve(decoder.decode(scan), atMilliseconds: now) { print(item.flags) }
/// ```
public final class CatalogCache: CodeResolver, ConsumptionLedger, CabinetSlotSource, Sendable {
    /// The database file.
    public let path: String
    let reader: Locked<CatalogReader>
    let writer: Locked<CatalogWriter>
    let nowMilliseconds: @Sendable () -> Int64
    /// Runs sync commands off the cooperative pool (see ``apply(_:)``).
    let worker: SerialWorkerThread<@Sendable () -> Void>

    private init(
        path: String, reader: CatalogReader, writer: CatalogWriter, nowMilliseconds: @escaping @Sendable () -> Int64
    ) throws {
        self.path = path
        self.reader = Locked(reader)
        self.writer = Locked(writer)
        self.nowMilliseconds = nowMilliseconds
        worker = try SerialWorkerThread(name: "spd-cache") { jobs in for job in jobs { job() } }
    }

    deinit { worker.shutdown() }

    /// The reader's page cache, KiB: 12 MiB.
    ///
    /// Why this size: a lookup reads the interior pages of the table's B-tree and one leaf. At 5 million products
    /// and 1 million in-hospital codes the interior pages of both tables take about 5 MB and must stay cached; the
    /// leaves every lookup reads push them out of SQLite's LRU cache. With 8 MiB a resolution read 1.43 pages from
    /// the file on average, with 12 MiB 1.25 (1.1 would be one leaf per table), which took about 1 us off the
    /// in-hospital codes' p90 (their table's interior pages hold whole rows, and they are a tenth of the scans, so
    /// theirs were evicted most). The cost is RSS: cached pages are private memory, 4 MB more when full (the
    /// cache-bench probe: 37.2 MB after 200,000 resolutions, against 32.9 MB; the budget is 40 MB).
    public static let defaultReaderCacheKiB = 12288

    /// Opens the cache file, creating and migrating it as needed. Blocks while it opens: call it at startup.
    ///
    /// - Parameters:
    ///   - path: e.g. `<state directory>/cache.sqlite`; the directory must exist.
    ///   - create: false to fail when the file does not exist (operator commands that only read).
    ///   - readerCacheKiB: the reader connection's page cache (``defaultReaderCacheKiB``).
    ///   - readerMapBytes: memory-map up to this many bytes of the file for the reader (0: read with pread).
    ///     Mapped pages show in RSS as shared file pages (reclaimable page cache), not private memory.
    ///   - nowMilliseconds: wall clock for the ledger's timestamps.
    /// - Throws: ``CatalogCacheError`` `.incompatibleFile` (written by a newer version) or `.storage`.
    public static func open(
        path: String, create: Bool = true, readerCacheKiB: Int = defaultReaderCacheKiB, readerMapBytes: Int64 = 0,
        nowMilliseconds: @escaping @Sendable () -> Int64 = SystemWallClock.milliseconds
    ) throws -> CatalogCache {
        do {
            let writeConnection = try SQLiteConnection(
                path: path, flags: create ? .readWriteCreate : .readWrite, busyTimeout: .seconds(10))
            try writeConnection.setJournalMode(.wal)
            // A cache can be rebuilt from the backend: commits need not wait for the disk (the WAL keeps the
            // file consistent; a power cut may lose the last commits, which the next sync brings back).
            try writeConnection.setSynchronous(.normal)
            try CatalogSchema.migrator.migrate(writeConnection)
            let readConnection = try SQLiteConnection(path: path, flags: .readWrite, busyTimeout: .seconds(2))
            try readConnection.execute("PRAGMA cache_size=-\(readerCacheKiB)")
            if readerMapBytes > 0 { try readConnection.execute("PRAGMA mmap_size=\(readerMapBytes)") }
            return try CatalogCache(
                path: path, reader: try CatalogReader(connection: readConnection),
                writer: try CatalogWriter(connection: writeConnection), nowMilliseconds: nowMilliseconds)
        } catch let error as SchemaMigrationError where error.code == .futureVersion {
            throw CatalogCacheError(code: .incompatibleFile, message: error.message)
        } catch let error as CatalogCacheError {
            throw error
        } catch {
            throw CatalogCacheError(code: .storage, message: "cannot open the catalogue cache \(path)", cause: error)
        }
    }

    // MARK: CodeResolver, ConsumptionLedger, CabinetSlotSource

    /// Resolves a decoded code (see ``CatalogResolution``). A storage error resolves as unknown, with the reason.
    public func resolve(_ code: DecodedCode, atMilliseconds timeMilliseconds: Int64) -> CodeResolution {
        do {
            return try reader.withLock { reader in
                try reader.read { CatalogResolution.resolve(code, atMilliseconds: timeMilliseconds, in: $0) }
            }
        } catch {
            return .item(.unknown(productID: code.gtin ?? code.di, reason: "catalogue cache unreadable: \(error)"))
        }
    }

    /// Records a unique item as consumed; false when it was consumed before. If the ledger cannot be written
    /// (disk full, a long import holding the write lock), the consume is not flagged: flagging needs proof.
    public func markConsumed(productID: String, serial: String, eventID: String) -> Bool {
        let time = nowMilliseconds()
        return (try? writer.withLock {
            try $0.markConsumed(productID: productID, serial: serial, eventID: eventID, atMilliseconds: time)
        }) ?? true
    }

    public func slot(cabinet: String, channel: Int) -> CabinetSlot? {
        try? reader.withLock { try $0.slots(cabinet: cabinet, channel: channel).first }
    }

    public func slots(cabinet: String) -> [CabinetSlot] {
        (try? reader.withLock { try $0.slots(cabinet: cabinet, channel: nil) }) ?? []
    }

    /// The catalogue version (0 before the first versioned import or sync).
    public func catalogVersion() -> Int64 {
        (try? reader.withLock { reader in try reader.read { $0.catalogVersion } }) ?? 0
    }
}
