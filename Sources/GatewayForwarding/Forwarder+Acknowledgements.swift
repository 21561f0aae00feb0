import GatewayCore

/// A cumulative ack as it arrived from the backend.
public struct AcknowledgementArrival: Sendable, Equatable {
    /// Every event up to and including this sequence is acknowledged.
    public var through: Int64
    /// CLOCK_MONOTONIC nanoseconds when the forwarder took the ack from the connection (the clock of the events'
    /// `mono_ns`), before the outbox deletes the events.
    public var monotonicNanoseconds: UInt64
}

extension Forwarder {
    /// Every cumulative ack from now on, stamped as it arrives. For tools that time delivery (the forwarding
    /// benchmark, tests) without polling the forwarder's status: a poller on a two-core gateway takes CPU from the
    /// forwarding it measures.
    ///
    /// The stream buffers without bound: consume it, or let it go (ending the iteration stops the recording).
    public func acknowledgementArrivals() -> AsyncStream<AcknowledgementArrival> {
        let (stream, continuation) = AsyncStream<AcknowledgementArrival>.makeStream()
        let key = arrivalObservers.withLock { observers in
            observers.nextKey += 1
            observers.continuations[observers.nextKey] = continuation
            return observers.nextKey
        }
        let observers = arrivalObservers
        continuation.onTermination = { _ in observers.withLock { _ = $0.continuations.removeValue(forKey: key) } }
        return stream
    }

    /// Tells the observers, if any, that an ack through `sequence` arrived at `monotonicNanoseconds`.
    func announceArrival(through sequence: Int64, at monotonicNanoseconds: UInt64) {
        arrivalObservers.withLock { observers in
            guard !observers.continuations.isEmpty else { return }
            let arrival = AcknowledgementArrival(through: sequence, monotonicNanoseconds: monotonicNanoseconds)
            for continuation in observers.continuations.values { continuation.yield(arrival) }
        }
    }
}

/// The open ``Forwarder/acknowledgementArrivals()`` streams.
struct AcknowledgementObservers: Sendable {
    var nextKey = 0
    var continuations: [Int: AsyncStream<AcknowledgementArrival>.Continuation] = [:]
}
