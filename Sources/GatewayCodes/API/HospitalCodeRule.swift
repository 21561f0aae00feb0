/// One in-hospital barcode convention, e.g. "package labels are `PK` + 10 digits with a Luhn check".
///
/// Rules come from the daemon's configuration and are tried in order after the standard grammars with
/// unambiguous prefixes (see docs/codes.md, "Decision order").
public struct HospitalCodeRule: Sendable, Equatable, Codable {
    /// Name reported in ``CodeFields/rule`` and in `ambiguous` candidates, e.g. `"package"`.
    public var name: String
    /// What a matching code identifies.
    public var meaning: HospitalCodeMeaning
    /// Literal prefix the code must start with (may be empty).
    public var prefix: String
    /// Allowed total length including the prefix.
    public var length: CodeLength
    /// Characters allowed after the prefix.
    public var charset: CodeCharset
    /// Optional check character over the whole code (prefix included when it is part of the check domain,
    /// see ``checkIncludesPrefix``); the last character is the check character.
    public var check: CheckAlgorithm?
    /// Whether the check algorithm covers the prefix too (default false: only the part after the prefix).
    public var checkIncludesPrefix: Bool

    /// Creates a rule.
    public init(
        name: String, meaning: HospitalCodeMeaning, prefix: String = "", length: CodeLength,
        charset: CodeCharset = .upperAlphanumeric, check: CheckAlgorithm? = nil, checkIncludesPrefix: Bool = false
    ) {
        self.name = name
        self.meaning = meaning
        self.prefix = prefix
        self.length = length
        self.charset = charset
        self.check = check
        self.checkIncludesPrefix = checkIncludesPrefix
    }
}

/// What an in-hospital code identifies.
public enum HospitalCodeMeaning: String, Sendable, Equatable, Codable, CaseIterable {
    /// A fixed-quantity package (定数包).
    case package
    /// A one-item-one-code unique label (一物一码).
    case uniqueLabel = "unique_label"
    /// A staff badge.
    case badge
    /// A patient wristband.
    case wristband
    /// A surgery / operation identifier.
    case surgery
    /// A cabinet or bin label.
    case bin
}

/// Allowed length of a code: exact or a closed range.
public enum CodeLength: Sendable, Equatable, Codable {
    case exact(Int)
    case range(min: Int, max: Int)

    func contains(_ count: Int) -> Bool {
        switch self {
        case .exact(let length): return count == length
        case .range(let minimum, let maximum): return count >= minimum && count <= maximum
        }
    }
}

/// Characters allowed in the part of a code after its prefix.
public enum CodeCharset: Sendable, Equatable, Codable {
    /// `0-9`.
    case digits
    /// `0-9 A-Z`.
    case upperAlphanumeric
    /// `0-9 A-Z a-z`.
    case alphanumeric
    /// Exactly these ASCII characters.
    case custom(String)

    func allows(_ byte: UInt8) -> Bool {
        switch self {
        case .digits: return ASCII.isDigit(byte)
        case .upperAlphanumeric: return ASCII.isAlphanumericUpper(byte)
        case .alphanumeric: return ASCII.isAlphanumericUpper(byte) || ASCII.isLower(byte)
        case .custom(let allowed): return allowed.utf8.contains(byte)
        }
    }
}

/// Check character algorithms a hospital rule may require.
public enum CheckAlgorithm: String, Sendable, Equatable, Codable, CaseIterable {
    /// GS1 mod 10 (weights 3/1 from the right), digits only.
    case gs1Mod10 = "gs1_mod10"
    /// Luhn mod 10, digits only.
    case luhn
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // The underscore keeps the standard's "MOD 11-2" apart from a modulus of 112 (and 37-2 from 372).
    /// ISO/IEC 7064 MOD 11-2 (check `0-9` or `X`), as in Chinese resident ID numbers.
    case iso7064Mod11_2 = "iso7064_mod11_2"
    // swift-format-ignore: AlwaysUseLowerCamelCase
    /// ISO/IEC 7064 MOD 37-2 (check `0-9 A-Z *`), as in ISBT 128 DINs.
    case iso7064Mod37_2 = "iso7064_mod37_2"
    /// Code 39 / HIBC modulo 43.
    case mod43
}
