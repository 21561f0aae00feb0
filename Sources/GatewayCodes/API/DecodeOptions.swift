/// How a ``CodeDecoder`` treats scanner artefacts and validation strictness; usually one value per scanner.
///
/// ```swift
/// var options = DecodeOptions(referenceDate: CivilDate(year: 2026, month: 11, day: 23))
/// options.gsAliases = ["<GS>"]          // this wedge scanner types FNC1 as the text "<GS>"
/// let code = CodeDecoder(options: options).decode("0109506000134352<GS>10ABC")
/// ```
public struct DecodeOptions: Sendable, Equatable {
    /// Strict GS1 validation: policy issues that the default mode reports as warnings become errors.
    public var strict: Bool
    /// Literal substrings that stand for GS (FNC1) in GS1 element strings, e.g. `"<GS>"`, `"{GS}"`, `"^]"`,
    /// `"|"`, `"#"`, `"~"`, `" "`. Applied only where a GS1 element string is parsed.
    public var gsAliases: [String]
    /// Strip trailing CR, LF and TAB (wedge Enter/Tab suffixes).
    public var stripTerminators: Bool
    /// Fold full-width ASCII variants (U+FF01...U+FF5E, U+3000) to ASCII, as some IME-connected wedges send.
    public var foldFullWidth: Bool
    /// The scanner typed with caps lock inverted: swap the case of ASCII letters before decoding.
    public var invertCapsLock: Bool
    /// In-hospital code rules, tried in order (see docs/codes.md for where they sit relative to standards).
    public var hospitalRules: [HospitalCodeRule]
    /// "Today" for the GS1 two-digit-year century window; injected, never read from a clock here.
    public var referenceDate: CivilDate

    /// Creates options; every parameter has the documented default.
    public init(
        strict: Bool = false,
        gsAliases: [String] = [],
        stripTerminators: Bool = true,
        foldFullWidth: Bool = true,
        invertCapsLock: Bool = false,
        hospitalRules: [HospitalCodeRule] = [],
        referenceDate: CivilDate = CivilDate(year: 2026, month: 1, day: 1)
    ) {
        self.strict = strict
        self.gsAliases = gsAliases
        self.stripTerminators = stripTerminators
        self.foldFullWidth = foldFullWidth
        self.invertCapsLock = invertCapsLock
        self.hospitalRules = hospitalRules
        self.referenceDate = referenceDate
    }
}
