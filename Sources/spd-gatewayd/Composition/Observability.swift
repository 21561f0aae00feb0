import GatewayCore
import GatewayForwarding
import GatewayStore

#if canImport(Glibc)
import Glibc
#endif

/// What the daemon knows about itself, for `spd-gateway status`, `spd-gateway watch` and `/metrics`: the boards
/// services post to, the metrics they count into, and the broadcaster of committed events.
struct Observability: Sendable {
    let metrics = GatewayMetrics()
    let broadcaster = EventBroadcaster()
    let devices = DeviceStatusBoard()
    let sessions = SessionStatusBoard()
    let gateway: GatewaySettings
    let startedMilliseconds: Int64
    let clock: any GatewayClock

    init(gateway: GatewaySettings, clock: any GatewayClock) {
        self.gateway = gateway
        self.clock = clock
        startedMilliseconds = clock.wallMilliseconds()
    }

    /// The outbox as producers see it: every commit is counted and shown to watchers.
    func observedSink(_ outbox: Outbox) -> ObservedEventSink {
        ObservedEventSink(base: outbox, metrics: metrics, broadcaster: broadcaster)
    }

    /// A status report as of now.
    func report(outbox: Outbox, forwarder: Forwarder?, cache: GatewayStatusReport.Cache?) -> GatewayStatusReport {
        let now = clock.wallMilliseconds()
        var backend = GatewayStatusReport.Backend(state: "not_configured")
        if let status = forwarder?.status() {
            backend = GatewayStatusReport.Backend(state: status.state.rawValue, endpoint: status.endpoint)
            backend.sinceMilliseconds = status.sinceMilliseconds
            backend.connections = status.connections
            backend.disconnects = status.disconnects
            backend.lastError = status.lastError
            backend.eventsSent = status.eventsSent
            backend.eventsAcknowledged = status.eventsAcknowledged
            backend.backendName = status.backendName
        }
        return GatewayStatusReport(
            gateway: GatewayStatusReport.Gateway(
                id: gateway.id, site: gateway.site.isEmpty ? nil : gateway.site, version: GatewayVersion.current,
                pid: getpid(), startedMilliseconds: startedMilliseconds,
                uptimeSeconds: (now - startedMilliseconds) / 1000),
            backend: backend,
            outbox: GatewayStatusReport.Outbox(statistics: outbox.statistics(), nowMilliseconds: now),
            cache: cache, devices: devices.snapshot(), sessions: sessions.snapshot(),
            watchers: broadcaster.subscriberCount)
    }

    /// The metrics page, with the outbox gauges read fresh.
    func renderMetrics(outbox: Outbox) -> String {
        metrics.recordOutbox(outbox.statistics(), nowMilliseconds: clock.wallMilliseconds())
        return metrics.registry.renderPrometheus()
    }
}
