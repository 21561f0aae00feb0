import GatewayCore

/// The most recently committed pending events, kept in memory so the forwarder's reads of what it has not sent
/// yet do not queue on the outbox thread behind the producers' fsyncs (the read is the hop between "durable" and
/// "on the wire"; at thousands of events per second it was most of the accept-to-ack time).
///
/// It mirrors exactly the pending rows whose sequence is at least ``coveredFrom``: every commit adds its events
/// after COMMIT, every deletion removes them after its COMMIT. A read that starts below ``coveredFrom`` (events
/// from before a restart, or older than the last `capacity` events) is answered by the database instead.
final class RecentEntries: Sendable {
    private struct Window {
        /// Sorted by sequence; `entries[head...]` are live.
        var entries: [OutboxEntry] = []
        var head = 0
        /// Every pending row with a sequence from here on is in `entries[head...]`.
        var coveredFrom: Int64
    }

    private let window: Locked<Window>
    let capacity: Int

    /// - Parameter nextSequence: the sequence the next commit hands out (nothing at or beyond it exists yet).
    init(nextSequence: Int64, capacity: Int) {
        window = Locked(Window(coveredFrom: nextSequence))
        self.capacity = max(1, capacity)
    }

    var coveredFrom: Int64 { window.withLock { $0.coveredFrom } }

    /// Events just committed (consecutive sequences, above everything already here).
    func committed(_ new: [OutboxEntry]) {
        guard !new.isEmpty else { return }
        window.withLock { window in
            window.entries.append(contentsOf: new)
            let excess = window.entries.count - window.head - capacity
            if excess > 0 {
                window.head += excess
                window.coveredFrom = window.entries[window.head].sequence
            }
            if window.head >= capacity {
                window.entries.removeFirst(window.head)
                window.head = 0
            }
        }
    }

    /// Events up to `sequence` were deleted (cumulative ack).
    func removeThrough(_ sequence: Int64) {
        window.withLock { window in
            while window.head < window.entries.count, window.entries[window.head].sequence <= sequence {
                window.head += 1
            }
            window.coveredFrom = max(window.coveredFrom, sequence + 1)
            if window.head == window.entries.count {
                window.entries.removeAll(keepingCapacity: true)
                window.head = 0
            }
        }
    }

    /// These events were deleted or moved to `rejected` (selective ack, nack).
    func remove(where isRemoved: (OutboxEntry) -> Bool) {
        window.withLock { window in
            let live = window.entries[window.head...].filter { !isRemoved($0) }
            window.entries = Array(live)
            window.head = 0
        }
    }

    /// Up to `limit` pending events after `sequence`, or nil when the window does not cover them all.
    func pending(after sequence: Int64, limit: Int) -> [OutboxEntry]? {
        window.withLock { window in
            guard sequence + 1 >= window.coveredFrom else { return nil }
            var start = window.head
            var end = window.entries.count
            // Binary search for the first entry above `sequence`.
            while start < end {
                let middle = (start + end) / 2
                if window.entries[middle].sequence <= sequence { start = middle + 1 } else { end = middle }
            }
            return Array(window.entries[start..<min(window.entries.count, start + max(0, limit))])
        }
    }
}
