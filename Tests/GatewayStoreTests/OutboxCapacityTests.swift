import Testing
@testable import GatewayStore

@Suite struct OutboxCapacityTests {
    @Test func highWaterTransitionsWithoutRefusingEvents() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory, highWaterMark: 3)
        var transitions = outbox.highWaterTransitions().makeAsyncIterator()
        #expect(await transitions.next() == false)

        _ = try await outbox.append(contentsOf: (1...3).map { makeDraft($0) })
        #expect(!outbox.statistics().isOverHighWater)
        _ = try await outbox.append(contentsOf: (4...6).map { makeDraft($0) })
        #expect(outbox.statistics().isOverHighWater)
        #expect(outbox.statistics().depth == 6)
        #expect(await transitions.next() == true)

        _ = try await outbox.append(makeDraft(7))
        _ = try await outbox.acknowledge(throughSequence: 4)
        #expect(outbox.statistics().depth == 3)
        #expect(!outbox.statistics().isOverHighWater)
        #expect(await transitions.next() == false)

        // A late subscriber learns the current state first.
        _ = try await outbox.append(makeDraft(8))
        var late = outbox.highWaterTransitions().makeAsyncIterator()
        #expect(await late.next() == true)
    }

    @Test func diskFullFailsTheBatchKeepsEarlierEventsAndRecovers() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let kept = try await outbox.append(contentsOf: (1...10).map { makeDraft($0) })
        let statisticsBefore = outbox.statistics()

        // Cap the file at its current size: the next batch needs pages it cannot get.
        try await outbox.withConnectionForTesting { db in
            let pages = try db.integerPragma("page_count")
            try db.execute("PRAGMA max_page_count=\(pages)")
        }
        let bigBatch = (11...300).map { makeDraft($0) }
        let error = await #expect(throws: OutboxError.self) { try await outbox.append(contentsOf: bigBatch) }
        #expect(error?.code == .diskFull)
        #expect((error?.cause as? SQLiteError)?.isDiskFull == true)
        #expect(error?.message.contains("earlier events are intact") == true)
        #expect(outbox.statistics() == statisticsBefore)
        #expect(try await outbox.pending(afterSequence: 0, limit: 100).map(\.id) == kept.map(\.id))

        // Space returns: appends work again, and the failed batch used up no sequences.
        try await outbox.withConnectionForTesting { db in try db.execute("PRAGMA max_page_count=1073741823") }
        let recovered = try await outbox.append(contentsOf: bigBatch)
        #expect(recovered.first?.sequence == 11)
        #expect(outbox.statistics().depth == 300)
    }

    @Test func everyCallerInAFailedBatchGetsTheError() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        _ = try await outbox.append(makeDraft(0))
        try await outbox.withConnectionForTesting { db in
            try db.execute("PRAGMA max_page_count=\(try db.integerPragma("page_count"))")
        }
        let gate = Gate()
        // Released on every way out, before the implicit await of `held` below.
        defer { gate.open() }
        async let held: Void = outbox.perform { _ in gate.wait() }
        try await waitUntil("the worker to be held", timeout: .seconds(60)) { gate.isWaiting }
        let codes = try await withThrowingTaskGroup(of: OutboxError.Code?.self) { group in
            for index in 1...20 {
                group.addTask {
                    do {
                        _ = try await outbox.append(contentsOf: (0..<20).map { makeDraft(index * 100 + $0) })
                        return nil
                    } catch let error as OutboxError {
                        return error.code
                    }
                }
            }
            try await waitUntil("all appends queued", timeout: .seconds(60)) { outbox.queuedJobsForTesting >= 20 }
            gate.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await held
        #expect(codes.count == 20)
        #expect(codes.allSatisfy { $0 == .diskFull })
        #expect(outbox.statistics().depth == 1)
    }
}
