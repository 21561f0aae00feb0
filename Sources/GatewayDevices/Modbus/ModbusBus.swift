import GatewayCore

/// One serialized scheduler per bus, on its own OS thread: libmodbus is blocking and not thread-safe, and an
/// RS-485 line carries one request at a time anyway. Polls every slave's read plan each cycle, runs writes
/// (lock pulses) between requests ahead of the next read, keeps a pulse's restore queued until it is written,
/// isolates a failing slave with exponential backoff
/// while the others keep polling, and reconnects a lost port or connection with backoff.
///
/// Results arrive through `onCycle`, called on the bus thread: keep it short (hand the cycle to a stream).
public final class ModbusBus: Sendable {
    public let settings: ModbusBusSettings
    let slaves: [ModbusSlave]
    /// Writes that put outputs in their safe state (locks locked); see ``init(settings:slaves:safeState:onCycle:)``.
    let safeState: [ModbusWrite]
    let onCycle: @Sendable (ModbusCycle) -> Void
    let signal = BusSignal()
    let shared = Locked(Shared())

    struct Shared {
        var writes: [(ModbusWrite, @Sendable (Result<Void, ModbusError>) -> Void)] = []
        var stopped = false
        var finished = false
        var statistics = ModbusBusStatistics()
    }

    /// Creates the bus and starts its thread.
    ///
    /// - Parameter safeState: writes that put outputs in their fail-secure state (lock outputs locked). Each is
    ///   written after every connect (at start-up, whatever a crash or a lost pulse end left behind) unless a held
    ///   release of the same outputs (a write without a pulse) is in force, again whenever a write to its outputs
    ///   fails, and once more when the bus stops. Failed ones are retried like a pulse's restore.
    public init(
        settings: ModbusBusSettings, slaves: [ModbusSlave], safeState: [ModbusWrite] = [],
        onCycle: @escaping @Sendable (ModbusCycle) -> Void
    ) throws(ModbusError) {
        self.settings = settings
        self.slaves = slaves
        self.safeState = safeState
        self.onCycle = onCycle
        shared.withLock { shared in
            for slave in slaves { shared.statistics.slaves[slave.unit] = ModbusSlaveStatistics() }
        }
        let context = try ModbusContext(endpoint: settings.endpoint, responseTimeout: settings.responseTimeout)
        let started = BusThread.start(name: "modbus-\(settings.id)") { [self] in
            var loop = ModbusBusLoop(bus: self, context: context)
            loop.run()
        }
        guard started == 0 else {
            throw ModbusError(code: .connect, call: "pthread_create", subject: settings.id, errno: started,
                              message: "cannot start the bus thread")
        }
    }

    /// Queues a write; it runs before the next read on the bus. Returns when it was done (or failed).
    public func write(_ write: ModbusWrite) async throws(ModbusError) {
        let result: Result<Void, ModbusError> = await withCheckedContinuation { continuation in
            let accepted = shared.withLock { shared -> Bool in
                guard !shared.stopped else { return false }
                shared.writes.append((write, { continuation.resume(returning: $0) }))
                return true
            }
            if accepted {
                signal.signal()
            } else {
                continuation.resume(
                    returning: .failure(ModbusError(code: .connectionLost, call: "write", subject: settings.id,
                                                    errno: 0, message: "bus stopped")))
            }
        }
        try result.get()
    }

    /// A snapshot of the counters.
    public func statistics() -> ModbusBusStatistics { shared.withLock { $0.statistics } }

    /// Stops the thread after the request in progress; pending writes fail. Safe to call more than once.
    public func stop() {
        shared.withLock { $0.stopped = true }
        signal.signal()
    }

    /// Whether the thread has ended (after ``stop()``).
    public var isFinished: Bool { shared.withLock { $0.finished } }

    /// Waits until the thread has ended (after ``stop()``): it writes pending restores and the safe state before it
    /// closes the port, and a process that exits first would cut them off.
    /// - Returns: whether it ended within `timeout`.
    public func waitUntilFinished(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isFinished {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}
