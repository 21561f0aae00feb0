import GatewayCore

/// Work handed to the outbox's worker thread.
enum OutboxJob: Sendable {
    /// Drafts to append, and the producer's state to store with them; the continuation gets their events after
    /// COMMIT.
    case append(AppendRequest, CheckedContinuation<[GatewayEvent], any Error>)
    /// Any other operation, run in submission order after the batch's appends.
    case perform(@Sendable (OutboxStore) -> Void)
}

/// One producer's append: its drafts and, optionally, its state to store in the same transaction.
struct AppendRequest: Sendable {
    var drafts: [EventDraft]
    /// Each draft's line without its identity, encoded by the caller before queueing (see ``EncodedEventBody``).
    var bodies: [EncodedEventBody]
    var checkpoint: ProducerCheckpoint?

    init(drafts: [EventDraft], gatewayID: String, checkpoint: ProducerCheckpoint?) {
        self.drafts = drafts
        bodies = drafts.map { WireCodec.eventBody($0, gateway: gatewayID) }
        self.checkpoint = checkpoint
    }
}

extension OutboxStore {
    /// Runs a batch of jobs taken from the worker queue: every append of the batch in ONE transaction (group
    /// commit: one fsync for all of them), then the other operations in order. Running appends first is safe:
    /// acknowledgements and rejections name events the backend has seen, which cannot be in this batch.
    func drain(_ jobs: [OutboxJob]) {
        var appends: [(request: AppendRequest, continuation: CheckedContinuation<[GatewayEvent], any Error>)] = []
        var others: [@Sendable (OutboxStore) -> Void] = []
        for job in jobs {
            switch job {
            case .append(let request, let continuation): appends.append((request, continuation))
            case .perform(let work): others.append(work)
            }
        }
        if !appends.isEmpty {
            switch Result(catching: { try commitAppends(appends.map(\.request)) }) {
            case .success(let events):
                for (request, committed) in zip(appends, events) { request.continuation.resume(returning: committed) }
            case .failure(let error):
                for request in appends { request.continuation.resume(throwing: error) }
            }
        }
        for work in others { work(self) }
    }

    /// Inserts every request's drafts, and stores its checkpoint, in one transaction; returns the events per request.
    private func commitAppends(_ requests: [AppendRequest]) throws -> [[GatewayEvent]] {
        let session = try openSession()
        let count = requests.reduce(0) { $0 + $1.drafts.count }
        let committed: [[GatewayEvent]]
        // The stored lines, for the in-memory window once the transaction has committed.
        var entries: [OutboxEntry] = []
        entries.reserveCapacity(count)
        do {
            // Durability of appends never depends on what an earlier operation left behind.
            try session.connection.setSynchronous(.full)
            committed = try session.connection.transaction(.immediate) {
                // Read inside the write transaction: no other connection can hand out a sequence meanwhile.
                var sequence = try Self.readSequenceBase(session)
                return try requests.map { request in
                    if let checkpoint = request.checkpoint {
                        try session.upsertCheckpoint.run(
                            .text(checkpoint.key), .blob(checkpoint.value), .integer(options.wallClockMilliseconds()))
                    }
                    return try zip(request.drafts, request.bodies).map { draft, body in
                        sequence += 1
                        let event = GatewayEvent(
                            id: GatewayEvent.makeID(gateway: gatewayID, epoch: epoch, sequence: sequence),
                            sequence: sequence, draft: draft)
                        let line = WireCodec.eventLine(id: event.id, sequence: sequence, body: body)
                        try session.insertEvent.run(
                            .integer(sequence), .text(event.id), .text(draft.type.rawValue),
                            draft.station.map { .text($0) } ?? .null, .integer(draft.timeMilliseconds), .blob(line))
                        entries.append(OutboxEntry(sequence: sequence, id: event.id, line: line))
                        return event
                    }
                }
            }
        } catch {
            throw OutboxError.storage(error, during: "append of \(count) events", path: path)
        }
        recent.committed(entries)
        guard let first = committed.lazy.flatMap({ $0 }).first,
              let last = committed.last(where: { !$0.isEmpty })?.last
        else { return committed }
        if statistics.depth == 0 {
            oldestPendingSequence = first.sequence
            statistics.oldestPendingMilliseconds = first.draft.timeMilliseconds
        }
        statistics.depth += count
        statistics.nextSequence = last.sequence + 1
        publish(eventsAdded: true)
        return committed
    }

    /// The value stored under `key` by the last committed checkpoint, if any.
    func checkpoint(_ key: String) throws -> [UInt8]? {
        let session = try openSession()
        var value: [UInt8]?
        do {
            try session.selectCheckpoint.forEachRow([.text(key)]) { value = $0.blob(at: 0) }
        } catch {
            throw OutboxError.storage(error, during: "read of checkpoint \(key)", path: path)
        }
        return value
    }

    /// Up to `limit` pending events after `afterSequence`, in sequence order.
    func pending(afterSequence: Int64, limit: Int) throws -> [OutboxEntry] {
        let session = try openSession()
        var entries: [OutboxEntry] = []
        do {
            try session.selectPending.forEachRow([.integer(afterSequence), .integer(Int64(max(limit, 0)))]) { row in
                entries.append(OutboxEntry(sequence: row.int64(at: 0), id: row.string(at: 1) ?? "",
                                           line: row.blob(at: 2)))
            }
        } catch {
            throw OutboxError.storage(error, during: "reading pending events", path: path)
        }
        return entries
    }

    /// Deletes every event up to `sequence` and records the new settled prefix as acknowledged.
    func acknowledge(throughSequence sequence: Int64) throws -> Int {
        let session = try openSession()
        // Never record more than was handed out: a garbage ack must not move the resume point into the future.
        let claimed = max(statistics.lastAckedSequence, min(sequence, statistics.nextSequence - 1))
        let deletesSomething = oldestPendingSequence.map { $0 <= sequence } ?? false
        guard deletesSomething || claimed != statistics.lastAckedSequence else { return 0 }
        let (deleted, oldest, newLastAcked): (Int, (sequence: Int64, createdMilliseconds: Int64)?, Int64)
        do {
            // An acknowledgement is committed without its own fsync (WAL + synchronous=NORMAL; the next append's
            // FULL commit syncs it along). Losing it to a power cut only means the backend gets those events again,
            // flagged redelivered and deduplicated by id; appends, which must never be lost, stay FULL.
            try session.connection.setSynchronous(.normal)
            defer { try? session.connection.setSynchronous(.full) }  // and appends re-assert FULL themselves
            (deleted, oldest, newLastAcked) = try session.connection.transaction(.immediate) {
                let deleted = try session.deleteThrough.run(.integer(sequence))
                let oldest = try Self.readOldest(session)
                // Everything through the ack has left `events` now, so the settled prefix covers `claimed`, and
                // sequences above it that were settled earlier (by id, or rejected) join it.
                return (deleted, oldest, try recordSettledPrefix(session, oldestPending: oldest?.sequence))
            }
        } catch {
            throw OutboxError.storage(error, during: "acknowledgement through \(sequence)", path: path)
        }
        recent.removeThrough(sequence)
        statistics.depth -= deleted
        statistics.lastAckedSequence = newLastAcked
        setOldest(oldest)
        publish(eventsAdded: false)
        return deleted
    }

    /// Deletes the events with these ids; unknown ids are ignored. Advances `last_acked_seq` over the settled
    /// prefix (see ``settledThrough(oldestPending:)``).
    func acknowledge(ids: [String]) throws -> Int {
        let session = try openSession()
        guard !ids.isEmpty else { return 0 }
        let (deleted, oldest, newLastAcked): (Int, (sequence: Int64, createdMilliseconds: Int64)?, Int64)
        do {
            (deleted, oldest, newLastAcked) = try session.connection.transaction(.immediate) {
                let deleted = try ids.reduce(0) { $0 + (try session.deleteByID.run(.text($1))) }
                let oldest = try Self.readOldest(session)
                return (deleted, oldest, try recordSettledPrefix(session, oldestPending: oldest?.sequence))
            }
        } catch {
            throw OutboxError.storage(error, during: "acknowledgement of \(ids.count) ids", path: path)
        }
        let removed = Set(ids)
        recent.remove { removed.contains($0.id) }
        statistics.depth -= deleted
        statistics.lastAckedSequence = newLastAcked
        setOldest(oldest)
        publish(eventsAdded: false)
        return deleted
    }

    /// The highest sequence through which every sequence is settled (acknowledged and deleted, or rejected) when
    /// the oldest pending event is `oldestPending` (nil: none pending). Sequences are handed out without gaps, so
    /// everything below the oldest pending event has left `events`. Never beyond the last sequence handed out.
    ///
    /// `last_acked_seq` follows this prefix, not only cumulative acks: a backend that counts a gap-free prefix
    /// from the hello's `last_acked_seq` would otherwise wait forever for an event settled individually (acked by
    /// id, or nacked without retry) that it will never be sent again.
    func settledThrough(oldestPending: Int64?) -> Int64 {
        min(oldestPending ?? statistics.nextSequence, statistics.nextSequence) - 1
    }

    /// Inside a write transaction: stores the settled prefix as `last_acked_seq` if it moved it forward; returns
    /// the (possibly unchanged) value, for ``statistics`` once the transaction committed.
    func recordSettledPrefix(_ session: Session, oldestPending: Int64?) throws -> Int64 {
        let settled = settledThrough(oldestPending: oldestPending)
        guard settled > statistics.lastAckedSequence else { return statistics.lastAckedSequence }
        try session.setMeta.run(.text(OutboxSchema.MetaKey.lastAckedSequence), .text(String(settled)))
        return settled
    }

    /// Moves a pending event to `rejected`, and advances `last_acked_seq` over the settled prefix. Rejecting an
    /// already rejected id again does nothing.
    func reject(id: String, reason: String) throws {
        let session = try openSession()
        let moved: (oldest: (sequence: Int64, createdMilliseconds: Int64)?, lastAcked: Int64)?
        do {
            moved = try session.connection.transaction(.immediate) {
                var found: (sequence: Int64, line: [UInt8])?
                try session.selectByID.forEachRow([.text(id)]) { found = ($0.int64(at: 0), $0.blob(at: 1)) }
                guard let found else {
                    var alreadyRejected = false
                    try session.countRejectedByID.forEachRow([.text(id)]) { alreadyRejected = $0.int64(at: 0) > 0 }
                    if alreadyRejected { return .none }
                    throw OutboxError(code: .unknownEvent,
                                      message: "no pending event \(id) in outbox \(path) (already acknowledged?)")
                }
                try session.insertRejected.run(.integer(found.sequence), .text(id), .text(reason),
                                               .integer(options.wallClockMilliseconds()), .blob(found.line))
                try session.deleteBySequence.run(.integer(found.sequence))
                let oldest = try Self.readOldest(session)
                return (oldest: oldest, lastAcked: try recordSettledPrefix(session, oldestPending: oldest?.sequence))
            }
        } catch {
            throw OutboxError.storage(error, during: "rejection of \(id)", path: path)
        }
        // nil: it was already rejected; nothing changed.
        guard let moved else { return }
        recent.remove { $0.id == id }
        statistics.depth -= 1
        statistics.rejectedCount += 1
        statistics.lastAckedSequence = moved.lastAcked
        setOldest(moved.oldest)
        publish(eventsAdded: false)
    }
}
