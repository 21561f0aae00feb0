/// What one key produces on a layout: plain, with Shift, and with AltGr (nil when the layout has nothing there).
public struct KeySymbols: Sendable, Equatable {
    public var normal: Character?
    public var shifted: Character?
    public var altGr: Character?

    public init(normal: Character?, shifted: Character?, altGr: Character? = nil) {
        self.normal = normal
        self.shifted = shifted
        self.altGr = altGr
    }

    /// Caps Lock swaps the case of letters only (digits and punctuation are unaffected), as xkb does.
    var capsLockApplies: Bool {
        guard let normal, let shifted else { return false }
        return normal.isLetter && normal != shifted
    }
}

/// A keyboard layout as a table from Linux key code to symbols: the scanner is programmed for a country
/// keyboard and sends the key codes a person would press on it to type the code.
///
/// Table-driven, so a new country is data: see `KeyboardLayout+Tables.swift`.
public struct KeyboardLayout: Sendable, Equatable {
    /// Layouts the configuration accepts.
    public enum Name: String, Sendable, CaseIterable {
        case us, uk, de, fr
    }

    public let name: Name
    public let keys: [UInt16: KeySymbols]
    /// Whether Right Alt is AltGr (a third level) on this layout; on US it is a second Alt.
    public let hasAltGr: Bool
    /// The key that Ctrl turns into GS (0x1D): the key at the US `]` position on every layout here (it is `+`
    /// on German and `$` on French keyboards, which is why scanners send "Ctrl++" or "Ctrl+$" there).
    public let groupSeparatorKey: UInt16

    public init(
        name: Name, keys: [UInt16: KeySymbols], hasAltGr: Bool, groupSeparatorKey: UInt16 = KeyCode.rightBrace
    ) {
        self.name = name
        self.keys = keys
        self.hasAltGr = hasAltGr
        self.groupSeparatorKey = groupSeparatorKey
    }

    /// The layout for a configured name.
    public static func named(_ name: Name) -> KeyboardLayout {
        switch name {
        case .us: us
        case .uk: uk
        case .de: de
        case .fr: fr
        }
    }

    /// The character `code` produces with the given modifier state, or nil for keys without one.
    public func character(for code: UInt16, shift: Bool, capsLock: Bool, altGr: Bool) -> Character? {
        guard let symbols = keys[code] else { return nil }
        if altGr { return hasAltGr ? symbols.altGr : nil }
        let upper = capsLock && symbols.capsLockApplies ? !shift : shift
        return upper ? symbols.shifted : symbols.normal
    }

    /// Builds a table from rows of consecutive key codes; `·` in a row means "no symbol at this level".
    static func table(
        _ rows: [(start: UInt16, normal: String, shifted: String, altGr: String)]
    ) -> [UInt16: KeySymbols] {
        var keys: [UInt16: KeySymbols] = [:]
        for row in rows {
            let normal = Array(row.normal), shifted = Array(row.shifted), altGr = Array(row.altGr)
            for offset in normal.indices {
                func symbol(_ level: [Character]) -> Character? {
                    offset < level.count && level[offset] != "·" ? level[offset] : nil
                }
                keys[row.start + UInt16(offset)] = KeySymbols(
                    normal: symbol(normal), shifted: symbol(shifted), altGr: symbol(altGr))
            }
        }
        return keys
    }
}
