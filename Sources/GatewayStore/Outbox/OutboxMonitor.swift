import GatewayCore


/// The outbox's in-memory face, shared by the worker thread (which publishes after each commit) and callers on
/// any thread (which read statistics and subscribe to streams). Everything behind one mutex.
final class OutboxMonitor: Sendable {
    private struct State {
        var statistics: OutboxStatistics
        /// Transactions that committed appended events: fewer than appends means group commit worked.
        var appendCommits = 0
        var nextSubscriberID = 0
        var changeSubscribers: [Int: AsyncStream<Void>.Continuation] = [:]
        var highWaterSubscribers: [Int: AsyncStream<Bool>.Continuation] = [:]
        var isFinished = false

        /// A new subscriber id, or nil once the outbox is closed.
        mutating func register() -> Int? {
            guard !isFinished else { return nil }
            defer { nextSubscriberID += 1 }
            return nextSubscriberID
        }
    }

    private let state: Locked<State>

    init(statistics: OutboxStatistics) {
        state = Locked(State(statistics: statistics))
    }

    var statistics: OutboxStatistics { state.withLock { $0.statistics } }

    var appendCommits: Int { state.withLock { $0.appendCommits } }

    /// Installs new statistics after a commit; wakes `changes()` subscribers if events were added and
    /// `highWaterTransitions()` subscribers if the high-water state flipped.
    func publish(_ statistics: OutboxStatistics, eventsAdded: Bool) {
        let (changeSubscribers, highWaterSubscribers) = state.withLock { state in
            let flipped = state.statistics.isOverHighWater != statistics.isOverHighWater
            state.statistics = statistics
            if eventsAdded { state.appendCommits += 1 }
            return (eventsAdded ? Array(state.changeSubscribers.values) : [],
                    flipped ? Array(state.highWaterSubscribers.values) : [])
        }
        // Yield outside the lock: yielding never calls back into this monitor, but keeping the critical section
        // short costs nothing.
        for subscriber in changeSubscribers { subscriber.yield() }
        for subscriber in highWaterSubscribers { subscriber.yield(statistics.isOverHighWater) }
    }

    func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state -> Int? in
            guard let id = state.register() else { return nil }
            state.changeSubscribers[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.changeSubscribers.removeValue(forKey: id) }
        }
        return stream
    }

    func highWaterTransitions() -> AsyncStream<Bool> {
        // Transitions are rare; keeping a few lets a slow reader see raise-then-clear rather than only the last.
        let (stream, continuation) = AsyncStream<Bool>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id = state.withLock { state -> Int? in
            guard let id = state.register() else { return nil }
            state.highWaterSubscribers[id] = continuation
            // Under the lock, so no transition can slip between the current value and the registration.
            continuation.yield(state.statistics.isOverHighWater)
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.highWaterSubscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every stream (the outbox closed).
    func finish() {
        let subscribers = state.withLock { state in
            state.isFinished = true
            defer {
                state.changeSubscribers.removeAll()
                state.highWaterSubscribers.removeAll()
            }
            return (Array(state.changeSubscribers.values), Array(state.highWaterSubscribers.values))
        }
        for subscriber in subscribers.0 { subscriber.finish() }
        for subscriber in subscribers.1 { subscriber.finish() }
    }
}
