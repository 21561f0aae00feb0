/// The figures of one run, derived from the producers' traces and the watcher's trace.
struct RunMeasurements: Sendable {
    var events: Int
    /// Accepted events per second: N / (last append returned - first append submitted).
    var acceptedPerSecond: Double
    /// Acknowledged events per second over the whole run: N / (last acknowledged - first append submitted).
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
        acceptToAckReceived = Percentiles(zip(acceptedAt, watcher.ackReceivedAt).map { accepted, received in
            received >= accepted ? received - accepted : 0
        })
        let lastAccepted = acceptedAt.max() ?? start
        let lastAcknowledged = watcher.acknowledgedAt.max() ?? start
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
