import GatewayCore
import GatewayStore

/// What one producer saw: for each of its events, the sequence the outbox gave it, when `append` returned
/// ("accepted": durable from then on), and how long the producer waited for it.
struct ProducerTrace: Sendable {
    var sequences: [Int64] = []
    var acceptedAt: [UInt64] = []
    var appendNanoseconds: [UInt64] = []
}

/// K producers appending N events between them, each awaiting its own `append` before the next (a scanner
/// dock that beeps only once the event is durable). Without a rate it is a closed loop: each producer appends
/// again as soon as its append returned, so this measures the most the outbox + forwarder sustain for K
/// producers. With a rate, event i is not submitted before `start + i / rate` (open loop, as long as the
/// system keeps up): the latency an event sees at that load rather than at saturation.
enum ProducerLoad {
    static func run(outbox: Outbox, events: Int, producers: Int, eventsPerSecond: Int?) async throws
        -> [ProducerTrace]
    {
        let start = ContinuousClock.now
        return try await withThrowingTaskGroup(of: ProducerTrace.self) { group in
            for producer in 0..<min(producers, events) {
                group.addTask {
                    var trace = ProducerTrace()
                    let share = (events - producer + producers - 1) / producers
                    trace.sequences.reserveCapacity(share)
                    trace.acceptedAt.reserveCapacity(share)
                    trace.appendNanoseconds.reserveCapacity(share)
                    for index in stride(from: producer, to: events, by: producers) {
                        if let eventsPerSecond {
                            let due = start + .nanoseconds(Int64(index) * 1_000_000_000 / Int64(eventsPerSecond))
                            if due > .now { try await Task.sleep(until: due, clock: .continuous) }
                        }
                        let draft = SampleEvents.consume(index)
                        let submitted = MonotonicClock.nanoseconds()
                        let event = try await outbox.append(draft)
                        let accepted = MonotonicClock.nanoseconds()
                        trace.sequences.append(event.sequence)
                        trace.acceptedAt.append(accepted)
                        trace.appendNanoseconds.append(accepted - submitted)
                    }
                    return trace
                }
            }
            var traces: [ProducerTrace] = []
            for try await trace in group { traces.append(trace) }
            return traces
        }
    }
}
