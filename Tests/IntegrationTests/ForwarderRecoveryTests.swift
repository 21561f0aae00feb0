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
    /// Regression: a hole above the ack point (here seq 6, settled before this backend came up) stalled forwarding
    /// for good. The backend acks a gap-free prefix from the hello's `last_acked_seq`, so it never passed 6; the
    /// window filled and heartbeats kept the connection alive. Now the ack timeout reconnects, and the new hello's
    /// `last_acked_seq` (which covers the rejected 6 once 1-5 are acked) lets the backend resume past the hole.
    @Test func holeInTheSequenceDoesNotStallForwarding() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let outbox = MemoryOutbox(gatewayID: "gw-hole")
        let events = (1...12).map { outbox.append(draft($0)) }
        try await outbox.reject(id: events[5].id, reason: "refused on an earlier connection")
        let backend = try await BackendSimProcess(in: directory)
        let log = CapturedLog()
        var custom = settings(backend.address)
        custom.window = 8
        custom.ackTimeout = .milliseconds(800)
        try await withForwarder(
            outbox: outbox, backend: backend, settings: custom, logger: log.logger(level: .warning)
        ) { forwarder in
            #expect(await waitUntil { outbox.statistics().depth == 0 }, "every event but the rejected one acked")
            #expect(outbox.statistics().lastAckedSequence == 12)
            #expect(forwarder.status().disconnects >= 1, "recovered by reconnecting")
        }
        let timeouts = log.all.filter { $0.level == .error && $0.metadata["event.seq"] == "7" }
        #expect(!timeouts.isEmpty, "the ack timeout names the event the backend is stuck on")
        let received = Set(try backend.receivedEvents().map(\.sequence))
        #expect(received == Set((1...12).filter { $0 != 6 }))
    }

    /// Regression: every backend hello reset the backoff, so a backend asking to retry every event was reconnected
    /// to at once, forever (31 connections in 2.5 s). The backoff now resets only when a connection made progress.
    @Test func retryNacksOnEveryConnectionBackOff() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-retry")
        var logger = Logger(label: "test.forwarder")
        logger.logLevel = .critical
        try await withForwarder(outbox: outbox, backend: backend, logger: logger) { forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            try backend.control("nack-next 100000 retry")
            let before = forwarder.status().connections
            outbox.append(draft(1))
            try await Task.sleep(for: .seconds(2))
            let during = forwarder.status().connections - before
            // 20-40, 40-80, 80-160, then 100-200 ms (reconnect_max 200 ms): about a dozen in 2 s. Without backoff,
            // 10-20 ms apart: a hundred or more.
            #expect(during >= 3, "it keeps retrying")
            #expect(during <= 25, "\(during) connections in 2 s")
            try backend.control("nack-next 0")
            #expect(await waitUntil { outbox.statistics().depth == 0 })
        }
    }

    /// Regression: acks by id never trimmed the send times (they grew without bound) and fed no latency to the
    /// `spd_ack_latency_seconds` histogram.
    @Test func acksByIDFeedTheLatencyHistogram() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory, extraArguments: ["--ack-mode", "ids"])
        let outbox = MemoryOutbox(gatewayID: "gw-ids")
        let metrics = GatewayMetrics()
        var custom = settings(backend.address)
        custom.ackTimeout = .seconds(1)
        try await withForwarder(outbox: outbox, backend: backend, settings: custom, metrics: metrics) { forwarder in
            for index in 1...100 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(metrics.registry.observationCount(GatewayMetrics.ackLatency) == 100)
            // Every event left the window: nothing is left to time out, so the connection stays.
            try await Task.sleep(for: .milliseconds(1500))
            #expect(forwarder.status().connections == 1)
            #expect(outbox.statistics().lastAckedSequence == 100, "id acks settle the prefix too")
        }
    }

    /// Regression: the change stream was created in a child task after the session's first pending read, so a
    /// commit in between went unnoticed until the next commit, ack or heartbeat reply.
    @Test func commitRightAfterTheFirstReadIsSentAtOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = LateCommitOutbox(MemoryOutbox(gatewayID: "gw-race"), draft: draft(1))
        // No heartbeat (and so no reply to trigger a send) in the time the test waits.
        var custom = settings(backend.address, peerTimeout: .seconds(60))
        custom.heartbeatInterval = .seconds(30)
        try await withForwarder(outbox: outbox, backend: backend, settings: custom) { _ in
            #expect(await waitUntil(.seconds(6)) { outbox.statistics().depth == 0 && outbox.reads > 0 })
        }
        #expect(try backend.receivedEvents().count == 1)
    }

    /// Regression: while draining at shutdown, each ack refilled the window, so events committed after shutdown
    /// began were first sent then (and the drain could go on sending instead of ending).
    @Test func nothingNewIsSentWhileDrainingAtShutdown() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-drain")
        var logger = Logger(label: "test.forwarder")
        logger.logLevel = .warning
        let forwarder = try Forwarder(
            settings: settings(backend.address),
            identity: GatewayIdentity(gatewayID: outbox.gatewayID, site: nil, software: "t"), outbox: outbox,
            logger: logger)
        try await testGracefulShutdown { trigger in
            let task = Task { try await forwarder.run() }
            #expect(await waitUntil { forwarder.status().state == .connected })
            try backend.control("late-acks 400")
            for index in 1...3 { outbox.append(draft(index)) }
            #expect(await waitUntil { forwarder.status().eventsSent == 3 })
            trigger.triggerGracefulShutdown()
            // Committed while the forwarder waits for the acks of 1-3.
            try await Task.sleep(for: .milliseconds(50))
            for index in 4...6 { outbox.append(draft(index)) }
            try await task.value
        }
        #expect(forwarder.status().eventsSent == 3, "4-6 wait for the next start")
        #expect(forwarder.status().eventsAcknowledged == 3, "the drain still took the acks of 1-3")
        #expect(try backend.receivedEvents().map(\.sequence) == [1, 2, 3])
    }

    /// Regression: a backend on another major protocol version was reported as a warning once and then only at
    /// debug, while docs/protocol.md promises an error in the log. It is an error now, at most once a minute.
    @Test func backendOnAnotherMajorVersionIsAnErrorInTheLog() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("v2.sock")
        let server = try FutureVersionBackend(path: path)
        defer { server.stop() }
        let outbox = MemoryOutbox(gatewayID: "gw-v2")
        let log = CapturedLog()
        var settings = settings("unix:\(path)")
        settings.reconnectMaximum = .milliseconds(100)
        let forwarder = try Forwarder(
            settings: settings, identity: GatewayIdentity(gatewayID: "gw-v2", site: nil, software: "t"),
            outbox: outbox, logger: log.logger(level: .info))
        try await testGracefulShutdown { trigger in
            let task = Task { try await forwarder.run() }
            #expect(await waitUntil { forwarder.status().disconnects >= 4 })
            trigger.triggerGracefulShutdown()
            try await task.value
        }
        let errors = log.all.filter { $0.level == .error }
        #expect(errors.count == 1, "one error, not one per attempt: \(errors.map(\.message))")
        #expect(errors.first?.metadata["error"]?.description.contains("protocol 2.0") == true)
    }
}

/// Regression double for the change-stream race: ``changes()`` waits (up to 2 s) until the first pending read is
/// over, and that read commits one more event right after reading, as a producer's commit can land there. A
/// forwarder that creates the stream only after its first read never hears of that commit.
final class LateCommitOutbox: NamedOutbox {
    let inner: MemoryOutbox
    let draft: EventDraft
    private let firstReadDone = DispatchSemaphore(value: 0)
    private let readCount = Locked(0)

    init(_ inner: MemoryOutbox, draft: EventDraft) {
        self.inner = inner
        self.draft = draft
    }

    var gatewayID: String { inner.gatewayID }
    var epoch: String { inner.epoch }
    var reads: Int { readCount.withLock { $0 } }

    func pending(afterSequence: Int64, limit: Int) async throws -> [OutboxEntry] {
        let entries = try await inner.pending(afterSequence: afterSequence, limit: limit)
        let first = readCount.withLock { count -> Bool in
            count += 1
            return count == 1
        }
        if first {
            inner.append(draft)
            firstReadDone.signal()
        }
        return entries
    }

    func changes() -> AsyncStream<Void> {
        _ = firstReadDone.wait(timeout: .now() + 2)
        return inner.changes()
    }

    func acknowledge(throughSequence: Int64) async throws -> Int {
        try await inner.acknowledge(throughSequence: throughSequence)
    }

    func acknowledge(ids: [String]) async throws -> Int { try await inner.acknowledge(ids: ids) }
    func reject(id: String, reason: String) async throws { try await inner.reject(id: id, reason: reason) }
    func statistics() -> OutboxStatistics { inner.statistics() }
}

/// A backend that answers every gateway hello with a protocol 2.0 hello and keeps the connection open until the
/// gateway closes it: the one thing under test is how the gateway reports the mismatch.
final class FutureVersionBackend: Sendable {
    let listener: Int32

    init(path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SimulatorFailed(message: "socket: errno \(errno)") }
        let bound = withUnixSocketAddress(path) { bind(descriptor, $0, $1) }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw SimulatorFailed(message: "bind/listen \(path): errno \(errno)")
        }
        listener = descriptor
        Thread.detachNewThread {
            while true {
                let connection = accept(descriptor, nil, nil)
                guard connection >= 0 else { return }  // the listener was shut down
                Thread.detachNewThread { Self.serve(connection) }
            }
        }
    }

    private static func serve(_ connection: Int32) {
        defer { close(connection) }
        let hello = Array(#"{"class":"hello","role":"backend","protocol":{"major":2,"minor":0},"backend":"v2"}"#.utf8)
            + [10]
        var buffer = [UInt8](repeating: 0, count: 4096)
        var answered = false
        while true {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            if !answered, buffer[..<count].contains(10) {
                answered = true
                _ = hello.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
