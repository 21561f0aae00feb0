/// An ``EventSink`` that records every one-item-one-code consume in the ledger before committing it, and flags
/// `already_consumed` when the same unique item (product + serial) was consumed before.
///
/// Every producer (dock, cabinet, network scanners) commits through it, so a unique item billed twice is caught
/// wherever the second scan happens. The flag informs the backend and the auditor; it never blocks the event.
public struct ConsumptionCheckingSink: EventSink {
    public let base: any EventSink
    public let ledger: any ConsumptionLedger

    public init(base: any EventSink, ledger: any ConsumptionLedger) {
        self.base = base
        self.ledger = ledger
    }

    public func commit(_ draft: EventDraft) async throws -> GatewayEvent {
        try await base.commit(checked(draft))
    }

    public func commit(_ drafts: [EventDraft], checkpoint: ProducerCheckpoint?) async throws -> [GatewayEvent] {
        try await base.commit(drafts.map(checked), checkpoint: checkpoint)
    }

    /// The draft, flagged if its unique item was consumed before (and recorded as consumed now).
    public func checked(_ draft: EventDraft) -> EventDraft {
        guard draft.type == .consume, var item = draft.item, let productID = item.productID,
            let serial = item.serial, !serial.isEmpty
        else { return draft }
        // The event id is assigned by the commit that follows; the ledger keeps the consume's own reference
        // instead: where, and the monotonic time it happened. A draft committed again after a failed commit keeps
        // it (not flagged); another consume of the item, even in the same session, has another one (flagged).
        let reference = "\(draft.session ?? draft.station ?? "-")@\(draft.monotonicNanoseconds)"
        guard !ledger.markConsumed(productID: productID, serial: serial, eventID: reference) else { return draft }
        if !item.flags.contains(.alreadyConsumed) { item.flags.append(.alreadyConsumed) }
        item.reason = item.reason ?? "serial \(serial) of \(productID) was already consumed"
        var flagged = draft
        flagged.item = item
        return flagged
    }
}
