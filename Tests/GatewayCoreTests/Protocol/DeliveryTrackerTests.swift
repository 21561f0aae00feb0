import GatewayTesting
import Testing

@testable import GatewayCore

@Suite("Delivery tracker")
struct DeliveryTrackerTests {
    func entries(_ range: ClosedRange<Int64>) -> [OutboxEntry] {
        range.map { OutboxEntry(sequence: $0, id: "g:e:\($0)", line: Array("{\"seq\":\($0)}\n".utf8)) }
    }

    @Test func sendsWithinTheWindowAndAdvancesTheCursor() {
        var tracker = DeliveryTracker(window: 3, lastAckedSequence: 0, possiblySentThrough: 0)
        let lines = tracker.send(entries(1...5))
        #expect(lines.count == 3)
        #expect(tracker.cursor == 3)
        #expect(tracker.room == 0)
        #expect(tracker.acknowledge(throughSequence: 2) == .acknowledge(through: 2))
        #expect(tracker.room == 2)
        #expect(tracker.send(entries(4...5)).count == 2)
    }

    @Test func eventsThatMayHaveBeenSentAreFlaggedRedelivered() {
        // A restart with 1...4 committed before: the previous process may have sent them.
        var tracker = DeliveryTracker(window: 10, lastAckedSequence: 1, possiblySentThrough: 4)
        let lines = tracker.send(entries(2...6)).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.filter { $0.contains("redelivered") }.count == 3)
        #expect(!lines[3].contains("redelivered"))
        // A reconnect: everything sent becomes possibly-sent.
        tracker.rewind()
        #expect(tracker.cursor == 1)
        #expect(tracker.send(entries(2...6)).allSatisfy { String(decoding: $0, as: UTF8.self).contains("redelivered") })
    }

    @Test func ackBeyondWhatWasSentIsClamped() {
        var tracker = DeliveryTracker(window: 10, lastAckedSequence: 0, possiblySentThrough: 0)
        _ = tracker.send(entries(1...3))
        #expect(tracker.acknowledge(throughSequence: 1000) == .clamped(to: 3, claimed: 1000))
        #expect(tracker.inFlight.isEmpty)
    }

    @Test func duplicateAndLateAcksAreStale() {
        var tracker = DeliveryTracker(window: 10, lastAckedSequence: 0, possiblySentThrough: 0)
        _ = tracker.send(entries(1...3))
        #expect(tracker.acknowledge(throughSequence: 3) == .acknowledge(through: 3))
        #expect(tracker.acknowledge(throughSequence: 3) == .stale)
        #expect(tracker.acknowledge(throughSequence: 2) == .stale)
    }

    @Test func selectiveAcksOnlyMatchEventsInFlight() {
        var tracker = DeliveryTracker(window: 10, lastAckedSequence: 0, possiblySentThrough: 0)
        _ = tracker.send(entries(1...3))
        #expect(tracker.acknowledge(ids: ["g:e:2", "g:e:99", "junk"]) == ["g:e:2"])
        #expect(tracker.inFlight.map(\.sequence) == [1, 3])
    }

    @Test func refusedEventsLeaveTheWindow() {
        var tracker = DeliveryTracker(window: 10, lastAckedSequence: 0, possiblySentThrough: 0)
        _ = tracker.send(entries(1...2))
        #expect(tracker.refuse(id: "g:e:1") == 1)
        #expect(tracker.refuse(id: "g:e:1") == nil)
    }

    @Test func backoffGrowsToTheMaximumWithJitterAndResets() {
        var backoff = ReconnectBackoff(minimum: .milliseconds(100), maximum: .seconds(2))
        var generator = SplitMix64(seed: 1)
        var delays: [Duration] = []
        for _ in 0..<8 { delays.append(backoff.nextDelay(using: &generator)) }
        #expect(delays[0] >= .milliseconds(100) && delays[0] <= .milliseconds(200))
        #expect(delays[3] >= .milliseconds(800) && delays[3] <= .milliseconds(1600))
        #expect(delays.allSatisfy { $0 <= .seconds(2) })
        #expect(delays[7] >= .seconds(1))
        backoff.reset()
        let afterReset = backoff.nextDelay(using: &generator)
        #expect(afterReset >= .milliseconds(100) && afterReset <= .milliseconds(200))
    }

    /// Regression: the first delay was drawn from `minimum / 2 ... minimum`, while `reconnect_min` is documented
    /// as the first reconnect delay. Every draw, over many seeds, stays within `minimum ... maximum`.
    @Test func backoffNeverWaitsLessThanTheMinimumNorMoreThanTheMaximum() {
        for seed in UInt64(1)...200 {
            var generator = SplitMix64(seed: seed)
            var backoff = ReconnectBackoff(minimum: .milliseconds(200), maximum: .seconds(1))
            for _ in 0..<6 {
                let delay = backoff.nextDelay(using: &generator)
                #expect(delay >= .milliseconds(200) && delay <= .seconds(1), "seed \(seed): \(delay)")
            }
        }
    }
}
