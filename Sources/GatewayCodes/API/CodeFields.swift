/// Every field a decode can fill, flat, as in the JSON encoding (`snake_case` keys, absent when nil).
///
/// Reach them through the ``DecodedCode`` directly: `code.gtin`, `code.lot`, `code.expiry`.
public struct CodeFields: Sendable, Equatable, Codable {
    // MARK: Common
    /// ISO 15424 symbology identifier that prefixed the data, e.g. `"]d2"`.
    public var symbology: String?
    /// The input text for in-house, unknown, unparsed or invalid results.
    public var raw: String?
    /// GTIN-14 (AI 01, or a plain EAN/UPC padded to 14 digits).
    public var gtin: String?
    /// The UDI device identifier: the GTIN for GS1, the MA DI, the HIBCC LIC+product+UoM, the AHM DI.
    public var di: String?
    /// SSCC (AI 00).
    public var sscc: String?
    /// GTIN of contained trade items (AI 02).
    public var contentGTIN: String?
    /// Batch / lot.
    public var lot: String?
    /// Serial number.
    public var serial: String?
    /// Expiry / use-by date.
    public var expiry: CivilDate?
    /// `"month"` when the label gives only a month (the date is then the 1st), `"day"` is implied otherwise.
    public var expiryPrecision: String?
    /// Expiry time of day `"HH:MM"` when the grammar carries one.
    public var expiryTime: String?
    /// GS1 (7003) expiry date and time, `"YYYY-MM-DDTHH:MM"`.
    public var expiryDatetime: String?
    /// Production / manufacture date.
    public var productionDate: CivilDate?
    /// Packaging date (AI 13).
    public var packDate: CivilDate?
    /// Best before (AI 15).
    public var bestBefore: CivilDate?
    /// Sell by (AI 16).
    public var sellBy: CivilDate?
    /// Quantity / count (GS1 30 or 37, HIBCC `$$8`/`$$9`/`/Q`).
    public var quantity: Int?
    /// GS1 elements in message order (also filled for Digital Link and plain GTINs).
    public var ais: [AIElement]?
    /// AI 240.
    public var additionalID: String?
    /// AI 241.
    public var customerPartNo: String?
    /// AI 22 consumer product variant.
    public var cpv: String?

    // MARK: HIBCC
    /// Labeler identification code (4 characters, alpha first).
    public var lic: String?
    /// Labeler product or catalogue number.
    public var product: String?
    /// Unit of measure digit.
    public var uom: Int?
    /// Link character of a separate secondary line (equals the primary's check character).
    public var link: String?
    /// Mod-43 check character as printed.
    public var check: String?
    /// `"primary"`, `"secondary"` or `"concatenated"`.
    public var line: String?

    // MARK: ISBT 128
    /// ISBT 128 data structure numbers in message order, e.g. `["023", "001"]`.
    public var structures: [String]?
    /// Donation Identification Number (13 characters, without flags).
    public var din: String?
    /// The two DIN flag characters.
    public var dinFlags: String?
    /// ISO 7064 mod 37-2 check character computed for the DIN (the boxed character printed beside it).
    public var dinCheck: String?
    /// Product code [003].
    public var productCode: String?
    /// Blood group code [002].
    public var bloodGroupCode: String?
    /// Product divisions [032].
    public var divisions: String?
    /// Number of data structures a compound message [023] declares.
    public var compoundCount: Int?
    /// Structured message identifier of a compound message (`000` = undefined order).
    public var compoundSequence: String?
    /// Processor product identification code [034], and its parts.
    public var ppic: String?
    public var ppicFin: String?
    public var ppicFpc: String?
    public var ppicPdc: String?
    /// Single European Code [038].
    public var sec: String?
    /// Collection date [006]/[007].
    public var collectionDate: CivilDate?
    /// Collection time `"HH:MM"` [007].
    public var collectionTime: String?
    /// Production time `"HH:MM"` [009].
    public var productionTime: String?

    // MARK: MA (IDcode)
    /// `.V` validity date (有效期), distinct from `.E` expiry (失效期).
    public var validityDate: CivilDate?
    /// `.D` sterilisation lot.
    public var sterilizationLot: String?

    // MARK: In-hospital
    /// Name of the hospital rule that matched.
    public var rule: String?
    /// What the matched rule's codes identify.
    public var meaning: HospitalCodeMeaning?
    /// The part of an in-hospital code after the rule's prefix.
    public var id: String?
    /// For `ambiguous` errors: every grammar or rule that claimed the input (`"gtin"`, `"rule:package"`).
    public var candidates: [String]?

    /// Creates an empty field set.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case symbology, raw, gtin, di, sscc, contentGTIN = "content_gtin", lot, serial, expiry
        case expiryPrecision = "expiry_precision", expiryTime = "expiry_time", expiryDatetime = "expiry_datetime"
        case productionDate = "production_date", packDate = "pack_date", bestBefore = "best_before"
        case sellBy = "sell_by", quantity, ais, additionalID = "additional_id"
        case customerPartNo = "customer_part_no", cpv
        case lic, product, uom, link, check, line
        case structures, din, dinFlags = "din_flags", dinCheck = "din_check", productCode = "product_code"
        case bloodGroupCode = "blood_group_code", divisions, compoundCount = "compound_count"
        case compoundSequence = "compound_sequence", ppic, ppicFin = "ppic_fin", ppicFpc = "ppic_fpc"
        case ppicPdc = "ppic_pdc", sec, collectionDate = "collection_date", collectionTime = "collection_time"
        case productionTime = "production_time"
        case validityDate = "validity_date", sterilizationLot = "sterilization_lot"
        case rule, meaning, id, candidates
    }
}
