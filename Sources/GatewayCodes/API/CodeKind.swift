/// Which grammar a scan was decoded with. The raw value is the JSON `kind`.
public enum CodeKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// GS1 element string (raw with GS, symbology-id prefixed, or bracketed HRI).
    case gs1
    /// A plain GTIN-8/12/13/14 (EAN/UPC/ITF-14 or bare digits); reported as AI (01) too.
    case gtin
    /// GS1 Digital Link URI.
    case digitalLink = "digital_link"
    /// HIBCC (Health Industry Bar Code) primary, secondary or concatenated.
    case hibcc = "hibc"
    /// ISBT 128 data structures.
    case isbt128
    /// China MA (IDcode) UDI.
    case ma
    /// AliHealth AHM code, recognised but not parsed.
    case ahm
    /// An in-hospital code: a configured rule matched (``CodeFields/rule``), or printable text that no
    /// standard grammar claims.
    case `internal`
    /// Text that is not printable ASCII and matches nothing (kept in ``CodeFields/raw``).
    case unknown
    /// The input could not be decoded; ``DecodedCode/error`` says why.
    case invalid
}
