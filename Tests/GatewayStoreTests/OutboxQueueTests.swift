import GatewayCore
import Testing
@testable import GatewayStore

@Suite struct OutboxQueueTests {
    @Test func appendReturnsIdentityAndPendingReturnsTheStoredLines() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let first = try await outbox.append(makeDraft(1))
        let more = try await outbox.append(contentsOf: [makeDraft(2), makeDraft(3)])
        #expect(first.sequence == 1)
        #expect(more.map(\.sequence) == [2, 3])
        #expect(first.id == "gw-test:\(outbox.epoch):1")
        #expect(first.draft == makeDraft(1))

        let pending = try await outbox.pending(afterSequence: 0, limit: 10)
        #expect(pending.map(\.sequence) == [1, 2, 3])
        #expect(pending.map(\.id) == ([first] + more).map(\.id))
        #expect(try await outbox.pending(afterSequence: 1, limit: 1).map(\.sequence) == [2])
        #expect(try await outbox.pending(afterSequence: 3, limit: 10).isEmpty)
        #expect(try await outbox.append(contentsOf: []).isEmpty)
    }

    @Test func storedLineDecodesToTheSameEvent() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let event = try await outbox.append(makeDraft(42))
        let entry = try #require(try await outbox.pending(afterSequence: 0, limit: 1).first)
        #expect(entry.line.last == UInt8(ascii: "\n"))
        #expect(entry.line == WireCodec.eventLine(WireEvent(event: event, gateway: "gw-test")))
        guard case .success(.event(let wire)) = WireCodec.decodeGatewayMessage(entry.line.dropLast()) else {
            Issue.record("stored line did not decode as an event")
            return
        }
        #expect(wire.event == event)
        #expect(wire.gateway == "gw-test")
        #expect(wire.redelivered == nil)
    }

    @Test func cumulativeAcknowledgementDeletesThroughTheSequence() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        _ = try await outbox.append(contentsOf: (1...5).map { makeDraft($0) })
        #expect(try await outbox.acknowledge(throughSequence: 3) == 3)
        #expect(try await outbox.pending(afterSequence: 0, limit: 10).map(\.sequence) == [4, 5])
        // Repeated and stale acks change nothing.
        #expect(try await outbox.acknowledge(throughSequence: 3) == 0)
        #expect(try await outbox.acknowledge(throughSequence: 1) == 0)
        #expect(outbox.statistics().lastAckedSequence == 3)
        // An ack beyond anything handed out never moves the resume point into the future.
        #expect(try await outbox.acknowledge(throughSequence: 1_000) == 2)
        #expect(outbox.statistics().lastAckedSequence == 5)
    }

    @Test func selectiveAcknowledgementDeletesOnlyThoseIDs() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let events = try await outbox.append(contentsOf: (1...4).map { makeDraft($0) })
        #expect(try await outbox.acknowledge(ids: [events[1].id, events[3].id, "gw-test:ffffffff:9"]) == 2)
        #expect(try await outbox.pending(afterSequence: 0, limit: 10).map(\.sequence) == [1, 3])
        #expect(outbox.statistics().lastAckedSequence == 0)
        #expect(try await outbox.acknowledge(ids: []) == 0)
    }

    /// Regression: a hole above `last_acked_seq` (an event acked by id or rejected, with no cumulative ack past
    /// it) stalled forwarding for good, because the hello told a backend that counts a gap-free prefix to wait
    /// for a sequence it would never be sent again.
    @Test func lastAckedSequenceFollowsTheSettledPrefixOverIDAcksAndRejections() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let events = try await outbox.append(contentsOf: (1...8).map { makeDraft($0) })
        // Holes above the ack point do not move it while something below them is pending.
        try await outbox.reject(id: events[5].id, reason: "refused")
        _ = try await outbox.acknowledge(ids: [events[3].id])
        #expect(outbox.statistics().lastAckedSequence == 0)
        // The cumulative ack through 3 settles 1-3; 4 (by id) joins the prefix, 5 is pending.
        _ = try await outbox.acknowledge(throughSequence: 3)
        #expect(outbox.statistics().lastAckedSequence == 4)
        // Acking 5 by id: 6 was rejected, so the prefix runs through 6.
        _ = try await outbox.acknowledge(ids: [events[4].id])
        #expect(outbox.statistics().lastAckedSequence == 6)
        // A rejection of the oldest pending event moves it as well; with nothing pending, through the last one.
        try await outbox.reject(id: events[6].id, reason: "refused")
        #expect(outbox.statistics().lastAckedSequence == 7)
        _ = try await outbox.acknowledge(ids: [events[7].id])
        #expect(outbox.statistics().lastAckedSequence == 8)
        #expect(outbox.statistics().nextSequence == 9, "never beyond the last sequence handed out")
        // Durable: the file says the same after a reopen, and new events continue the sequence.
        await outbox.close()
        let reopened = try openOutbox(directory)
        #expect(reopened.statistics().lastAckedSequence == 8)
        #expect(try await reopened.append(makeDraft(9)).sequence == 9)
    }

    /// A file from before the settled-prefix rule (or edited by hand) with events settled below the oldest
    /// pending one and a lower `last_acked_seq`: opening it brings the ack point forward, durably.
    @Test func openingBringsAnOlderFilesAckPointUpToItsSettledPrefix() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        _ = try await outbox.append(contentsOf: (1...5).map { makeDraft($0) })
        await outbox.close()
        do {
            let db = try SQLiteConnection(path: directory.file("outbox.sqlite"))
            try db.execute("DELETE FROM events WHERE seq <= 3")  // as an id ack of an older release left it
        }
        let reopened = try openOutbox(directory)
        #expect(reopened.statistics().lastAckedSequence == 3)
        #expect(try await reopened.pending(afterSequence: 0, limit: 10).map(\.sequence) == [4, 5])
        await reopened.close()
        let reader = try SQLiteConnection(path: directory.file("outbox.sqlite"), flags: .readOnly)
        #expect(try reader.scalarInt64("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_acked_seq'") == 3)
    }

    @Test func rejectParksTheEventOutsidePending() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        let events = try await outbox.append(contentsOf: (1...3).map { makeDraft($0) })
        try await outbox.reject(id: events[1].id, reason: "unknown station")
        #expect(try await outbox.pending(afterSequence: 0, limit: 10).map(\.sequence) == [1, 3])
        #expect(outbox.statistics().rejectedCount == 1)
        #expect(outbox.statistics().depth == 2)
        // Rejecting twice (a duplicate nack) is harmless; an id never stored is an error.
        try await outbox.reject(id: events[1].id, reason: "again")
        let error = await #expect(throws: OutboxError.self) {
            try await outbox.reject(id: "gw-test:00000000:77", reason: "x")
        }
        #expect(error?.code == .unknownEvent)

        let reader = try SQLiteConnection(path: directory.file("outbox.sqlite"), flags: .readOnly)
        let row = try reader.prepare("SELECT seq, id, reason, rejected_ms, line FROM rejected")
        #expect(try row.step())
        #expect(row.int64(at: 0) == 2)
        #expect(row.string(at: 1) == events[1].id)
        #expect(row.string(at: 2) == "unknown station")
        #expect(row.int64(at: 3) == 1_763_999_000_000)
        #expect(row.blob(at: 4) == WireCodec.eventLine(WireEvent(event: events[1], gateway: "gw-test")))
        #expect(try !row.step())
    }

    @Test func statisticsFollowEveryOperation() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory, highWaterMark: 10)
        var expected = OutboxStatistics(depth: 0, oldestPendingMilliseconds: nil, lastAckedSequence: 0,
                                        nextSequence: 1, rejectedCount: 0, isOverHighWater: false, highWaterMark: 10)
        #expect(outbox.statistics() == expected)

        let events = try await outbox.append(contentsOf: (1...4).map { makeDraft($0) })
        expected.depth = 4
        expected.nextSequence = 5
        expected.oldestPendingMilliseconds = events[0].draft.timeMilliseconds
        #expect(outbox.statistics() == expected)

        _ = try await outbox.acknowledge(throughSequence: 1)
        expected.depth = 3
        expected.lastAckedSequence = 1
        expected.oldestPendingMilliseconds = events[1].draft.timeMilliseconds
        #expect(outbox.statistics() == expected)

        _ = try await outbox.acknowledge(ids: [events[1].id])
        expected.depth = 2
        expected.lastAckedSequence = 2  // 1 and 2 are settled
        expected.oldestPendingMilliseconds = events[2].draft.timeMilliseconds
        #expect(outbox.statistics() == expected)

        try await outbox.reject(id: events[2].id, reason: "bad")
        expected.depth = 1
        expected.rejectedCount = 1
        expected.lastAckedSequence = 3
        expected.oldestPendingMilliseconds = events[3].draft.timeMilliseconds
        #expect(outbox.statistics() == expected)

        _ = try await outbox.acknowledge(throughSequence: 4)
        expected.depth = 0
        expected.lastAckedSequence = 4
        expected.oldestPendingMilliseconds = nil
        #expect(outbox.statistics() == expected)

        // The same figures come back from the file after a reopen.
        await outbox.close()
        #expect(try openOutbox(directory, highWaterMark: 10).statistics() == expected)
    }

    @Test func changesYieldsAfterAppends() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        var changes = outbox.changes().makeAsyncIterator()
        _ = try await outbox.append(makeDraft(1))
        #expect(await changes.next() != nil)
        _ = try await outbox.append(makeDraft(2))
        #expect(await changes.next() != nil)
    }

    @Test func closedOutboxRefusesWork() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        _ = try await outbox.append(makeDraft(1))
        await outbox.close()
        let error = await #expect(throws: OutboxError.self) { try await outbox.append(makeDraft(2)) }
        #expect(error?.code == .closed)
        var changes = outbox.changes().makeAsyncIterator()
        #expect(await changes.next() == nil)
    }
}
