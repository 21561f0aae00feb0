import Foundation
import Testing
@testable import GatewayStore

@Suite struct OutboxIdentityTests {
    @Test func epochIsStableAcrossReopenAndNewForANewFile() async throws {
        let directory = try TemporaryDirectory()
        let first = try openOutbox(directory)
        let epoch = first.epoch
        #expect(epoch.count == 8)
        #expect(epoch.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        await first.close()
        #expect(try openOutbox(directory).epoch == epoch)

        let other = try TemporaryDirectory()
        #expect(try openOutbox(other).epoch != epoch)
    }

    @Test func sequencesAreNeverReusedAfterEverythingIsAcknowledged() async throws {
        let directory = try TemporaryDirectory()
        var outbox = try openOutbox(directory)
        let firstBatch = try await outbox.append(contentsOf: (1...5).map { makeDraft($0) })
        _ = try await outbox.acknowledge(throughSequence: 5)
        await outbox.close()

        outbox = try openOutbox(directory)
        #expect(outbox.statistics().depth == 0)
        #expect(outbox.statistics().nextSequence == 6)
        let next = try await outbox.append(makeDraft(6))
        #expect(next.sequence == 6)
        // Acknowledged selectively, so last_acked_seq stays at 5: only AUTOINCREMENT remembers seq 6.
        _ = try await outbox.acknowledge(ids: [next.id])
        await outbox.close()

        outbox = try openOutbox(directory)
        let after = try await outbox.append(makeDraft(7))
        #expect(after.sequence == 7)
        #expect(!firstBatch.map(\.id).contains(after.id))
    }

    @Test func aDifferentGatewayIDIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory, gateway: "gw-a")
        _ = try await outbox.append(makeDraft(1))
        await outbox.close()
        let error = try #require(throws: OutboxError.self) { try openOutbox(directory, gateway: "gw-b") }
        #expect(error.code == .gatewayMismatch)
        #expect(error.message.contains("gw-a"))
        #expect(error.message.contains("gw-b"))
    }

    @Test func anEmptyFileIsMigratedToTheCurrentSchema() async throws {
        let directory = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: directory.file("outbox.sqlite"), contents: Data()))
        let outbox = try openOutbox(directory)
        _ = try await outbox.append(makeDraft(1))
        await outbox.close()
        let reader = try SQLiteConnection(path: directory.file("outbox.sqlite"), flags: .readOnly)
        #expect(try reader.userVersion() == OutboxSchema.migrator.latestVersion)
        #expect(try reader.scalarInt64("SELECT count(*) FROM events") == 1)
    }

    @Test func aFileFromANewerVersionIsRefused() throws {
        let directory = try TemporaryDirectory()
        do {
            let db = try SQLiteConnection(path: directory.file("outbox.sqlite"))
            try db.execute("PRAGMA user_version=\(OutboxSchema.migrator.latestVersion + 1)")
        }
        let error = try #require(throws: OutboxError.self) { try openOutbox(directory) }
        #expect(error.code == .incompatibleFile)
        #expect((error.cause as? SchemaMigrationError)?.code == .futureVersion)
    }

    @Test func aMissingDirectoryIsAStorageError() throws {
        let error = try #require(throws: OutboxError.self) {
            try Outbox.open(path: "/nonexistent-dir-for-test/outbox.sqlite", gatewayID: "gw", options: OutboxOptions())
        }
        #expect(error.code == .storage)
        #expect((error.cause as? SQLiteError)?.isBusy == false)
        #expect(error.description.contains("/nonexistent-dir-for-test/outbox.sqlite"))
    }
}
