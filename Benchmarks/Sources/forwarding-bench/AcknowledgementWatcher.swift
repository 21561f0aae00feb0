import Foundation
import GatewayCore
import GatewayForwarding
import GatewayStore

/// What the watcher saw: when each sequence became acknowledged, and how finely it looked.
struct AcknowledgementTrace: Sendable {
    /// Index `sequence - firstSequence`: monotonic ns of the first poll that saw the sequence acknowledged
    /// (`lastAckedSequence >= sequence`); 0 if never seen.
    var acknowledgedAt: [UInt64]
    /// The same for the ack's arrival at the forwarder (`ForwarderStatus.acknowledgedThrough >= sequence`), before
    /// the outbox deleted the event.
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

/// Measures acknowledgements from the outside, adding nothing to production code: a dedicated thread polls
/// `Outbox.statistics()` (a mutex and a struct copy) every `pollInterval` and stamps every sequence that became
/// acknowledged since the previous poll with the time of the poll that saw it. A stamp is therefore late by at
/// most one poll gap, never early.
///
/// `lastAckedSequence` moves when the forwarder's `acknowledge(throughSequence:)` transaction has committed, so
/// "acknowledged" here means: the backend acked it AND the outbox durably deleted it (the event has left the
/// gateway), not merely "the ack line arrived".
final class AcknowledgementWatcher: Sendable {
    private let results: AsyncStream<AcknowledgementTrace>
    private let stopRequested = Locked(false)

    /// Starts watching at once (the thread runs before this returns), so no acknowledgement can be missed.
    /// - Parameters:
    ///   - sequences: the sequences to watch; the outbox must have acknowledged everything below them.
    ///   - timeout: give up (trace not complete) after this long.
    init(outbox: Outbox, forwarder: Forwarder, sequences: ClosedRange<Int64>, pollInterval: Duration, timeout: Duration) {
        let (results, continuation) = AsyncStream<AcknowledgementTrace>.makeStream()
        self.results = results
        let stopRequested = self.stopRequested
        let thread = Thread {
            let trace = Self.poll(
                outbox: outbox, forwarder: forwarder, sequences: sequences, pollInterval: pollInterval, timeout: timeout,
                stopRequested: stopRequested)
            continuation.yield(trace)
            continuation.finish()
        }
        thread.name = "ack-watcher"
        thread.start()
    }

    /// Waits for the watcher to finish (all acknowledged, timeout, or ``stop()``) and returns what it saw.
    func trace() async -> AcknowledgementTrace {
        for await trace in results { return trace }
        return AcknowledgementTrace(acknowledgedAt: [], ackReceivedAt: [])
    }

    /// Ends the watch early (a producer failed).
    func stop() { stopRequested.withLock { $0 = true } }

    private static func poll(
        outbox: Outbox, forwarder: Forwarder, sequences: ClosedRange<Int64>, pollInterval: Duration, timeout: Duration,
        stopRequested: Locked<Bool>
    ) -> AcknowledgementTrace {
        let first = sequences.lowerBound
        var trace = AcknowledgementTrace(
            acknowledgedAt: Array(repeating: 0, count: sequences.count), ackReceivedAt: Array(repeating: 0, count: sequences.count))
        trace.pollGaps.reserveCapacity(1 << 16)
        let initial = outbox.statistics()
        var acknowledgedThrough = max(initial.lastAckedSequence, first - 1)
        var receivedThrough = acknowledgedThrough
        var nextSequence = initial.nextSequence
        let (seconds, attoseconds) = pollInterval.components
        var sleep = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        let start = MonotonicClock.nanoseconds()
        let deadline = start + UInt64(timeout.components.seconds) * 1_000_000_000
        var previousPoll = start
        while true {
            let received = forwarder.status().acknowledgedThrough
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
            // Deleted implies received: an ack seen only in the outbox (status read first) counts as received now.
            let newlyReceived = min(max(received, statistics.lastAckedSequence), sequences.upperBound)
            if newlyReceived > receivedThrough {
                for sequence in (receivedThrough + 1)...newlyReceived { trace.ackReceivedAt[Int(sequence - first)] = now }
                receivedThrough = newlyReceived
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
