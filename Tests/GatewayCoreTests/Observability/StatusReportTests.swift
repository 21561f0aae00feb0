import Testing

@testable import GatewayCore

@Suite("Status report, event summaries and the control socket settings")
struct StatusReportTests {
    static let now: Int64 = 1_795_420_800_000

    static func report() -> GatewayStatusReport {
        let statistics = OutboxStatistics(
            depth: 12, oldestPendingMilliseconds: now - 90_000, lastAckedSequence: 40, nextSequence: 53,
            rejectedCount: 1, isOverHighWater: true, highWaterMark: 10)
        var backend = GatewayStatusReport.Backend(state: "waiting", endpoint: "tcp://spd:7400")
        backend.lastError = "connection refused"
        backend.sinceMilliseconds = now - 5_000
        var scanner = DeviceStatus(id: "dock-1", kind: "evdev", state: "fault", sinceMilliseconds: now)
        scanner.errors = 2
        scanner.lastError = "read: No such device"
        var session = SessionStatus(
            id: "s-1", kind: "dock", station: "dock-1", state: "bound", sinceMilliseconds: now - 60_000)
        session.patient = SessionStatus.mask("P-778812")
        return GatewayStatusReport(
            gateway: .init(
                id: "or3-gw", site: "OR 3", version: "1.0", pid: 42, startedMilliseconds: now - 7_200_000,
                uptimeSeconds: 7200),
            backend: backend, outbox: .init(statistics: statistics, nowMilliseconds: now),
            cache: .init(version: 17, products: 5000, path: nil), devices: [scanner], sessions: [session])
    }

    @Test func textReportPutsProblemsWhereAPersonLooks() {
        let text = Self.report().renderText(nowMilliseconds: Self.now)
        #expect(text.contains("gateway   or3-gw (OR 3), version 1.0, pid 42, up 2h0m"))
        #expect(text.contains("backend   waiting tcp://spd:7400 for 5s; sent 0, acked 0, connection failures 0; "
            + "last error: connection refused"))
        #expect(
            text.contains("outbox    12 unacked, oldest 90s, next seq 53, rejected 1  ALARM: above high-water mark 10"))
        #expect(text.contains("cache     version 17, 5000 products"))
        #expect(text.contains("  dock-1 [evdev] fault, errors 2 (last: read: No such device)"))
        #expect(text.contains("  s-1 [dock] dock-1 bound patient *****812 for 60s"))
    }

    @Test func jsonReportRoundTripsWithSnakeCaseKeys() throws {
        let line = WireCodec.line(ControlStatusReply(status: Self.report()))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix("{\"class\":\"status\""))
        #expect(text.contains("\"oldest_unacked_age_s\":90"))
        #expect(text.contains("\"over_high_water\":true"))
        let decoded = try WireCodec.decode(ControlStatusReply.self, from: line.dropLast())
        #expect(decoded.status == Self.report())
    }

    @Test func patientIdentifiersAreMasked() {
        #expect(SessionStatus.mask("P-778812") == "*****812")
        #expect(SessionStatus.mask("12") == "***")
    }

    @Test func eventSummaryIsOneReadableLine() {
        var draft = EventDraft(
            type: .consume, timeMilliseconds: Self.now, monotonicNanoseconds: 1, station: "cathlab-2")
        draft.user = Party(id: "N0042", role: "nurse")
        draft.patient = Party(id: "P-778812")
        var item = ResolvedItem(status: .known, productID: "09506000134352", name: "Stent 3.0x18", quantity: 1)
        item.flags = [.nearExpiry]
        draft.item = item
        draft.quantity = 1
        let event = WireEvent(
            event: GatewayEvent(id: "gw:e:7", sequence: 7, draft: draft), gateway: "gw", redelivered: true)
        #expect(
            EventSummary.line(for: event)
                == "08:00:00.000 #7 consume cathlab-2 user N0042 patient *****812 Stent 3.0x18 [near_expiry] x1 "
                + "(redelivered)")
    }

    @Test func controlAndMetricsSectionsAreValidated() throws {
        let base = "[gateway]\nid = \"gw\"\n"
        let config = try GatewayConfig.load(
            text: base + "[control]\nsocket = \"/run/x.sock\"\n[metrics]\nlisten = \"tcp://127.0.0.1:9464\"\n",
            file: "gw.toml")
        #expect(config.control.socket == "/run/x.sock")
        #expect(config.metrics?.listen == .tcp(host: "127.0.0.1", port: 9464))
        #expect(try GatewayConfig.load(text: base, file: "gw.toml").metrics == nil, "metrics are off by default")
        do {
            _ = try GatewayConfig.load(
                text: base + "[control]\nsocket = \"relative.sock\"\n[metrics]\nlisten = \"unix:/x\"\n",
                file: "gw.toml")
            Issue.record("expected a configuration error")
        } catch {
            let text = error.issues.map(\.description).joined(separator: "\n")
            #expect(text.contains("gw.toml:4:"))
            #expect(text.contains("control.socket: expected an absolute path"))
            #expect(text.contains("metrics.listen: expected \"tcp://HOST:PORT\""))
        }
        #expect(
            ControlSettings.defaultSocketPath(runtimeDirectory: "/run/spd-gateway", stateDirectory: "/var/lib/x")
                == "/run/spd-gateway/control.sock")
        #expect(
            ControlSettings.defaultSocketPath(runtimeDirectory: nil, stateDirectory: "/var/lib/x")
                == "/var/lib/x/control.sock")
    }
}
