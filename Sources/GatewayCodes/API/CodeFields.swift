/// Every field a decode can fill, flat, as in the JSON encoding (`snake_case` keys, absent when nil).
///
/// Reach them through the ``DecodedCode`` directly: `code.gtin`, `code.lot`, `code.expiry`.
///
/// Text fields are built on read from ranges of the scanned text (see `FieldText`): reading a field twice
/// builds its `String` twice, and values over 15 UTF-8 bytes allocate when read. Read `ais` once into a
/// local, or use ``aiElements`` to look at the elements without building an array.
public struct CodeFields: Sendable {
    /// Text fields and GS1 elements as ranges; see `FieldText`.
    var text: FieldText
    /// Date fields, packed; see `FieldDates`.
    var dates = FieldDates()
    /// ISBT 128 structures of a decode as `ISBT128Structure` case indices (+1), kept inline so that an
    /// ISBT 128 decode does not allocate an array; `structures` builds the strings on read.
    var structureCodes = SIMD16<UInt8>()
    var structureCount: UInt8 = 0

    // MARK: Common
    /// ISO 15424 symbology identifier that prefixed the data, e.g. `"]d2"`.
    public var symbology: String? { get { text[.symbology] } set { text[.symbology] = newValue } }
    /// The input text for in-house, unknown, unparsed or invalid results.
    public var raw: String? { get { text[.raw] } set { text[.raw] = newValue } }
    /// GTIN-14 (AI 01, or a plain EAN/UPC padded to 14 digits).
    public var gtin: String? { get { text[.gtin] } set { text[.gtin] = newValue } }
    /// The UDI device identifier: the GTIN for GS1, the MA DI, the HIBCC LIC+product+UoM, the AHM DI.
    public var di: String? { get { text[.di] } set { text[.di] = newValue } }
    /// SSCC (AI 00).
    public var sscc: String? { get { text[.sscc] } set { text[.sscc] = newValue } }
    /// GTIN of contained trade items (AI 02).
    public var contentGTIN: String? { get { text[.contentGTIN] } set { text[.contentGTIN] = newValue } }
    /// Batch / lot.
    public var lot: String? { get { text[.lot] } set { text[.lot] = newValue } }
    /// Serial number.
    public var serial: String? { get { text[.serial] } set { text[.serial] = newValue } }
    /// Expiry / use-by date.
    public var expiry: CivilDate? { get { date(.expiry) } set { setDate(.expiry, newValue) } }
    /// `"month"` when the label gives only a month (the date is then the 1st), `"day"` is implied otherwise.
    public var expiryPrecision: String? { get { text[.expiryPrecision] } set { text[.expiryPrecision] = newValue } }
    /// Expiry time of day `"HH:MM"` when the grammar carries one.
    public var expiryTime: String? { get { text[.expiryTime] } set { text[.expiryTime] = newValue } }
    /// GS1 (7003) expiry date and time, `"YYYY-MM-DDTHH:MM"`.
    public var expiryDatetime: String? { get { text[.expiryDatetime] } set { text[.expiryDatetime] = newValue } }
    /// Production / manufacture date.
    public var productionDate: CivilDate? { get { date(.productionDate) } set { setDate(.productionDate, newValue) } }
    /// Packaging date (AI 13).
    public var packDate: CivilDate? { get { date(.packDate) } set { setDate(.packDate, newValue) } }
    /// Best before (AI 15).
    public var bestBefore: CivilDate? { get { date(.bestBefore) } set { setDate(.bestBefore, newValue) } }
    /// Sell by (AI 16).
    public var sellBy: CivilDate? { get { date(.sellBy) } set { setDate(.sellBy, newValue) } }
    /// Quantity / count (GS1 30 or 37, HIBCC `$$8`/`$$9`/`/Q`).
    public var quantity: Int?
    /// GS1 elements in message order (also filled for Digital Link and plain GTINs).
    public var ais: [AIElement]? {
        get { text.extras?.explicitAIs ?? (text.hasElements ? text.elements() : nil) }
        set {
            text.removeElements()
            if newValue != nil || text.extras != nil { text.mutableExtras().explicitAIs = newValue }
        }
    }
    /// AI 240.
    public var additionalID: String? { get { text[.additionalID] } set { text[.additionalID] = newValue } }
    /// AI 241.
    public var customerPartNo: String? { get { text[.customerPartNo] } set { text[.customerPartNo] = newValue } }
    /// AI 22 consumer product variant.
    public var cpv: String? { get { text[.cpv] } set { text[.cpv] = newValue } }

    // MARK: HIBCC
    /// Labeler identification code (4 characters, alpha first).
    public var lic: String? { get { text[.lic] } set { text[.lic] = newValue } }
    /// Labeler product or catalogue number.
    public var product: String? { get { text[.product] } set { text[.product] = newValue } }
    /// Unit of measure digit.
    public var uom: Int?
    /// Link character of a separate secondary line (equals the primary's check character).
    public var link: String? { get { text[.link] } set { text[.link] = newValue } }
    /// Mod-43 check character as printed.
    public var check: String? { get { text[.check] } set { text[.check] = newValue } }
    /// `"primary"`, `"secondary"` or `"concatenated"`.
    public var line: String? { get { text[.line] } set { text[.line] = newValue } }

    // MARK: ISBT 128
    /// ISBT 128 data structure numbers in message order, e.g. `["023", "001"]`.
    public var structures: [String]? {
        get {
            if let assigned = text.extras?.structures { return assigned }
            guard structureCount > 0 else { return nil }
            return (0..<Int(structureCount)).map { ISBT128Structure.allCases[Int(structureCodes[$0]) - 1].rawValue }
        }
        set {
            structureCount = 0
            if newValue != nil || text.extras != nil { text.mutableExtras().structures = newValue }
        }
    }
    /// Donation Identification Number (13 characters, without flags).
    public var din: String? { get { text[.din] } set { text[.din] = newValue } }
    /// The two DIN flag characters.
    public var dinFlags: String? { get { text[.dinFlags] } set { text[.dinFlags] = newValue } }
    /// ISO 7064 mod 37-2 check character computed for the DIN (the boxed character printed beside it).
    public var dinCheck: String? { get { text[.dinCheck] } set { text[.dinCheck] = newValue } }
    /// Product code [003].
    public var productCode: String? { get { text[.productCode] } set { text[.productCode] = newValue } }
    /// Blood group code [002].
    public var bloodGroupCode: String? { get { text[.bloodGroupCode] } set { text[.bloodGroupCode] = newValue } }
    /// Product divisions [032].
    public var divisions: String? { get { text[.divisions] } set { text[.divisions] = newValue } }
    /// Number of data structures a compound message [023] declares.
    public var compoundCount: Int?
    /// Structured message identifier of a compound message (`000` = undefined order).
    public var compoundSequence: String? { get { text[.compoundSequence] } set { text[.compoundSequence] = newValue } }
    /// Processor product identification code [034], and its parts.
    public var ppic: String? { get { text[.ppic] } set { text[.ppic] = newValue } }
    public var ppicFin: String? { get { text[.ppicFin] } set { text[.ppicFin] = newValue } }
    public var ppicFpc: String? { get { text[.ppicFpc] } set { text[.ppicFpc] = newValue } }
    public var ppicPdc: String? { get { text[.ppicPdc] } set { text[.ppicPdc] = newValue } }
    /// Single European Code [038].
    public var sec: String? { get { text[.sec] } set { text[.sec] = newValue } }
    /// Collection date [006]/[007].
    public var collectionDate: CivilDate? { get { date(.collectionDate) } set { setDate(.collectionDate, newValue) } }
    /// Collection time `"HH:MM"` [007].
    public var collectionTime: String? { get { text[.collectionTime] } set { text[.collectionTime] = newValue } }
    /// Production time `"HH:MM"` [009].
    public var productionTime: String? { get { text[.productionTime] } set { text[.productionTime] = newValue } }

    // MARK: MA (IDcode)
    /// `.V` validity date (有效期), distinct from `.E` expiry (失效期).
    public var validityDate: CivilDate? { get { date(.validityDate) } set { setDate(.validityDate, newValue) } }
    /// `.D` sterilisation lot.
    public var sterilizationLot: String? { get { text[.sterilizationLot] } set { text[.sterilizationLot] = newValue } }

    // MARK: In-hospital
    /// Name of the hospital rule that matched.
    public var rule: String? { get { text[.rule] } set { text[.rule] = newValue } }
    /// What the matched rule's codes identify.
    public var meaning: HospitalCodeMeaning?
    /// The part of an in-hospital code after the rule's prefix.
    public var id: String? { get { text[.id] } set { text[.id] = newValue } }
    /// For `ambiguous` errors: every grammar or rule that claimed the input (`"gtin"`, `"rule:package"`).
    public var candidates: [String]? {
        get { text.extras?.candidates }
        set { if newValue != nil || text.extras != nil { text.mutableExtras().candidates = newValue } }
    }

    /// Creates an empty field set.
    public init() {
        text = FieldText()
    }

    @inline(__always)
    func date(_ field: FieldDates.Field) -> CivilDate? { dates.date(field, extras: text.extras) }

    mutating func setDate(_ field: FieldDates.Field, _ date: CivilDate?) { dates.set(field, date, text: &text) }

    /// Records ISBT 128 structure `structure` (in message order) without building strings.
    mutating func appendStructure(_ structure: ISBT128Structure) {
        let index = ISBT128Structure.caseIndex(structure)
        if text.extras?.structures == nil, structureCount < 16 {
            structureCodes[Int(structureCount)] = UInt8(index + 1)
            structureCount += 1
        } else {
            var list = structures ?? []
            list.append(structure.rawValue)
            structureCount = 0
            text.mutableExtras().structures = list
        }
    }

    /// The GS1 elements (`ais`) as a collection that builds each ``AIElement`` on access, without an array.
    public var aiElements: AIElementList {
        if let explicitAIs = text.extras?.explicitAIs { return AIElementList(explicitAIs) }
        return AIElementList(text)
    }
}
