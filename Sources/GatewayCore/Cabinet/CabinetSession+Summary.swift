extension CabinetSession {
    /// A code scanned at the cabinet: a badge authorises, a wristband or surgery id binds the session, an item
    /// scanned during a session is taken (a consume in the summary). Anything else becomes a plain scan event.
    public mutating func scan(raw: String, resolution: CodeResolution) -> [CabinetAction] {
        switch resolution {
        case .user(let user):
            if case .success(let actions) = authorize(CabinetAuthorization(user: user, via: "badge")) { return actions }
        case .patient(let patient) where state.session != nil:
            let authorization = bound(patient: patient)
            state.session?.authorization = authorization
            isDirty = true
            return []
        case .surgery(let surgery) where state.session != nil:
            var authorization = state.session?.authorization ?? CabinetAuthorization(user: nil, via: "none")
            authorization.surgery = surgery
            state.session?.authorization = authorization
            isDirty = true
            return []
        case .item(let item) where state.phase == .open || state.phase == .settling:
            let scan = CabinetScan(
                raw: raw, item: item, timeMilliseconds: clock.wallMilliseconds(), monotonicNanoseconds: now)
            state.session?.scans.append(scan)
            isDirty = true
            return []
        default:
            break
        }
        var draft = makeDraft(.scan)
        draft.raw = raw
        if case .item(let item) = resolution { draft.item = item }
        append(draft)
        return []
    }

    func bound(patient: Party) -> CabinetAuthorization {
        var authorization = state.session?.authorization ?? CabinetAuthorization(user: nil, via: "none")
        authorization.patient = patient
        return authorization
    }

    /// The doors are closed and the scales settled (or the wait timed out): count, write the session's events,
    /// relock. Scans are the stronger evidence: a channel's weight-counted takes are reduced by the items of its
    /// product scanned in the same session, so nothing is billed twice.
    mutating func summarize() -> [CabinetAction] {
        guard let session = state.session else {
            enter(.idle)
            return [.lock]
        }
        var scannedByProduct: [String: Int] = [:]
        for scan in session.scans {
            var draft = makeDraft(.consume)
            draft.raw = scan.raw
            draft.item = scan.item
            draft.quantity = scan.item.quantity
            draft.timeMilliseconds = scan.timeMilliseconds
            draft.monotonicNanoseconds = scan.monotonicNanoseconds
            append(draft)
            if let productID = scan.item.productID { scannedByProduct[productID, default: 0] += scan.item.quantity }
            if scan.item.flags.contains(.expired) {
                emitAlarm(
                    CabinetAlarm.expiredItemTaken, severity: .critical,
                    message: "expired item \(scan.raw) was taken from \(settings.cabinet)")
            }
            if scan.item.flags.contains(.recalled) {
                emitAlarm(
                    CabinetAlarm.recalledItemTaken, severity: .critical,
                    message: "recalled item \(scan.raw) was taken from \(settings.cabinet)")
            }
        }
        for index in settings.channels.indices {
            countChannel(index, session: session, scannedByProduct: &scannedByProduct)
        }
        state.session = nil
        enter(.idle)
        emitLock(state: "locked")
        return [.lock]
    }

    mutating func countChannel(_ index: Int, session: CabinetSessionRecord, scannedByProduct: inout [String: Int]) {
        let channel = settings.channels[index]
        let before = index < session.before.count ? session.before[index] : nil
        let after = index < session.after.count ? session.after[index] : nil
        guard let before, let after else {
            // A channel that never settled (or was faulty) cannot be counted; if it had a reference, say so.
            guard before != nil || after != nil else { return }
            var draft = makeDraft(.weight)
            var detail = WeightDetail(
                cabinet: settings.cabinet, channel: channel, beforeGrams: before ?? 0, afterGrams: after ?? 0)
            detail.deltaGrams = 0
            detail.anomaly = before == nil ? "no_reference" : "not_stable"
            draft.weight = detail
            append(draft)
            if let after { state.references[index] = after }
            return
        }
        state.references[index] = after
        let bin = layout.bin(cabinet: settings.cabinet, channel: channel)
        let outcome = ItemCounter.count(
            delta: after - before, unitGrams: bin?.unitGrams, tolerance: bin?.tolerance ?? 0.3,
            deadbandGrams: settings.deadbandGrams)
        var evidence = weightDetail(channel: index, before: before, after: after)
        switch outcome {
        case .count(0):
            return
        case .anomaly(let reason):
            evidence.anomaly = reason
            var draft = makeDraft(.weight)
            draft.weight = evidence
            append(draft)
        case .count(let items):
            evidence.count = abs(items)
            var remaining = abs(items)
            if items < 0, let productID = bin?.productID {
                let covered = min(remaining, scannedByProduct[productID] ?? 0)
                scannedByProduct[productID, default: 0] -= covered
                remaining -= covered
            }
            var weightDraft = makeDraft(.weight)
            weightDraft.weight = evidence
            append(weightDraft)
            guard remaining > 0, let bin else { return }
            var draft = makeDraft(items < 0 ? .consume : .return)
            draft.item = bin.item
            draft.quantity = remaining
            draft.weight = evidence
            append(draft)
        }
    }
}
