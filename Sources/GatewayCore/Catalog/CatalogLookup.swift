/// Point lookups into a catalogue: what ``CatalogResolution`` needs, implemented by the SQLite cache
/// (`GatewayStore.CatalogCache`) and its in-memory twin (`GatewayTesting.MemoryCatalog`).
///
/// Product keys are as stored (``CatalogRecord/productKey(_:)``); in-hospital codes are the whole code as scanned.
public protocol CatalogLookup {
    /// The product stored under `key`, if any: the parts resolution uses.
    func product(key: String) -> CatalogProduct?
    /// The in-hospital code (`package`, `label` or `badge`) stored under `code`, if any.
    func hospitalCode(_ code: String) -> RegisteredCode?
    /// Whether the unique item was consumed before (one item, one code).
    func isConsumed(productID: String, serial: String) -> Bool
    /// The catalogue version the data is at (0 for a catalogue never synced nor imported with a version).
    var catalogVersion: Int64 { get }
}

/// A weighing channel of a cabinet and the product on it, for counting by weight.
public struct CabinetSlot: Sendable, Equatable {
    public var cabinet: String
    public var channel: Int
    public var door: Int?
    public var shelf: Int?
    /// The product key (UDI-DI / GTIN-14).
    public var productID: String
    public var productName: String?
    /// Weight of one unit of use, grams (nil when the catalogue does not know it: the channel cannot count).
    public var unitWeightGrams: Double?
    /// Accepted deviation of one unit's weight, grams.
    public var toleranceGrams: Double?

    public init(
        cabinet: String, channel: Int, door: Int? = nil, shelf: Int? = nil, productID: String,
        productName: String? = nil, unitWeightGrams: Double? = nil, toleranceGrams: Double? = nil
    ) {
        self.cabinet = cabinet
        self.channel = channel
        self.door = door
        self.shelf = shelf
        self.productID = productID
        self.productName = productName
        self.unitWeightGrams = unitWeightGrams
        self.toleranceGrams = toleranceGrams
    }
}

/// The cabinet layout as the catalogue stores it (numbered channels, gram tolerances); the cabinet code reads it
/// through ``CatalogCabinetLayout``.
public protocol CabinetSlotSource: Sendable {
    /// The slot of `channel` in `cabinet`, with the product's unit weight and tolerance; nil when not configured.
    func slot(cabinet: String, channel: Int) -> CabinetSlot?
    /// Every configured slot of `cabinet`, by channel.
    func slots(cabinet: String) -> [CabinetSlot]
}
