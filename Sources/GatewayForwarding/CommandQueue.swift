import GatewayCore

/// The backend's commands on their way from a session's reader to its command worker: first in, first out, and at
/// most `capacity` of them at once.
///
/// The reader waits in ``send(_:)`` while the queue is full; it then stops reading the connection, NIO stops
/// reading the socket, and TCP slows the backend down, so a backend that sends commands faster than the gateway
/// carries them out (a snapshot of millions of products) costs a bounded amount of memory. One producer and one
/// consumer: a second waiter on either side would replace the first.
final class CommandQueue<Element: Sendable>: Sendable {
    private struct State {
        var elements: [Element] = []
        var finished = false
        /// The producer waiting for room, the consumer waiting for an element: woken to look again.
        var producer: CheckedContinuation<Void, Never>?
        var consumer: CheckedContinuation<Void, Never>?
        var peak = 0
        /// When the consumer last made room for a waiting producer.
        var producerReleasedAt: ContinuousClock.Instant?

        subscript(side: Side) -> CheckedContinuation<Void, Never>? {
            get { side == .producer ? producer : consumer }
            set {
                if side == .producer { producer = newValue } else { consumer = newValue }
            }
        }
    }

    private enum Side { case producer, consumer }

    let capacity: Int
    private let state = Locked(State())
    /// Told the number of waiting elements after every change (under the queue's lock: keep it short).
    private let observe: @Sendable (_ count: Int, _ peak: Int) -> Void

    init(capacity: Int, observe: @escaping @Sendable (_ count: Int, _ peak: Int) -> Void = { _, _ in }) {
        precondition(capacity > 0, "a command queue needs room for at least one command")
        self.capacity = capacity
        self.observe = observe
    }

    /// Elements waiting to be taken.
    var count: Int { state.withLock { $0.elements.count } }

    /// Until when the producer was held back: `now` while it waits for room (what it holds has arrived but cannot be
    /// handed over yet), else the moment room was made for it last; nil if it never waited.
    func producerHeldBack(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        state.withLock { $0.producer != nil ? now : $0.producerReleasedAt }
    }

    /// Appends `element`, first waiting for room. Returns false, dropping `element`, when the queue was finished or
    /// the task cancelled meanwhile.
    func send(_ element: Element) async -> Bool {
        while true {
            let appended: Bool? = state.withLock { state in
                guard !state.finished, !Task.isCancelled else { return false }
                guard state.elements.count < capacity else { return nil }
                state.elements.append(element)
                state.peak = max(state.peak, state.elements.count)
                observe(state.elements.count, state.peak)
                if let consumer = state.consumer {
                    state.consumer = nil
                    consumer.resume()
                }
                return true
            }
            if let appended { return appended }
            await wait(.producer) { $0.finished || $0.elements.count < self.capacity }
        }
    }

    /// The oldest element, first waiting for one; nil once the queue is finished (what is left in it is dropped)
    /// or the task cancelled.
    func next() async -> Element? {
        while true {
            let taken: Element?? = state.withLock { state in
                guard !state.finished, !Task.isCancelled else { return .some(nil) }
                guard !state.elements.isEmpty else { return nil }
                let element = state.elements.removeFirst()
                observe(state.elements.count, state.peak)
                if let producer = state.producer {
                    state.producer = nil
                    state.producerReleasedAt = .now
                    producer.resume()
                }
                return element
            }
            if let taken { return taken }
            await wait(.consumer) { $0.finished || !$0.elements.isEmpty }
        }
    }

    /// Ends the queue: both sides stop waiting, ``send(_:)`` refuses and ``next()`` returns nil from now on.
    func finish() {
        let waiting = state.withLock { state in
            state.finished = true
            state.elements.removeAll()
            observe(0, state.peak)
            defer { (state.producer, state.consumer) = (nil, nil) }
            return [state.producer, state.consumer]
        }
        for continuation in waiting { continuation?.resume() }
    }

    /// Suspends until the other side wakes `side`, `ready` holds, or the task is cancelled.
    private func wait(_ side: Side, until ready: (State) -> Bool) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock the other side changes things under: a wake-up cannot fall in between.
                // Cancellation is flagged before the handler below runs, so it cannot fall in between either.
                let resumeNow = state.withLock { state in
                    if ready(state) || Task.isCancelled { return true }
                    state[side] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state in
                defer { state[side] = nil }
                return state[side]
            }
            continuation?.resume()
        }
    }
}
