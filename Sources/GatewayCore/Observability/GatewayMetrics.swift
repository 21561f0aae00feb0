import GatewayCodes

/// The gateway's metrics by name: what `/metrics` exports and what the components report into.
///
/// One instance per daemon, passed to the components that count (the observed event sink, the forwarder,
/// device services). Metric names follow Prometheus conventions (`_total` counters, base units in seconds).
public struct GatewayMetrics: Sendable {
    public let registry: MetricsRegistry

    public static let scans = "spd_scans_total"
    public static let decodeErrors = "spd_decode_errors_total"
    public static let events = "spd_events_total"
    public static let outboxDepth = "spd_outbox_depth"
    public static let outboxOldestAge = "spd_outbox_oldest_unacked_seconds"
    public static let ackLatency = "spd_ack_latency_seconds"
    public static let reconnects = "spd_reconnects_total"
    public static let modbusErrors = "spd_modbus_errors_total"
    public static let modbusPolls = "spd_modbus_polls_total"
    public static let deviceErrors = "spd_device_errors_total"

    public init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        registry.declareCounter(Self.scans, help: "Scans received, by source kind.", labels: ["source"])
        registry.declareCounter(Self.decodeErrors, help: "Scans that did not decode, by error kind.", labels: ["kind"])
        registry.declareCounter(Self.events, help: "Events committed to the outbox, by type.", labels: ["type"])
        registry.declareGauge(Self.outboxDepth, help: "Events in the outbox not yet acknowledged by the backend.")
        registry.declareGauge(
            Self.outboxOldestAge, help: "Age of the oldest unacknowledged event, seconds (0 when empty).")
        registry.declareHistogram(
            Self.ackLatency, help: "Time from sending an event to the backend's acknowledgement, seconds.",
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
        registry.declareCounter(
            Self.reconnects, help: "Connections lost or failed, by link (backend, device id).", labels: ["link"])
        registry.declareCounter(
            Self.modbusErrors, help: "Failed Modbus requests, by bus and slave unit.", labels: ["bus", "unit"])
        registry.declareCounter(
            Self.modbusPolls, help: "Completed Modbus requests, by bus and slave unit.", labels: ["bus", "unit"])
        registry.declareCounter(
            Self.deviceErrors, help: "Device read errors, faults and unplugs, by device id.", labels: ["device"])
    }

    /// Counts a committed event, and for scans the decode outcome.
    public func recordCommitted(_ draft: EventDraft) {
        registry.increment(Self.events, labels: [draft.type.rawValue])
        guard draft.raw != nil else { return }
        registry.increment(Self.scans, labels: [draft.source?.kind ?? "unknown"])
        if let error = draft.code?.error {
            registry.increment(Self.decodeErrors, labels: [error.kind.rawValue])
        }
    }

    /// Records the outbox's depth and oldest pending age.
    public func recordOutbox(_ statistics: OutboxStatistics, nowMilliseconds: Int64) {
        registry.set(Self.outboxDepth, to: Double(statistics.depth))
        let age = statistics.oldestPendingMilliseconds.map { max(0, Double(nowMilliseconds - $0) / 1000) } ?? 0
        registry.set(Self.outboxOldestAge, to: age)
    }

    /// Records send-to-ack latencies of acknowledged events.
    public func recordAcknowledged(latencies: [Duration]) {
        for latency in latencies {
            let components = latency.components
            registry.observe(Self.ackLatency, Double(components.seconds) + Double(components.attoseconds) / 1e18)
        }
    }

    /// Counts a lost or failed connection.
    public func recordReconnect(link: String) {
        registry.increment(Self.reconnects, labels: [link])
    }

    /// Counts one Modbus request's outcome.
    public func recordModbus(bus: String, unit: Int, failed: Bool) {
        registry.increment(failed ? Self.modbusErrors : Self.modbusPolls, labels: [bus, String(unit)])
    }

    /// Counts a device error.
    public func recordDeviceError(device: String) {
        registry.increment(Self.deviceErrors, labels: [device])
    }
}
