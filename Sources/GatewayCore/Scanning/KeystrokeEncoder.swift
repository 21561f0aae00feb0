/// The inverse of ``KeyboardWedgeDecoder``: the key events a wedge scanner programmed for a layout sends to
/// type a code. The simulator (`spd-sim scanner`) and the tests use it; the gateway itself never types.
public struct KeystrokeEncoder: Sendable {
    /// How the scanner sends GS (0x1D).
    public enum GroupSeparatorStyle: Sendable, Equatable {
        /// Ctrl + the layout's GS key (Ctrl+] on US, Ctrl++ on DE).
        case control
        /// Alt held while typing 0, 2, 9 on the keypad.
        case altKeypad
        /// A substitute string typed in its place (`#`, `<GS>`...).
        case substitute(String)
    }

    /// A key that cannot be typed on the layout.
    public struct Untypable: Error, Equatable {
        public var character: Character
    }

    public let layout: KeyboardLayout
    public let groupSeparator: GroupSeparatorStyle
    /// Time between consecutive key presses (scanners: 7-16 ms), and from press to release.
    public let interKey: Duration
    public let hold: Duration
    private let reverse: [Character: (code: UInt16, shift: Bool, altGr: Bool)]

    public init(
        layout: KeyboardLayout, groupSeparator: GroupSeparatorStyle = .control, interKey: Duration = .milliseconds(8),
        hold: Duration = .milliseconds(2)
    ) {
        self.layout = layout
        self.groupSeparator = groupSeparator
        self.interKey = interKey
        self.hold = hold
        var reverse: [Character: (code: UInt16, shift: Bool, altGr: Bool)] = [:]
        // Lowest key code first, so the main block wins over the keypad for digits and operators.
        for code in layout.keys.keys.sorted(by: >) {
            let symbols = layout.keys[code]!
            if let altGr = symbols.altGr { reverse[altGr] = (code, false, true) }
            if let shifted = symbols.shifted { reverse[shifted] = (code, true, false) }
            if let normal = symbols.normal { reverse[normal] = (code, false, false) }
        }
        self.reverse = reverse
    }

    /// Key events typing `text` then `terminator` (nil: none), starting at `start` (nanoseconds), each key
    /// followed by `SYN_REPORT` as the kernel sends them. Returns the events and the time after the last one.
    public func events(for text: String, terminator: WedgeTerminator?, startingAt start: UInt64) throws(Untypable)
        -> (events: [InputEvent], end: UInt64)
    {
        var events: [InputEvent] = []
        var time = start
        func tap(_ code: UInt16, with modifiers: [UInt16] = []) {
            for modifier in modifiers { press(modifier, true) }
            press(code, true)
            time &+= hold.nanosecondsValue
            press(code, false)
            for modifier in modifiers.reversed() { press(modifier, false) }
            time &+= interKey.nanosecondsValue
        }
        func press(_ code: UInt16, _ down: Bool) {
            events.append(.key(code, pressed: down, at: time))
            events.append(.report(at: time))
        }
        for character in text {
            if character == "\u{1D}" {
                switch groupSeparator {
                case .control:
                    tap(layout.groupSeparatorKey, with: [KeyCode.leftControl])
                    continue
                case .altKeypad:
                    press(KeyCode.leftAlt, true)
                    for digit in [0, 2, 9] { tap(KeyCode.keypadDigits[digit]) }
                    press(KeyCode.leftAlt, false)
                    continue
                case .substitute(let substitute):
                    for replacement in substitute {
                        guard let key = reverse[replacement] else { throw Untypable(character: replacement) }
                        tap(key.code, with: modifiers(key))
                    }
                    continue
                }
            }
            guard let key = reverse[character] else { throw Untypable(character: character) }
            tap(key.code, with: modifiers(key))
        }
        switch terminator {
        case .enter: tap(KeyCode.enter)
        case .tab: tap(KeyCode.tab)
        case nil: break
        }
        return (events, time)
    }

    private func modifiers(_ key: (code: UInt16, shift: Bool, altGr: Bool)) -> [UInt16] {
        key.altGr ? [KeyCode.rightAlt] : key.shift ? [KeyCode.leftShift] : []
    }
}
