import Synchronization

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
    }

    private let state: Mutex<State>

    init(statistics: OutboxStatistics) {
        state = Mutex(State(statistics: statistics))
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
        subscribe(continuation, \.changeSubscribers, initial: nil)
        return stream
    }

    func highWaterTransitions() -> AsyncStream<Bool> {
        // Transitions are rare; keeping a few lets a slow reader see raise-then-clear rather than only the last.
        let (stream, continuation) = AsyncStream<Bool>.makeStream(bufferingPolicy: .bufferingNewest(64))
        subscribe(continuation, \.highWaterSubscribers, initial: { $0.isOverHighWater })
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

    private func subscribe<Element: Sendable>(
        _ continuation: AsyncStream<Element>.Continuation,
        _ list: WritableKeyPath<State, [Int: AsyncStream<Element>.Continuation]> & Sendable,
        initial: ((OutboxStatistics) -> Element)?
    ) {
        let id: Int? = state.withLock { state in
            guard !state.isFinished else { return nil }
            let id = state.nextSubscriberID
            state.nextSubscriberID += 1
            state[keyPath: list][id] = continuation
            // Under the lock, so no transition can slip between the initial value and the registration.
            if let initial { continuation.yield(initial(state.statistics)) }
            return id
        }
        guard let id else { return continuation.finish() }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in state[keyPath: list][id] = nil }
        }
    }
}
