import Foundation
import GatewayCore
import GatewayForwarding
import GatewayTesting
import Testing

/// Commands are carried out beside the conversation: acks keep flowing while one runs, and a backend that sends
/// commands faster than the gateway carries them out is held back instead of buffered.
extension ForwarderAgainstSimulatorTests {
    /// Stands in for the daemon's slow handlers (a catalogue chunk written to the cache, an unlock waiting for the
    /// lock board): holds every command until ``open()`` or its task is cancelled, counting what it started and
    /// finished.
    final class GatedCommandHandler: BackendCommandHandler {
        private let gate: AsyncStream<Void>
        private let opener: AsyncStream<Void>.Continuation
        private let counts = Locked((started: 0, finished: 0, cancelled: 0, ids: [String]()))

        init() {
            (gate, opener) = AsyncStream<Void>.makeStream()
        }

        var started: Int { counts.withLock { $0.started } }
        var finished: Int { counts.withLock { $0.finished } }
        /// Commands whose task was cancelled while they were held (their session ended).
        var cancelled: Int { counts.withLock { $0.cancelled } }
        /// The ids of the commands carried out, in the order they were.
        var finishedIDs: [String] { counts.withLock { $0.ids } }

        /// Lets every held command finish, and every later one pass at once.
        func open() { opener.finish() }

        func handle(_ command: CommandMessage, line: [UInt8]) async -> ReplyMessage {
            counts.withLock { $0.started += 1 }
            // Only one command is carried out at a time, so one iterator at a time; cancellation ends it.
            for await _ in gate {}
            let cancelled = Task.isCancelled
            counts.withLock {
                $0.finished += 1
                if cancelled { $0.cancelled += 1 }
                $0.ids.append(command.id)
            }
            return ReplyMessage(id: command.id, ok: true)
        }
    }

    /// Reply ids in the order the backend received them.
    func replyIDs(_ backend: BackendSimProcess) throws -> [String] {
        let text = (try? String(contentsOfFile: backend.recordPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                record["kind"] as? String == "reply", let message = record["message"] as? [String: Any]
            else { return nil }
            return message["id"] as? String
        }
    }

    @Test func eventsAreAckedWhileACommandIsCarriedOut() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-cmd-1")
        let handler = GatedCommandHandler()
        try await withForwarder(outbox: outbox, backend: backend, handlers: ["slow": handler]) { forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            try backend.control("command slow c-1")
            #expect(await waitUntil { handler.started == 1 })
            // Committed while the command runs: carried out inline, it was sent but its ack waited for the command.
            for index in 1...20 { outbox.append(draft(index)) }
            #expect(await waitUntil(.seconds(10)) { outbox.statistics().depth == 0 }, "acked during the command")
            #expect(forwarder.status().eventsAcknowledged == 20)
            #expect(handler.finished == 0)
            #expect(try backend.stats()["replies"] == 0)
            handler.open()
            #expect(try await waitUntil { try backend.stats()["replies"] == 1 })
            #expect(forwarder.status().connections == 1)
        }
        #expect(try replyIDs(backend) == ["c-1"])
        #expect(try await backend.report().unique == 20)
    }

    @Test func aFloodOfCommandsIsHeldBackAndRepliedToInOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-cmd-2")
        let handler = GatedCommandHandler()
        let count = 200
        try await withForwarder(outbox: outbox, backend: backend, handlers: ["slow": handler]) { forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            for index in 1...count { try backend.control("command slow c-\(index)") }
            #expect(await waitUntil { handler.started == 1 })
            // The reader fills the queue and then stops reading; the rest waits in the sockets, not in memory.
            let bound = Forwarder.commandQueueCapacity
            #expect(await waitUntil { forwarder.status().commandsQueued == bound })
            try await Task.sleep(for: .milliseconds(500))
            #expect(forwarder.status().commandsQueued == bound)
            #expect(forwarder.status().commandsQueuedPeak == bound)
            handler.open()
            #expect(try await waitUntil { try backend.stats()["replies"] == count })
            #expect(forwarder.status().commandsQueuedPeak == bound, "never more than the bound, all along")
            #expect(forwarder.status().commandsHandled == count)
            // Meanwhile the reader was held back many times; the connection stayed up and events still flow.
            for index in 1...20 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            #expect(forwarder.status().connections == 1)
        }
        let expected = (1...count).map { "c-\($0)" }
        #expect(handler.finishedIDs == expected, "carried out in arrival order")
        #expect(try replyIDs(backend) == expected, "replied to in command order")
    }

    @Test func anAckHeldBehindCommandsIsNotLate() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-cmd-5")
        let handler = GatedCommandHandler()
        var custom = settings(backend.address)
        custom.ackTimeout = .milliseconds(1000)
        try await withForwarder(outbox: outbox, backend: backend, handlers: ["slow": handler], settings: custom) {
            forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            for index in 1...20 { try backend.control("command slow c-\(index)") }
            #expect(await waitUntil { forwarder.status().commandsQueued == Forwarder.commandQueueCapacity })
            // Sent at once; the backend's ack waits in the socket behind the commands the gateway cannot take yet.
            outbox.append(draft(1))
            #expect(await waitUntil { forwarder.status().eventsSent == 1 })
            // Waiting out the timeout is the point: no event to wait for.
            try await Task.sleep(for: .milliseconds(2500))
            // An ended session would have dropped its queued commands (it counts as a disconnect only once the
            // command in progress is done).
            #expect(forwarder.status().commandsQueued == Forwarder.commandQueueCapacity, "the session is alive")
            #expect(outbox.statistics().depth == 1)
            handler.open()
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            let allReplied = try await waitUntil { try backend.stats()["replies"] == 20 }
            #expect(allReplied)
            #expect(forwarder.status().connections == 1)
        }
    }

    /// Stands in for the daemon's catalogue handler: each command takes a few milliseconds, as writing a chunk to
    /// the cache does.
    struct SlowCatalogHandler: BackendCommandHandler {
        let handled = Locked(0)

        func handle(_ command: CommandMessage, line: [UInt8]) async -> ReplyMessage {
            try? await Task.sleep(for: .milliseconds(5))
            handled.withLock { $0 += 1 }
            return ReplyMessage(id: command.id, ok: true)
        }
    }

    /// A JSONL catalogue of `count` products with valid GTIN-14 keys.
    func catalogueFile(_ directory: TemporaryDirectory, count: Int) throws -> String {
        let lines = (1...count).map { index in
            let digits = Array(String(format: "0950600%06d", index)).map { Int(String($0))! }
            // GS1 check digit: weights 3 and 1 alternating from the rightmost data digit.
            let sum = digits.reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
            let key = digits.map(String.init).joined() + String((10 - sum % 10) % 10)
            return #"{"kind":"product","key":"\#(key)","name":"Product \#(index)"}"#
        }
        return try directory.write("catalogue.jsonl", lines.joined(separator: "\n") + "\n")
    }

    /// The reviewer's case: an event scanned during a snapshot was sent at once but acked after the whole snapshot.
    @Test func anEventCommittedDuringASnapshotIsAckedBeforeTheSnapshotEnds() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-cmd-4")
        let handler = SlowCatalogHandler()
        let file = try catalogueFile(directory, count: 2000)
        // 400 chunks of 5 and a begin and a commit: 2 s of commands at least.
        let commands = 402
        try await withForwarder(outbox: outbox, backend: backend, handlers: ["catalog": handler]) { forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            let published = try backend.control("catalog \(file) 7 5")
            #expect(published == "ok catalog version 7 records 2000 sent to 1")
            #expect(await waitUntil { handler.handled.withLock { $0 } >= 20 })
            outbox.append(draft(1))
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            let handledAtAck = handler.handled.withLock { $0 }
            #expect(handledAtAck < commands / 2, "acked while the snapshot was being applied (\(handledAtAck) done)")
            #expect(forwarder.status().commandsQueuedPeak <= Forwarder.commandQueueCapacity)
            let allReplied = try await waitUntil { try backend.stats()["replies"] == commands }
            #expect(allReplied)
        }
    }

    @Test func aConnectionLostDuringACommandDropsItsReplyAndReconnects() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try await BackendSimProcess(in: directory)
        let outbox = MemoryOutbox(gatewayID: "gw-cmd-3")
        let handler = GatedCommandHandler()
        try await withForwarder(outbox: outbox, backend: backend, handlers: ["slow": handler]) { forwarder in
            #expect(await waitUntil { forwarder.status().state == .connected })
            try backend.control("command slow c-1")
            try backend.control("command slow c-2")
            #expect(await waitUntil { handler.started == 1 && forwarder.status().commandsQueued == 1 })
            _ = try backend.control("drop")
            // The session's end drops the command not yet begun, and waits for the one in progress without
            // cancelling it (a handler may be between two lock writes), then drops its reply.
            #expect(await waitUntil { forwarder.status().commandsQueued == 0 })
            #expect(forwarder.status().disconnects == 0, "the session waits for c-1")
            handler.open()
            #expect(await waitUntil { forwarder.status().connections >= 2 && forwarder.status().state == .connected })
            for index in 1...10 { outbox.append(draft(index)) }
            #expect(await waitUntil { outbox.statistics().depth == 0 })
            try backend.control("command slow c-3")
            #expect(try await waitUntil { try backend.stats()["replies"] == 1 })
        }
        #expect(handler.finishedIDs == ["c-1", "c-3"], "c-2 was read but not started: it got no reply, nor ran")
        #expect(handler.cancelled == 0, "c-1 ran to completion")
        #expect(try replyIDs(backend) == ["c-3"], "c-1's reply was not written to the closed connection")
    }
}
