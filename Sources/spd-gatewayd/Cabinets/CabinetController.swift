import GatewayCore
import GatewayDevices
import Logging

/// One cabinet at run time: feeds poll cycles and commands into its pure ``CabinetSession``, drives the lock
/// outputs it asks for, persists the session state (so a power loss resumes the session) and commits the events
/// it produces to the outbox.
actor CabinetController {
    let settings: CabinetSettings
    let locks: [any CabinetLock]
    /// The devices' zero commands; nil when the cabinet has no bus (tests) or nothing to zero.
    let scales: CabinetScales?
    let sink: any EventSink
    let stateFile: String
    let writer: DurableFileWriter
    let logger: Logger
    var session: CabinetSession
    var flushing = false
    var online: [Int: Bool] = [:]
    /// Device and session boards and the Modbus metrics; nil in tests that do not look.
    let observability: Observability?
    let clock: any GatewayClock

    init(
        settings: CabinetSettings, locks: [any CabinetLock], scales: CabinetScales? = nil, sink: any EventSink,
        layout: any CabinetLayoutSource,
        clock: any GatewayClock, stateFile: String, writer: DurableFileWriter, logger: Logger,
        observability: Observability? = nil
    ) {
        self.observability = observability
        self.clock = clock
        self.settings = settings
        self.locks = locks
        self.scales = scales
        self.sink = sink
        self.stateFile = stateFile
        self.writer = writer
        self.logger = logger
        var restored: CabinetState?
        if let text = try? TextFile.read(stateFile) {
            do {
                restored = try CabinetState.decode(Array(text.utf8))
                logger.notice("cabinet state restored", metadata: ["cabinet.phase": "\(restored?.phase.rawValue ?? "")"])
            } catch {
                logger.error("cabinet state file unreadable; starting idle", metadata: ["file": "\(stateFile)", "error": "\(error)"])
            }
        }
        session = CabinetSession(settings: settings.session, layout: layout, clock: clock, restoring: restored)
    }

    /// Decodes one bus cycle for this cabinet's slaves and runs the session on it.
    func process(_ cycle: ModbusCycle) async {
        var doors: [Bool?] = []
        var channels: [ChannelReading?] = []
        var unreachable: Set<Int> = []
        for device in settings.devices {
            let doorCount = device.profile.doors?.count ?? 0
            let channelCount = device.profile.weight?.channels ?? 0
            switch cycle.results[device.unit] {
            case .success(let image)?:
                let readings = device.profile.readings(from: image)
                doors += readings.doors
                channels += readings.channels
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
            logger.warning("modbus slave not answering", metadata: ["modbus.unit": "\(unit)", "error": "\(error.map { "\($0)" } ?? "")"])
        }
        session.device(DeviceDetail(
            id: id, kind: "modbus", state: isOnline ? "attached" : "fault", detail: error.map { "\($0)" }))
    }

    func tick() async {
        await perform(session.tick())
        await flush()
    }

    /// A code scanned at this cabinet (a scanner whose station is the cabinet): a badge opens it, a wristband or
    /// surgery id binds the open session, an item scanned during it is consumed as scanned.
    func scan(raw: String, resolution: CodeResolution) async {
        await perform(session.scan(raw: raw, resolution: resolution))
        await flush()
    }

    /// The backend's `unlock` (or a badge at the cabinet): authorises, pulses the locks, and says how it went.
    func authorize(_ authorization: CabinetAuthorization) async -> Result<Void, CabinetRefusal> {
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
            for lock in locks {
                do {
                    if action == .unlock { try await lock.release() } else { try await lock.engage() }
                    session.lockRecovered()
                } catch {
                    logger.error("lock output failed", metadata: ["error": "\(error)"])
                    _ = session.lockFailed("\(error)")
                }
            }
        }
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

    /// Persists the state, commits queued events in order, persists again. Only one flush runs at a time; the
    /// running one picks up events queued while it awaited.
    func flush() async {
        guard !flushing else { return }
        flushing = true
        defer { flushing = false }
        await persist()
        while let draft = session.state.outgoing.first {
            do {
                _ = try await sink.commit(draft)
                session.markCommitted(1)
            } catch {
                // Kept in the state file: committed on the next flush or after a restart, never dropped.
                logger.error("cabinet event not committed; will retry", metadata: ["error": "\(error)"])
                break
            }
        }
        await persist()
    }

    func persist() async {
        reportSession()
        guard session.isDirty else { return }
        // The snapshot is taken now; changes made while the write is in flight mark the state dirty again.
        session.markPersisted()
        do {
            try await writer.write(try session.state.encoded(), to: stateFile)
        } catch {
            logger.error("cannot write the cabinet state file", metadata: ["file": "\(stateFile)", "error": "\(error)"])
        }
    }
}
