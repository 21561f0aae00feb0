/// One scan as a device decoder framed it: the bytes between two terminators, before any GS substitution or
/// code decoding, with the facts a person needs to trust it (how it ended, whether anything was lost).
public struct ScanFrame: Sendable, Equatable {
    /// How the frame ended.
    public enum End: String, Sendable, Equatable, CaseIterable {
        /// The configured terminator (Enter, Tab, CR, CRLF) or the last report of a HID-POS scan.
        case terminator
        /// No byte arrived for the idle timeout (scanners configured without a terminator).
        case idle
        /// The device went away or failed mid-scan: the frame is a partial scan.
        case interrupted
        /// The frame grew past the maximum length without a terminator.
        case overflow
    }

    /// The scanned data as UTF-8 (keyboard wedges) or as received (serial, HID-POS), terminator removed.
    public var bytes: [UInt8]
    /// The AIM symbology identifier (`]d2`) when the transport carries one apart from the data (HID-POS).
    public var symbology: String?
    public var end: End
    /// Why the frame cannot be trusted as complete (events dropped, report truncated, unplugged), or nil.
    public var damage: String?
    /// Device time of the first and last byte (monotonic nanoseconds).
    public var firstNanoseconds: UInt64
    public var lastNanoseconds: UInt64

    public init(
        bytes: [UInt8], symbology: String? = nil, end: End, damage: String? = nil, firstNanoseconds: UInt64,
        lastNanoseconds: UInt64
    ) {
        self.bytes = bytes
        self.symbology = symbology
        self.end = end
        self.damage = damage
        self.firstNanoseconds = firstNanoseconds
        self.lastNanoseconds = lastNanoseconds
    }

    /// The data as text (invalid UTF-8 becomes U+FFFD, so garbage is visible, never dropped).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// True when the frame is a complete scan: ended normally and nothing was lost.
    public var isComplete: Bool { damage == nil && (end == .terminator || end == .idle) }
}

/// The end-of-scan keys a keyboard-wedge scanner can be programmed to send.
public enum WedgeTerminator: String, Sendable, CaseIterable {
    case enter, tab
}

extension Duration {
    /// Whole nanoseconds, saturating at zero for negative durations.
    var nanosecondsValue: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
