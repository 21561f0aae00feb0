/// A cabinet door's state change (`door` events).
public struct DoorDetail: Sendable, Equatable, Codable {
    public var cabinet: String
    public var door: String
    /// `open` or `closed` (or `locked` / `unlocked` for the lock output).
    public var state: String

    public init(cabinet: String, door: String, state: String) {
        self.cabinet = cabinet
        self.door = door
        self.state = state
    }
}

/// A weighing channel's stable change (`weight` events, and the evidence behind weight-counted consumes).
public struct WeightDetail: Sendable, Equatable, Codable {
    public var cabinet: String
    public var channel: String
    /// Stable reading before (door open), grams.
    public var beforeGrams: Double
    /// Stable reading after (door close), grams.
    public var afterGrams: Double
    /// `after - before`; negative when items were taken.
    public var deltaGrams: Double
    /// Whole items the delta stands for, when it is within tolerance of an integer multiple of the unit weight.
    public var count: Int?
    public var unitGrams: Double?
    /// Why the delta could not be counted (e.g. `not_integer_multiple`), asking for a scan.
    public var anomaly: String?

    public init(cabinet: String, channel: String, beforeGrams: Double, afterGrams: Double) {
        self.cabinet = cabinet
        self.channel = channel
        self.beforeGrams = beforeGrams
        self.afterGrams = afterGrams
        self.deltaGrams = afterGrams - beforeGrams
    }

    enum CodingKeys: String, CodingKey {
        case cabinet, channel, count, anomaly
        case beforeGrams = "before_g"
        case afterGrams = "after_g"
        case deltaGrams = "delta_g"
        case unitGrams = "unit_g"
    }
}
