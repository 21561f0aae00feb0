import Foundation
import GatewayCore
import GatewayForwarding
import GatewayTesting
import Logging
import ServiceLifecycleTestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An outbox the forwarder tests can name in the hello.
protocol NamedOutbox: EventOutbox {
    var gatewayID: String { get }
}

extension MemoryOutbox: NamedOutbox {}

/// Regressions of the forwarder's recovery paths: holes in the sequence, retry nacks, id acks, commits racing the
/// first read, and shutdown.
extension ForwarderAgainstSimulatorTests {
    /// Regression: acks by id never trimmed the send times (they grew without bound) and fed no latency to the
    /// `spd_ack_latency_seconds` histogram.
    @Test func acksByIDFeedTheLatencyHistogram() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, extraArguments: ["--ack-mode", "ids"])
        let outbox = MemoryOutbox(gatewayID: "gw-ids")
        let metrics = GatewayMetrics()
        try await withForwarder(outbox: outbox, backend: backend, metrics: metrics) { _ in
            for index in 1...100 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(metrics.registry.observationCount(GatewayMetrics.ackLatency) == 100)
            #expect(outbox.statistics().lastAckedSequence == 100, "id acks settle the prefix too")
        }
    }
}
