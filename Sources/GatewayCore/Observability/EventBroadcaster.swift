/// Fans committed events out to live watchers (`spd-gateway watch`).
///
/// Watching is for people: a watcher that falls behind loses its oldest unseen events (bounded buffer), never
/// slows the gateway down. The outbox, not this, is what guarantees delivery.
public final class EventBroadcaster: Sendable {
    private let subscribers = Locked<[Int: AsyncStream<GatewayEvent>.Continuation]>([:])
    private let nextID = Locked(0)
    /// Events buffered per watcher before the oldest are dropped.
    public let bufferLimit: Int

    public init(bufferLimit: Int = 1024) {
        self.bufferLimit = bufferLimit
    }

    /// A stream of every event committed from now on; ends when the consumer stops iterating.
    public func subscribe() -> AsyncStream<GatewayEvent> {
        let (stream, continuation) = AsyncStream<GatewayEvent>.makeStream(
            bufferingPolicy: .bufferingNewest(bufferLimit))
        let id = nextID.withLock { id in
            id += 1
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    /// Delivers an event to every watcher.
    public func publish(_ event: GatewayEvent) {
        let current = subscribers.withLock { Array($0.values) }
        for continuation in current { continuation.yield(event) }
    }

    /// Number of live watchers.
    public var subscriberCount: Int { subscribers.withLock { $0.count } }

    /// Ends every watcher's stream (at shutdown).
    public func finishAll() {
        let current = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in current { continuation.finish() }
    }
}
