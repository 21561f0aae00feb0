import GatewayCodes
import Testing

@testable import GatewayCore

@Suite("Metrics registry and Prometheus text")
struct MetricsRegistryTests {
    @Test func countersGaugesAndLabelsRenderInTheExpositionFormat() {
        let registry = MetricsRegistry()
        registry.declareCounter("spd_events_total", help: "Events.", labels: ["type"])
        registry.declareGauge("spd_outbox_depth", help: "Depth.")
        registry.increment("spd_events_total", labels: ["scan"])
        registry.increment("spd_events_total", by: 2, labels: ["consume"])
        registry.set("spd_outbox_depth", to: 7)
        #expect(
            registry.renderPrometheus() == """
                # HELP spd_events_total Events.
                # TYPE spd_events_total counter
                spd_events_total{type="consume"} 2
                spd_events_total{type="scan"} 1
                # HELP spd_outbox_depth Depth.
                # TYPE spd_outbox_depth gauge
                spd_outbox_depth 7

                """)
    }

    @Test func anUntouchedUnlabelledSeriesIsZeroNotMissing() {
        let registry = MetricsRegistry()
        registry.declareGauge("g", help: "A gauge.")
        #expect(registry.renderPrometheus().hasSuffix("g 0\n"))
    }

    @Test func histogramBucketsAreCumulativeWithSumAndCount() {
        let registry = MetricsRegistry()
        registry.declareHistogram("lat", help: "Latency.", buckets: [0.01, 0.1])
        for value in [0.005, 0.05, 0.5] { registry.observe("lat", value) }
        let text = registry.renderPrometheus()
        #expect(text.contains("lat_bucket{le=\"0.01\"} 1\n"))
        #expect(text.contains("lat_bucket{le=\"0.1\"} 2\n"))
        #expect(text.contains("lat_bucket{le=\"+Inf\"} 3\n"))
        #expect(text.contains("lat_sum 0.555\n"))
        #expect(text.contains("lat_count 3\n"))
    }

    @Test func labelValuesAreEscaped() {
        let registry = MetricsRegistry()
        registry.declareCounter("c", help: "C.", labels: ["device"])
        registry.increment("c", labels: ["a\"b\\c\nd"])
        #expect(registry.renderPrometheus().contains(#"c{device="a\"b\\c\nd"} 1"#))
    }

    @Test func gatewayMetricsCountDecodeErrorsByKind() {
        let metrics = GatewayMetrics()
        var draft = EventDraft(
            type: .scan, timeMilliseconds: 0, monotonicNanoseconds: 0, source: EventSource(kind: "scanner", id: "s1"))
        draft.raw = "0109506000134353"
        draft.code = CodeDecoder().decode("0109506000134353")
        metrics.recordCommitted(draft)
        #expect(metrics.registry.value(GatewayMetrics.decodeErrors, labels: ["check_digit"]) == 1)
        #expect(metrics.registry.value(GatewayMetrics.scans, labels: ["scanner"]) == 1)
        #expect(metrics.registry.value(GatewayMetrics.events, labels: ["scan"]) == 1)
    }
}
