import GatewayCore
import Testing
@testable import GatewayStore

/// The in-memory window of the newest pending events answers exactly what the database would.
@Suite struct OutboxRecentEntriesTests {
    func fromDatabase(_ outbox: Outbox, after sequence: Int64, limit: Int = 1000) async throws -> [OutboxEntry] {
        try await outbox.perform { try $0.pending(afterSequence: sequence, limit: limit) }
    }

    @Test func readsWithinTheWindowComeFromMemoryAndOlderOnesFromTheDatabase() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try Outbox.open(
            path: directory.file("outbox.sqlite"), gatewayID: "gw-test",
            options: OutboxOptions(recentEventsInMemory: 3))
        _ = try await outbox.append(contentsOf: (1...5).map { makeDraft($0) })
        #expect(outbox.recent.coveredFrom == 3)
        #expect(outbox.recent.pending(after: 0, limit: 10) == nil)
        #expect(outbox.recent.pending(after: 2, limit: 10)?.map(\.sequence) == [3, 4, 5])
        #expect(try await outbox.pending(afterSequence: 0, limit: 10).map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(try await outbox.pending(afterSequence: 3, limit: 1) == fromDatabase(outbox, after: 3, limit: 1))
    }

    @Test func everyDeletionLeavesTheWindowAndTheDatabaseInAgreement() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try Outbox.open(
            path: directory.file("outbox.sqlite"), gatewayID: "gw-test",
            options: OutboxOptions(recentEventsInMemory: 16))
        var random = SystemRandomNumberGenerator()
        var appended: [GatewayEvent] = []
        for round in 0..<200 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5:
                appended += try await outbox.append(
                    contentsOf: (0..<Int.random(in: 1...4, using: &random)).map { makeDraft(round * 10 + $0) })
            case 5..<7:
                if let last = appended.last {
                    _ = try await outbox.acknowledge(
                        throughSequence: last.sequence - Int64.random(in: 0...5, using: &random))
                }
            case 7:
                if let pick = appended.randomElement(using: &random) {
                    _ = try await outbox.acknowledge(ids: [pick.id])
                }
            case 8:
                let pending = try await fromDatabase(outbox, after: 0)
                if let pick = pending.randomElement(using: &random) {
                    try await outbox.reject(id: pick.id, reason: "test")
                }
            default:
                break
            }
            let covered = outbox.recent.coveredFrom
            for cursor in Set([covered - 1, covered, covered + 2, appended.last?.sequence ?? 0]) where cursor >= 0 {
                let memory = outbox.recent.pending(after: cursor, limit: 1000)
                if cursor + 1 >= covered {
                    #expect(
                        memory == (try await fromDatabase(outbox, after: cursor)), "round \(round), after \(cursor)")
                } else {
                    #expect(memory == nil)
                }
            }
        }
    }

    @Test func afterAReopenOlderEventsComeFromTheDatabaseAndNewOnesFromMemory() async throws {
        let directory = try TemporaryDirectory()
        do {
            let outbox = try openOutbox(directory)
            _ = try await outbox.append(contentsOf: (1...3).map { makeDraft($0) })
            await outbox.close()
        }
        let reopened = try openOutbox(directory)
        #expect(reopened.recent.coveredFrom == 4)
        _ = try await reopened.append(makeDraft(4))
        #expect(try await reopened.pending(afterSequence: 0, limit: 10).map(\.sequence) == [1, 2, 3, 4])
        #expect(reopened.recent.pending(after: 3, limit: 10)?.map(\.sequence) == [4])
    }
}
