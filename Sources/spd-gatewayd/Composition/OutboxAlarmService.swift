import GatewayCore
import GatewayStore
import Logging
import ServiceLifecycle

/// Turns the outbox's high-water transitions into `alarm` events (raised and cleared) and log lines, so that an
/// unreachable backend is visible at the backend as soon as it comes back, and in the journal at once.
struct OutboxAlarmService: Service {
    let outbox: Outbox
    /// Where the alarm events go (the outbox, observed for metrics and watchers).
    let sink: any EventSink
    let station: String
    let clock: any GatewayClock
    let logger: Logger

    func run() async throws {
        // The stream starts with the current state; only a change (or being over the mark at start) is news.
        var last: Bool?
        for await isOver in outbox.highWaterTransitions().cancelOnGracefulShutdown() {
            defer { last = isOver }
            if isOver == last || (last == nil && !isOver) { continue }
            let statistics = outbox.statistics()
            let message =
                isOver
                ? "outbox holds \(statistics.depth) unacknowledged events "
                    + "(high-water mark \(statistics.highWaterMark)); "
                    + "events are still stored, check the backend connection"
                : "outbox back under its high-water mark (\(statistics.depth) events)"
            if isOver {
                logger.error("outbox over high-water mark", metadata: ["outbox.depth": "\(statistics.depth)"])
            } else {
                logger.notice("outbox back under high-water mark", metadata: ["outbox.depth": "\(statistics.depth)"])
            }
            var draft = EventDraft(
                type: .alarm, timeMilliseconds: clock.wallMilliseconds(),
                monotonicNanoseconds: clock.monotonicNanoseconds(),
                station: station, source: EventSource(kind: "gateway", id: station))
            draft.alarm = AlarmDetail(
                kind: "outbox_high_water", severity: isOver ? .critical : .info, message: message,
                state: isOver ? "raised" : "cleared")
            do {
                _ = try await sink.commit(draft)
            } catch {
                logger.error("could not store the outbox alarm event", metadata: ["error": "\(error)"])
            }
        }
    }
}
