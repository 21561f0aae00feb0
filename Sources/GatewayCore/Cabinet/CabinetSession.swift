/// The smart-cabinet session as a pure state machine: authenticate -> unlock -> door open -> scans and weight
/// changes -> door closed -> settle -> summary (consume / return events bound to user, patient, surgery and
/// cabinet) -> relock, with the alarms around it (door open too long, opened without authorisation, weight change
/// while locked, lock fault, expired or recalled item taken, scale fault).
///
/// No I/O: inputs come from the poller and scanners, time from the injected clock; events accumulate in
/// ``state``'s `outgoing` queue until the caller commits them (``markCommitted(_:)``), and the whole ``state`` is
/// what the caller persists, so a power loss mid-session resumes where it was
/// (``init(settings:layout:clock:restoring:)``).
public struct CabinetSession: Sendable {
    public let settings: CabinetSessionSettings
    let layout: any CabinetLayoutSource
    let clock: any GatewayClock
    public internal(set) var state: CabinetState
    /// Whether ``state`` changed since the caller last persisted it (``markPersisted()``).
    public internal(set) var isDirty = false
    var stabilizers: [WeightStabilizer]
    /// Channels with a fresh stable reading since the last door closed.
    var settled: [Bool]
    /// Monotonic time of the last zero command (not persisted: after a restart the idle time counts afresh).
    var lastZeroNanoseconds: UInt64

    /// - Parameter restoring: the state persisted before a restart, if any.
    public init(
        settings: CabinetSessionSettings, layout: any CabinetLayoutSource, clock: any GatewayClock,
        restoring: CabinetState? = nil
    ) {
        self.settings = settings
        self.layout = layout
        self.clock = clock
        let channels = settings.channels.count
        var state = CabinetState(channels: channels, doors: settings.doors.count)
        if let restoring, restoring.references.count == channels, restoring.doorsOpen.count == settings.doors.count {
            state = restoring
        } else if let restoring {
            // The cabinet was reconfigured: the session cannot be matched to channels, but its events are kept.
            state.outgoing = restoring.outgoing
        }
        // Monotonic time restarted with the machine: the restored phase gets a fresh full time limit.
        state.phaseSinceNanoseconds = clock.monotonicNanoseconds()
        lastZeroNanoseconds = state.phaseSinceNanoseconds
        self.state = state
        stabilizers = Array(repeating: WeightStabilizer(settings: settings.stabilizer), count: channels)
        settled = Array(repeating: false, count: channels)
        isDirty = restoring != nil
        if let zeroing = self.state.zeroing {
            // Power was lost while a device was told to zero: whether it did is unknown, so start those channels
            // over instead of taking the jump (or its absence) for a take.
            self.state.zeroing = nil
            forgetReferences(zeroing)
        }
    }

    /// The caller wrote ``state`` to disk.
    public mutating func markPersisted() { isDirty = false }

    /// The caller committed the first `count` drafts of `state.outgoing`.
    public mutating func markCommitted(_ count: Int) {
        state.outgoing.removeFirst(min(count, state.outgoing.count))
        isDirty = true
    }

    /// The caller committed the first `count` drafts of `state.outgoing` in one transaction with the state as it
    /// is without them (a checkpoint): nothing new to persist.
    public mutating func removeCommitted(_ count: Int) {
        state.outgoing.removeFirst(min(count, state.outgoing.count))
    }

    /// A persist the caller began failed: the state still has to be written.
    public mutating func markUnsaved() { isDirty = true }

    var now: UInt64 { clock.monotonicNanoseconds() }

    mutating func enter(_ phase: CabinetState.Phase) {
        state.phase = phase
        state.phaseSinceNanoseconds = now
        isDirty = true
    }

    func elapsed(beyond limit: Duration) -> Bool { elapsed(beyond: limit, since: state.phaseSinceNanoseconds) }

    func elapsed(beyond limit: Duration, since start: UInt64) -> Bool {
        let limitNanoseconds = UInt64(limit.components.seconds) * 1_000_000_000
            + UInt64(limit.components.attoseconds / 1_000_000_000)
        return now - min(now, start) >= limitNanoseconds
    }

    // MARK: Authorisation

    /// A badge scan or the backend's `unlock`: opens a session and asks for the locks to be released.
    ///
    /// A raised `lock_fault` does not refuse it: the caller attempts the write, and only that write tells whether the
    /// lock works again (``lockRecovered()``) or not (``lockFailed(_:)``, which ends the session). Refusing would
    /// leave a cabinet whose lock slave missed one write unusable for good, even across restarts, because nothing
    /// else would ever write to the lock to find out.
    public mutating func authorize(_ authorization: CabinetAuthorization) -> Result<[CabinetAction], CabinetRefusal> {
        switch state.phase {
        case .idle:
            state.session = CabinetSessionRecord(
                id: "\(settings.cabinet)-\(clock.wallMilliseconds())", authorization: authorization,
                startedMilliseconds: clock.wallMilliseconds())
            enter(.unlocked)
            emitLock(state: "unlocked")
            return .success([.unlock])
        case .open where state.session?.isAuthorised == false:
            // Someone forced the door, then badged: the session is theirs from now on (the alarm stands).
            state.session?.authorization = authorization
            isDirty = true
            return .success([])
        case .unlocked, .open, .settling:
            return .failure(.busy)
        }
    }

    /// The lock output could not be driven (write failed, or the slave is gone).
    public mutating func lockFailed(_ reason: String) -> [CabinetAction] {
        raise(
            CabinetAlarm.lockFault, severity: .critical,
            message: "lock of \(settings.cabinet) failed: \(reason); check the lock board and its wiring")
        if state.phase == .unlocked {
            // The release did not happen (or its outputs are being put back): the backend was told "unlocked" and
            // must not keep believing it.
            state.session = nil
            enter(.idle)
            emitLock(state: "locked")
        }
        return []
    }

    /// A lock output was really written successfully (not merely skipped): clears a raised lock fault.
    public mutating func lockRecovered() {
        clear(CabinetAlarm.lockFault, message: "lock of \(settings.cabinet) answers again")
    }

    // MARK: Poll inputs

    /// Door states from one poll cycle, in ``CabinetSessionSettings/doors`` order (nil = not read this cycle).
    public mutating func doors(_ readings: [Bool?]) -> [CabinetAction] {
        var actions: [CabinetAction] = []
        for (index, reading) in readings.enumerated() where index < state.doorsOpen.count {
            guard let open = reading, open != state.doorsOpen[index] else { continue }
            state.doorsOpen[index] = open
            isDirty = true
            emitDoor(settings.doors[index], state: open ? "open" : "closed")
            actions += open ? doorOpened() : []
        }
        if state.phase == .open, !state.doorsOpen.contains(true) { allDoorsClosed() }
        return actions
    }

    mutating func doorOpened() -> [CabinetAction] {
        switch state.phase {
        case .idle:
            raiseOnce(
                CabinetAlarm.unauthorisedOpen, severity: .critical,
                message: "a door of \(settings.cabinet) opened without an authorised session; check who took what")
            state.session = CabinetSessionRecord(
                id: "\(settings.cabinet)-\(clock.wallMilliseconds())", authorization: nil,
                startedMilliseconds: clock.wallMilliseconds())
            let before = beforeWeights
            state.session?.before = before
            enter(.open)
        case .unlocked:
            let before = beforeWeights
            state.session?.before = before
            enter(.open)
        case .settling:
            // Reopened before the count: the same session goes on, the before-weights stay.
            enter(.open)
        case .open:
            break
        }
        return []
    }

    /// The references a session starts from; a channel being zeroed has none.
    var beforeWeights: [Double?] {
        state.references.indices.map { isZeroing($0) ? nil : state.references[$0] }
    }

    mutating func allDoorsClosed() {
        for index in stabilizers.indices { stabilizers[index].reset() }
        settled = Array(repeating: false, count: settled.count)
        let empty: [Double?] = Array(repeating: nil, count: settings.channels.count)
        state.session?.after = empty
        clear(CabinetAlarm.doorOpenTooLong, message: "doors of \(settings.cabinet) closed")
        enter(.settling)
    }

    /// Channel readings from one poll cycle, in ``CabinetSessionSettings/channels`` order (nil = scale fault).
    /// Channels in `unreachable` belong to a slave that did not answer: the device event says so and they raise no
    /// scale alarm of their own. A session being counted waits for them (at most `settle_timeout`): a slave that
    /// misses a few polls as the door closes must not turn a countable take into a "please scan" anomaly.
    public mutating func weights(_ readings: [ChannelReading?], unreachable: Set<Int> = []) -> [CabinetAction] {
        let time = now
        var actions: [CabinetAction] = []
        for (index, reading) in readings.enumerated() where index < stabilizers.count {
            let channel = settings.channels[index]
            if unreachable.contains(index) || isZeroing(index) { continue }
            guard let reading else {
                raise(
                    "\(CabinetAlarm.scaleFault):\(channel)", kind: CabinetAlarm.scaleFault, severity: .warning,
                    message: "scale channel \(channel) of \(settings.cabinet) gives no valid reading")
                if state.phase == .settling { settled[index] = true }
                continue
            }
            clear("\(CabinetAlarm.scaleFault):\(channel)", kind: CabinetAlarm.scaleFault,
                  message: "scale channel \(channel) of \(settings.cabinet) reads again")
            guard let stable = stabilizers[index].add(reading, at: time) else { continue }
            switch state.phase {
            case .idle, .unlocked:
                actions += restingReading(stable, channel: index)
            case .settling:
                state.session?.after[index] = stable
                settled[index] = true
                isDirty = true
            case .open:
                break
            }
        }
        if state.phase == .settling, !settled.contains(false) { actions += summarize() }
        return actions
    }

    /// A stable reading while locked: small moves are creep (the reference follows: software re-zero), a real
    /// change is an alarm with a weight event as evidence.
    mutating func restingReading(_ grams: Double, channel index: Int) -> [CabinetAction] {
        guard let reference = state.references[index] else {
            state.references[index] = grams
            isDirty = true
            return []
        }
        if abs(grams - reference) < settings.deadbandGrams {
            if grams != reference { state.references[index] = grams }
            return []
        }
        let channel = settings.channels[index]
        var draft = makeDraft(.weight)
        draft.weight = weightDetail(channel: index, before: reference, after: grams)
        append(draft)
        raiseOnce(
            CabinetAlarm.weightChangeWhileLocked, severity: .critical,
            message: "channel \(channel) of locked \(settings.cabinet) changed by \(grams - reference) g")
        state.references[index] = grams
        isDirty = true
        return []
    }

    /// Time passes: unlock window, door-open limit and settle timeout.
    public mutating func tick() -> [CabinetAction] {
        switch state.phase {
        case .unlocked where elapsed(beyond: settings.unlockWindow):
            state.session = nil
            enter(.idle)
            emitLock(state: "locked")
            return [.lock]
        case .open where elapsed(beyond: settings.doorOpenLimit):
            raise(
                CabinetAlarm.doorOpenTooLong, severity: .warning,
                message: "a door of \(settings.cabinet) has been open longer than \(settings.doorOpenLimit); close it")
        case .settling where elapsed(beyond: settings.settleTimeout):
            return summarize()
        case .idle:
            return rezeroIfDue()
        default:
            break
        }
        return []
    }
}
