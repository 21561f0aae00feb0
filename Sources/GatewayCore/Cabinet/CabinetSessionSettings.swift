/// How one cabinet's session behaves: its doors and channels (in poll order) and its time limits.
public struct CabinetSessionSettings: Sendable, Equatable {
    public var cabinet: String
    /// Door ids in the order the poller reports door states.
    public var doors: [String]
    /// Weighing channel ids in the order the poller reports readings.
    public var channels: [String]
    /// How long an unlocked cabinet waits for a door to open before it relocks.
    public var unlockWindow: Duration
    /// A door open longer than this raises `door_open_too_long`.
    public var doorOpenLimit: Duration
    /// After the last door closes, how long to wait for every channel to settle before counting anyway.
    public var settleTimeout: Duration
    /// Stable changes smaller than this are noise or creep: absorbed into the reference (software re-zero).
    public var deadbandGrams: Double
    public var stabilizer: WeightStabilizer.Settings
    /// Per channel (``channels`` order): whether its device has a zero command.
    public var zeroable: [Bool]
    /// A cabinet idle this long has its drifted zeroable channels zeroed by the device (nil: never).
    public var rezeroIdle: Duration?

    public init(
        cabinet: String, doors: [String], channels: [String], unlockWindow: Duration = .seconds(30),
        doorOpenLimit: Duration = .seconds(120), settleTimeout: Duration = .seconds(10), deadbandGrams: Double = 2,
        stabilizer: WeightStabilizer.Settings = WeightStabilizer.Settings(), zeroable: [Bool]? = nil,
        rezeroIdle: Duration? = .seconds(1800)
    ) {
        self.cabinet = cabinet
        self.doors = doors
        self.channels = channels
        self.unlockWindow = unlockWindow
        self.doorOpenLimit = doorOpenLimit
        self.settleTimeout = settleTimeout
        self.deadbandGrams = deadbandGrams
        self.stabilizer = stabilizer
        self.zeroable = zeroable ?? Array(repeating: false, count: channels.count)
        self.rezeroIdle = rezeroIdle
    }
}

/// Who may open the cabinet, and for whom: from a badge scan or the backend's `unlock` command.
public struct CabinetAuthorization: Sendable, Equatable, Codable {
    public var user: Party?
    public var patient: Party?
    public var surgery: Party?
    /// `badge` or `backend`.
    public var via: String

    public init(user: Party?, patient: Party? = nil, surgery: Party? = nil, via: String) {
        self.user = user
        self.patient = patient
        self.surgery = surgery
        self.via = via
    }
}

/// What the cabinet's hardware must do after an input.
public enum CabinetAction: Sendable, Equatable {
    /// Release the locks (a pulse, or hold until `.lock`, per the lock profile).
    case unlock
    /// Lock again.
    case lock
    /// Send the device's zero command for these channels (indices into ``CabinetSessionSettings/channels``), then
    /// report with ``CabinetSession/zeroFinished(_:succeeded:)``.
    case zero(channels: [Int])
}

/// Why an authorisation was refused.
public enum CabinetRefusal: String, Sendable, Equatable, Error {
    /// A session is already open.
    case busy
    /// The lock could not be driven (this attempt failed; the `lock_fault` alarm stands until a write succeeds).
    case lockFault = "lock_fault"
}

/// Machine-readable alarm kinds a cabinet raises.
public enum CabinetAlarm {
    public static let doorOpenTooLong = "door_open_too_long"
    public static let unauthorisedOpen = "door_opened_without_authorisation"
    public static let weightChangeWhileLocked = "weight_change_while_locked"
    public static let lockFault = "lock_fault"
    public static let expiredItemTaken = "expired_item_taken"
    public static let recalledItemTaken = "recalled_item_taken"
    public static let scaleFault = "scale_fault"
}
