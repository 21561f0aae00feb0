import GatewayCodes

/// Shared fixtures: the reference date the vectors assume ("today 2026") and decoder shortcuts.
enum Fixture {
    static let today = CivilDate(year: 2026, month: 11, day: 23)

    static func decoder(strict: Bool = false, aliases: [String] = [], capsLock: Bool = false,
                        rules: [HospitalCodeRule] = []) -> CodeDecoder {
        CodeDecoder(options: DecodeOptions(strict: strict, gsAliases: aliases, invertCapsLock: capsLock,
                                           hospitalRules: rules, referenceDate: today))
    }

    static func decode(_ text: String, strict: Bool = false) -> DecodedCode {
        decoder(strict: strict).decode(text)
    }

    static func date(_ iso: String) -> CivilDate? { CivilDate(iso: iso) }

    /// GS1 mod-10 check digit for a digit string.
    static func gs1Check(_ digits: String) -> Character {
        var sum = 0
        for (offset, character) in digits.reversed().enumerated() {
            let digit = Int(String(character)) ?? 0
            sum += offset % 2 == 0 ? digit * 3 : digit
        }
        return Character(String((10 - sum % 10) % 10))
    }

    /// Mod-43 check character for HIBCC data (including the leading `+`).
    static func mod43(_ text: String) -> Character {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%")
        let sum = text.reduce(0) { $0 + (alphabet.firstIndex(of: $1) ?? 0) }
        return alphabet[sum % 43]
    }

    /// A HIBCC string with its check character appended.
    static func hibcc(_ data: String) -> String { data + String(mod43(data)) }
}

/// SplitMix64: a tiny seeded generator so property and fuzz tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
