import GatewayCore
import Logging
import NIOCore
import ServiceLifecycle

/// One connection's life: hello, then events out and acks in until the connection ends or the daemon stops.
///
/// Inputs (backend lines, outbox changes, timer ticks, shutdown, command replies) are merged into one stream and
/// handled by a single loop, so the delivery bookkeeping has one owner and needs no locks. Commands are the
/// exception: they can take seconds, so a worker beside the loop carries them out (ForwardingSession+Commands.swift).
struct ForwardingSession {
    enum Input: Sendable {
        case message(BackendMessage, line: [UInt8])
        case invalid(WireError)
        case outboxChanged
        case tick
        case shutdown
        case closed(String)
        /// The reader handed a command to the worker: the backend is alive.
        case commandReceived
        /// The command worker's reply, for the loop to write.
        case reply(ReplyMessage)
    }

    let forwarder: Forwarder
    var tracker: DeliveryTracker
    /// When each in-flight event was written, oldest first (window-bounded: an event leaves when it is acked,
    /// cumulatively or by id, or nacked). For the ack-latency histogram and the ack timeout.
    var sendTimes: [(sequence: Int64, sentAt: ContinuousClock.Instant)] = []
    /// When the drain at shutdown ends; nil until shutdown began. Meanwhile in-flight events may still be acked,
    /// but nothing new is sent (``fill(_:)`` checks it).
    var drainingUntil: ContinuousClock.Instant?
    /// Set when the backend acknowledged or refused an event on this connection: the connection works.
    var progressed = false
    /// Cumulative acks for the outbox, applied by their own task (see ``run(on:backoff:)``).
    var acknowledgements: AsyncStream<Int64>.Continuation?
    /// How long the acknowledging task lets acks gather after each deletion.
    static let acknowledgementGathering = Duration.milliseconds(20)
    /// Stamps ack arrivals for ``Forwarder/acknowledgementArrivals()``.
    let arrivalClock = SystemClock()
    var logger: Logger { forwarder.logger }
    var settings: BackendSettings { forwarder.settings }

    init(forwarder: Forwarder, tracker: DeliveryTracker) {
        self.forwarder = forwarder
        self.tracker = tracker
    }

    /// Runs the conversation; returns true when it ended because the daemon is shutting down, throws when the
    /// connection ended. `tracker` holds the delivery state either way.
    mutating func run(
        on channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, backoff: inout ReconnectBackoff
    ) async throws -> Bool {
        var shutdown = false
        let settings = self.settings
        let forwarder = self.forwarder
        // Created before the first pending read (in `converse`): a commit between that read and the stream's
        // creation would otherwise go unnoticed until the next commit or ack.
        let changes = forwarder.outbox.changes()
        try await channel.executeThenClose { inbound, outbound in
            let (inputs, continuation) = AsyncStream<Input>.makeStream()
            let commands = CommandQueue<ReceivedCommand>(capacity: Forwarder.commandQueueCapacity) { count, peak in
                forwarder.update {
                    $0.commandsQueued = count
                    $0.commandsQueuedPeak = max($0.commandsQueuedPeak, peak)
                }
            }
            // Deleting acknowledged events waits behind the producers' commits on the outbox thread; done here,
            // the conversation keeps sending and reading acks meanwhile. Acks are cumulative, so only the newest
            // waiting one matters: a burst of them becomes one deletion.
            let (acknowledgements, acknowledgementSink) = AsyncStream<Int64>.makeStream(
                bufferingPolicy: .bufferingNewest(1))
            self.acknowledgements = acknowledgementSink
            defer {
                acknowledgementSink.finish()
                self.acknowledgements = nil
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await through in acknowledgements {
                        await Self.apply(acknowledgementThrough: through, forwarder: forwarder)
                        // Acks arrive hundreds of times a second under load; each deletion is a transaction with its
                        // own WAL pages (and later checkpoint work) on the thread every append waits for. Letting
                        // them gather for a moment turns them into a few deletions a second. Nothing depends on the
                        // deletion being prompt: the ack already counts, and an event not yet deleted when the
                        // connection or the process ends is only resent, flagged redelivered.
                        try? await Task.sleep(for: Self.acknowledgementGathering)
                    }
                }
                group.addTask {
                    await Self.carryOutCommands(from: commands, forwarder: forwarder, replies: continuation)
                }
                group.addTask {
                    var framer = LineFramer(maximumLength: settings.maximumLineBytes)
                    // Until the backend's hello, every line goes to the conversation, which refuses a backend that
                    // speaks before its hello.
                    var heardHello = false
                    do {
                        for try await buffer in inbound {
                            framer.append(buffer.readableBytesView)
                            while let frame = framer.next() {
                                let input = Self.parse(frame)
                                switch input {
                                case .message(.command(let command), let line) where heardHello:
                                    // Waits while the queue is full, and reads nothing meanwhile: NIO stops reading
                                    // the socket and TCP holds the backend back. Acks, nacks and heartbeats read so
                                    // far are applied meanwhile; the ones behind this command wait for room.
                                    continuation.yield(.commandReceived)
                                    let received = ReceivedCommand(command: command, line: line)
                                    guard await commands.send(received) else { return }
                                case .message(.hello, _):
                                    heardHello = true
                                    continuation.yield(input)
                                default:
                                    continuation.yield(input)
                                }
                            }
                        }
                        continuation.yield(.closed("backend closed the connection"))
                    } catch {
                        continuation.yield(.closed("read failed: \(error)"))
                    }
                }
                group.addTask {
                    for await _ in changes { continuation.yield(.outboxChanged) }
                }
                group.addTask {
                    let tick = min(settings.heartbeatInterval, .milliseconds(500))
                    while !Task.isCancelled {
                        try await Task.sleep(for: tick)
                        continuation.yield(.tick)
                    }
                }
                group.addTask {
                    try? await gracefulShutdown()
                    continuation.yield(.shutdown)
                }
                defer {
                    group.cancelAll()
                    // A reply the worker finishes from now on is dropped: the connection is closing.
                    continuation.finish()
                    commands.finish()
                }
                shutdown = try await self.converse(
                    inputs: inputs, outbound: outbound, commands: commands, backoff: &backoff)
                let through = forwarder.status().acknowledgedThrough
                if shutdown, through > 0 {
                    // Stopping: what the backend acknowledged is deleted now, not resent after the restart.
                    await Self.apply(acknowledgementThrough: through, forwarder: forwarder)
                }
            }
        }
        return shutdown
    }

    /// Deletes the events the backend acknowledged through `sequence`. A failure is logged and not fatal: the
    /// next ack covers these events too, and anything not deleted is only sent again (flagged redelivered).
    static func apply(acknowledgementThrough sequence: Int64, forwarder: Forwarder) async {
        do {
            let removed = try await forwarder.outbox.acknowledge(throughSequence: sequence)
            forwarder.update { $0.eventsAcknowledged += removed }
        } catch {
            forwarder.logger.error(
                "cannot delete acknowledged events", metadata: ["ack.through": "\(sequence)", "error": "\(error)"])
        }
    }

    /// Hands a cumulative ack that arrived at `arrivedAt` (CLOCK_MONOTONIC ns) to the deleting task, and announces
    /// it to ``Forwarder/acknowledgementArrivals()``.
    mutating func submit(acknowledgementThrough sequence: Int64, arrivedAt: UInt64) {
        forwarder.update { $0.acknowledgedThrough = max($0.acknowledgedThrough, sequence) }
        acknowledgements?.yield(sequence)
        forwarder.announceArrival(through: sequence, at: arrivedAt)
    }

    static func parse(_ frame: LineFramer.Frame) -> Input {
        switch frame {
        case .oversize(let length):
            return .invalid(WireError(.oversize, "line of \(length) bytes discarded"))
        case .line(let line):
            switch WireCodec.decodeBackendMessage(line) {
            case .success(let message): return .message(message, line: line)
            case .failure(let error): return .invalid(error)
            }
        }
    }

    /// The conversation; returns true when it ended because the daemon is shutting down.
    private mutating func converse(
        inputs: AsyncStream<Input>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        commands: CommandQueue<ReceivedCommand>, backoff: inout ReconnectBackoff
    ) async throws -> Bool {
        let clock = ContinuousClock()
        let statistics = forwarder.outbox.statistics()
        let hello = GatewayHello(
            gateway: forwarder.identity.gatewayID, site: forwarder.identity.site, software: forwarder.identity.software,
            epoch: forwarder.outbox.epoch, lastAckedSequence: statistics.lastAckedSequence,
            nextSequence: statistics.nextSequence, timeMilliseconds: WallClock.nowMilliseconds(),
            catalogVersion: forwarder.catalogVersion?())
        forwarder.setState(.handshaking)
        try await outbound.write(ByteBuffer(bytes: WireCodec.line(hello)))

        var greeted = false
        var greetedAt = clock.now
        // Whether this connection proved good (an ack or a refusal advanced, or it stayed up for the peer
        // timeout); only then does the reconnect delay start over. Until then a failure keeps growing it.
        var proven = false
        var lastHeard = clock.now
        var lastSent = clock.now
        let helloDeadline = clock.now + settings.connectTimeout + settings.heartbeatInterval

        for await input in inputs {
            switch input {
            case .closed(let reason):
                throw ConnectionEnded(description: reason)
            case .shutdown:
                guard greeted, !tracker.inFlight.isEmpty else { return true }
                // Give in-flight events a moment to be acknowledged so they are not resent after restart.
                drainingUntil = clock.now + .seconds(2)
            case .invalid(let error):
                lastHeard = clock.now
                forwarder.update { $0.invalidLines += 1 }
                logger.warning("ignored a line from the backend", metadata: ["error": "\(error)"])
            case .message(let message, _):
                lastHeard = clock.now
                if !greeted {
                    guard case .hello(let backendHello) = message else {
                        throw ConnectionEnded(description: "backend spoke before its hello")
                    }
                    try checkVersion(backendHello)
                    // The backoff is not reset here: a backend that greets and then fails the connection every
                    // time (a retry nack, a crash on some event) would otherwise be reconnected to at once, forever.
                    greeted = true
                    greetedAt = clock.now
                    forwarder.update { $0.backendName = backendHello.backend }
                    forwarder.setState(.connected)
                    logger.notice(
                        "connected to backend",
                        metadata: [
                            "backend.endpoint": "\(settings.endpoint)",
                            "backend.name": "\(backendHello.backend ?? "?")",
                            "outbox.depth": "\(statistics.depth)",
                        ])
                    lastSent = clock.now
                    try await fill(outbound)
                    continue
                }
                try await handle(message, outbound: outbound)
                if progressed && !proven {
                    proven = true
                    backoff.reset()
                }
                if drainingUntil != nil && tracker.inFlight.isEmpty { return true }
                if try await fill(outbound) { lastSent = clock.now }
            case .commandReceived:
                lastHeard = clock.now
            case .reply(let reply):
                try await outbound.write(ByteBuffer(bytes: WireCodec.line(reply)))
                lastSent = clock.now
            case .outboxChanged:
                if greeted, try await fill(outbound) { lastSent = clock.now }
            case .tick:
                let now = clock.now
                if let drainingUntil, now >= drainingUntil { return true }
                if !greeted {
                    if now >= helloDeadline { throw ConnectionEnded(description: "no hello from the backend") }
                    continue
                }
                // The reader holds a command it cannot queue yet: the backend is talking, the gateway is not
                // listening, and what the backend sent after the command (heartbeats, acks) waits behind it.
                let heldBackUntil = commands.producerHeldBack(now: now)
                if heldBackUntil == now { lastHeard = now }
                if now - lastHeard > settings.peerTimeout {
                    throw ConnectionEnded(description: "backend silent for \(settings.peerTimeout); presumed dead")
                }
                if !proven && now - greetedAt >= settings.peerTimeout {
                    // Up and answering for as long as it takes to declare a peer dead: a good connection too.
                    proven = true
                    backoff.reset()
                }
                try checkAcknowledgementTimeout(now: now, heldBackUntil: heldBackUntil)
                if now - lastSent >= settings.heartbeatInterval {
                    let heartbeat = HeartbeatMessage(
                        timeMilliseconds: WallClock.nowMilliseconds(),
                        outboxDepth: Int64(forwarder.outbox.statistics().depth))
                    try await outbound.write(ByteBuffer(bytes: WireCodec.line(heartbeat)))
                    lastSent = now
                }
            }
        }
        throw ConnectionEnded(description: "input ended")
    }

    func checkVersion(_ hello: BackendHello) throws {
        guard ProtocolVersion.current.isCompatible(with: hello.protocolVersion) else {
            throw ConnectionEnded(
                description: "backend speaks protocol \(hello.protocolVersion), "
                    + "this gateway \(ProtocolVersion.current)", incompatible: true)
        }
    }

    /// Ends the connection when the oldest event in flight has waited longer than `ack_timeout` for an ack.
    ///
    /// The backend answers heartbeats, so the peer timeout never fires, yet it will not ack this event: e.g. it
    /// acks a gap-free prefix and waits for a sequence that was settled here before (acked by id, or rejected) and
    /// is never sent again. The next hello's `last_acked_seq` lets it resume past that; the events in flight are
    /// sent again, flagged redelivered.
    ///
    /// The wait counts from when the event was sent or from when the reader was last held back by a full command
    /// queue (`heldBackUntil`), whichever is later: while it is held back the ack may be in the socket behind the
    /// commands (a backend that writes a whole snapshot at once), and a tick that falls between two commands of such
    /// a run must not end the connection. Once the reader kept up for `ack_timeout`, a missing ack is missing.
    func checkAcknowledgementTimeout(now: ContinuousClock.Instant, heldBackUntil: ContinuousClock.Instant?) throws {
        guard let oldest = sendTimes.first else { return }
        let waitingSince = max(oldest.sentAt, heldBackUntil ?? oldest.sentAt)
        guard now - waitingSince > settings.ackTimeout else { return }
        logger.error(
            "backend acknowledged no event since seq \(oldest.sequence) was sent; reconnecting",
            metadata: [
                "event.seq": "\(oldest.sequence)", "ack.timeout": "\(settings.ackTimeout)",
                "ack.through": "\(tracker.acknowledgedThrough)", "backend.endpoint": "\(settings.endpoint)",
            ])
        throw ConnectionEnded(description: "no ack for seq \(oldest.sequence) within \(settings.ackTimeout)")
    }

    /// Sends as many pending events as the window allows; returns whether anything was sent.
    @discardableResult
    mutating func fill(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> Bool {
        // Stopping: events committed now are sent by the next process, not squeezed into the drain.
        guard drainingUntil == nil else { return false }
        var sentAny = false
        while tracker.room > 0 {
            let entries = try await forwarder.outbox.pending(afterSequence: tracker.cursor, limit: tracker.room)
            let lines = tracker.send(entries)
            guard !lines.isEmpty else { break }
            var buffer = ByteBuffer()
            buffer.reserveCapacity(lines.reduce(0) { $0 + $1.count })
            for line in lines { buffer.writeBytes(line) }
            try await outbound.write(buffer)
            forwarder.update { $0.eventsSent += lines.count }
            let now = ContinuousClock.now
            for entry in entries where entry.sequence <= tracker.cursor { sendTimes.append((entry.sequence, now)) }
            sentAny = true
        }
        return sentAny
    }

    mutating func handle(
        _ message: BackendMessage, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        switch message {
        case .ack(let ack):
            if let sequence = ack.sequence {
                let arrivedAt = arrivalClock.monotonicNanoseconds()
                let outcome = tracker.acknowledge(throughSequence: sequence)
                // The window has room again: keep the pipe full first; the outbox is tidied by its own task.
                if case .stale = outcome {} else { try await fill(outbound) }
                switch outcome {
                case .acknowledge(let through):
                    progressed = true
                    recordLatencies(through: through)
                    submit(acknowledgementThrough: through, arrivedAt: arrivedAt)
                case .clamped(let through, let claimed):
                    logger.warning(
                        "backend acknowledged events it was not sent; ack clamped",
                        metadata: ["ack.claimed": "\(claimed)", "ack.applied": "\(through)"])
                    progressed = true
                    recordLatencies(through: through)
                    submit(acknowledgementThrough: through, arrivedAt: arrivedAt)
                case .stale:
                    break
                }
            }
            if let ids = ack.ids {
                let matched = tracker.acknowledge(ids: ids)
                if !matched.isEmpty {
                    progressed = true
                    settleSendTimes(recordingLatencies: true)
                    let removed = try await forwarder.outbox.acknowledge(ids: matched)
                    forwarder.update { $0.eventsAcknowledged += removed }
                }
            }
        case .nack(let nack):
            guard tracker.refuse(id: nack.id) != nil else {
                logger.info("nack for an event not in flight ignored", metadata: ["event.id": "\(nack.id)"])
                return
            }
            if nack.retry == true {
                logger.warning(
                    "backend asked to retry an event", metadata: ["event.id": "\(nack.id)", "reason": "\(nack.reason)"])
                // Resent on the next connection (with redelivered: true); closing now makes that immediate.
                throw ConnectionEnded(description: "retry requested for \(nack.id)")
            }
            settleSendTimes(recordingLatencies: false)
            try await forwarder.outbox.reject(id: nack.id, reason: nack.reason)
            progressed = true
            forwarder.update { $0.eventsRejected += 1 }
            logger.error(
                "backend rejected an event; kept in the outbox's rejected table",
                metadata: ["event.id": "\(nack.id)", "reason": "\(nack.reason)"])
        case .command, .heartbeat, .hello:
            // Commands never get here: the reader hands them to the command worker (see run(on:backoff:)).
            break
        case .unknown(let messageClass):
            logger.debug("ignored a message of unknown class", metadata: ["message.class": "\(messageClass)"])
        }
    }

    /// Feeds send-to-ack times of events acknowledged through `sequence` to the metrics, and forgets them.
    mutating func recordLatencies(through sequence: Int64) {
        guard !sendTimes.isEmpty else { return }
        let count = sendTimes.prefix { $0.sequence <= sequence }.count
        if let metrics = forwarder.metrics {
            let now = ContinuousClock.now
            metrics.recordAcknowledged(latencies: sendTimes[..<count].map { now - $0.sentAt })
        }
        sendTimes.removeFirst(count)
    }

    /// Forgets the send times of events that left the window out of order (acked by id, or nacked), feeding
    /// the acked ones' latencies to the metrics. Both lists are in sequence order, so one merge pass does it.
    mutating func settleSendTimes(recordingLatencies: Bool) {
        guard !sendTimes.isEmpty else { return }
        let now = ContinuousClock.now
        var inFlight = tracker.inFlight.makeIterator()
        var next = inFlight.next()
        var latencies: [Duration] = []
        sendTimes.removeAll { sent in
            while let current = next, current.sequence < sent.sequence { next = inFlight.next() }
            if let current = next, current.sequence == sent.sequence { return false }
            latencies.append(now - sent.sentAt)
            return true
        }
        if recordingLatencies, !latencies.isEmpty { forwarder.metrics?.recordAcknowledged(latencies: latencies) }
    }
}
