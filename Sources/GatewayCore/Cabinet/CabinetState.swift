/// Everything a cabinet must remember across a power loss: the session in progress, the per-channel reference
/// weights, raised alarms, and events produced but not yet committed. Codable, persisted after every change.
public struct CabinetState: Sendable, Equatable, Codable {
    public enum Phase: String, Sendable, Codable {
        /// Locked, doors closed, no session.
        case idle
        /// Authorised and unlocked; waiting for a door to open.
        case unlocked
        /// At least one door open.
        case open
        /// Every door closed; waiting for the scales to settle before counting.
        case settling
    }

    public var phase: Phase = .idle
    public var session: CabinetSessionRecord?
    /// Per channel: the last stable reading at rest (the "before" of the next session).
    public var references: [Double?]
    /// Per door: last known state (true = open).
    public var doorsOpen: [Bool]
    /// Alarm keys currently raised (kind, or kind:subject), so each is raised and cleared once.
    public var raisedAlarms: Set<String> = []
    /// Drafts produced but not yet committed to the outbox, oldest first.
    public var outgoing: [EventDraft] = []
    /// Channels whose device was told to zero and has not confirmed yet (nil when none). Persisted: after a power
    /// loss nobody knows whether the zero happened, so those channels take a fresh reference.
    public var zeroing: [Int]?
    /// Monotonic time the phase began (reset on restore: the clock restarts after a power loss).
    public var phaseSinceNanoseconds: UInt64 = 0

    public init(channels: Int, doors: Int) {
        references = Array(repeating: nil, count: channels)
        doorsOpen = Array(repeating: false, count: doors)
    }
}

/// One session: who, for whom, what was scanned, and the weights when the door opened.
public struct CabinetSessionRecord: Sendable, Equatable, Codable {
    public var id: String
    public var authorization: CabinetAuthorization?
    /// Per channel: the reference weight when the first door opened.
    public var before: [Double?] = []
    /// Per channel: the settled weight after the last door closed.
    public var after: [Double?] = []
    /// Items scanned during the session, in order.
    public var scans: [CabinetScan] = []
    public var startedMilliseconds: Int64

    public init(id: String, authorization: CabinetAuthorization?, startedMilliseconds: Int64) {
        self.id = id
        self.authorization = authorization
        self.startedMilliseconds = startedMilliseconds
    }

    public var isAuthorised: Bool { authorization != nil }
}

/// An item scanned at the cabinet during a session.
public struct CabinetScan: Sendable, Equatable, Codable {
    public var raw: String
    public var item: ResolvedItem
    public var timeMilliseconds: Int64
    public var monotonicNanoseconds: UInt64

    public init(raw: String, item: ResolvedItem, timeMilliseconds: Int64, monotonicNanoseconds: UInt64) {
        self.raw = raw
        self.item = item
        self.timeMilliseconds = timeMilliseconds
        self.monotonicNanoseconds = monotonicNanoseconds
    }
}
