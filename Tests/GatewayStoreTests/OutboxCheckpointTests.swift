import GatewayCore
import Testing
@testable import GatewayStore

/// A producer's state stored in the same transaction as its events: both or neither, read back after a reopen.
@Suite struct OutboxCheckpointTests {
    func checkpoint(_ text: String) -> ProducerCheckpoint {
        ProducerCheckpoint(key: "cabinet/cab-1", value: Array(text.utf8))
    }

    @Test func aCheckpointIsStoredWithItsEventsAndTheLatestSurvivesAReopen() async throws {
        let directory = try TemporaryDirectory()
        do {
            let outbox = try openOutbox(directory)
            #expect(try await outbox.checkpoint("cabinet/cab-1") == nil)
            let first = try await outbox.append([makeDraft(1), makeDraft(2)], checkpoint: checkpoint("one"))
            #expect(first.map(\.sequence) == [1, 2])
            _ = try await outbox.append([makeDraft(3)], checkpoint: checkpoint("two"))
            #expect(try await outbox.checkpoint("cabinet/cab-1") == Array("two".utf8))
            await outbox.close()
        }
        let reopened = try openOutbox(directory)
        #expect(try await reopened.checkpoint("cabinet/cab-1") == Array("two".utf8))
        #expect(try await reopened.checkpoint("cabinet/cab-2") == nil)
        #expect(try await reopened.pending(afterSequence: 0, limit: 10).count == 3)
    }

    @Test func aCheckpointWithoutEventsUsesNoSequence() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        #expect(try await outbox.append([], checkpoint: checkpoint("bound a patient")).isEmpty)
        #expect(try await outbox.checkpoint("cabinet/cab-1") == Array("bound a patient".utf8))
        #expect(outbox.statistics().depth == 0)
        #expect(try await outbox.append(makeDraft(1)).sequence == 1)
    }

    @Test func whenTheDiskIsFullNeitherTheEventsNorTheCheckpointAreStored() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        _ = try await outbox.append([makeDraft(0)], checkpoint: checkpoint("before"))
        try await outbox.withConnectionForTesting { db in
            try db.execute("PRAGMA max_page_count=\(try db.integerPragma("page_count"))")
        }
        let large = ProducerCheckpoint(key: "cabinet/cab-1", value: Array(repeating: 65, count: 200_000))
        await #expect(throws: OutboxError.self) {
            try await outbox.append((1...200).map { makeDraft($0) }, checkpoint: large)
        }
        #expect(try await outbox.checkpoint("cabinet/cab-1") == Array("before".utf8))
        #expect(outbox.statistics().depth == 1)
    }

    @Test func anOutboxOfSchemaVersionOneGainsCheckpointsAndKeepsItsEvents() async throws {
        let directory = try TemporaryDirectory()
        do {
            let outbox = try openOutbox(directory)
            _ = try await outbox.append(contentsOf: [makeDraft(1), makeDraft(2)])
            // Back to what version 1 left on disk.
            try await outbox.withConnectionForTesting { db in
                try db.execute("DROP TABLE checkpoints")
                try db.execute("PRAGMA user_version=1")
            }
            await outbox.close()
        }
        let migrated = try openOutbox(directory)
        #expect(try await migrated.pending(afterSequence: 0, limit: 10).map(\.sequence) == [1, 2])
        _ = try await migrated.append([makeDraft(3)], checkpoint: checkpoint("after upgrade"))
        #expect(try await migrated.checkpoint("cabinet/cab-1") == Array("after upgrade".utf8))
    }
}
