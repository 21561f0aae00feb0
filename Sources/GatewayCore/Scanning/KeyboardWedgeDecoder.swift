/// Turns the key events of a keyboard-wedge scanner into scans: tracks both Shifts, Caps Lock, Ctrl, Alt and
/// AltGr; maps keys through the scanner's layout; turns Ctrl+] (Ctrl++ on German, Ctrl+$ on French keyboards)
/// and Alt+keypad 0-2-9 into GS; frames on the configured terminator or an idle timeout.
///
/// Pure: it sees events with their kernel timestamps and nothing else, so every behaviour is tested with
/// scripted events. One decoder per device, so characters of separate scanners never mix.
///
/// ```swift
/// var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .de))
/// for event in events { if let frame = decoder.decode(event: event) { handle(frame) } }
/// ```
public struct KeyboardWedgeDecoder: Sendable {
    /// What the decoder set aside rather than reported, for the device's status.
    public struct Counters: Sendable, Equatable {
        /// Input discarded as a person typing (slow keys on a device not known to be a scanner, or too short).
        public var humanInputsDiscarded = 0
        /// Key presses that mean nothing on the layout (function keys, unmapped AltGr levels).
        public var unmappedKeys = 0
        /// `SYN_DROPPED` markers seen.
        public var droppedMarkers = 0
    }

    public let options: KeyboardWedgeOptions
    public private(set) var counters = Counters()

    private var shiftKeys: Set<UInt16> = []
    private var controlKeys: Set<UInt16> = []
    private var altKeys: Set<UInt16> = []
    private var altGrDown = false
    private var capsLock = false
    /// The value typed on the keypad while Alt is held (Alt+0+2+9 = GS), or nil when none.
    private var altCode: UInt32?
    private var resyncing = false
    private var buffer: [UInt8] = []
    private var damage: String?
    private var firstTime: UInt64 = 0
    private var lastTime: UInt64 = 0

    public init(options: KeyboardWedgeOptions) {
        self.options = options
    }

    /// Whether part of a scan is buffered.
    public var hasPartialScan: Bool { !buffer.isEmpty }

    /// Monotonic time at which ``flushIfIdle(atNanoseconds:)`` will end the buffered scan, or nil.
    public var idleDeadline: UInt64? {
        guard !buffer.isEmpty, let timeout = options.idleTimeout else { return nil }
        return lastTime &+ timeout.nanosecondsValue
    }

    /// Feeds one event; returns a scan when this event completed one.
    public mutating func decode(event: InputEvent) -> ScanFrame? {
        switch event.type {
        case InputEventType.sync:
            return sync(event)
        case InputEventType.key where !resyncing:
            return key(event)
        default:
            return nil
        }
    }

    /// Ends the buffered scan if the idle timeout has passed at `now` (monotonic nanoseconds).
    public mutating func flushIfIdle(atNanoseconds now: UInt64) -> ScanFrame? {
        guard let deadline = idleDeadline, now >= deadline else { return nil }
        guard buffer.count >= options.minimumLength else {
            counters.humanInputsDiscarded += 1
            discard()
            return nil
        }
        return finish(.idle)
    }

    /// Ends the buffered scan now as an idle-ended scan (the caller measured the idle time itself).
    public mutating func flushPartial() -> ScanFrame? {
        guard !buffer.isEmpty else { return nil }
        return flushIfIdle(atNanoseconds: UInt64.max)
    }

    /// The device went away or failed: returns what was buffered as an interrupted (partial) scan, and forgets
    /// the modifier state (a replugged device starts with every key up).
    public mutating func interrupt(reason: String) -> ScanFrame? {
        resetModifiers()
        resyncing = false
        guard !buffer.isEmpty else { return nil }
        damage = damage.map { "\($0); \(reason)" } ?? reason
        return finish(.interrupted)
    }

    // MARK: Events

    private mutating func sync(_ event: InputEvent) -> ScanFrame? {
        switch event.code {
        case InputEventType.synDropped:
            // The kernel lost events: ignore everything up to the next SYN_REPORT, then start over with all keys
            // up. The scan in progress may miss characters, so it is marked damaged rather than trusted.
            counters.droppedMarkers += 1
            resyncing = true
            resetModifiers()
            if !buffer.isEmpty || damage == nil {
                damage = "input events were dropped by the kernel (SYN_DROPPED); characters may be missing"
            }
        case InputEventType.synReport where resyncing:
            resyncing = false
            // A damage note set while nothing was buffered belongs to the scan that starts now.
        default:
            break
        }
        return nil
    }

    private mutating func key(_ event: InputEvent) -> ScanFrame? {
        // Autorepeat (2) comes from a key held down: a scanner never holds one, and a stuck key must not flood.
        guard event.value == 0 || event.value == 1 else { return nil }
        let code = event.code, pressed = event.value == 1
        if updateModifier(code, pressed: pressed) {
            if !pressed && altKeys.isEmpty, let value = altCode {
                altCode = nil
                return append(Character(Unicode.Scalar(UInt8(truncatingIfNeeded: value))), at: event.timeNanoseconds)
            }
            return nil
        }
        guard pressed else { return nil }
        if let gap = options.humanGap, !buffer.isEmpty, event.timeNanoseconds &- lastTime > gap.nanosecondsValue {
            // Slow keys: a person at a keyboard, not a scanner. What they typed is not a scan.
            counters.humanInputsDiscarded += 1
            discard()
        }
        if code == KeyCode.enter || code == KeyCode.keypadEnter {
            return terminate(.enter, else: "\r", at: event.timeNanoseconds)
        }
        if code == KeyCode.tab {
            return terminate(.tab, else: "\t", at: event.timeNanoseconds)
        }
        if !altKeys.isEmpty, let digit = KeyCode.keypadDigit(code) {
            altCode = (altCode ?? 0) &* 10 &+ digit
            return nil
        }
        if !controlKeys.isEmpty {
            return control(code, at: event.timeNanoseconds)
        }
        let layout = options.layout
        guard
            let character = layout.character(
                for: code, shift: !shiftKeys.isEmpty, capsLock: capsLock, altGr: altGrDown)
        else {
            counters.unmappedKeys += 1
            return nil
        }
        return append(character, at: event.timeNanoseconds)
    }

    /// Ctrl+key: GS for the layout's GS key (or whatever types `]`), ASCII control characters for letters
    /// (Ctrl+D = EOT, Ctrl+^ = RS in ISO/IEC 15434 envelopes).
    private mutating func control(_ code: UInt16, at time: UInt64) -> ScanFrame? {
        let layout = options.layout
        if code == layout.groupSeparatorKey {
            return append("\u{1D}", at: time)
        }
        let character = layout.character(for: code, shift: !shiftKeys.isEmpty, capsLock: false, altGr: altGrDown)
        guard let ascii = character?.asciiValue else {
            counters.unmappedKeys += 1
            return nil
        }
        switch ascii {
        case UInt8(ascii: "]"): return append("\u{1D}", at: time)
        case UInt8(ascii: "@")...UInt8(ascii: "_"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            return append(Character(Unicode.Scalar(ascii & 0x1F)), at: time)
        default:
            counters.unmappedKeys += 1
            return nil
        }
    }

    /// Returns true when `code` is a modifier (its state is updated).
    private mutating func updateModifier(_ code: UInt16, pressed: Bool) -> Bool {
        func set(_ keys: inout Set<UInt16>) {
            if pressed { keys.insert(code) } else { keys.remove(code) }
        }
        switch code {
        case KeyCode.leftShift, KeyCode.rightShift: set(&shiftKeys)
        case KeyCode.leftControl, KeyCode.rightControl: set(&controlKeys)
        case KeyCode.leftAlt: set(&altKeys)
        case KeyCode.rightAlt where options.layout.hasAltGr: altGrDown = pressed
        case KeyCode.rightAlt: set(&altKeys)
        case KeyCode.capsLock: if pressed { capsLock.toggle() }
        case KeyCode.numLock: break
        default: return false
        }
        return true
    }

    private mutating func resetModifiers() {
        shiftKeys = []
        controlKeys = []
        altKeys = []
        altGrDown = false
        altCode = nil
        // Caps Lock is a toggle whose state the scanner tracks too; after lost events it is unknown, and "off"
        // is what scanners assume (they send Shift for capitals).
        capsLock = false
    }

    // MARK: Framing

    private mutating func terminate(_ terminator: WedgeTerminator, else character: Character, at time: UInt64)
        -> ScanFrame?
    {
        guard options.terminators.contains(terminator) else { return append(character, at: time) }
        guard buffer.count >= options.minimumLength, !buffer.isEmpty else {
            if !buffer.isEmpty { counters.humanInputsDiscarded += 1 }
            discard()
            return nil
        }
        lastTime = time
        return finish(.terminator)
    }

    private mutating func append(_ character: Character, at time: UInt64) -> ScanFrame? {
        if buffer.isEmpty { firstTime = time }
        lastTime = time
        buffer.append(contentsOf: character.utf8)
        return buffer.count > options.maximumLength ? finish(.overflow) : nil
    }

    private mutating func finish(_ end: ScanFrame.End) -> ScanFrame {
        let frame = ScanFrame(
            bytes: buffer, end: end, damage: damage, firstNanoseconds: firstTime, lastNanoseconds: lastTime)
        buffer.removeAll(keepingCapacity: true)
        damage = nil
        return frame
    }

    private mutating func discard() {
        buffer.removeAll(keepingCapacity: true)
        damage = nil
    }
}
