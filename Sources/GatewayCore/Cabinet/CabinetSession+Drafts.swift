extension CabinetSession {
    /// A draft stamped now, for this cabinet and (when there is one) its session and the people it is bound to.
    func makeDraft(_ type: EventType) -> EventDraft {
        var draft = EventDraft(
            type: type, timeMilliseconds: clock.wallMilliseconds(), monotonicNanoseconds: now,
            station: settings.cabinet, source: EventSource(kind: "cabinet", id: settings.cabinet))
        if let session = state.session {
            draft.session = session.id
            draft.user = session.authorization?.user
            draft.patient = session.authorization?.patient
            draft.surgery = session.authorization?.surgery
        }
        return draft
    }

    mutating func append(_ draft: EventDraft) {
        state.outgoing.append(draft)
        isDirty = true
    }

    mutating func emitDoor(_ door: String, state doorState: String) {
        var draft = makeDraft(.door)
        draft.door = DoorDetail(cabinet: settings.cabinet, door: door, state: doorState)
        append(draft)
    }

    /// A `door` event for the lock output (`door` = `lock`).
    mutating func emitLock(state lockState: String) {
        emitDoor("lock", state: lockState)
    }

    func weightDetail(channel index: Int, before: Double, after: Double) -> WeightDetail {
        let channel = settings.channels[index]
        var detail = WeightDetail(cabinet: settings.cabinet, channel: channel, beforeGrams: before, afterGrams: after)
        detail.unitGrams = layout.bin(cabinet: settings.cabinet, channel: channel)?.unitGrams
        return detail
    }

    mutating func emitAlarm(
        _ kind: String, severity: AlarmDetail.Severity, message: String, state alarmState: String = "raised"
    ) {
        var draft = makeDraft(.alarm)
        draft.alarm = AlarmDetail(kind: kind, severity: severity, message: message, state: alarmState)
        append(draft)
    }

    /// Raises an alarm unless the same key is already raised.
    mutating func raise(_ key: String, kind: String? = nil, severity: AlarmDetail.Severity, message: String) {
        guard !state.raisedAlarms.contains(key) else { return }
        state.raisedAlarms.insert(key)
        emitAlarm(kind ?? key, severity: severity, message: message)
    }

    /// A one-off alarm (each occurrence is news, nothing clears it).
    mutating func raiseOnce(_ kind: String, severity: AlarmDetail.Severity, message: String) {
        emitAlarm(kind, severity: severity, message: message)
    }

    /// Clears a raised alarm with a `cleared` event.
    mutating func clear(_ key: String, kind: String? = nil, message: String) {
        guard state.raisedAlarms.contains(key) else { return }
        state.raisedAlarms.remove(key)
        emitAlarm(kind ?? key, severity: .info, message: message, state: "cleared")
    }

    /// A device event (a slave went silent or came back), through the same queue as everything else.
    public mutating func device(_ detail: DeviceDetail) {
        var draft = makeDraft(.device)
        draft.device = detail
        append(draft)
    }
}
