/// A set of digit counts accepted as GTIN data (8, 12, 13, 14; 15 and 18 for EAN with add-ons), as bits.
///
/// Why not `[Int]`: the route of every EAN/UPC symbology identifier and the plain-digits path carried an array,
/// retained and released on each decode just to answer `contains`. Up to four counts, as scalars (not a
/// variadic list, which would build an array), so that the set folds to a constant.
struct GTINLengths: Sendable, Equatable {
    private let bits: UInt32

    /// The given lengths (each 0...31).
    @inline(__always)
    init(_ first: Int, _ second: Int? = nil, _ third: Int? = nil, _ fourth: Int? = nil) {
        var bits: UInt32 = 1 << UInt32(first)
        if let second { bits |= 1 << UInt32(second) }
        if let third { bits |= 1 << UInt32(third) }
        if let fourth { bits |= 1 << UInt32(fourth) }
        self.bits = bits
    }

    /// GTIN-8, -12, -13 and -14: bare digits without a symbology identifier.
    static var plain: GTINLengths { GTINLengths(8, 12, 13, 14) }

    @inline(__always)
    func contains(_ count: Int) -> Bool { count >= 0 && count < 32 && bits >> UInt32(count) & 1 != 0 }
}
