import GatewayCore
import Testing
@testable import GatewayStore

@Suite struct CatalogSyncTests {
    func product(_ key: String, _ name: String) -> CatalogRecord {
        var record = CatalogRecord(kind: .product, key: key)
        record.name = name
        return record
    }

    @Test func aChunkedSnapshotReplacesEverythingButTheLedger() async throws {
        let directory = try TemporaryDirectory()
        let cache = try sampleCache(directory)
        #expect(cache.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "e1"))
        _ = try await cache.apply(CatalogSyncCommand(id: "1", operation: .snapshotBegin, version: 7, snapshot: "s7"))
        let first = try await cache.apply(CatalogSyncCommand(
            id: "2", operation: .snapshotChunk, snapshot: "s7",
            records: [product("09506000134352", "Balloon v2"), CatalogRecord(kind: .badge, key: "B1")]))
        #expect(first.updated == 1 && first.rejected == 1)
        // While the snapshot is open, the old catalogue still resolves (chunks go straight to the live tables).
        #expect(item(cache.resolve("6901234567892"))?.status == .known)
        #expect(item(cache.resolve("0109506000134352"))?.name == "Balloon v2")
        _ = try await cache.apply(CatalogSyncCommand(
            id: "3", operation: .snapshotChunk, snapshot: "s7", records: [product("4006381333931", "New")]))
        let wrongCount = await #expect(throws: CatalogCacheError.self) {
            try await cache.apply(CatalogSyncCommand(id: "4", operation: .snapshotCommit, snapshot: "s7", count: 2))
        }
        #expect(wrongCount?.code == .snapshotIncomplete)
        #expect(cache.catalogVersion() == 0)
        let committed = try await cache.apply(
            CatalogSyncCommand(id: "5", operation: .snapshotCommit, snapshot: "s7", count: 3))
        #expect(committed.catalogVersion == 7)
        #expect(committed.deleted == 15)
        #expect(cache.catalogVersion() == 7)
        #expect(item(cache.resolve("6901234567892"))?.status == .unknown)
        #expect(item(cache.resolve("04006381333931"))?.catalogVersion == 7)
        #expect(cache.slots(cabinet: "cab-or3").isEmpty)
        #expect(!cache.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "e2"))
    }

    @Test func chunksOfAnUnknownOrReplacedSnapshotAreRefused() async throws {
        let cache = try sampleCache(try TemporaryDirectory())
        let never = await #expect(throws: CatalogCacheError.self) {
            try await cache.apply(CatalogSyncCommand(id: "1", operation: .snapshotChunk, snapshot: "x", records: []))
        }
        #expect(never?.code == .unknownSnapshot)
        _ = try await cache.apply(CatalogSyncCommand(id: "2", operation: .snapshotBegin, version: 3, snapshot: "a"))
        _ = try await cache.apply(CatalogSyncCommand(id: "3", operation: .snapshotBegin, version: 4, snapshot: "b"))
        let replaced = await #expect(throws: CatalogCacheError.self) {
            try await cache.apply(CatalogSyncCommand(id: "4", operation: .snapshotCommit, snapshot: "a", count: 0))
        }
        #expect(replaced?.code == .unknownSnapshot)
        _ = try await cache.apply(CatalogSyncCommand(id: "5", operation: .snapshotCommit, snapshot: "b", count: 0))
        #expect(cache.catalogVersion() == 4)
        #expect(item(cache.resolve("6901234567892"))?.status == .unknown)
    }

    @Test func upsertsAndDeletesApplyInVersionOrder() async throws {
        let cache = try sampleCache(try TemporaryDirectory())
        let upsert = try await cache.apply(CatalogSyncCommand(
            id: "1", operation: .upsert, version: 1, records: [product("4006381333931", "Added")]))
        #expect(upsert.added == 1 && upsert.catalogVersion == 1)
        // The same version again (a resend after a lost reply): acknowledged, nothing changes.
        let resent = try await cache.apply(CatalogSyncCommand(
            id: "1", operation: .upsert, version: 1, records: [product("4006381333931", "Changed")]))
        #expect(resent.added == 0 && resent.updated == 0)
        #expect(item(cache.resolve("04006381333931"))?.name == "Added")
        let gap = await #expect(throws: CatalogCacheError.self) {
            try await cache.apply(CatalogSyncCommand(id: "2", operation: .upsert, version: 3, records: []))
        }
        #expect(gap?.code == .versionGap)
        var slot = CatalogRecord(kind: .slot)
        slot.cabinet = "cab-or3"
        slot.channel = 1
        let deleted = try await cache.apply(CatalogSyncCommand(
            id: "3", operation: .delete, version: 2,
            records: [CatalogRecord(kind: .product, key: "6901234567892"), slot, CatalogRecord(kind: .badge)]))
        #expect(deleted.deleted == 2 && deleted.rejected == 1)
        #expect(item(cache.resolve("6901234567892"))?.status == .unknown)
        #expect(cache.slots(cabinet: "cab-or3").map(\.channel) == [0])
        #expect(cache.catalogVersion() == 2)
    }
}
