import GatewayCore

/// The durable queue of events between the devices and the backend, in its own SQLite file (WAL,
/// `synchronous=FULL`). An event is on disk before ``append(_:)`` returns, and leaves only when the backend
/// acknowledges it (or is parked in `rejected` when the backend refuses it for good).
///
/// All SQLite work runs on one dedicated thread; the `async` methods hop there and back, so the blocking C calls
/// and fsyncs never occupy the Swift cooperative pool. Appends that arrive while a commit is in progress are
/// committed together in the next transaction (group commit), each caller still getting its own events.
///
/// ```swift
/// let outbox = try Outbox.open(path: "/var/lib/spd-gateway/outbox.sqlite", gatewayID: "or-3",
///                              options: OutboxOptions())
/// let event = try await outbox.append(draft)        // durable now: tell the user it is recorded
/// let batch = try await outbox.pending(afterSequence: 0, limit: 256)
/// _ = try await outbox.acknowledge(throughSequence: batch.last!.sequence)
/// ```
public final class Outbox: Sendable {
    /// The database file.
    public let path: String
    /// The gateway id stored in the file and used in every event id.
    public let gatewayID: String
    /// 8 hex digits made when the file was created; part of every event id, so ids never repeat even if the
    /// file is lost and created anew.
    public let epoch: String
    let worker: SerialWorkerThread<OutboxJob>
    let monitor: OutboxMonitor
    let recent: RecentEntries
    let checkpointer: OutboxCheckpointer

    private init(path: String, gatewayID: String, epoch: String, worker: SerialWorkerThread<OutboxJob>,
                 monitor: OutboxMonitor, recent: RecentEntries, checkpointer: OutboxCheckpointer) {
        self.checkpointer = checkpointer
        self.path = path
        self.gatewayID = gatewayID
        self.epoch = epoch
        self.worker = worker
        self.monitor = monitor
        self.recent = recent
    }

    deinit {
        // Queued work still runs; then the thread closes the database and exits.
        worker.shutdown()
        monitor.finish()
    }

    /// Opens the outbox file, creating it (and its epoch) if it does not exist. Blocks while it opens, migrates
    /// and counts: call it at startup, not from a latency-sensitive task.
    ///
    /// - Parameters:
    ///   - path: e.g. `<state directory>/outbox.sqlite`; the directory must exist.
    ///   - gatewayID: this gateway's configured id. It must match the id stored in an existing file.
    /// - Throws: ``OutboxError`` — `.gatewayMismatch` if the file belongs to another gateway id,
    ///   `.incompatibleFile` if it was written by a newer version, `.storage` if it cannot be opened.
    public static func open(path: String, gatewayID: String, options: OutboxOptions = OutboxOptions()) throws
        -> Outbox
    {
        guard !gatewayID.isEmpty else {
            throw OutboxError(code: .gatewayMismatch, message: "the gateway id is empty; set gateway.id")
        }
        let store = try OutboxStore(path: path, gatewayID: gatewayID, options: options)
        let epoch = store.epoch
        let monitor = store.monitor
        let worker: SerialWorkerThread<OutboxJob>
        do {
            worker = try SerialWorkerThread(name: "spd-outbox") { jobs in store.drain(jobs) }
        } catch {
            throw OutboxError(code: .storage, message: "cannot start the outbox thread", cause: error)
        }
        return Outbox(path: path, gatewayID: gatewayID, epoch: epoch, worker: worker, monitor: monitor,
                      recent: store.recent, checkpointer: store.checkpointer)
    }

    /// How long the outbox's thread has been on its current batch of work (commits, reads, acks); nil while idle.
    /// Batches take milliseconds; one that goes on for many seconds means the file's storage stopped answering,
    /// and the daemon then stops feeding the systemd watchdog.
    public func busyDuration() -> Duration? {
        worker.busyNanoseconds.map { .nanoseconds(Int64(clamping: $0)) }
    }

    /// The default of ``healthProblem(stallLimit:)``: far above any batch's normal time (milliseconds, a WAL
    /// checkpoint included), and below systemd's `WatchdogSec=30s`, so the daemon is restarted within a minute.
    public static let defaultStallLimit: Duration = .seconds(20)

    /// Why the outbox is unhealthy, for the watchdog and the log: its thread has been on one batch for longer than
    /// `stallLimit`. Nil when healthy.
    public func healthProblem(stallLimit: Duration = defaultStallLimit) -> String? {
        guard let busy = busyDuration(), busy > stallLimit else { return nil }
        let seconds = busy.components.seconds
        return "the outbox has been writing to \(path) for \(seconds) s: its storage does not answer"
    }

    /// Stores one event durably and returns it with its id and sequence.
    ///
    /// Returns only after the transaction holding it committed with `synchronous=FULL`: the event survives a
    /// crash or power loss from then on. Not cancellable once submitted (the event may already be stored).
    /// - Throws: ``OutboxError`` `.diskFull` or `.storage`; then nothing of this call was stored.
    public func append(_ draft: EventDraft) async throws -> GatewayEvent {
        let events = try await append(contentsOf: [draft])
        return events[0]
    }

    /// Stores several events in one transaction (all or none), in order, with consecutive sequences.
    public func append(contentsOf drafts: [EventDraft]) async throws -> [GatewayEvent] {
        guard !drafts.isEmpty else { return [] }
        return try await append(drafts, checkpoint: nil)
    }

    /// Stores `drafts` (possibly none) and the producer's `checkpoint` in one transaction: after a crash either
    /// both are there or neither is. A producer whose state decides which events it produces next (a cabinet
    /// session) commits through this, so it never loses an event nor produces one twice.
    public func append(_ drafts: [EventDraft], checkpoint: ProducerCheckpoint?) async throws -> [GatewayEvent] {
        guard !drafts.isEmpty || checkpoint != nil else { return [] }
        // Encoded here, on the caller's thread, so the writer thread only splices in the identity.
        let request = AppendRequest(drafts: drafts, gatewayID: gatewayID, checkpoint: checkpoint)
        return try await withCheckedThrowingContinuation { continuation in
            if !worker.submit(.append(request, continuation)) { continuation.resume(throwing: closedError) }
        }
    }

    /// The value of the last checkpoint stored under `key`, if any.
    public func checkpoint(_ key: String) async throws -> [UInt8]? {
        try await perform { try $0.checkpoint(key) }
    }

    /// Up to `limit` pending events with a sequence above `afterSequence`, in sequence order; their stored lines
    /// are ready to send.
    public func pending(afterSequence: Int64, limit: Int) async throws -> [OutboxEntry] {
        // The newest events are answered from memory, without queueing behind the producers' commits.
        if let entries = recent.pending(after: afterSequence, limit: limit) { return entries }
        return try await perform { try $0.pending(afterSequence: afterSequence, limit: limit) }
    }

    /// The backend's cumulative ack: deletes every pending event with a sequence up to and including `sequence`
    /// and records it as `last_acked_seq` (never beyond the last sequence handed out), or further when the
    /// sequences after it were settled before (acknowledged by id or rejected): `last_acked_seq` is always the
    /// end of the settled prefix, so the next hello lets the backend resume past such holes.
    /// - Returns: the number of events deleted.
    @discardableResult
    public func acknowledge(throughSequence sequence: Int64) async throws -> Int {
        try await perform { try $0.acknowledge(throughSequence: sequence) }
    }

    /// The backend's selective ack: deletes the pending events with these ids; unknown ids are ignored. Moves
    /// `last_acked_seq` forward when every sequence below the oldest pending event is now settled.
    /// - Returns: the number of events deleted.
    @discardableResult
    public func acknowledge(ids: [String]) async throws -> Int {
        try await perform { try $0.acknowledge(ids: ids) }
    }

    /// The backend refused an event for good (nack): moves it to the `rejected` table, where it stays for a person
    /// to look at; it is no longer pending, and counts as settled for `last_acked_seq` (as for
    /// ``acknowledge(ids:)``). Repeating it for an already rejected id does nothing.
    /// - Throws: ``OutboxError`` `.unknownEvent` if no pending or rejected event has this id.
    public func reject(id: String, reason: String) async throws {
        try await perform { try $0.reject(id: id, reason: reason) }
    }

    /// Counters from memory, updated after every commit; cheap enough for every status request.
    public func statistics() -> OutboxStatistics {
        monitor.statistics
    }

    /// Yields after each commit that added events (several commits may coalesce into one element).
    /// Create the stream once, before the first ``pending(afterSequence:limit:)`` read, so no commit is missed.
    public func changes() -> AsyncStream<Void> {
        monitor.changes()
    }

    /// The high-water state: first the current value, then `true` each time the depth rises above
    /// ``OutboxOptions/highWaterMark`` and `false` each time it drops back to it or below.
    public func highWaterTransitions() -> AsyncStream<Bool> {
        monitor.highWaterTransitions()
    }

    /// Finishes queued work and closes the database; later calls throw `.closed`. Also happens when the last
    /// reference goes away, without waiting.
    public func close() async {
        _ = try? await perform { $0.close() }
        worker.shutdown()
        monitor.finish()
    }

    /// Runs `body` on the worker thread and returns its result.
    func perform<T: Sendable>(_ body: @escaping @Sendable (OutboxStore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = worker.submit(.perform { store in continuation.resume(with: Result { try body(store) }) })
            if !accepted { continuation.resume(throwing: closedError) }
        }
    }

    private var closedError: OutboxError { OutboxError(code: .closed, message: "outbox \(path) is closed") }
}
