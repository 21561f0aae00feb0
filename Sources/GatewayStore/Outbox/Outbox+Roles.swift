import GatewayCore

// The outbox plays both roles the daemon wires up: where producers commit events (``EventSink``), and what the
// forwarder drains (``EventOutbox``). The method names already match; these declarations say so.
extension Outbox: EventOutbox {}

extension Outbox: EventSink {
    /// Same as ``append(_:)``: returns once the event is durable.
    public func commit(_ draft: EventDraft) async throws -> GatewayEvent {
        try await append(draft)
    }

    /// Same as ``append(_:checkpoint:)``.
    public func commit(_ drafts: [EventDraft], checkpoint: ProducerCheckpoint?) async throws -> [GatewayEvent] {
        try await append(drafts, checkpoint: checkpoint)
    }
}

extension Outbox: CheckpointStore {}
