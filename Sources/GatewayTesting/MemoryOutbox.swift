import GatewayCore

/// The in-memory twin of the durable outbox: same contract, no disk. For tests of the forwarder and of event
/// producers; `GatewayStore.Outbox` is the real one.
public final class MemoryOutbox: EventOutbox {
    private struct State {
        var entries: [OutboxEntry] = []
        var created: [Int64: Int64] = [:]
        var rejected: [(id: String, reason: String)] = []
        var nextSequence: Int64 = 1
        var lastAcked: Int64 = 0
        var watchers: [AsyncStream<Void>.Continuation] = []
        var checkpoints: [String: [UInt8]] = [:]

        /// `lastAcked` follows the settled prefix: every sequence below the oldest pending one has been
        /// acknowledged or rejected (the real outbox's rule, see `Outbox.acknowledge(ids:)`).
        mutating func advanceSettledPrefix() {
            lastAcked = max(lastAcked, (entries.first?.sequence ?? nextSequence) - 1)
        }
    }

    private let state = Locked(State())
    public let gatewayID: String
    public let epoch: String
    public let highWaterMark: Int

    public init(gatewayID: String, epoch: String = "0000beef", highWaterMark: Int = 100_000) {
        self.gatewayID = gatewayID
        self.epoch = epoch
        self.highWaterMark = highWaterMark
    }

    /// Commits a draft and returns the event with its identity.
    @discardableResult
    public func append(_ draft: EventDraft) -> GatewayEvent {
        let (event, watchers) = state.withLock { state -> (GatewayEvent, [AsyncStream<Void>.Continuation]) in
            let sequence = state.nextSequence
            state.nextSequence += 1
            let event = GatewayEvent(
                id: GatewayEvent.makeID(gateway: gatewayID, epoch: epoch, sequence: sequence), sequence: sequence,
                draft: draft)
            state.entries.append(
                OutboxEntry(
                    sequence: sequence, id: event.id,
                    line: WireCodec.eventLine(WireEvent(event: event, gateway: gatewayID))))
            state.created[sequence] = draft.timeMilliseconds
            return (event, state.watchers)
        }
        for watcher in watchers { watcher.yield() }
        return event
    }

    public func pending(afterSequence: Int64, limit: Int) async throws -> [OutboxEntry] {
        state.withLock { Array($0.entries.lazy.filter { $0.sequence > afterSequence }.prefix(limit)) }
    }

    public func acknowledge(throughSequence: Int64) async throws -> Int {
        state.withLock { state in
            let before = state.entries.count
            state.entries.removeAll { $0.sequence <= throughSequence }
            // As the real outbox: never beyond the last sequence handed out, and on to the settled prefix.
            state.lastAcked = max(state.lastAcked, min(throughSequence, state.nextSequence - 1))
            state.advanceSettledPrefix()
            return before - state.entries.count
        }
    }

    public func acknowledge(ids: [String]) async throws -> Int {
        let wanted = Set(ids)
        return state.withLock { state in
            let before = state.entries.count
            state.entries.removeAll { wanted.contains($0.id) }
            state.advanceSettledPrefix()
            return before - state.entries.count
        }
    }

    public func reject(id: String, reason: String) async throws {
        state.withLock { state in
            guard let index = state.entries.firstIndex(where: { $0.id == id }) else { return }
            state.entries.remove(at: index)
            state.rejected.append((id, reason))
            state.advanceSettledPrefix()
        }
    }

    /// Ids and reasons of rejected events.
    public var rejected: [(id: String, reason: String)] { state.withLock { $0.rejected } }

    public func statistics() -> OutboxStatistics {
        state.withLock { state in
            OutboxStatistics(
                depth: state.entries.count,
                oldestPendingMilliseconds: state.entries.first.flatMap { state.created[$0.sequence] },
                lastAckedSequence: state.lastAcked, nextSequence: state.nextSequence,
                rejectedCount: state.rejected.count, isOverHighWater: state.entries.count > highWaterMark,
                highWaterMark: highWaterMark)
        }
    }

    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLock { $0.watchers.append(continuation) }
        return stream
    }
}

extension MemoryOutbox: EventSink, CheckpointStore {
    public func commit(_ draft: EventDraft) async throws -> GatewayEvent { append(draft) }

    /// Not atomic across threads as the real outbox's transaction is; enough for tests of a single producer.
    public func commit(_ drafts: [EventDraft], checkpoint: ProducerCheckpoint?) async throws -> [GatewayEvent] {
        let events = drafts.map { append($0) }
        if let checkpoint { state.withLock { $0.checkpoints[checkpoint.key] = checkpoint.value } }
        return events
    }

    public func checkpoint(_ key: String) async throws -> [UInt8]? { state.withLock { $0.checkpoints[key] } }
}
