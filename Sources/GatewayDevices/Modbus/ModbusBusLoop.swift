import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// The bus thread's state and loop (owned by the thread; never shared).
struct ModbusBusLoop {
    let bus: ModbusBus
    let context: ModbusContext
    var backoffUntil: [Int: UInt64] = [:]
    var backoffLevel: [Int: Int] = [:]
    var reconnectLevel = 0
    /// Restores not yet written (pulse ends, safe states), in the order they were queued.
    var restores: [PendingRestore] = []
    /// Indices into `bus.safeState` whose outputs a held release (a write without a pulse) has set: not re-locked on
    /// a reconnect (a maglock held open for a session), only when the bus stops.
    var heldReleases: Set<Int> = []

    init(bus: ModbusBus, context: ModbusContext) {
        self.bus = bus
        self.context = context
    }

    static func now() -> UInt64 { SystemClock().monotonicNanoseconds() }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        UInt64(max(0, duration.components.seconds)) * 1_000_000_000
            + UInt64(max(0, duration.components.attoseconds) / 1_000_000_000)
    }

    var stopped: Bool { bus.shared.withLock { $0.stopped } }

    mutating func run() {
        defer { finish() }
        var nextCycle = Self.now()
        while !stopped {
            guard ensureConnected() else { continue }
            runWrites()
            guard Self.now() >= nextCycle else {
                bus.signal.wait(untilMonotonic: min(nextCycle, restores.map(\.due).min() ?? nextCycle))
                continue
            }
            let start = Self.now()
            nextCycle = max(start, nextCycle + Self.nanoseconds(bus.settings.pollInterval))
            let results = pollOnce()
            let end = Self.now()
            bus.shared.withLock { $0.statistics.cycles += 1 }
            bus.onCycle(ModbusCycle(results: results, endedNanoseconds: end, durationNanoseconds: end - start))
        }
    }

    mutating func finish() {
        writeRestoresBeforeStopping()
        context.close()
        let writes = bus.shared.withLock { shared in
            shared.finished = true
            shared.statistics.connected = false
            defer { shared.writes.removeAll() }
            return shared.writes
        }
        for (_, done) in writes {
            done(.failure(ModbusError(code: .connectionLost, call: "write", subject: bus.settings.id, errno: 0,
                                      message: "bus stopped")))
        }
    }

    /// Connects if needed; on failure waits the reconnect backoff (or a stop) and returns false.
    mutating func ensureConnected() -> Bool {
        if context.connected { return true }
        do throws(ModbusError) {
            try context.connect()
            reconnectLevel = 0
            bus.shared.withLock {
                $0.statistics.connects += 1
                $0.statistics.connected = true
            }
            connected()
            return true
        } catch {
            failPendingWrites(error)
            let delay = backoff(
                level: reconnectLevel, minimum: bus.settings.reconnectMinimum, maximum: bus.settings.reconnectMaximum)
            reconnectLevel += 1
            var failed: [Int: Result<RegisterImage, ModbusError>] = [:]
            for slave in bus.slaves { failed[slave.unit] = .failure(error) }
            let now = Self.now()
            bus.onCycle(ModbusCycle(results: failed, endedNanoseconds: now, durationNanoseconds: 0))
            bus.signal.wait(untilMonotonic: now + delay)
            return false
        }
    }

    func backoff(level: Int, minimum: Duration, maximum: Duration) -> UInt64 {
        let low = Self.nanoseconds(minimum), high = max(low, Self.nanoseconds(maximum))
        let base = min(high, low << UInt64(min(level, 20)))
        // Jitter (50-100 %) so that slaves and buses that failed together do not retry in lockstep.
        return base / 2 + UInt64.random(in: 0...max(1, base / 2))
    }

    mutating func failPendingWrites(_ error: ModbusError) {
        let writes = bus.shared.withLock { shared in
            defer { shared.writes.removeAll() }
            return shared.writes
        }
        for (_, done) in writes { done(.failure(error)) }
    }

    func gap() {
        let nanoseconds = Self.nanoseconds(bus.settings.requestGap)
        guard nanoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        // Interrupted by a signal: sleep what is left.
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }
}
