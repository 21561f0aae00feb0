import GatewayCore
import GatewayDevices
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// One cabinet at run time: feeds poll cycles and commands into its pure ``CabinetSession``, drives the lock
/// outputs and zero commands it asks for, and commits the events it produces to the outbox together with the
/// session state (one transaction, ``ProducerCheckpoint``), so a power loss resumes the session exactly where its
/// committed events left it: nothing lost, nothing produced twice.
actor CabinetController {
    let settings: CabinetSettings
    let locks: [any CabinetLock]
    /// The devices' zero commands; nil when the cabinet has no bus (tests) or nothing to zero.
    let scales: CabinetScales?
    let sink: any EventSink
    let checkpoints: any CheckpointStore
    /// Where versions before the outbox checkpoints kept the state: read once if there is no checkpoint yet,
    /// removed after the first checkpoint is committed.
    let legacyStateFile: String
    let layout: any CabinetLayoutSource
    let logger: Logger
    var session: CabinetSession
    var restoration: Task<CabinetState?, Never>?
    var isRestored = false
    var legacyFileRemoved = false
    var flushing = false
    var online: [Int: Bool] = [:]
    /// Device and session boards and the Modbus metrics; nil in tests that do not look.
    let observability: Observability?
    let clock: any GatewayClock

    var checkpointKey: String { "cabinet/\(settings.id)" }

    init(
        settings: CabinetSettings, locks: [any CabinetLock], scales: CabinetScales? = nil, sink: any EventSink,
        checkpoints: any CheckpointStore, layout: any CabinetLayoutSource, clock: any GatewayClock,
        legacyStateFile: String, logger: Logger, observability: Observability? = nil
    ) {
        self.observability = observability
        self.clock = clock
        self.settings = settings
        self.locks = locks
        self.scales = scales
        self.sink = sink
        self.checkpoints = checkpoints
        self.legacyStateFile = legacyStateFile
        self.layout = layout
        self.logger = logger
        session = CabinetSession(settings: settings.session, layout: layout, clock: clock)
    }

    /// Loads the last committed state before the first input is handled (every entry point awaits it).
    func restoreIfNeeded() async {
        guard !isRestored else { return }
        let task = restoration ?? Task { [checkpoints, checkpointKey, legacyStateFile, logger] in
            await Self.loadState(
                checkpoints: checkpoints, key: checkpointKey, legacyFile: legacyStateFile, logger: logger)
        }
        restoration = task
        let restored = await task.value
        guard !isRestored else { return }
        isRestored = true
        session = CabinetSession(settings: settings.session, layout: layout, clock: clock, restoring: restored)
        if let restored {
            logger.notice("cabinet state restored", metadata: ["cabinet.phase": "\(restored.phase.rawValue)"])
        }
    }

    static func loadState(
        checkpoints: any CheckpointStore, key: String, legacyFile: String, logger: Logger
    ) async -> CabinetState? {
        do {
            if let bytes = try await checkpoints.checkpoint(key) { return try CabinetState.decode(bytes) }
        } catch {
            logger.error("cabinet checkpoint unreadable; starting idle", metadata: ["error": "\(error)"])
            return nil
        }
        guard let text = try? TextFile.read(legacyFile) else { return nil }
        do {
            return try CabinetState.decode(Array(text.utf8))
        } catch {
            logger.error(
                "cabinet state file unreadable; starting idle",
                metadata: ["file": "\(legacyFile)", "error": "\(error)"])
            return nil
        }
    }

    /// Decodes one bus cycle for this cabinet's slaves and runs the session on it.
    func process(_ cycle: ModbusCycle) async {
        await restoreIfNeeded()
        guard cycle.isComplete else { return await processDoors(cycle) }
        var doors: [Bool?] = []
        var channels: [ChannelReading?] = []
        var unreachable: Set<Int> = []
        var answeredAgain: [Int] = []
        for device in settings.devices {
            let doorCount = device.profile.doors?.count ?? 0
            let channelCount = device.profile.weight?.channels ?? 0
            switch cycle.results[device.unit] {
            case .success(let image)?:
                let readings = device.profile.readings(from: image)
                doors += readings.doors
                channels += readings.channels
                if online[device.unit] != true { answeredAgain.append(device.unit) }
                noteOnline(device.unit, true, error: nil)
            case .failure(let error)?:
                doors += Array(repeating: nil, count: doorCount)
                unreachable.formUnion(channels.count..<(channels.count + channelCount))
                channels += Array(repeating: nil, count: channelCount)
                noteOnline(device.unit, false, error: error)
            case nil:
                doors += Array(repeating: nil, count: doorCount)
                channels += Array(repeating: nil, count: channelCount)
            }
        }
        var actions = session.doors(doors)
        actions += session.weights(channels, unreachable: unreachable)
        actions += session.tick()
        await perform(actions)
        await retryFaultedLocks(answeredAgain)
        await flush()
    }

    /// The door modules' part of a cycle, handed over before the weighing modules are read: a door's change is
    /// committed without waiting for them. The complete cycle that follows repeats these doors (no change then).
    func processDoors(_ cycle: ModbusCycle) async {
        var doors: [Bool?] = []
        for device in settings.devices {
            if case .success(let image)? = cycle.results[device.unit] {
                doors += device.profile.readings(from: image).doors
            } else {
                doors += Array(repeating: nil, count: device.profile.doors?.count ?? 0)
            }
        }
        guard doors.contains(where: { $0 != nil }) else { return }
        await perform(session.doors(doors))
        await flush()
    }

    /// Emits a device event when a slave goes silent or answers again (not on every failed cycle).
    func noteOnline(_ unit: Int, _ isOnline: Bool, error: ModbusError?) {
        let previous = online[unit]
        online[unit] = isOnline
        report(unit: unit, isOnline: isOnline, changed: previous != isOnline, error: error)
        guard previous != isOnline, previous != nil || !isOnline else { return }
        let id = "\(settings.id)/unit-\(unit)"
        if isOnline {
            logger.notice("modbus slave answers again", metadata: ["modbus.unit": "\(unit)"])
        } else {
            logger.warning(
                "modbus slave not answering",
                metadata: ["modbus.unit": "\(unit)", "error": "\(error.map { "\($0)" } ?? "")"])
        }
        session.device(DeviceDetail(
            id: id, kind: "modbus", state: isOnline ? "attached" : "fault", detail: error.map { "\($0)" }))
    }

    func tick() async {
        await restoreIfNeeded()
        await perform(session.tick())
        await flush()
    }

    /// A code scanned at this cabinet (a scanner whose station is the cabinet): a badge opens it, a wristband or
    /// surgery id binds the open session, an item scanned during it is consumed as scanned.
    func scan(raw: String, resolution: CodeResolution) async {
        await restoreIfNeeded()
        await perform(session.scan(raw: raw, resolution: resolution))
        await flush()
    }

    /// The backend's `unlock` (or a badge at the cabinet): authorises, pulses the locks, and says how it went.
    func authorize(_ authorization: CabinetAuthorization) async -> Result<Void, CabinetRefusal> {
        await restoreIfNeeded()
        switch session.authorize(authorization) {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let actions):
            await perform(actions)
            await flush()
            if session.state.raisedAlarms.contains(CabinetAlarm.lockFault) { return .failure(.lockFault) }
            return .success(())
        }
    }

    func perform(_ actions: [CabinetAction]) async {
        for action in actions {
            if case .zero(let channels) = action {
                await zero(channels)
                continue
            }
            await driveLocks(release: action == .unlock)
        }
    }

    /// Drives every lock output. A failure of any of them raises `lock_fault`; only a round in which every lock was
    /// really written clears it (a lock board's engage writes nothing, so it proves nothing, and one lock that
    /// works must not hide another that does not).
    func driveLocks(release: Bool) async {
        var failure: (any Error)?
        var allWritten = true
        for lock in locks {
            do {
                if release {
                    try await lock.release()
                } else {
                    allWritten = try await lock.engage() && allWritten
                }
            } catch {
                logger.error("lock output failed", metadata: ["error": "\(error)"])
                failure = failure ?? error
            }
        }
        if let failure {
            _ = session.lockFailed("\(failure)")
        } else if allWritten, !locks.isEmpty {
            session.lockRecovered()
        }
    }

    /// A lock slave answers again while `lock_fault` stands and the cabinet is idle: writes the locked state, so a
    /// real successful write clears the fault without waiting for someone to try an unlock (and, after a restart,
    /// the outputs are known to be locked).
    func retryFaultedLocks(_ answered: [Int]) async {
        guard session.state.raisedAlarms.contains(CabinetAlarm.lockFault), session.state.phase == .idle else { return }
        let lockUnits = Set(settings.devices.filter { $0.profile.locks != nil }.map(\.unit))
        guard answered.contains(where: lockUnits.contains) else { return }
        await driveLocks(release: false)
    }

    /// Re-zero when idle: the devices zero the drifted channels, and the session starts them over.
    func zero(_ channels: [Int]) async {
        let names = channels.map { settings.session.channels[$0] }.joined(separator: ",")
        guard let scales else {
            session.zeroFinished(channels, succeeded: false)
            return
        }
        do {
            try await scales.zero(channels: channels)
            logger.info("scales zeroed after idle", metadata: ["cabinet.channels": "\(names)"])
            session.zeroFinished(channels, succeeded: true)
        } catch {
            // Not an alarm: counting compares readings taken at door open and close, so a missed zero only
            // leaves the absolute reading where it was; it is tried again after the next idle period.
            logger.warning("scale zero command failed", metadata: ["cabinet.channels": "\(names)", "error": "\(error)"])
            session.zeroFinished(channels, succeeded: false)
        }
    }

    /// Commits the queued events together with the state they leave (one transaction). Only one flush runs at a
    /// time; the running one picks up changes made while it awaited.
    func flush() async {
        guard !flushing else { return }
        flushing = true
        defer { flushing = false }
        reportSession()
        while session.isDirty {
            let drafts = session.state.outgoing
            var after = session.state
            after.outgoing = []
            let value: [UInt8]
            do {
                value = try after.encoded()
            } catch {
                logger.error("cannot encode the cabinet state", metadata: ["error": "\(error)"])
                return
            }
            session.markPersisted()
            do {
                _ = try await sink.commit(drafts, checkpoint: ProducerCheckpoint(key: checkpointKey, value: value))
                session.removeCommitted(drafts.count)
                removeLegacyStateFile()
            } catch {
                // Nothing of it was stored: the events stay queued (and the state unsaved) for the next flush.
                session.markUnsaved()
                logger.error("cabinet events and state not committed; will retry", metadata: ["error": "\(error)"])
                break
            }
        }
        reportSession()
    }

    /// The state now lives in the outbox; the old file would only confuse a restore.
    func removeLegacyStateFile() {
        guard !legacyFileRemoved else { return }
        legacyFileRemoved = true
        _ = unlink(legacyStateFile)
    }
}
