/// Turns a stable weight change into a number of items: n = delta / unit weight, accepted only when the delta is
/// within `tolerance` (a fraction of the unit weight) of an integer multiple; otherwise the change is an anomaly
/// that needs a scan.
public enum ItemCounter {
    public enum Outcome: Sendable, Equatable {
        /// Whole items: negative when taken, positive when returned; 0 when the change is within the deadband.
        case count(Int)
        /// The change is not a whole number of items (wrong bin, foreign object, item leaning on the bin wall).
        case anomaly(String)
    }

    /// Anomaly reason when the delta is not close to a whole number of unit weights.
    public static let notIntegerMultiple = "not_integer_multiple"
    /// Anomaly reason when the channel has no product (no unit weight) but its weight changed.
    public static let noUnitWeight = "no_unit_weight"

    /// - Parameters:
    ///   - delta: after - before, grams.
    ///   - unitGrams: one item's weight.
    ///   - tolerance: accepted distance from an integer, as a fraction of the unit weight (0 < t < 0.5).
    ///   - deadbandGrams: changes smaller than this are no change at all (noise, creep).
    public static func count(delta: Double, unitGrams: Double?, tolerance: Double, deadbandGrams: Double) -> Outcome {
        if abs(delta) < deadbandGrams { return .count(0) }
        guard let unitGrams, unitGrams > 0 else { return .anomaly(noUnitWeight) }
        let items = (delta / unitGrams).rounded()
        let residual = abs(delta - items * unitGrams)
        guard items != 0, residual <= tolerance * unitGrams, abs(items) < 1_000_000 else {
            return .anomaly(notIntegerMultiple)
        }
        return .count(Int(items))
    }
}
