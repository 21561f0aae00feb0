import Foundation
import GatewayCore
import GatewayForwarding
import GatewayStore

/// What the watcher saw: when each sequence became acknowledged, and how finely it looked.
struct AcknowledgementTrace: Sendable {
    /// Index `sequence - firstSequence`: monotonic ns of the first poll that saw the sequence acknowledged
    /// (`lastAckedSequence >= sequence`); 0 if never seen.
    var acknowledgedAt: [UInt64]
    /// Monotonic ns when the backend's cumulative ack covering the sequence arrived at the forwarder, as the
    /// forwarder stamped it (`Forwarder.acknowledgementArrivals()`), before the outbox deleted the event; exact,
    /// not polled.
    var ackReceivedAt: [UInt64]
    /// Time between consecutive polls, ns: the resolution of `acknowledgedAt`.
    var pollGaps: [UInt64] = []
    /// Changes of `nextSequence` seen: append transactions (a lower bound: two commits within one poll count once).
    var appendCommitsSeen = 0
    /// Changes of `lastAckedSequence` seen: acknowledgement transactions (same caveat).
    var acknowledgementCommitsSeen = 0
    var maximumDepth = 0
    var isComplete = false
}

/// Measures acknowledgements two ways:
/// - **ack in** (the goal's "acked"): the forwarder stamps every cumulative ack as it takes it from the connection
///   and announces it on `acknowledgementArrivals()`; a task collects the stamps. Exact, and it costs the run
///   nothing while no ack arrives. (Until 2026-11-23 this was polled like "deleted" below, every 100 us: 10,000
///   wake-ups a second on a two-core machine, taking CPU from the forwarding being measured.)
/// - **deleted**: a dedicated thread polls `Outbox.statistics()` (a mutex and a struct copy) every `pollInterval`
///   and stamps every sequence that became acknowledged since the previous poll with the time of the poll that saw
///   it: late by at most one poll gap, never early. `lastAckedSequence` moves when the forwarder's
///   `acknowledge(throughSequence:)` transaction has committed: the event has left the gateway.
final class AcknowledgementWatcher: Sendable {
    private let results: AsyncStream<AcknowledgementTrace>
    private let arrivals: Task<[AcknowledgementArrival], Never>
    private let sequences: ClosedRange<Int64>
    private let stopRequested = Locked(false)

    /// Starts watching at once (the thread runs before this returns), so no acknowledgement can be missed.
    /// - Parameters:
    ///   - sequences: the sequences to watch; the outbox must have acknowledged everything below them.
    ///   - timeout: give up (trace not complete) after this long.
    init(
        outbox: Outbox, forwarder: Forwarder, sequences: ClosedRange<Int64>, pollInterval: Duration, timeout: Duration
    ) {
        let (results, continuation) = AsyncStream<AcknowledgementTrace>.makeStream()
        self.results = results
        self.sequences = sequences
        // Subscribed here, before any event of the run exists, so no ack can be missed.
        let arrivalStream = forwarder.acknowledgementArrivals()
        let stopRequestedForArrivals = stopRequested
        arrivals = Task {
            var seen: [AcknowledgementArrival] = []
            for await arrival in arrivalStream {
                seen.append(arrival)
                if arrival.through >= sequences.upperBound || stopRequestedForArrivals.withLock({ $0 }) { break }
            }
            return seen
        }
        let stopRequested = self.stopRequested
        let thread = Thread {
            let trace = Self.poll(
                outbox: outbox, sequences: sequences, pollInterval: pollInterval, timeout: timeout,
                stopRequested: stopRequested)
            continuation.yield(trace)
            continuation.finish()
        }
        thread.name = "ack-watcher"
        thread.start()
    }

    /// Waits for the watcher to finish (all acknowledged, timeout, or ``stop()``) and returns what it saw.
    func trace() async -> AcknowledgementTrace {
        var polled = AcknowledgementTrace(acknowledgedAt: [], ackReceivedAt: [])
        for await trace in results {
            polled = trace
            break
        }
        if !polled.isComplete { arrivals.cancel() }
        let first = sequences.lowerBound
        var receivedThrough = first - 1
        polled.ackReceivedAt = Array(repeating: 0, count: sequences.count)
        for arrival in await arrivals.value where arrival.through > receivedThrough {
            let newlyReceived = min(arrival.through, sequences.upperBound)
            for sequence in (receivedThrough + 1)...newlyReceived {
                polled.ackReceivedAt[Int(sequence - first)] = arrival.monotonicNanoseconds
            }
            receivedThrough = newlyReceived
        }
        return polled
    }

    /// Ends the watch early (a producer failed).
    func stop() {
        stopRequested.withLock { $0 = true }
        arrivals.cancel()
    }

    private static func poll(
        outbox: Outbox, sequences: ClosedRange<Int64>, pollInterval: Duration, timeout: Duration,
        stopRequested: Locked<Bool>
    ) -> AcknowledgementTrace {
        let first = sequences.lowerBound
        var trace = AcknowledgementTrace(acknowledgedAt: Array(repeating: 0, count: sequences.count), ackReceivedAt: [])
        trace.pollGaps.reserveCapacity(1 << 16)
        let initial = outbox.statistics()
        var acknowledgedThrough = max(initial.lastAckedSequence, first - 1)
        var nextSequence = initial.nextSequence
        let (seconds, attoseconds) = pollInterval.components
        var sleep = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        let start = MonotonicClock.nanoseconds()
        let deadline = start + UInt64(timeout.components.seconds) * 1_000_000_000
        var previousPoll = start
        while true {
            let statistics = outbox.statistics()
            let now = MonotonicClock.nanoseconds()  // after the read: a stamp is never earlier than the ack
            trace.pollGaps.append(now - previousPoll)
            previousPoll = now
            trace.maximumDepth = max(trace.maximumDepth, statistics.depth)
            if statistics.nextSequence != nextSequence {
                trace.appendCommitsSeen += 1
                nextSequence = statistics.nextSequence
            }
            let newlyAcknowledged = min(statistics.lastAckedSequence, sequences.upperBound)
            if newlyAcknowledged > acknowledgedThrough {
                trace.acknowledgementCommitsSeen += 1
                for sequence in (acknowledgedThrough + 1)...newlyAcknowledged {
                    trace.acknowledgedAt[Int(sequence - first)] = now
                }
                acknowledgedThrough = newlyAcknowledged
            }
            if acknowledgedThrough >= sequences.upperBound {
                trace.isComplete = true
                return trace
            }
            if now > deadline || stopRequested.withLock({ $0 }) { return trace }
            nanosleep(&sleep, nil)
        }
    }
}
