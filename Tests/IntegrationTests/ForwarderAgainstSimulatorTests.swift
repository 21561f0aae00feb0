import Foundation
import GatewayCore
import GatewayForwarding
import GatewayTesting
import Logging
import ServiceLifecycleTestKit
import Testing

/// The real forwarder (in process, over the in-memory outbox) against the real backend simulator process.
@Suite("Forwarder against the backend simulator", .serialized)
struct ForwarderAgainstSimulatorTests {
    /// `peerTimeout`: short only where a test is about a dead peer; elsewhere a loaded CI machine (the whole suite
    /// runs in parallel on two cores) must not make a healthy but slow simulator look dead.
    func settings(_ address: String, peerTimeout: Duration = .seconds(10)) -> BackendSettings {
        var settings = BackendSettings(endpoint: BackendEndpoint.parse(address)!)
        settings.window = 32
        settings.heartbeatInterval = .milliseconds(200)
        settings.peerTimeout = peerTimeout
        settings.reconnectMinimum = .milliseconds(20)
        settings.reconnectMaximum = .milliseconds(200)
        return settings
    }

    func draft(_ index: Int, station: String = "dock-1") -> EventDraft {
        var draft = EventDraft(
            type: .scan, timeMilliseconds: 1_795_420_800_000 + Int64(index), monotonicNanoseconds: UInt64(index),
            station: station, source: EventSource(kind: "scanner", id: station))
        draft.raw = "CODE-\(index)"
        return draft
    }

    /// Runs a forwarder for the duration of `body`, then shuts it down gracefully. `custom` replaces the
    /// settings (from ``settings(_:peerTimeout:)``); `logger` and `metrics` replace the defaults (warnings and
    /// above to stderr, no metrics).
    func withForwarder(
        outbox: any NamedOutbox, backend: BackendSimProcess,
        handlers: [String: any BackendCommandHandler] = [:], peerTimeout: Duration = .seconds(10),
        settings custom: BackendSettings? = nil, logger: Logger? = nil, metrics: GatewayMetrics? = nil,
        _ body: (Forwarder) async throws -> Void
    ) async throws {
        var defaultLogger = Logger(label: "test.forwarder")
        defaultLogger.logLevel = .warning
        let forwarder = try Forwarder(
            settings: custom ?? settings(backend.address, peerTimeout: peerTimeout),
            identity: GatewayIdentity(gatewayID: outbox.gatewayID, site: "test", software: "test"), outbox: outbox,
            commandHandlers: handlers, metrics: metrics, logger: logger ?? defaultLogger)
        try await testGracefulShutdown { trigger in
            let task = Task { try await forwarder.run() }
            try await body(forwarder)
            trigger.triggerGracefulShutdown()
            try await task.value
        }
    }

    func waitUntil(_ timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }

    @Test func deliversEveryEventInOrderAndEmptiesTheOutbox() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-1")
        try await withForwarder(outbox: outbox, backend: backend) { forwarder in
            for index in 1...500 { outbox.append(draft(index, station: index % 2 == 0 ? "dock-1" : "dock-2")) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(forwarder.status().eventsAcknowledged == 500)
            #expect(forwarder.status().state == .connected)
        }
        let report = try await backend.report()
        #expect(report.unique == 500)
        #expect(report.duplicates == 0)
        #expect(report.outOfOrderStations.isEmpty)
    }

    @Test func ackArrivalsAreAnnouncedInOrderAndStampedOnTheEventsClock() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-arrivals")
        try await withForwarder(outbox: outbox, backend: backend) { forwarder in
            let arrivals = forwarder.acknowledgementArrivals()
            let before = SystemClock().monotonicNanoseconds()
            for index in 1...200 { outbox.append(draft(index)) }
            var seen: [AcknowledgementArrival] = []
            for await arrival in arrivals {
                seen.append(arrival)
                if arrival.through >= 200 { break }
            }
            let after = SystemClock().monotonicNanoseconds()
            #expect(seen.last?.through == 200)
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.through < $1.through }, "cumulative, increasing")
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.monotonicNanoseconds <= $1.monotonicNanoseconds })
            #expect(seen.allSatisfy { (before...after).contains($0.monotonicNanoseconds) })
            #expect(forwarder.status().acknowledgedThrough == 200)
        }
    }

    @Test func backendRestartLosesNothingAndFlagsEveryResend() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-2")
        try await withForwarder(outbox: outbox, backend: backend) { forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            try backend.control("late-acks 50")
            for index in 1...300 {
                outbox.append(draft(index))
                if index == 150 { try backend.control("restart 300") }
            }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(forwarder.status().connections >= 2)
        }
        let report = try await backend.report()
        #expect(report.unique == 300)
        #expect(report.unflaggedDuplicates == 0, "every duplicate carried redelivered: true")
        #expect(report.outOfOrderStations.isEmpty)
    }

    @Test func garbageFromTheBackendIsLoggedAndSkippedWithoutLoss() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-3")
        try await withForwarder(outbox: outbox, backend: backend) { forwarder in
            for index in 1...50 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            try backend.control("garbage")
            #expect(await waitUntil { forwarder.status().invalidLines >= 7 })
            for index in 51...100 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(forwarder.status().connections == 1, "the connection survived the garbage")
        }
        #expect(try await backend.report().unique == 100)
    }

    @Test func hostileAckBeyondWhatWasSentDeletesNothingUnsent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, extraArguments: ["--ack-mode", "cumulative"])
        let outbox = MemoryOutbox(gatewayID: "gw-4")
        try await withForwarder(outbox: outbox, backend: backend) { _ in
            try backend.control("ack-beyond 1000")
            for index in 1...200 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
        }
        #expect(try await backend.report().unique == 200, "every event reached the backend before removal")
    }

    @Test func permanentNacksAreParkedAndRetryNacksAreResent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-5")
        try await withForwarder(outbox: outbox, backend: backend) { forwarder in
            try backend.control("nack-next 2")
            for index in 1...10 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(outbox.rejected.count == 2)
            #expect(forwarder.status().eventsRejected == 2)
            try backend.control("nack-next 1 retry")
            for index in 11...20 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(outbox.rejected.count == 2, "a retry nack is not a rejection")
        }
        let received = try backend.receivedEvents()
        #expect(Set(received.map(\.id)).count == 18, "8 + 10 accepted (the retried one arrived again)")
    }

    @Test func stalledBackendIsDetectedByHeartbeatsAndReconnected() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-6")
        try await withForwarder(outbox: outbox, backend: backend, peerTimeout: .milliseconds(1500)) { forwarder in
            outbox.append(draft(1))
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            try backend.control("stall 2500")
            outbox.append(draft(2))
            #expect(await waitUntil { forwarder.status().disconnects >= 1 }, "peer timeout closed the connection")
            #expect(await waitUntil { outbox.statistics().depth == 0 })
        }
        #expect(try await backend.report().unique == 2)
    }

    @Test func unsupportedCommandsAreAnsweredNotIgnored() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-7")
        try await withForwarder(outbox: outbox, backend: backend) { forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            try backend.control("command teleport cmd-1")
            #expect(try await waitUntil { try backend.stats()["replies"] == 1 })
        }
        let log = try String(contentsOfFile: backend.recordPath, encoding: .utf8)
        #expect(log.contains(#""error":"unsupported_command""#))
        #expect(log.contains(#""id":"cmd-1""#))
    }

    @Test func backendDownAtStartIsRetriedWithBackoff() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let outbox = MemoryOutbox(gatewayID: "gw-8")
        for index in 1...100 { outbox.append(draft(index)) }
        var logger = Logger(label: "test.forwarder")
        logger.logLevel = .critical
        let address = "unix:\(directory.file("backend.sock"))"
        let forwarder = try Forwarder(
            settings: settings(address), identity: GatewayIdentity(gatewayID: "gw-8", site: nil, software: "t"),
            outbox: outbox, logger: logger)
        try await testGracefulShutdown { trigger in
            let task = Task { try await forwarder.run() }
            #expect(await waitUntil { forwarder.status().disconnects >= 3 })
            let backend = try await BackendSimProcess(in: directory)
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            trigger.triggerGracefulShutdown()
            try await task.value
            #expect(try await backend.report().unique == 100)
        }
    }
}
