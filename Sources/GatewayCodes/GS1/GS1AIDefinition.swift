/// Character sets of GS1 AI components (GS1 General Specifications 7.11, figures 7.11-1 to 7.11-3).
enum GS1Charset: UInt8, Sendable {
    /// Digits 0-9.
    case numeric
    /// CSET 82: the 82 printable characters allowed in GS1 AI data.
    case cset82
    /// CSET 39: `#`, `-`, `/`, digits, upper case letters.
    case cset39
    /// base64url (RFC 4648 §5) with `=` padding, used by (8030) digital signatures.
    case base64url
}

/// Linter names of the GS1 Barcode Syntax Dictionary; the case order is the order they run in.
enum GS1Linter: Int, Sendable, CaseIterable {
    case zero, nonzero, nozeroprefix, hasnondigit, yesno, hyphen, winding, iso5218, mediatype
    case csum, csumalpha, gcppos1, gcppos2
    case yymmd0, yymmdd, yyyymmdd, hhmi, hh, mi, ss
    case iso3166, iso3166999, iso3166alpha2, iso4217
    case latitude, longitude, pieceoftotal, posinseqslash, pcenc, importeridx, packagetype, iban
    case couponcode, couponposoffer
}

/// One component of an AI's data field, e.g. `N6,yymmd0` or `[X..17]`.
struct GS1Component: Sendable {
    let charset: GS1Charset
    let minLength: UInt8
    let maxLength: UInt8
    let isOptional: Bool
    /// Bit `1 << linter.rawValue` for each linter of the component.
    let linterMask: UInt64

    init(_ charset: GS1Charset, _ minLength: Int, _ maxLength: Int, optional: Bool, _ linters: [GS1Linter]) {
        self.charset = charset
        self.minLength = UInt8(minLength)
        self.maxLength = UInt8(maxLength)
        self.isOptional = optional
        self.linterMask = linters.reduce(0) { $0 | (1 << UInt64($1.rawValue)) }
    }

    var isFixedLength: Bool { minLength == maxLength }
}

/// One AI as the dictionary describes it (the generated table is a list of these).
struct GS1AIDefinition: Sendable {
    let ai: String
    /// `*` flag: listed in the predefined-length table, so no FNC1 is needed after it.
    let predefinedLength: Bool
    /// `?` flag: may appear as a GS1 Digital Link data attribute (query parameter).
    let digitalLinkAttribute: Bool
    let components: [GS1Component]
    /// Each inner list is one `req=` attribute: alternatives, each a `+`-joined list of AI patterns.
    let requires: [[[String]]]
    /// `ex=` patterns.
    let excludes: [String]
    /// nil when not a Digital Link primary key, else the alternative qualifier sequences (`dlpkey=22,10,21|235`).
    let dlPrimaryKeyQualifiers: [[String]]?
    let title: String

    init(_ ai: String, predefinedLength: Bool, digitalLinkAttribute: Bool, components: [GS1Component],
         requires: [[[String]]], excludes: [String], dlPrimaryKeyQualifiers: [[String]]?, title: String) {
        self.ai = ai
        self.predefinedLength = predefinedLength
        self.digitalLinkAttribute = digitalLinkAttribute
        self.components = components
        self.requires = requires
        self.excludes = excludes
        self.dlPrimaryKeyQualifiers = dlPrimaryKeyQualifiers
        self.title = title
    }
}
