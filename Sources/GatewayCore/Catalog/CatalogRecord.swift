/// One row of the local catalogue, as imported from a file (CSV or JSONL) or pushed by the backend (`catalog`
/// command): a product, an in-hospital code, a cabinet slot, or an in-hospital code format.
///
/// The record is flat on purpose: the same field names are the CSV header, the JSONL keys and the wire keys
/// (docs/cache.md lists which fields each `kind` uses). Absent fields are nil.
///
/// ```swift
/// var record = CatalogRecord(kind: .product, key: "06901234567892")
/// record.name = "PTCA balloon catheter 2.5x15"
/// record.highValue = true
/// ```
public struct CatalogRecord: Sendable, Equatable, Codable {
    /// What the record describes.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A product, keyed by UDI-DI or GTIN (`key`).
        case product
        /// A fixed-quantity package code (定数包): `key` is the code, `product` and `quantity`.
        case package
        /// A one-item-one-code unique label (一物一码): `key` is the code, `product`, `lot`, `serial`, `expiry`.
        case label
        /// A staff badge: `key` is the code, `user` and `role`.
        case badge
        /// A weighing channel of a cabinet: `cabinet`, `channel`, `door`, `shelf` -> `product`.
        case slot
        /// An in-hospital code format (wristband, surgery id, ...): `key` is the rule name, `meaning`, `prefix`,
        /// `minLength`, `maxLength`, `charset`, `check`.
        case format
    }

    public var kind: Kind
    /// The record's key: the DI/GTIN of a product, the code of a package/label/badge, the name of a format.
    /// Unused for slots (they are keyed by `cabinet` + `channel`).
    public var key: String?

    // MARK: Product
    public var name: String?
    /// Specification / model.
    public var specification: String?
    public var manufacturer: String?
    /// Registration certificate number (注册证号).
    public var registration: String?
    /// National medical-insurance (医保) consumables code.
    public var insuranceCode: String?
    /// Hospital charge code.
    public var chargeCode: String?
    /// Unit of use, e.g. `piece`.
    public var unit: String?
    /// Weight of one unit of use, grams (for counting by weight).
    public var unitWeightGrams: Double?
    /// Accepted deviation of one unit's weight, grams.
    public var toleranceGrams: Double?
    public var highValue: Bool?
    public var recalled: Bool?
    public var blocked: Bool?
    /// Days before expiry from which an item is flagged `near_expiry`.
    public var nearExpiryDays: Int?

    // MARK: In-hospital codes and slots
    /// The product (its key) a package, label or slot refers to.
    public var product: String?
    /// Units of use in a fixed-quantity package.
    public var quantity: Int?
    public var lot: String?
    public var serial: String?
    /// ISO date `YYYY-MM-DD`.
    public var expiry: String?
    /// Badge holder's user id.
    public var user: String?
    public var role: String?
    public var cabinet: String?
    public var door: Int?
    public var shelf: Int?
    public var channel: Int?

    // MARK: Formats
    /// A ``HospitalCodeMeaning`` raw value, e.g. `wristband`.
    public var meaning: String?
    public var prefix: String?
    public var minLength: Int?
    public var maxLength: Int?
    /// `digits`, `upper_alphanumeric` or `alphanumeric`.
    public var charset: String?
    /// A ``CheckAlgorithm`` raw value, e.g. `luhn`.
    public var check: String?

    /// Creates a record with only its kind and key.
    public init(kind: Kind, key: String? = nil) {
        self.kind = kind
        self.key = key
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, key, name, specification, manufacturer, registration, unit, recalled, blocked, product, quantity
        case lot, serial, expiry, user, role, cabinet, door, shelf, channel, meaning, prefix, charset, check
        case insuranceCode = "insurance_code"
        case chargeCode = "charge_code"
        case unitWeightGrams = "unit_weight_g"
        case toleranceGrams = "tolerance_g"
        case highValue = "high_value"
        case nearExpiryDays = "near_expiry_days"
        case minLength = "min_length"
        case maxLength = "max_length"
    }

    /// Every column name a CSV header may use.
    public static let columnNames: [String] = CodingKeys.allCases.map(\.rawValue)
}
