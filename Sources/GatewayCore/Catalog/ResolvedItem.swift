/// What the local catalogue knows about a scanned item: the product, how many units the code stands for, and
/// everything a nurse or an auditor must be told about it (expired, recalled, already consumed...).
///
/// An unknown code is not an error: it resolves with `status == .unknown` and a `reason`, and the event is still
/// written, so the backend can reconcile it later.
public struct ResolvedItem: Sendable, Equatable, Codable {
    /// Whether the catalogue knows the product.
    public enum Status: String, Sendable, Codable {
        case known
        case unknown
    }

    /// Conditions found at resolution time. Flags never stop an event; they travel with it.
    public enum Flag: String, Sendable, Codable, CaseIterable {
        /// The expiry date (from the code, or the label registry) is before the scan date.
        case expired
        /// The item expires within the product's near-expiry window.
        case nearExpiry = "near_expiry"
        /// The product or lot is recalled.
        case recalled
        /// The product is blocked for use by the hospital.
        case blocked
        /// The catalogue does not know the code.
        case unknown
        /// A one-item-one-code item that was already consumed once.
        case alreadyConsumed = "already_consumed"
    }

    public var status: Status
    /// The product key: UDI-DI or GTIN-14 (or the in-hospital product id for package codes).
    public var productID: String?
    public var name: String?
    /// Specification / model.
    public var specification: String?
    public var manufacturer: String?
    /// Hospital charge code.
    public var chargeCode: String?
    /// National medical-insurance (医保) consumables code.
    public var insuranceCode: String?
    /// Units of use this code stands for (a fixed-quantity package holds several; an item is 1).
    public var quantity: Int
    /// Unit of use, e.g. "piece", "box".
    public var unit: String?
    /// High-value items must be bound to a patient.
    public var highValue: Bool
    public var lot: String?
    public var serial: String?
    /// ISO date `YYYY-MM-DD`, from the code or the unique-label registry.
    public var expiry: String?
    public var flags: [Flag]
    /// Why the item is unknown or flagged, for a person.
    public var reason: String?
    /// Catalogue version the resolution was made against.
    public var catalogVersion: Int64?

    public init(
        status: Status, productID: String? = nil, name: String? = nil, quantity: Int = 1, highValue: Bool = false,
        flags: [Flag] = [], reason: String? = nil
    ) {
        self.status = status
        self.productID = productID
        self.name = name
        self.quantity = quantity
        self.highValue = highValue
        self.flags = flags
        self.reason = reason
    }

    /// An item the catalogue does not know.
    public static func unknown(productID: String?, reason: String) -> ResolvedItem {
        ResolvedItem(status: .unknown, productID: productID, flags: [.unknown], reason: reason)
    }

    enum CodingKeys: String, CodingKey {
        case status, name, specification, manufacturer, quantity, unit, lot, serial, expiry, flags, reason
        case productID = "product_id"
        case chargeCode = "charge_code"
        case insuranceCode = "insurance_code"
        case highValue = "high_value"
        case catalogVersion = "catalog_version"
    }
}
