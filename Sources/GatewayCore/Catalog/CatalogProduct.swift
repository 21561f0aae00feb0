/// A product as resolution reads it (``CatalogLookup/product(key:)``): the fields a ``ResolvedItem`` and its
/// flags are made of, and nothing else.
///
/// Why not a ``CatalogRecord``: a record has 35 fields, and building, copying and destroying one took about 3,000
/// instructions of every lookup (a tenth of a GTIN's resolution); this has ten.
public struct CatalogProduct: Sendable, Equatable {
    /// The key the product is stored under (UDI-DI / GTIN-14, as ``CatalogRecord/productKey(_:)`` makes it).
    public var key: String
    public var name: String?
    public var specification: String?
    public var manufacturer: String?
    public var insuranceCode: String?
    public var chargeCode: String?
    public var unit: String?
    public var highValue: Bool
    public var recalled: Bool
    public var blocked: Bool
    /// Days before expiry from which an item is flagged `near_expiry`.
    public var nearExpiryDays: Int?

    /// A product with no details and no flags; set the fields that are known.
    public init(key: String) {
        self.key = key
        highValue = false
        recalled = false
        blocked = false
    }

    /// The parts of a `product` record that resolution uses (absent flags are false).
    public init(_ record: borrowing CatalogRecord, key: String) {
        self.key = record.key ?? key
        name = record.name
        specification = record.specification
        manufacturer = record.manufacturer
        insuranceCode = record.insuranceCode
        chargeCode = record.chargeCode
        unit = record.unit
        highValue = record.highValue ?? false
        recalled = record.recalled ?? false
        blocked = record.blocked ?? false
        nearExpiryDays = record.nearExpiryDays
    }
}

/// An in-hospital code as resolution reads it (``CatalogLookup/hospitalCode(_:)``): a `package`, `label` or
/// `badge` record's own fields (8 of a ``CatalogRecord``'s 35, for the same reason as ``CatalogProduct``).
public struct RegisteredCode: Sendable, Equatable {
    public var kind: CatalogRecord.Kind
    /// The product's key (package, label).
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

    /// A code of `kind` with no fields set.
    public init(kind: CatalogRecord.Kind) {
        self.kind = kind
    }

    /// The fields of an in-hospital code record.
    public init(_ record: borrowing CatalogRecord) {
        kind = record.kind
        product = record.product
        quantity = record.quantity
        lot = record.lot
        serial = record.serial
        expiry = record.expiry
        user = record.user
        role = record.role
    }
}
