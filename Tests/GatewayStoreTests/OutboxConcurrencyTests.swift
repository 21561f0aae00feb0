import GatewayCore
import Testing
@testable import GatewayStore

@Suite struct OutboxConcurrencyTests {
    @Test func concurrentAppendsGetUniqueGapFreeSequences() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let count = 2_000
        let events = try await withThrowingTaskGroup(of: GatewayEvent.self) { group in
            for index in 0..<count { group.addTask { try await outbox.append(makeDraft(index)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let sequences = events.map(\.sequence).sorted()
        #expect(sequences == Array(1...Int64(count)))
        #expect(Set(events.map(\.id)).count == count)
        #expect(outbox.statistics().depth == count)
        #expect(outbox.appendCommitsForTesting <= count)

        await outbox.close()
        let reopened = try openOutbox(directory)
        let stored = try await reopened.pending(afterSequence: 0, limit: count + 1)
        #expect(stored.map(\.sequence) == sequences)
        let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
        for entry in stored {
            guard case .success(.event(let wire)) = WireCodec.decodeGatewayMessage(entry.line.dropLast()) else {
                Issue.record("entry \(entry.sequence) did not decode")
                continue
            }
            #expect(byID[entry.id] == wire.event)
        }
    }

    /// Holds the worker thread until all appends are queued, so the batch is known: one transaction for all.
    @Test func appendsQueuedDuringACommitShareOneTransaction() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let gate = Gate()
        // Released on every way out, before the implicit await of `held` below.
        defer { gate.open() }
        let before = outbox.appendCommitsForTesting
        async let held: Void = outbox.perform { _ in gate.wait() }
        try await waitUntil("the worker to be held", timeout: .seconds(60)) { gate.isWaiting }

        let appends = 100
        let events = try await withThrowingTaskGroup(of: GatewayEvent.self) { group in
            for index in 0..<appends { group.addTask { try await outbox.append(makeDraft(index)) } }
            // Whatever happens below, the worker is released: a held worker would leave the queued appends, and
            // with them this task group and the whole test run, waiting forever.
            defer { gate.open() }
            try await waitUntil("all appends queued", timeout: .seconds(60)) { outbox.queuedJobsForTesting >= appends }
            gate.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await held
        #expect(outbox.appendCommitsForTesting == before + 1)
        #expect(events.map(\.sequence).sorted() == Array(1...Int64(appends)))
    }
}
