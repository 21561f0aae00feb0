import GatewayTesting
import Testing

@testable import GatewayCore

@Suite("One item, one code: the consumption check on every commit")
struct ConsumptionCheckingSinkTests {
    static func consume(serial: String?, station: String = "dock-1", at time: Int64 = 1_000) -> EventDraft {
        var draft = EventDraft(type: .consume, timeMilliseconds: time, monotonicNanoseconds: 1, station: station)
        var item = ResolvedItem(
            status: .known, productID: "09506000134352", name: "Balloon", quantity: 1, highValue: true)
        item.serial = serial
        draft.item = item
        draft.quantity = 1
        return draft
    }

    @Test func aUniqueItemConsumedTwiceIsFlaggedTheSecondTimeWherever() async throws {
        let outbox = MemoryOutbox(gatewayID: "gw")
        let sink = ConsumptionCheckingSink(base: outbox, ledger: MemoryCatalog())
        let first = try await sink.commit(Self.consume(serial: "SN1"))
        let again = try await sink.commit(Self.consume(serial: "SN1", station: "cab-1", at: 2_000))
        let other = try await sink.commit(Self.consume(serial: "SN2"))
        #expect(first.draft.item?.flags == [])
        #expect(again.draft.item?.flags == [.alreadyConsumed])
        #expect(again.draft.item?.reason == "serial SN1 of 09506000134352 was already consumed")
        #expect(other.draft.item?.flags == [])
    }

    /// Regression: the ledger was marked before the commit, so a consume whose commit failed (disk full) came
    /// back flagged `already_consumed` when committed again; and its reference was the session, so a second consume
    /// of the same item within one session was taken for a retry.
    @Test func aRetriedConsumeIsNotFlaggedButASecondConsumeInTheSameSessionIs() async throws {
        let sink = ConsumptionCheckingSink(base: MemoryOutbox(gatewayID: "gw"), ledger: MemoryCatalog())
        var first = Self.consume(serial: "SN1")
        first.session = "dock-1-77"
        first.monotonicNanoseconds = 5_000
        #expect(sink.checked(first).item?.flags == [])
        #expect(sink.checked(first).item?.flags == [], "the same consume, committed again")
        var second = first
        second.monotonicNanoseconds = 9_000
        #expect(sink.checked(second).item?.flags == [.alreadyConsumed])
    }

    @Test func itemsWithoutSerialAndOtherEventTypesPassUntouched() async throws {
        let outbox = MemoryOutbox(gatewayID: "gw")
        let sink = ConsumptionCheckingSink(base: outbox, ledger: MemoryCatalog())
        let package = Self.consume(serial: nil)
        #expect(sink.checked(package) == package)
        #expect(sink.checked(package) == package, "a package code may be consumed many times")
        var returned = Self.consume(serial: "SN1")
        returned.type = .return
        #expect(sink.checked(returned) == returned)
        #expect(sink.checked(Self.consume(serial: "SN1")).item?.flags == [], "a return does not mark the item")
    }
}
