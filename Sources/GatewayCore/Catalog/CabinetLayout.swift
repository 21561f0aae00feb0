/// What sits on one weighing channel of a cabinet: one product per weighing zone, its unit weight and how far
/// from a whole number of items a weight change may be and still be counted.
public struct BinLayout: Sendable, Equatable, Codable {
    public var channel: String
    public var productID: String
    public var name: String?
    public var unitGrams: Double
    /// Accepted distance from a whole number of items, as a fraction of the unit weight.
    public var tolerance: Double
    public var highValue: Bool

    public init(
        channel: String, productID: String, name: String? = nil, unitGrams: Double, tolerance: Double = 0.3,
        highValue: Bool = false
    ) {
        self.channel = channel
        self.productID = productID
        self.name = name
        self.unitGrams = unitGrams
        self.tolerance = tolerance
        self.highValue = highValue
    }

    /// The item a weight-counted consume or return stands for.
    public var item: ResolvedItem {
        ResolvedItem(status: .known, productID: productID, name: name, quantity: 1, highValue: highValue)
    }
}

/// Where a cabinet's channel -> product assignment comes from: the configuration (``StaticCabinetLayout``) or
/// the local catalogue cache (planograms pushed by the backend). Must be fast and must not block.
public protocol CabinetLayoutSource: Sendable {
    /// The bin on `channel` of `cabinet`, or nil when the channel holds no known product.
    func bin(cabinet: String, channel: String) -> BinLayout?
}

/// A fixed layout, from the configuration or a test.
public struct StaticCabinetLayout: CabinetLayoutSource {
    public let bins: [String: [String: BinLayout]]

    /// - Parameter bins: cabinet id -> its bins.
    public init(bins: [String: [BinLayout]]) {
        self.bins = bins.mapValues { Dictionary($0.map { ($0.channel, $0) }) { first, _ in first } }
    }

    public func bin(cabinet: String, channel: String) -> BinLayout? { bins[cabinet]?[channel] }
}
