/// One device's state as `spd-gateway status` shows it.
public struct DeviceStatus: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    /// `evdev`, `hidpos`, `serial`, `network`, `modbus-tcp`, `modbus-rtu`...
    public var kind: String
    /// `attached`, `detached`, `fault`, `connecting`, `listening`...
    public var state: String
    public var path: String?
    public var station: String?
    /// Errors since start (read errors, timeouts, unplugs).
    public var errors: Int
    public var lastError: String?
    /// Unix ms of the last state change.
    public var sinceMilliseconds: Int64
    /// Per-part error counters, e.g. Modbus slave units: `["unit 3": 12]`.
    public var counters: [String: Int]?

    public init(id: String, kind: String, state: String, sinceMilliseconds: Int64) {
        self.id = id
        self.kind = kind
        self.state = state
        self.errors = 0
        self.sinceMilliseconds = sinceMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, state, path, station, errors, counters
        case lastError = "last_error"
        case sinceMilliseconds = "since_ms"
    }
}

/// An open dock or cabinet session as `spd-gateway status` shows it.
public struct SessionStatus: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    /// `dock` or `cabinet`.
    public var kind: String
    /// The dock station or cabinet.
    public var station: String
    /// The state machine's state, e.g. `bound`, `door_open`, `closing`.
    public var state: String
    public var user: String?
    /// Patient id, masked: status output is read over shoulders and pasted into tickets.
    public var patient: String?
    public var surgery: String?
    public var sinceMilliseconds: Int64

    public init(id: String, kind: String, station: String, state: String, sinceMilliseconds: Int64) {
        self.id = id
        self.kind = kind
        self.station = station
        self.state = state
        self.sinceMilliseconds = sinceMilliseconds
    }

    /// Keeps the last 3 characters of a patient identifier: enough to tell two patients apart at the bedside.
    public static func mask(_ identifier: String) -> String {
        identifier.count <= 3 ? "***" : String(repeating: "*", count: identifier.count - 3) + identifier.suffix(3)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, station, state, user, patient, surgery
        case sinceMilliseconds = "since_ms"
    }
}

/// Where services post the state of their devices or sessions, and where the status command reads it.
/// Thread-safe; entries are keyed by id.
public final class StatusBoard<Entry: Identifiable & Sendable>: Sendable where Entry.ID == String {
    private let entries = Locked<[String: Entry]>([:])

    public init() {}

    /// Creates or replaces an entry.
    public func publish(_ entry: Entry) {
        entries.withLock { $0[entry.id] = entry }
    }

    /// Changes an entry in place (creating it from `initial` when absent).
    public func update(_ id: String, initial: @autoclosure () -> Entry, _ change: (inout Entry) -> Void) {
        entries.withLock { entries in
            var entry = entries[id] ?? initial()
            change(&entry)
            entries[id] = entry
        }
    }

    /// Removes an entry (a device no longer configured, a session that ended).
    public func remove(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// Every entry, sorted by id.
    public func snapshot() -> [Entry] {
        entries.withLock { Array($0.values) }.sorted { $0.id < $1.id }
    }
}

/// The devices' board.
public typealias DeviceStatusBoard = StatusBoard<DeviceStatus>
/// The open sessions' board.
public typealias SessionStatusBoard = StatusBoard<SessionStatus>
