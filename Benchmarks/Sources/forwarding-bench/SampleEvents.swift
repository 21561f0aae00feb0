import GatewayCore

/// Consume events shaped like the ones a scanner dock produces (station, source, user, patient, surgery,
/// GS1 raw text, quantity), spread over a few stations. No decoded `code` object: that needs GatewayCodes; the
/// line is about 0.5 KB, the size class of a real consume.
enum SampleEvents {
    static let stations = ["cathlab-1", "cathlab-2", "or-3", "or-4"]

    static func consume(_ index: Int) -> EventDraft {
        let station = stations[index % stations.count]
        var draft = EventDraft(
            type: .consume, timeMilliseconds: WallClock.nowMilliseconds(),
            monotonicNanoseconds: MonotonicClock.nanoseconds(), station: station,
            source: EventSource(kind: "scanner", id: "dock-\(index % stations.count + 1)"))
        draft.user = Party(id: "N\(4200 + index % 37)", role: "nurse")
        draft.patient = Party(id: "P-\(778_000 + index % 97)")
        draft.surgery = Party(id: "S-2026-\(10_000 + index % 13)")
        draft.raw = "0109506000134352172512311024A\(index % 1000)\u{1D}21SN\(100_000 + index)"
        draft.quantity = 1
        return draft
    }
}
