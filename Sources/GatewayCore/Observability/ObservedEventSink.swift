/// An ``EventSink`` that, after each durable commit, counts the event in the metrics and shows it to watchers.
/// Every producer writes through it, so status, metrics and `watch` see exactly what the outbox holds.
public struct ObservedEventSink: EventSink {
    public let base: any EventSink
    public let metrics: GatewayMetrics
    public let broadcaster: EventBroadcaster

    public init(base: any EventSink, metrics: GatewayMetrics, broadcaster: EventBroadcaster) {
        self.base = base
        self.metrics = metrics
        self.broadcaster = broadcaster
    }

    public func commit(_ draft: EventDraft) async throws -> GatewayEvent {
        let event = try await base.commit(draft)
        metrics.recordCommitted(draft)
        broadcaster.publish(event)
        return event
    }

    public func commit(_ drafts: [EventDraft], checkpoint: ProducerCheckpoint?) async throws -> [GatewayEvent] {
        let events = try await base.commit(drafts, checkpoint: checkpoint)
        for event in events {
            metrics.recordCommitted(event.draft)
            broadcaster.publish(event)
        }
        return events
    }
}
