/// The cabinet layout the daemon uses: the configuration's bins first (an operator's local override), then the
/// catalogue's slots (planograms imported or pushed by the backend).
public struct CatalogCabinetLayout: CabinetLayoutSource {
    public let configured: StaticCabinetLayout
    public let catalogue: (any CabinetSlotSource)?

    public init(configured: StaticCabinetLayout, catalogue: (any CabinetSlotSource)?) {
        self.configured = configured
        self.catalogue = catalogue
    }

    public func bin(cabinet: String, channel: String) -> BinLayout? {
        if let bin = configured.bin(cabinet: cabinet, channel: channel) { return bin }
        guard let number = Int(channel), let slot = catalogue?.slot(cabinet: cabinet, channel: number),
            let unitGrams = slot.unitWeightGrams, unitGrams > 0
        else { return nil }
        // The catalogue gives the accepted deviation in grams; the counter wants it as a fraction of one item,
        // capped below half an item so that neighbouring counts can never both match.
        let tolerance = slot.toleranceGrams.map { min($0 / unitGrams, 0.45) } ?? 0.3
        return BinLayout(
            channel: channel, productID: slot.productID, name: slot.productName, unitGrams: unitGrams,
            tolerance: tolerance)
    }
}
