/// The figures of one run, derived from the producers' traces and the watcher's trace.
struct RunMeasurements: Sendable {
    var events: Int
    /// Accepted events per second: N / (last append returned - first append submitted).
    var acceptedPerSecond: Double
    /// Acknowledged events per second over the whole run: N / (last ack arrived - first append submitted).
    var acknowledgedPerSecond: Double
    /// From "append returned" to "seen acknowledged" (deleted from the outbox) by the watcher, per event.
    var acceptToAcknowledged: Percentiles
    /// From "append returned" to "the backend's ack arrived at the forwarder": the goal's "acked".
    var acceptToAckReceived: Percentiles
    /// The producer's wait inside `append` (durability, group commit, scheduling).
    var appendLatency: Percentiles
    /// The watcher's poll gaps: the resolution of `acceptToAcknowledged`.
    var pollGap: Percentiles
    var appendCommitsSeen: Int
    var acknowledgementCommitsSeen: Int
    var maximumDepth: Int
    /// Events the watcher saw acknowledged before their producer got to stamp "accepted" (the producer task
    /// was still waiting for a cooperative thread); counted as 0 latency.
    var acknowledgedBeforeStamped: Int
    var backendCounters: [String: Int]
    /// CPU per event on each side, and the machine's steal and iowait, over the run.
    var processorCost: RunProcessorCost?
    /// Where the events slower than the goal (accept -> ack in) were accepted in time: clustered (stalls) or spread.
    var tail: TailShape

    init(events: Int, start: UInt64, producers: [ProducerTrace], watcher: AcknowledgementTrace,
         firstSequence: Int64, backendCounters: [String: Int]) {
        self.events = events
        var acceptedAt = Array(repeating: UInt64(0), count: events)
        var appendLatencies: [UInt64] = []
        appendLatencies.reserveCapacity(events)
        for trace in producers {
            for (sequence, accepted) in zip(trace.sequences, trace.acceptedAt) {
                acceptedAt[Int(sequence - firstSequence)] = accepted
            }
            appendLatencies += trace.appendNanoseconds
        }
        var latencies: [UInt64] = []
        latencies.reserveCapacity(events)
        var early = 0
        for (accepted, acknowledged) in zip(acceptedAt, watcher.acknowledgedAt) {
            if acknowledged < accepted { early += 1 }
            latencies.append(acknowledged >= accepted ? acknowledged - accepted : 0)
        }
        let ackReceivedLatencies = zip(acceptedAt, watcher.ackReceivedAt).map { accepted, received in
            received >= accepted ? received - accepted : 0
        }
        acceptToAckReceived = Percentiles(ackReceivedLatencies)
        tail = TailShape(acceptedAt: acceptedAt, latencies: ackReceivedLatencies, start: start)
        let lastAccepted = acceptedAt.max() ?? start
        // Throughput counts an event as acked when its ack arrived (the goal's "acked"), as the latency does.
        let lastAcknowledged = watcher.ackReceivedAt.max() ?? start
        acceptedPerSecond = Double(events) / (Double(lastAccepted - start) / 1e9)
        acknowledgedPerSecond = Double(events) / (Double(lastAcknowledged - start) / 1e9)
        acceptToAcknowledged = Percentiles(latencies)
        appendLatency = Percentiles(appendLatencies)
        pollGap = Percentiles(watcher.pollGaps)
        appendCommitsSeen = watcher.appendCommitsSeen
        acknowledgementCommitsSeen = watcher.acknowledgementCommitsSeen
        maximumDepth = watcher.maximumDepth
        acknowledgedBeforeStamped = early
        self.backendCounters = backendCounters
    }
}

/// The events slower than the 5 ms goal, grouped into bursts: slow events accepted less than 10 ms apart belong to
/// one burst. A few large bursts point at stalls (a long commit, a descheduled thread); many bursts of one or two
/// point at steady queueing.
struct TailShape: Sendable {
    static let goalNanoseconds: UInt64 = 5_000_000
    static let burstGapNanoseconds: UInt64 = 10_000_000

    var slowEvents = 0
    var bursts = 0
    var largestBurst = 0
    /// Seconds since the run's start when the largest burst began.
    var largestBurstAt = 0.0

    init(acceptedAt: [UInt64], latencies: [UInt64], start: UInt64) {
        let slow = zip(acceptedAt, latencies).filter { $0.1 > Self.goalNanoseconds }.map(\.0).sorted()
        slowEvents = slow.count
        var burstStart = 0
        for index in slow.indices
        where index == slow.count - 1 || slow[index + 1] - slow[index] > Self.burstGapNanoseconds {
            bursts += 1
            let size = index - burstStart + 1
            if size > largestBurst {
                largestBurst = size
                largestBurstAt = Double(slow[burstStart] &- start) / 1e9
            }
            burstStart = index + 1
        }
    }
}
