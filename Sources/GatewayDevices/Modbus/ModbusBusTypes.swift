import GatewayCore

/// One slave on a bus and what to read from it each cycle.
public struct ModbusSlave: Sendable, Equatable {
    public var unit: Int
    public var plan: [ReadRequest]
    /// Read first in every cycle and handed over at once, in a partial cycle, before the other slaves are read:
    /// door inputs, where a person is waiting and the weighing modules can take hundreds of milliseconds on a slow
    /// RS-485 line.
    public var deliversEarly: Bool

    public init(unit: Int, plan: [ReadRequest], deliversEarly: Bool = false) {
        self.unit = unit
        self.plan = plan
        self.deliversEarly = deliversEarly
    }
}

/// A write to a slave, optionally undone after `pulse` (an electric strike's release pulse). The restore is kept
/// queued until it is written: retried with backoff, first after a reconnect, and once more when the bus stops; a
/// pulsed write that fails queues its restore too (its first targets may have been written).
public struct ModbusWrite: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case coil(address: Int, value: Bool)
        case register(address: Int, value: UInt16)
    }

    public var unit: Int
    public var targets: [Target]
    /// When set, `restore` is written this long after `targets`.
    public var pulse: Duration?
    public var restore: [Target]

    public init(unit: Int, targets: [Target], pulse: Duration? = nil, restore: [Target] = []) {
        self.unit = unit
        self.targets = targets
        self.pulse = pulse
        self.restore = restore
    }
}

/// The outcome of one poll cycle, delivered on the bus thread.
public struct ModbusCycle: Sendable {
    /// Per slave, in configuration order: the image, or why it could not be read (including "backed off").
    public var results: [Int: Result<RegisterImage, ModbusError>]
    /// Monotonic nanoseconds when the cycle ended.
    public var endedNanoseconds: UInt64
    /// Monotonic nanoseconds the cycle took.
    public var durationNanoseconds: UInt64
    /// False for the partial cycle with only the early slaves (``ModbusSlave/deliversEarly``); the complete cycle
    /// that follows has every slave again, those included.
    public var isComplete = true
}

/// Counters for one slave (cumulative since start).
public struct ModbusSlaveStatistics: Sendable, Equatable {
    public var requests = 0
    public var failures = 0
    public var timeouts = 0
    public var badResponses = 0
    public var exceptions = 0
    public var consecutiveFailures = 0
    public var backedOff = false
    public var lastError: String?

    public init() {}
}

/// Counters for a bus.
public struct ModbusBusStatistics: Sendable, Equatable {
    public var cycles = 0
    public var connects = 0
    public var connectionLosses = 0
    public var connected = false
    /// Restore writes (a pulse's end, an output's safe state) not yet written; after the bus stopped, the ones that
    /// could not be written at all: outputs that may be left released.
    public var pendingRestores = 0
    /// Restore writes that failed (each is retried until it succeeds).
    public var restoreFailures = 0
    public var slaves: [Int: ModbusSlaveStatistics] = [:]

    public init() {}
}
